"""Demo territories, staff and district profile: Krasnoyarsk rural district, Kokshetau."""

import datetime as dt
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


# key, section, label ru, kk, en, value, unit
PROFILE = [
    ("population", "population", "Население", "Халық саны", "Population", 12405, "people"),
    ("women", "population", "Женщины", "Әйелдер", "Women", 6416, "people"),
    ("men", "population", "Мужчины", "Ерлер", "Men", 5989, "people"),
    ("households", "population", "Домашние хозяйства", "Үй шаруашылықтары", "Households", 3425, ""),
    (
        "census_1999",
        "population",
        "Население по переписи 1999 г.",
        "1999 жылғы санақ бойынша халық саны",
        "Population, 1999 census",
        8352,
        "people",
    ),
    (
        "census_2009",
        "population",
        "Население по переписи 2009 г.",
        "2009 жылғы санақ бойынша халық саны",
        "Population, 2009 census",
        9875,
        "people",
    ),
    (
        "schools",
        "education",
        "Общеобразовательные школы",
        "Жалпы білім беретін мектептер",
        "Secondary schools",
        3,
        "",
    ),
    (
        "college_students",
        "education",
        "Студенты Агротехнического колледжа",
        "Агротехникалық колледж студенттері",
        "Students of the agro-technical college",
        461,
        "people",
    ),
    ("kindergartens", "education", "Детские сады", "Балабақшалар", "Kindergartens", 2, ""),
    (
        "kindergarten_places",
        "education",
        "Мест в детских садах",
        "Балабақшалардағы орындар",
        "Kindergarten places",
        290,
        "",
    ),
    (
        "sport_residents",
        "education",
        "Занимаются спортом",
        "Спортпен айналысатындар",
        "Residents doing sport",
        725,
        "people",
    ),
    (
        "culture_events",
        "culture",
        "Мероприятия Дома культуры «Көкше» (2021)",
        "«Көкше» мәдениет үйінің іс-шаралары (2021)",
        "Events of the Kokshe House of Culture (2021)",
        607,
        "",
    ),
    (
        "culture_reach",
        "culture",
        "Охват мероприятий (2021)",
        "Іс-шаралармен қамту (2021)",
        "People reached by events (2021)",
        69141,
        "people",
    ),
    (
        "club_members",
        "culture",
        "Участники клубных формирований",
        "Үйірме мүшелері",
        "Members of clubs",
        585,
        "people",
    ),
    ("hospital_beds", "health", "Койки стационара", "Стационар төсектері", "Hospital beds", 20, ""),
    (
        "day_beds",
        "health",
        "Койки дневного стационара",
        "Күндізгі стационар төсектері",
        "Day-care beds",
        15,
        "",
    ),
    ("doctors", "health", "Врачи", "Дәрігерлер", "Doctors", 31, "people"),
    (
        "clinic_visits",
        "health",
        "Поликлиника, посещений в смену",
        "Емхана, ауысымдағы келу",
        "Outpatient clinic visits per shift",
        200,
        "",
    ),
    (
        "heat_consumers",
        "utilities",
        "Объекты с теплоснабжением",
        "Жылумен қамтылған нысандар",
        "Buildings on district heating",
        505,
        "",
    ),
    (
        "water_mains_km",
        "utilities",
        "Сети водопровода",
        "Су құбыры желілері",
        "Water mains",
        Decimal("24.065"),
        "km",
    ),
    (
        "sewers_km",
        "utilities",
        "Сети канализации",
        "Кәріз желілері",
        "Sewers",
        Decimal("9.5"),
        "km",
    ),
    (
        "water_pumps",
        "utilities",
        "Водоразборные колонки",
        "Су тарату колонкалары",
        "Water pumps",
        43,
        "",
    ),
    ("sme", "business", "Субъекты МСБ", "ШОБ субъектілері", "Small and medium businesses", 192, ""),
    ("shops", "business", "Объекты торговли", "Сауда нысандары", "Shops and trade outlets", 65, ""),
    (
        "trade_jobs",
        "business",
        "Занятые в торговле",
        "Саудада жұмыс істейтіндер",
        "People employed in trade",
        234,
        "people",
    ),
    (
        "police_staff",
        "safety",
        "Сотрудники отделения полиции",
        "Полиция бөлімшесінің қызметкерлері",
        "Police station staff",
        13,
        "people",
    ),
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
