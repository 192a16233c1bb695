"""Demo territories, staff and district profile: Krasnoyarsk rural district, Kokshetau."""

import datetime as dt
import json
from decimal import Decimal
from pathlib import Path

from django.contrib.auth import get_user_model

from .models import Membership, Office, ProfileFigure, Role, Street, Territory
from .services import territories_import

DEMO_PASSWORD = "tyndau-demo"
KRASNOYARSK = "111033000"
NEIGHBOUR = "114645000"

# username, role, office territory code, first name, last name, position
DEMO_STAFF = [
    ("akim", Role.AKIM, KRASNOYARSK, "Серик", "Аманов", "Аким сельского округа"),
    ("deputy", Role.DEPUTY, KRASNOYARSK, "Айгуль", "Сейткали", "Заместитель акима"),
    ("clerk", Role.CLERK, KRASNOYARSK, "Динара", "Ахметова", "Специалист канцелярии"),
    ("executor", Role.EXECUTOR, KRASNOYARSK, "Ержан", "Касымов", "Главный специалист"),
    ("analyst", Role.ANALYST, "111000000", "Марина", "Ким", "Аналитик акимата"),
    ("administrator", Role.ADMINISTRATOR, KRASNOYARSK, "Тимур", "Нурланов", "Администратор"),
    ("neighbour_clerk", Role.CLERK, NEIGHBOUR, "Асель", "Омарова", "Специалист канцелярии"),
]


# Approximate centres of the demo territories (a map centres on the chosen village).
CENTRES = {
    "110000000": (52.30, 69.50),
    "111000000": (53.2836, 69.3783),
    "111033000": (53.3250, 69.2450),
    "111033100": (53.3300, 69.2430),
    "111033200": (53.3650, 69.1800),
    "111035000": (53.2400, 69.3500),
    "114600000": (52.9000, 69.1500),
    "114645000": (52.9500, 69.0000),
    "114645100": (52.9560, 68.9930),
}

# The office's street list (the filing form's address search): village, ru, kk, en, centre.
STREETS = [
    ("111033100", "улица Ленина", "Ленин көшесі", "Lenin Street", 53.3310, 69.2440),
    ("111033100", "улица Мира", "Мира көшесі", "Mira Street", 53.3297, 69.2411),
    ("111033100", "улица Сейфуллина", "Сейфуллин көшесі", "Seifullin Street", 53.3325, 69.2385),
    ("111033100", "улица Абылай хана", "Абылай хан көшесі", "Abylai Khan Street", 53.3290, 69.2470),
    ("111033100", "улица Комсомольская", "Комсомол көшесі", "Komsomolskaya Street", 53.3275, 69.2405),
    ("111033100", "улица Желтоксан", "Желтоқсан көшесі", "Zheltoksan Street", 53.3340, 69.2460),
    ("111033100", "улица Абая", "Абай көшесі", "Abai Street", 53.3305, 69.2395),
    ("111033100", "улица Школьная", "Мектеп көшесі", "Shkolnaya Street", 53.3285, 69.2435),
    ("111033200", "улица Центральная", "Орталық көшесі", "Tsentralnaya Street", 53.3652, 69.1805),
]  # fmt: skip


def seed_places(*, log=print):
    """Centres of the demo territories and the Krasnoyarsk office's street list."""
    for code, (lat, lon) in CENTRES.items():
        Territory.objects.filter(code=code).update(latitude=lat, longitude=lon)
    for code, ru, kk, en, lat, lon in STREETS:
        Street.objects.update_or_create(
            territory=Territory.objects.get(code=code),
            name_ru=ru,
            defaults={"name_kk": kk, "name_en": en, "latitude": lat, "longitude": lon},
        )
    log(f"Places: {len(CENTRES)} territory centres, {len(STREETS)} streets.")


def seed_territories(*, log=print):
    path = Path(__file__).parent / "data" / "demo_territories.csv"
    result = territories_import(text=path.read_text(encoding="utf-8"))
    Office.objects.filter(territory__code=KRASNOYARSK, prefix="").update(prefix="KY")
    Office.objects.filter(territory__code=NEIGHBOUR, prefix="").update(prefix="MG")
    Office.objects.filter(territory__code=KRASNOYARSK).update(
        address="Акмолинская обл., г. Кокшетау, с. Красный Яр, ул. Ленина, 49",
        address_kk="Ақмола облысы, Көкшетау қ., Красный Яр а., Ленин көшесі, 49",
        address_en="49 Lenin Street, Krasny Yar, Kokshetau, Akmola Region",
        phone="+7 7162 00-00-00",
    )
    log(f"Territories: {result.created} created, {result.updated} updated.")
    seed_places(log=log)


def seed_users(*, log=print):
    User = get_user_model()
    lines = []
    for username, role, code, first, last, position in DEMO_STAFF:
        user, created = User.objects.get_or_create(
            username=username,
            defaults={"first_name": first, "last_name": last, "email": f"{username}@example.kz"},
        )
        if created:
            user.set_password(DEMO_PASSWORD)
            user.is_staff = role == Role.ADMINISTRATOR
            user.save()
        office = Office.objects.get(territory__code=code)
        Membership.objects.get_or_create(
            user=user, office=office, role=role, defaults={"position": position}
        )
        lines.append(f"  {username:16} {role.label:14} {office.territory.name_ru}")
    admin, created = User.objects.get_or_create(
        username="admin", defaults={"is_staff": True, "is_superuser": True}
    )
    if created:
        admin.set_password(DEMO_PASSWORD)
        admin.save()
    log(f"Demo staff logins (password “{DEMO_PASSWORD}”):")
    for line in lines:
        log(line)
    log(f"  {'admin':16} superuser for /admin/")


# The district profile (passport) of the demo district, one figure a row:
# key, section, label ru, kk, en, value, unit (a number with a point is read as a Decimal).
PROFILE = [
    tuple(row)
    for row in json.loads(
        (Path(__file__).resolve().parent / "data" / "demo_profile.json").read_text("utf-8"),
        parse_float=Decimal,
    )
]


def seed_profile(*, log=print):
    territory = Territory.objects.get(code=KRASNOYARSK)
    for order, (key, section, ru, kk, en, value, unit) in enumerate(PROFILE):
        ProfileFigure.objects.update_or_create(
            territory=territory,
            key=key,
            defaults={
                "section": section,
                "label_ru": ru,
                "label_kk": kk,
                "label_en": en,
                "value": value,
                "unit": unit,
                "as_of": dt.date(2022, 1, 1),
                "order": order,
            },
        )
    log(f"District profile: {len(PROFILE)} figures.")
