"""Demo meetings of the Krasnoyarsk rural district (office territory 111033000).

The seed's Q1 2022 figures: the akim's reporting meeting of 3 February 2022 for the whole
rural district (held in Krasny Yar's House of Culture, registered to the rural district
itself, so that the district's own Decree 826 sheet is produced beside its villages'),
counted once as planned and once as held (1 planned + 1 held); broadcast on Instagram once
and on TV twice; 1,320 participants (120 in the hall, 1,200 on Instagram); 36 speakers;
31 questions by topic (housing 7, land 1, roads 2, facilities 2, utilities 4, agriculture 2,
improvement 4, other 9); 0 critical remarks; 1 media item (social networks).

Reconciling the seed. Its reporting-meeting sheet says 725 present and 36 proposals of which
14 repeated, while its Decree 826 quarterly sheet for the same (and only) meeting of the
quarter says 120 present offline and 31 questions. The quarterly sheet is the signed report
that issue 5 reproduces from records, so the record follows it: participants_offline = 120,
participants_instagram = 1,200, 31 Question rows. Of the reporting-meeting sheet we keep
what does not contradict it: 36 speakers and 14 repeated questions (14 of the 31 rows are
marked repeated); the 725 present and the 36 proposals are quoted in the minutes text, where
a reader of the meeting page sees them, and are not counted anywhere.

Topic codes follow the default Decree 826 mapping of issue 5 point 6: housing ←
housing_utilities (5) + housing_provision (2); land ← land; roads ← roads; facilities ←
sport + culture; utilities ← water_supply (2) + sewerage + heating; agriculture ←
agriculture_veterinary; improvement ← improvement_sanitation_ecology; other ← other (4),
social_assistance (2), employment (2), transport_communications (1).

Also: four assignments from the reporting meeting (three done, one still open), two upcoming
planned meetings and the akim's reception schedule (Tuesday and Thursday, 10:00–13:00).
No appeals are made here, so the appeal reports of the seed are not disturbed. Idempotent.
"""

import datetime as dt

from django.contrib.auth import get_user_model

from tyndau.core import calendar
from tyndau.territory.models import Office, Territory

from . import services
from .models import Assignment, Meeting, MeetingKind, Question

KRASNOYARSK = "111033000"
KRASNY_YAR = "111033100"
KYZYL_ZHULDYZ = "111033200"
REPORTING_DAY = dt.date(2022, 2, 3)
# The subjects of the demo meetings in Kazakh (a Kazakh page shows these).
KAZAKH_TITLES = {
    "Отчетная встреча акима сельского округа с населением за 2021 год": (
        "Ауылдық округ әкімінің 2021 жылғы халықпен есепті кездесуі"
    ),
    "Сход жителей села Кызыл Жулдыз": "Қызыл Жұлдыз ауылы тұрғындарының жиыны",
    "Выездная встреча акима с жителями улицы Желтоксан": (
        "Әкімнің Желтоқсан көшесінің тұрғындарымен көшпелі кездесуі"
    ),
}

MINUTES = (
    "Отчетная встреча акима Красноярского сельского округа с населением за 2021 год.\n"
    "По данным листа регистрации отчетной встречи присутствовали 725 человек, выступили "
    "36 человек, внесено 36 предложений, из них 14 повторных. В квартальном отчете по Указу "
    "№ 826 учтены 120 участников в зале, 1 200 зрителей прямой трансляции в Instagram и "
    "31 вопрос.\n"
    "Вопросы и предложения доведены до ответственных исполнителей протокольно."
)

# topic code, text, repeated
QUESTIONS = [
    ("housing_utilities", "Капитальный ремонт кровли многоквартирного дома по ул. Ленина", True),
    ("housing_utilities", "Замена лифтового оборудования и ремонт подъездов", False),
    (
        "housing_utilities",
        "Создание объединения собственников имущества в домах по ул. Мира",
        False,
    ),
    ("housing_utilities", "Вывоз снега с придомовых территорий", True),
    ("housing_utilities", "Ремонт отмостки и подвалов многоквартирных домов", False),
    ("housing_provision", "Предоставление арендного жилья молодым специалистам", True),
    ("housing_provision", "Очередь на жилье из коммунального жилищного фонда", False),
    ("land", "Выделение земельных участков под индивидуальное жилищное строительство", True),
    ("roads", "Средний ремонт улиц Сейфуллина, Мира 2, Абылай хана и Комсомольской", True),
    ("roads", "Устройство тротуара к школе и пешеходного перехода", False),
    ("sport", "Строительство спортивных площадок во дворах", True),
    ("culture", "Ремонт сельского Дома культуры", False),
    ("water_supply", "Замена изношенных (более 70%) водопроводных сетей", True),
    ("water_supply", "Низкое давление воды в вечерние часы", False),
    ("sewerage", "Строительство канализационных сетей в частном секторе", True),
    ("heating", "Строительство новой котельной для подключения жилых домов", True),
    ("agriculture_veterinary", "Выделение пастбищ для выпаса скота", False),
    ("agriculture_veterinary", "Проведение вакцинации скота на подворьях", False),
    ("improvement_sanitation_ecology", "Строительство водоотводного канала по ул. Желтоксан", True),
    ("improvement_sanitation_ecology", "Благоустройство центрального парка", True),
    ("improvement_sanitation_ecology", "Обустройство контейнерных площадок", False),
    ("improvement_sanitation_ecology", "Уличное освещение на окраинных улицах", True),
    ("other", "Открытие пункта выдачи документов ЦОН в селе", False),
    ("other", "Работа участкового инспектора полиции в вечернее время", False),
    ("other", "Установка камер видеонаблюдения на перекрестках", True),
    ("other", "Отлов безнадзорных собак", True),
    ("social_assistance", "Адресная социальная помощь многодетным семьям", False),
    ("social_assistance", "Помощь одиноким пенсионерам в приобретении угля", False),
    ("employment", "Трудоустройство молодежи через программы занятости", False),
    ("employment", "Открытие курсов переподготовки для безработных", False),
    ("transport_communications", "Увеличение числа рейсов автобуса до Кокшетау", False),
]

# index in QUESTIONS, text of the assignment, result (None: still open)
ASSIGNMENTS = [
    (
        8,
        "Включить ремонт улиц Сейфуллина, Мира 2, Абылай хана и Комсомольской в бюджетную заявку",
        "Улицы включены в бюджетную заявку на 2023 год.",
    ),
    (
        20,
        "Определить места и обустроить контейнерные площадки",
        "Обустроено 6 контейнерных площадок.",
    ),
    (21, "Установить светильники на окраинных улицах", "Установлено 40 светодиодных светильников."),
    (12, "Подготовить проектно-сметную документацию на замену водопроводных сетей", None),
]


def seed_meetings(*, log=print):
    rural = Territory.objects.get(code=KRASNOYARSK)
    krasny_yar = Territory.objects.get(code=KRASNY_YAR)
    office = Office.objects.get(territory=rural)
    User = get_user_model()
    akim = User.objects.filter(username="akim").first()
    executor = User.objects.filter(username="executor").first()

    reporting = Meeting.objects.filter(
        territory__path__startswith=rural.path,
        kind=MeetingKind.REPORTING,
        planned_on=REPORTING_DAY,
    ).first()
    if reporting is None:
        reporting = services.meeting_plan(
            territory=rural,
            kind=MeetingKind.REPORTING,
            planned_on=REPORTING_DAY,
            starts_at=dt.time(11, 0),
            place="Дом культуры с. Красный Яр, ул. Ленина",
            title="Отчетная встреча акима сельского округа с населением за 2021 год",
            title_kk=KAZAKH_TITLES[
                "Отчетная встреча акима сельского округа с населением за 2021 год"
            ],
            broadcast_url="https://www.instagram.com/",
            by=akim,
        )
        services.meeting_hold(
            meeting=reporting,
            held_on=REPORTING_DAY,
            by=akim,
            minutes=MINUTES,
            broadcasts_instagram=1,
            broadcasts_tv=2,
            participants_offline=120,
            participants_instagram=1200,
            speakers=36,
            media_social=1,
        )
        questions = [
            services.question_add(meeting=reporting, topic=code, text=text, repeated=repeated)
            for code, text, repeated in QUESTIONS
        ]
        if executor is not None:
            given_on = dt.date(2022, 2, 4)
            for index, text, result in ASSIGNMENTS:
                assignment = services.assignment_give(
                    question=questions[index],
                    executor=executor,
                    by=akim,
                    text=text,
                    given_on=given_on,
                    notify=False,
                )
                if result:
                    services.assignment_complete(
                        assignment=assignment,
                        result=result,
                        by=executor,
                        done_on=calendar.add_working_days(given_on, 12),
                    )
            # The rest are long overdue: the akim was told the working day after the deadline.
            due_on = Assignment.objects.filter(question__meeting=reporting).values("due_on")[:1]
            services.assignments_escalate(
                today=calendar.add_working_days(due_on.get()["due_on"], 1), notify=False
            )
        log(
            f"Meetings: reporting meeting of {REPORTING_DAY:%d.%m.%Y} with "
            f"{Question.objects.filter(meeting=reporting).count()} questions."
        )

    today = calendar.today()
    upcoming = [
        (
            Territory.objects.get(code=KYZYL_ZHULDYZ),
            MeetingKind.GATHERING,
            14,
            "Сход жителей села Кызыл Жулдыз",
            "Сельский клуб с. Кызыл Жулдыз",
        ),
        (
            krasny_yar,
            MeetingKind.FIELD,
            30,
            "Выездная встреча акима с жителями улицы Желтоксан",
            "ул. Желтоксан, у водоотводного канала",
        ),
    ]
    for territory, kind, days, title, place in upcoming:
        if Meeting.objects.filter(territory=territory, title=title, status="planned").exists():
            continue
        services.meeting_plan(
            territory=territory,
            kind=kind,
            planned_on=calendar.working_day_on_or_after(today + dt.timedelta(days=days)),
            starts_at=dt.time(15, 0),
            place=place,
            title=title,
            title_kk=KAZAKH_TITLES.get(title, ""),
            broadcast_url="https://www.instagram.com/",
            by=akim,
        )
        log(f"Meetings: planned “{title}”.")

    schedule = services.reception_schedule_of(office=office)
    if not schedule.received_by:
        services.reception_schedule_set(
            office=office,
            by=akim,
            weekdays=[1, 3],
            starts_at=dt.time(10, 0),
            ends_at=dt.time(13, 0),
            slot_minutes=20,
            place=office.address or "",
            received_by="Аким сельского округа Аманов С.",
        )
        log("Reception: Tuesday and Thursday, 10:00–13:00.")
