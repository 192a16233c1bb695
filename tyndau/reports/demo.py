"""Demo appeals of Krasnoyarsk rural district whose reports reproduce the seed's tables.

Table 1 (2021): received 258 (individuals 166, legal entities 49, personal reception 43;
repeated 0); considered 219 (satisfied 70, refused 13, explained 135, terminated 1);
redirected 52. Considered + redirected (271) exceed received (258) because 20 appeals
registered in late December 2020 were answered in January 2021; 7 appeals registered at the
end of December 2021 were answered in January 2022 (pending at the end of 2021).

Table 2 (2021): housing and communal services 98, land 21, labour and employment 12,
provision of housing 4, education 0, agriculture 3, everyday life 32, targeted social
assistance 8, complaints about officials 0, other 80.

Decree 826, Q1 2022, as two sheets side by side (``--scope own``):

- the rural district's own sheet: its reporting meeting (meetings demo), 11 appeals
  through social networks registered to the rural district itself, no reception;
- the village of Kyzyl Zhuldyz: one gathering of residents (39 participants: 10 in the
  hall, 29 on Instagram; one Instagram broadcast; 5 questions: roads 1, utilities 1,
  improvement 1, other 2; one item in social networks) and one personal reception held
  there on 15 March 2022.

Every personal-reception appeal has its visit in the reception journal
(``meetings.ReceptionSession``), as ``reception_record`` would have written it. The
personal reception of H1 2022 received 7 citizens.

The appeals are entries of the office's old register, numbered ``KY-<year>-<n>`` with
their dates and answers, registered by the batch form of registration
(``appeals.intake_batch``) as an import would be: the same checks, deadlines, timeline and
audit as every appeal. The step does nothing if they exist.
"""

from __future__ import annotations

import datetime as dt
import random

from django.contrib.auth import get_user_model

from tyndau.appeals.intake import AppealDraft, Applicant, Place, RegisterEntry
from tyndau.appeals.intake_batch import appeals_register_batch
from tyndau.appeals.models import (
    Appeal,
    ApplicantType,
    Channel,
    Kind,
    Outcome,
    Status,
    Topic,
)
from tyndau.core import calendar
from tyndau.territory.models import Office, Territory

KRASNOYARSK = "111033000"
KRASNY_YAR = "111033100"
KYZYL_ZHULDYZ = "111033200"

# Table 2 column -> the internal topics the demo uses for it (all mapped to that column).
TOPIC_ROWS = [
    ("housing_utilities", 98, ["housing_utilities", "water_supply", "heating", "roads",
                               "improvement_sanitation_ecology", "sewerage",
                               "electricity_gas_telecom"]),
    ("land", 21, ["land"]),
    ("labour_employment", 12, ["employment"]),
    ("housing_provision", 4, ["housing_provision"]),
    ("education_science", 0, ["education"]),
    ("agriculture", 3, ["agriculture_veterinary"]),
    ("everyday_life", 32, ["everyday_life"]),
    ("social_assistance", 8, ["social_assistance"]),
    ("complaints_officials", 0, ["complaints_officials"]),
    ("other", 80, ["other", "legal", "health", "transport_communications", "culture",
                   "public_services", "business"]),
]  # fmt: skip

TEXTS = {
    "housing_utilities": "Просим отремонтировать крышу многоквартирного дома по ул. Ленина.",
    "water_supply": "Нет холодной воды на ул. Сейфуллина вторую неделю.",
    "heating": "В квартире холодно, батареи едва тёплые.",
    "roads": "Просим провести ямочный ремонт ул. Абылай хана.",
    "improvement_sanitation_ecology": "Не вывозится мусор с контейнерной площадки.",
    "sewerage": "Засор канализации во дворе дома.",
    "electricity_gas_telecom": "Перебои с электричеством по ул. Мира.",
    "land": "Прошу выделить земельный участок под строительство жилого дома.",
    "employment": "Прошу помочь с трудоустройством.",
    "housing_provision": "Прошу поставить в очередь на получение жилья.",
    "agriculture_veterinary": "Просим организовать вакцинацию скота.",
    "everyday_life": "Шумные соседи мешают отдыхать по ночам.",
    "social_assistance": "Прошу назначить адресную социальную помощь.",
    "other": "Прошу дать разъяснение.",
    "legal": "Прошу разъяснить порядок оформления наследства.",
    "health": "Просим продлить часы работы медпункта.",
    "transport_communications": "Просим пустить автобус до Кокшетау чаще.",
    "culture": "Просим открыть кружок в доме культуры.",
    "public_services": "Как получить справку о составе семьи?",
    "business": "Прошу разъяснить порядок получения субсидии для ИП.",
}

NAMES = [
    "Ахметов Нурлан", "Иванова Светлана", "Садыкова Гульнар", "Петров Сергей",
    "Жумабаев Ерлан", "Ким Ольга", "Омарова Айгерим", "Смагулов Бауыржан",
    "Кузнецова Наталья", "Тлеубаев Асхат", "Мусина Динара", "Бондаренко Виктор",
]  # fmt: skip
COMPANIES = ['ТОО "Красный Яр Агро"', 'ИП "Сейткали"', 'ТОО "Кокше Строй"', 'КХ "Береке"']
BINS = ["050740001241", "120840014568", "071140007898", "160340023457"]  # valid check digits

# (outcome or "" for redirected, how many) decided in 2021; 20 carried over from 2020
# are all answered, so the 52 redirected are among the 2021 registrations.
OUTCOMES_2021 = [
    (Outcome.SATISFIED, 70),
    (Outcome.REFUSED, 13),
    (Outcome.EXPLAINED, 135),
    (Outcome.TERMINATED, 1),
    ("", 52),
]
CARRIED_OVER = 20
PENDING_AT_END = 7
SOCIAL_Q1_2022 = 11
RECEPTION_2022 = [dt.date(2022, 3, 15)] + [dt.date(2022, 4, 14)] * 3 + [dt.date(2022, 6, 9)] * 3


def _working_days(start: dt.date, end: dt.date) -> list[dt.date]:
    days, day = [], start
    while day <= end:
        if calendar.is_working_day(day):
            days.append(day)
        day += dt.timedelta(days=1)
    return days


class _Builder:
    def __init__(self, office: Office, executor):
        self.office = office
        self.executor = executor
        self.territories = {
            code: Territory.objects.get(code=code)
            for code in (KRASNOYARSK, KRASNY_YAR, KYZYL_ZHULDYZ)
        }
        self.topics = {t.code: t for t in Topic.objects.all()}
        self.numbers: dict[int, int] = {}
        self.rows: list[AppealDraft] = []
        self.rng = random.Random(2021)

    def add(
        self, *, registered_on, topic, channel, applicant_type, outcome=None, days=10, place=None
    ):
        """One appeal; outcome None = still undecided, "" = redirected, else answered;
        ``place``: the territory code it is registered to (default: a village)."""
        year = registered_on.year
        self.numbers[year] = self.numbers.get(year, 0) + 1
        n = self.numbers[year]
        territory = self.territories[place or (KYZYL_ZHULDYZ if n % 25 == 0 else KRASNY_YAR)]
        decided = None
        status = Status.IN_PROGRESS
        if outcome == "":
            decided, status = calendar.add_working_days(registered_on, 2), Status.REDIRECTED
        elif outcome:
            decided, status = calendar.add_working_days(registered_on, days), Status.ANSWERED
        legal = applicant_type == ApplicantType.LEGAL_ENTITY
        self.rows.append(
            AppealDraft(
                channel=channel,
                kind=Kind.STATEMENT,
                topic=self.topics[topic],
                text=TEXTS.get(topic, TEXTS["other"]),
                applicant=Applicant(
                    type=applicant_type,
                    name=(COMPANIES if legal else NAMES)[n % (4 if legal else 12)],
                    bin=BINS[n % 4] if legal else "",
                ),
                place=Place(territory=territory, office=self.office),
                received_at=dt.datetime.combine(
                    registered_on, dt.time(10, n % 50), tzinfo=dt.timezone(dt.timedelta(hours=5))
                ),
                entry=RegisterEntry(
                    number=f"{self.office.prefix or self.office.territory.code}-{year}-{n:05d}",
                    status=status,
                    outcome=outcome or "",
                    decided_on=decided,
                    redirected_to=(
                        "ГУ «Отдел земельных отношений г. Кокшетау»" if outcome == "" else ""
                    ),
                    executor=self.executor if status != Status.REDIRECTED else None,
                    answer_text="Дан ответ по существу обращения." if outcome else "",
                ),
            )
        )


def _reception_journal(office: Office, appeals: list[Appeal]) -> None:
    """One visit of the reception journal per personal-reception appeal (one question)."""
    from tyndau.meetings.models import ReceptionQuestion, ReceptionSession

    saved = {
        a.number: a
        for a in Appeal.objects.filter(office=office, number__in=[a.number for a in appeals])
    }
    sessions = ReceptionSession.objects.bulk_create(
        [
            ReceptionSession(
                office=office,
                place_id=saved[appeal.number].territory_id,
                held_at=appeal.received_at,
                visitor_name=appeal.applicant_name,
            )
            for appeal in appeals
        ]
    )
    ReceptionQuestion.objects.bulk_create(
        [
            ReceptionQuestion(
                session=session,
                topic=appeal.topic,
                text=appeal.text,
                appeal=saved[appeal.number],
            )
            for session, appeal in zip(sessions, appeals, strict=True)
        ]
    )


# The seed's Kyzyl Zhuldyz sheet for Q1 2022: topic code of each of the 5 questions.
VILLAGE_QUESTIONS = [
    ("roads", "Ремонт дороги от Кызыл Жулдыза до Красного Яра"),
    ("water_supply", "Подвоз питьевой воды в летний период"),
    ("improvement_sanitation_ecology", "Вывоз мусора с окраины села"),
    ("other", "Остановка школьного автобуса у клуба"),
    ("other", "Работа фельдшера по выходным дням"),
]
VILLAGE_DAY = dt.date(2022, 3, 10)


def _village_meeting() -> None:
    """The rural-district akim's gathering with the residents of Kyzyl Zhuldyz."""
    from tyndau.meetings import services as meetings
    from tyndau.meetings.models import MeetingKind

    village = Territory.objects.get(code=KYZYL_ZHULDYZ)
    akim = get_user_model().objects.filter(username="akim").first()
    meeting = meetings.meeting_plan(
        territory=village,
        kind=MeetingKind.GATHERING,
        planned_on=VILLAGE_DAY,
        starts_at=dt.time(15, 0),
        place="Сельский клуб с. Кызыл Жулдыз",
        title="Встреча акима сельского округа с жителями села Кызыл Жулдыз",
        broadcast_url="https://www.instagram.com/",
        by=akim,
    )
    meetings.meeting_hold(
        meeting=meeting,
        held_on=VILLAGE_DAY,
        by=akim,
        minutes="Встреча с жителями села Кызыл Жулдыз: 10 человек в зале, 29 зрителей в Instagram.",
        broadcasts_instagram=1,
        participants_offline=10,
        participants_instagram=29,
        speakers=5,
        media_social=1,
    )
    for code, text in VILLAGE_QUESTIONS:
        meetings.question_add(meeting=meeting, topic=code, text=text)


def seed_report_demo(*, log=print):
    office = Office.objects.filter(territory__code=KRASNOYARSK).first()
    if office is None:
        log("Report demo: no Krasnoyarsk office, skipped.")
        return
    prefix = office.prefix or office.territory.code
    if Appeal.objects.filter(office=office, number=f"{prefix}-2021-00001").exists():
        log("Report demo: appeals of 2021 already loaded.")
        return
    executor = get_user_model().objects.filter(username="executor").first()
    b = _Builder(office, executor)

    # 2020: carried over into 2021 (registered in the last days of December, answered in
    # January 2021).
    december = _working_days(dt.date(2020, 12, 21), dt.date(2020, 12, 30))
    outcomes = [o for o, count in OUTCOMES_2021 for _ in range(count)]
    b.rng.shuffle(outcomes)
    carried = [o for o in outcomes if o][:CARRIED_OVER]
    rest = list(outcomes)
    for outcome in carried:
        rest.remove(outcome)
    for i, outcome in enumerate(carried):
        b.add(
            registered_on=december[i % len(december)],
            topic="housing_utilities",
            channel=Channel.WRITTEN,
            applicant_type=ApplicantType.INDIVIDUAL,
            outcome=outcome,
            days=12,
        )

    # 2021: 258 received; sources and topics as in Tables 1 and 2.
    sources = (
        [(Channel.PERSONAL_RECEPTION, ApplicantType.INDIVIDUAL)] * 43
        + [(Channel.EOTINISH, ApplicantType.INDIVIDUAL)] * 90
        + [(Channel.WRITTEN, ApplicantType.INDIVIDUAL)] * 56
        + [(Channel.PHONE, ApplicantType.INDIVIDUAL)] * 20
        + [(Channel.EOTINISH, ApplicantType.LEGAL_ENTITY)] * 30
        + [(Channel.WRITTEN, ApplicantType.LEGAL_ENTITY)] * 19
    )
    topics = [codes[i % len(codes)] for _column, count, codes in TOPIC_ROWS for i in range(count)]
    b.rng.shuffle(sources)
    b.rng.shuffle(topics)
    year_days = _working_days(dt.date(2021, 1, 5), dt.date(2021, 12, 3))
    late_days = _working_days(dt.date(2021, 12, 27), dt.date(2021, 12, 30))
    decided_in_2021 = 258 - PENDING_AT_END
    assert len(rest) == decided_in_2021
    for i in range(258):
        channel, applicant_type = sources[i]
        if i < decided_in_2021:
            day = year_days[i * len(year_days) // decided_in_2021]
            outcome = rest[i]
        else:
            day = late_days[(i - decided_in_2021) % len(late_days)]
            outcome = b.rng.choice([Outcome.SATISFIED, Outcome.EXPLAINED])
        b.add(
            registered_on=day,
            topic=topics[i],
            channel=channel,
            applicant_type=applicant_type,
            outcome=outcome,
            days=8 + i % 6,
        )

    # 2022: appeals through social networks in Q1; personal reception in H1.
    for i in range(SOCIAL_Q1_2022):
        b.add(
            registered_on=_working_days(dt.date(2022, 1, 10), dt.date(2022, 3, 25))[i * 4],
            topic=["roads", "water_supply", "improvement_sanitation_ecology", "land"][i % 4],
            channel=Channel.SOCIAL,
            applicant_type=ApplicantType.INDIVIDUAL,
            outcome=Outcome.EXPLAINED,
            place=KRASNOYARSK,
        )
    for i, day in enumerate(RECEPTION_2022):
        b.add(
            registered_on=day,
            topic=[
                "land",
                "land",
                "land",
                "housing_provision",
                "housing_provision",
                "complaints_officials",
                "complaints_officials",
            ][i],  # fmt: skip
            channel=Channel.PERSONAL_RECEPTION,
            applicant_type=ApplicantType.INDIVIDUAL,
            outcome=Outcome.SATISFIED,
            # The Q1 reception was held in the village of Kyzyl Zhuldyz.
            place=KYZYL_ZHULDYZ if day == RECEPTION_2022[0] else None,
        )

    result = appeals_register_batch(b.rows, office=office)  # the counters move past them
    reception = [
        pk
        for pk, draft in zip(result.appeal_ids, b.rows, strict=True)
        if draft.channel == Channel.PERSONAL_RECEPTION
    ]
    _reception_journal(office, list(Appeal.objects.filter(pk__in=reception).order_by("pk")))
    _village_meeting()
    log(f"Report demo: {len(b.rows)} appeals of Krasnoyarsk for 2020–2022 (seed tables).")
