"""Akmola oblast for the demo (``manage.py seed_demo --oblast``): the oblast's figures of
the seed, reproduced by synthetic records.

The seed (an akim's report on his internship in the oblast's akimat) gives for Akmola
oblast: 3 cities of oblast significance and 17 districts, 240 akims of towns, rural
districts, settlements and villages; 842 meetings of akims of all levels with more than
40 thousand residents; 54,490 appeals registered in e-Otinish from 1 July 2021 to 24 May
2022, 21 % (11,482) on agriculture and land relations, 19 % (10,308) on construction,
industry, transport and communications, housing and communal services; and the risk map
of those appeals: 3,996 yellow (1–2 points), 399 orange (3–5), 7 red.

The oblast is built around the demo's own territories (Kokshetau with the Krasnoyarsk
rural district, Zerendi district): ``seed_oblast`` adds what is missing so that the
oblast's whole subtree, the demo's records included, counts exactly those figures. The
records are generated from a fixed seed (the same rows on every run) and go through
``bulk_create``, so the tally triggers count them as they count the demo's and the
import's. A band of the risk map is the one ``appeals.risk.risk_evaluate`` gives the
appeal's features (a collective appeal is yellow, a repeated one orange, a threat to life
red, with the default rules); the appeals are all decided, so no deadline rule moves them.
"""

from __future__ import annotations

import datetime as dt
import random
import time
from collections.abc import Callable

from django.db import transaction
from django.db.models import Count, Q, Sum
from django.utils import timezone

from tyndau.appeals.models import Appeal, RiskSettings, Topic
from tyndau.appeals.risk import risk_config, risk_evaluate
from tyndau.meetings.models import Meeting, MeetingKind, MeetingStatus
from tyndau.territory.models import Level, Office, Territory, has_own_akim
from tyndau.territory.querysets import within_q

from . import meeting_tally, tally
from .country import _territory

SEED = 826
OBLAST = "110000000"
START = dt.date(2021, 7, 1)
END = dt.date(2022, 5, 24)
CITIES = 3
DISTRICTS = 17
LOWER_AKIMS = 240
MEETINGS = 842
PARTICIPANTS = 40_600  # "more than 40 thousand residents"
APPEALS = 54_490
# The seed's two topic groups, as internal topics; the other appeals fall on OTHER.
AGRICULTURE_LAND = (11_482, ["agriculture_veterinary", "land"])
CONSTRUCTION_HOUSING = (
    10_308,
    ["transport_communications", "roads", "housing_utilities", "water_supply", "sewerage",
     "heating", "electricity_gas_telecom"],
)  # fmt: skip
OTHER = ["political", "economy_budget", "public_services", "employment",
         "social_assistance", "education", "health", "culture", "sport", "legal", "business",
         "credit", "other"]  # fmt: skip
RISK = {"yellow": 3_996, "orange": 399, "red": 7}
CHANNELS = ["eotinish"] * 6 + ["portal", "written", "phone", "email", "social"]
OUTCOMES = ["explained", "explained", "explained", "satisfied", "satisfied", "refused"]
KINDS = [MeetingKind.GATHERING, MeetingKind.GATHERING, MeetingKind.REPORTING,
         MeetingKind.FIELD, MeetingKind.HEARING]  # fmt: skip

# The oblast's other two cities and its districts (Kokshetau and Zerendi are the demo's).
CITY_NAMES = [
    ("111800000", "город Степногорск", "Степногор қаласы", "Stepnogorsk"),
    ("111900000", "город Косшы", "Қосшы қаласы", "Kosshy"),
]
DISTRICT_NAMES = [
    ("Аккольский", "Ақкөл", "Akkol"), ("Аршалынский", "Аршалы", "Arshaly"),
    ("Астраханский", "Астрахан", "Astrakhan"), ("Атбасарский", "Атбасар", "Atbasar"),
    ("Буландынский", "Бұланды", "Bulandy"), ("Бурабайский", "Бурабай", "Burabay"),
    ("Егиндыкольский", "Егіндікөл", "Egindykol"), ("Биржан сал", "Біржан сал", "Birzhan sal"),
    ("Ерейментауский", "Ерейментау", "Ereymentau"), ("Есильский", "Есіл", "Esil"),
    ("Жаксынский", "Жақсы", "Zhaksy"), ("Жаркаинский", "Жарқайың", "Zharkain"),
    ("Коргалжынский", "Қорғалжын", "Korgalzhyn"), ("Сандыктауский", "Сандықтау", "Sandyktau"),
    ("Целиноградский", "Целиноград", "Tselinograd"), ("Шортандинский", "Шортанды", "Shortandy"),
]  # fmt: skip
# The districts' synthetic codes: 11 + 50–65 + 00000 (the real ones are not in the demo).
FIRST_DISTRICT = 50


def _lower_akims(root: Territory) -> int:
    """The akims below the district level in ``root``'s subtree (towns, rural districts,
    settlements and villages with their own akim)."""
    lower = {Level.TOWN, Level.RURAL_DISTRICT, Level.SETTLEMENT, Level.VILLAGE}
    return sum(
        has_own_akim(level, parent_level)
        for level, parent_level in Territory.objects.filter(path__startswith=root.path)
        .filter(level__in=lower)
        .values_list("level", "parent__level")
    )


def _build_tree(oblast: Territory) -> int:
    """Add the missing cities, districts and lower akims with their offices; how many
    territories were made."""
    made: list[Territory] = []
    tops = []
    for code, ru, kk, en in CITY_NAMES:
        tops.append(_territory(code, ru, Level.CITY_OBLAST, oblast))
        tops[-1].name_kk, tops[-1].name_en = kk, en
    for index, (ru, kk, en) in enumerate(DISTRICT_NAMES):
        code = f"11{FIRST_DISTRICT + index:02d}00000"
        tops.append(_territory(code, f"{ru} район", Level.DISTRICT, oblast))
        tops[-1].name_kk, tops[-1].name_en = f"{kk} ауданы", f"{en} District"
    Territory.objects.bulk_create(tops)
    made += tops
    units = list(
        Territory.objects.filter(
            parent=oblast, level__in=[Level.CITY_OBLAST, Level.DISTRICT]
        ).order_by("code")
    )
    if len(units) != CITIES + DISTRICTS:
        raise ValueError(f"Akmola oblast has {len(units)} cities and districts, not 20.")
    # The same number of lower akims in every city and district (240 / 20 = 12).
    per_unit = LOWER_AKIMS // len(units)
    lower = []
    for unit in units:
        for n in range(_lower_akims(unit) + 1, per_unit + 1):
            code = f"{unit.code[:4]}{80 + n:02d}000"
            if unit.level == Level.CITY_OBLAST:
                level, names = Level.SETTLEMENT, ("поселок №{n}", "№{n} кенті", "Settlement {n}")
            elif n == 1:
                level, names = (
                    Level.TOWN,
                    ("город районного значения", "аудандық маңызы бар қала", "Town"),
                )
            else:
                names = ("сельский округ №{n}", "№{n} ауылдық округі", "Rural district {n}")
                level = Level.RURAL_DISTRICT
            territory = _territory(code, "", level, unit)
            for language, name in zip(("ru", "kk", "en"), names, strict=True):
                parent = getattr(unit, f"name_{language}")
                setattr(territory, f"name_{language}", f"{name.format(n=n)} ({parent})")
            lower.append(territory)
    Territory.objects.bulk_create(lower)
    made += lower
    Office.objects.bulk_create(
        Office(
            territory=t,
            name_ru=f"Аппарат акима: {t.name_ru}",
            name_kk=f"{t.name_kk} әкімінің аппараты",
            name_en=f"Akim's office: {t.name_en}",
            prefix=f"A{t.code[2:7]}",
        )
        for t in made
    )
    return len(made)


def _exact(rng: random.Random, counts: dict, n: int) -> list:
    """``n`` values holding each key of ``counts`` exactly that many times (the rest
    ``None``), in a seeded random order."""
    values = [key for key, count in counts.items() for _ in range(count)]
    if len(values) > n:
        raise ValueError("The plan asks for more records than there are.")
    values += [None] * (n - len(values))
    rng.shuffle(values)
    return values


def plan(existing: dict) -> dict:
    """What to generate so that the oblast counts the seed's figures, given what the demo
    already has in the period (``existing``: the same keys, counted on the records)."""
    todo = {
        "appeals": APPEALS - existing["appeals"],
        "agriculture_land": AGRICULTURE_LAND[0] - existing["agriculture_land"],
        "construction_housing": CONSTRUCTION_HOUSING[0] - existing["construction_housing"],
        "meetings": MEETINGS - existing["meetings"],
        "participants": PARTICIPANTS - existing["participants"],
        **{band: count - existing[band] for band, count in RISK.items()},
    }
    if min(todo.values()) < 0:
        raise ValueError(f"The demo already has more than the seed's figures: {todo}.")
    return todo


def _counted(oblast: Territory) -> dict:
    """The seed's figures as the records in the oblast count them now."""
    appeals = Appeal.objects.within(oblast).filter(registered_on__range=(START, END))
    by_topic = appeals.aggregate(
        appeals=Count("id"),
        agriculture_land=Count("id", filter=Q(topic__code__in=AGRICULTURE_LAND[1])),
        construction_housing=Count("id", filter=Q(topic__code__in=CONSTRUCTION_HOUSING[1])),
        **{band: Count("id", filter=Q(risk_band=band)) for band in RISK},
    )
    meetings = (
        Meeting.objects.within(oblast)
        .filter(status=MeetingStatus.HELD, held_on__range=(START, END))
        .exclude(kind=MeetingKind.ORGANISATIONS)
        .aggregate(meetings=Count("id"), participants=Sum("participants_offline"))
    )
    return {
        **by_topic,
        "meetings": meetings["meetings"],
        "participants": meetings["participants"] or 0,
    }


def _places(oblast: Territory) -> tuple[list[Territory], dict[int, Office]]:
    offices = {o.territory_id: o for o in Office.objects.filter(within_q(oblast))}
    places = [t for t in Territory.objects.filter(path__startswith=oblast.path).order_by("code")
              if t.id in offices]  # fmt: skip
    return places, offices


def appeal_rows(rng: random.Random, todo: dict, places, offices) -> list[Appeal]:
    """The appeals of the plan ``todo``, not saved."""
    n = todo["appeals"]
    topics = {t.code: t for t in Topic.objects.all()}
    wanted = {"agriculture": todo["agriculture_land"], "construction": todo["construction_housing"]}
    groups = _exact(rng, wanted, n)
    pools = {
        "agriculture": AGRICULTURE_LAND[1],
        "construction": CONSTRUCTION_HOUSING[1],
        None: OTHER,
    }
    bands = _exact(rng, {band: todo[band] for band in RISK}, n)
    rules, settings = risk_config()
    days = (END - START).days + 1
    now = timezone.now()
    rows = []
    for i, (group, band) in enumerate(zip(groups, bands, strict=True), start=1):
        place = places[rng.randrange(len(places))]
        office = offices[place.id]
        day = START + dt.timedelta(days=rng.randrange(days))
        took = 1 + rng.randrange(20)
        topic = topics[rng.choice(pools[group])]
        appeal = Appeal(
            number=f"AK-{i}", office_id=office.id, territory_id=place.id,
            received_at=dt.datetime.combine(day, dt.time(10), tzinfo=dt.UTC),
            registered_on=day, channel=rng.choice(CHANNELS), applicant_type="individual",
            kind="statement", topic=topic, text="Просим решить вопрос",
            status="answered", due_on=day + dt.timedelta(days=15),
            original_due_on=day + dt.timedelta(days=15), outcome=rng.choice(OUTCOMES),
            decided_on=day + dt.timedelta(days=took), tracking_code=f"AK{i}",
            # The features that colour the risk map (default rules: 2, 3 and 6 points).
            signatories=2 if band == "yellow" else 1, repeated=band == "orange",
            threat_to_life=band == "red", created_at=now, updated_at=now,
        )  # fmt: skip
        score, got, reasons = risk_evaluate(
            appeal, rules=rules, bands=settings, today=END, similar=0, counts={}
        )
        if got != (band or "none"):
            raise ValueError(f"The risk rules give {got}, not {band}: edited rules?")
        appeal.risk_score, appeal.risk_band, appeal.risk_reasons = score, got, reasons
        rows.append(appeal)
    return rows


def meeting_rows(rng: random.Random, todo: dict, places, offices) -> list[Meeting]:
    """The meetings of the plan ``todo``, not saved."""
    n = todo["meetings"]
    if n == 0:
        return []
    # Participants spread over the meetings, summing exactly to what is missing.
    base, extra = divmod(todo["participants"], n)
    people = [base + (i < extra) for i in range(n)]
    for i in range(0, n - 1, 2):  # jitter in pairs keeps the sum
        shift = rng.randrange(min(people[i], people[i + 1]) // 2 + 1)
        people[i] += shift
        people[i + 1] -= shift
    rng.shuffle(people)
    days = (END - START).days + 1
    levels = dict(Office.objects.values_list("id", "territory__akim_level"))
    meetings = []
    for count in people:
        place = places[rng.randrange(len(places))]
        office = offices[place.id]
        day = START + dt.timedelta(days=rng.randrange(days))
        meetings.append(
            Meeting(
                office_id=office.id, territory_id=place.id, akim_level=levels[office.id],
                kind=rng.choice(KINDS), status=MeetingStatus.HELD, title="Встреча с жителями",
                planned_on=day, held_on=day, participants_offline=count,
                speakers=min(count, 3 + rng.randrange(10)),
            )
        )  # fmt: skip
    return meetings


def scaled(todo: dict, scale: float) -> dict:
    """The plan shrunk by ``scale`` (tests insert a small copy of the full plan)."""
    return {key: round(value * scale) for key, value in todo.items()}


def seed_oblast(*, log: Callable[[str], None] = print, scale: float = 1.0) -> dict | None:
    """Load Akmola oblast's records; once (a second run changes nothing). Needs the demo's
    territories (``territory.demo.seed_territories``). Returns what was made. ``scale``
    < 1 loads that share of the records (tests)."""
    if Territory.objects.filter(code=CITY_NAMES[0][0]).exists():
        log("Akmola oblast: already loaded, nothing changed.")
        return None
    if RiskSettings.current().band_for(2) != "yellow":
        raise ValueError("The risk bands are not the defaults.")
    started = time.monotonic()
    with transaction.atomic():
        oblast = Territory.objects.get(code=OBLAST)
        territories = _build_tree(oblast)
        todo = scaled(plan(_counted(oblast)), scale)
        places, offices = _places(oblast)
        rng = random.Random(SEED)
        # seed_country's bulk path: the tally triggers off during the load, the tallies
        # rebuilt set-based after it, in the same transaction.
        tally.remove_triggers()
        meeting_tally.remove_triggers()
        Appeal.objects.bulk_create(appeal_rows(rng, todo, places, offices), batch_size=2000)
        Meeting.objects.bulk_create(meeting_rows(rng, todo, places, offices), batch_size=2000)
        log(f"Akmola oblast: records generated ({time.monotonic() - started:.1f} s)")
        tally.rebuild()
        tally.install_triggers()
        meeting_tally.rebuild()
        meeting_tally.install_triggers()
    made = {"territories": territories, "appeals": todo["appeals"], "meetings": todo["meetings"],
            "seconds": round(time.monotonic() - started, 1)}  # fmt: skip
    log("Akmola oblast: " + ", ".join(f"{key} {value}" for key, value in made.items()))
    return made
