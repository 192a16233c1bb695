"""Current demo appeals of Krasnoyarsk rural district: open, overdue, answered, risky.

Registered through the services, so numbers, deadlines, risk and timelines are real.
Idempotent: each demo appeal carries a client key.
"""

import datetime as dt
from zoneinfo import ZoneInfo

from django.contrib.auth import get_user_model

from tyndau.core import calendar
from tyndau.territory.models import Office

from . import intake, services

ALMATY = ZoneInfo("Asia/Almaty")

# days ago (working days), channel, topic, kind, street, text, flags, lat, lon, then
DEMO = [
    (
        1,
        "portal",
        "water_supply",
        "statement",
        "Ленина",
        "Третий день нет воды в доме по улице Ленина.",
        {},
        53.3321,
        69.2465,
        "open",
    ),
    (
        2,
        "phone",
        "water_supply",
        "statement",
        "Ленина",
        "На улице Ленина прорвало трубу, вода заливает дорогу.",
        {"signatories": 14},
        53.3326,
        69.2478,
        "open",
    ),
    (
        3,
        "social",
        "water_supply",
        "complaint",
        "Ленина",
        "Снова нет воды на Ленина, жалуемся повторно всей улицей.",
        {"signatories": 31},
        53.3318,
        69.2455,
        "assign",
    ),
    (
        4,
        "written",
        "roads",
        "statement",
        "Сейфуллина",
        "Просим отремонтировать улицу Сейфуллина, ямы после зимы.",
        {},
        53.3342,
        69.2511,
        "assign",
    ),
    (
        5,
        "personal_reception",
        "heating",
        "statement",
        "Мира",
        "В квартире холодно, батареи едва тёплые.",
        {"social_assistance_recipient": True},
        53.3301,
        69.2402,
        "assign",
    ),
    (
        6,
        "eotinish",
        "land",
        "request",
        "Абылай Хана",
        "Прошу разъяснить порядок выделения земельного участка под ИЖС.",
        {},
        53.3355,
        69.2433,
        "answer",
    ),
    (
        8,
        "email",
        "improvement_sanitation_ecology",
        "proposal",
        "Желтоксан",
        "Предлагаю установить контейнерную площадку на Желтоксан.",
        {},
        53.3289,
        69.2521,
        "answer",
    ),
    (
        12,
        "written",
        "complaints_officials",
        "complaint",
        "Комсомольская",
        "Жалоба на грубость специалиста при приёме документов.",
        {"against_official": True},
        53.3311,
        69.2389,
        "assign",
    ),
    (
        14,
        "meeting",
        "roads",
        "statement",
        "Абылай Хана",
        "Нет освещения на перекрёстке, темно и опасно для детей.",
        {"threat_to_life": True},
        53.3361,
        69.2449,
        "assign",
    ),
    (
        18,
        "phone",
        "everyday_life",
        "statement",
        "",
        "Бродячие собаки у школы.",
        {},
        None,
        None,
        "redirect",
    ),
    (
        25,
        "written",
        "sport",
        "proposal",
        "",
        "Просим построить спортивную площадку в Кызыл Жулдызе.",
        {"village": "111033200"},
        None,
        None,
        "closed",
    ),
    (
        21,
        "written",
        "housing_utilities",
        "statement",
        "Мира",
        "Протекает крыша нашего дома на улице Мира, просим помочь с ремонтом.",
        {},
        53.3297,
        69.2411,
        "assign",
    ),
]


def seed_appeals(*, log=print):
    User = get_user_model()
    office = Office.objects.get(territory__code="111033000")
    clerk = User.objects.get(username="clerk")
    executor = User.objects.get(username="executor")
    akim = User.objects.get(username="akim")
    today = calendar.today()
    created = 0
    for index, (ago, channel, topic, kind, street, text, flags, lat, lon, then) in enumerate(DEMO):
        day = today
        for _ in range(ago):
            day = day - dt.timedelta(days=1)
            while not calendar.is_working_day(day):
                day -= dt.timedelta(days=1)
        flags = dict(flags)
        village = flags.pop("village", "111033100")
        draft = intake.AppealDraft.from_fields(
            office=office,
            territory=office.territory.subtree().get(code=village),
            channel=channel,
            applicant_type="individual",
            kind=kind,
            topic=topic,
            text=text,
            received_at=dt.datetime.combine(day, dt.time(10, 30), tzinfo=ALMATY),
            applicant_name=["Ахметов Нурлан", "Иванова Ольга", "Жумабаев Ерлан"][index % 3],
            phone=f"+7701555{index:04d}",
            address=f"с. Красный Яр, ул. {street}, {10 + index}" if street else "",
            street=street,
            latitude=lat,
            longitude=lon,
            client_key=f"demo-appeal-{index}",
            **flags,
        )
        registration = intake.appeal_register(draft=draft, by=clerk)
        if registration.replayed:  # seeded before
            continue
        appeal = registration.appeal
        if then in {"assign", "answer", "closed"}:
            appeal = services.appeal_assign(appeal=appeal, executor=executor, by=clerk)
        if then in {"answer", "closed"}:
            appeal = services.appeal_answer(
                appeal=appeal,
                outcome="explained" if then == "answer" else "satisfied",
                text="Вопрос рассмотрен, заявителю даны разъяснения.",
                by=executor,
            )
        if then == "redirect":
            appeal = services.appeal_redirect(
                appeal=appeal, to="ГУ «Отдел ветеринарии города Кокшетау»", reason="", by=clerk
            )
        if then == "closed":
            services.appeal_close(appeal=appeal, by=akim)
        created += 1
    log(f"Demo appeals: {created} created.")
