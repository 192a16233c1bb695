# ruff: noqa: E501  (SQL built from fragments reads better unwrapped)
"""A synthetic Kazakhstan for the country-scale benchmark (``manage.py seed_country``).

17 oblasts and 3 cities of republican significance; under each oblast 11 districts and
1 city of oblast significance (≈ 200 district-level akims), under each of those 12 rural
districts (≈ 2,300), under each rural district 2–3 villages (≈ 6,000); each city of
republican significance has 6 districts in the city. Codes start with 8 so they never
meet the demo's real KATO codes.

Appeals (two years at e-Otinish's national rate, short texts) and meetings are generated
deterministically from ``seed``: on PostgreSQL by one set-based ``INSERT … SELECT`` from
``generate_series`` per table, every value a fixed hash of the row number (no round trip
per row, the fastest bulk load the server has, with the tally triggers off and the tally
rebuilt set-based afterwards); elsewhere (SQLite, small scale for tests) by
``bulk_create`` from a seeded ``random.Random``.
"""

from __future__ import annotations

import datetime as dt
import random
import time
from collections.abc import Callable

from django.db import connection, transaction
from django.utils import timezone

from tyndau.appeals.models import Appeal, Topic
from tyndau.meetings.models import Meeting, Question
from tyndau.territory.models import Level, Office, Territory, akim_level_for

from . import meeting_tally, tally
from .bulk_load import unconstrained
from .country_receptions import seed_receptions

OBLASTS = 17
REPUBLICAN_CITIES = 3
DISTRICTS = 11  # per oblast, plus one city of oblast significance
RURAL = 12  # per district or city of oblast significance
CITY_DISTRICTS = 6  # per city of republican significance
CHANNELS = ["eotinish", "eotinish", "eotinish", "portal", "written", "phone", "email",
            "social", "personal_reception", "meeting"]  # fmt: skip
APPLICANTS = ["individual"] * 8 + ["legal_entity", "anonymous"]
OUTCOMES = ["explained", "explained", "explained", "satisfied", "satisfied", "refused",
            "terminated", ""]  # fmt: skip
KINDS = ["reporting", "gathering", "gathering", "field", "hearing", "organisations"]
ROOT_CODE = "801000000"


def _territory(code, name, level, parent):
    parent_level = parent.level if parent else None
    territory = Territory(
        code=code,
        parent=parent,
        level=level,
        akim_level=akim_level_for(level, parent_level),
        name_ru=name,
        name_kk=name,
        name_en=name,
    )
    territory.path = (parent.path if parent else "/") + f"{code}/"
    territory.depth = parent.depth + 1 if parent else 0
    return territory


def build_tree(*, scale: float = 1.0) -> tuple[int, int]:
    """Create the territories and their offices; (territories, offices). ``scale`` < 1
    shrinks every fan-out (for tests)."""

    def fan(n):
        return max(1, round(n * scale))

    levels: list[list[Territory]] = [[], [], [], []]
    for o in range(1, OBLASTS + REPUBLICAN_CITIES + 1):
        city = o > OBLASTS
        levels[0].append(
            _territory(
                f"8{o:02d}000000",
                f"{'Город' if city else 'Область'} {o}",
                Level.CITY_REPUBLICAN if city else Level.OBLAST,
                None,
            )
        )
    Territory.objects.bulk_create(levels[0])
    for top in levels[0]:
        o = int(top.code[1:3])
        if top.level == Level.CITY_REPUBLICAN:
            for d in range(1, fan(CITY_DISTRICTS) + 1):
                levels[1].append(
                    _territory(
                        f"8{o:02d}{d:02d}0000", f"Район {o}-{d}", Level.DISTRICT_IN_CITY, top
                    )
                )
            continue
        for d in range(1, fan(DISTRICTS) + 2):
            level = Level.CITY_OBLAST if d == 1 else Level.DISTRICT
            levels[1].append(_territory(f"8{o:02d}{d:02d}0000", f"Район {o}-{d}", level, top))
    Territory.objects.bulk_create(levels[1])
    for district in levels[1]:
        if district.level == Level.DISTRICT_IN_CITY:
            continue
        for r in range(1, fan(RURAL) + 1):
            code = district.code[:5] + f"{r:02d}00"
            levels[2].append(
                _territory(code, f"Сельский округ {code}", Level.RURAL_DISTRICT, district)
            )
    Territory.objects.bulk_create(levels[2])
    for rural in levels[2]:
        for v in range(
            1, 2 + int(rural.code[5:7]) % 2 + 1 + (scale >= 1 and int(rural.code[3:5]) % 3 == 0)
        ):
            code = rural.code[:7] + f"{v:02d}"
            levels[3].append(_territory(code, f"Село {code}", Level.VILLAGE, rural))
    Territory.objects.bulk_create(levels[3])
    offices = [
        Office(
            territory=t,
            name_ru=f"Аппарат акима {t.name_ru}",
            name_kk=f"{t.name_ru} әкімінің аппараты",
            name_en=f"Akim's office of {t.name_ru}",
            prefix=f"X{t.code[1:7]}",
        )
        for level in levels[:3]
        for t in level
    ]
    Office.objects.bulk_create(offices)
    return sum(len(level) for level in levels), len(offices)


def _places() -> tuple[list[int], list[int]]:
    """(territory ids where appeals and meetings happen, the office serving each)."""
    offices = dict(
        Office.objects.filter(territory__code__startswith="8").values_list("territory_id", "id")
    )
    territories = list(
        Territory.objects.filter(code__startswith="8", depth__gte=1)
        .order_by("path")
        .values_list("id", "parent_id")
    )
    ids, serving = [], []
    for tid, parent in territories:
        ids.append(tid)
        serving.append(offices.get(tid) or offices[parent])
    return ids, serving


def _h(expr: str, salt: int, modulo: int) -> str:
    """A fixed hash of the row number ``expr`` into [0, modulo) (deterministic by salt)."""
    # %% is a literal % in a query with parameters.
    return f"(((({expr})::bigint * 2654435761 + {salt * 40503 + 12345}) %% 4294967291 %% {modulo})::int)"


def _with_defaults(model, sql: str, params: dict) -> tuple[str, dict]:
    """``sql`` (``INSERT INTO table (columns) SELECT values FROM …``) with every further
    NOT NULL column of ``model`` with a constant default (a text field's is "") added to both lists, so that a
    field added later (with its migration) cannot break the set-based insert (PostgreSQL
    refuses the NULL: there are no database defaults)."""
    head, rest = sql.split("(", 1)
    columns, rest = rest.split(")", 1)
    listed = {c.strip() for c in columns.split(",")}
    extra = [
        f
        for f in model._meta.concrete_fields
        if not f.primary_key
        and not f.null
        and f.column not in listed
        and not (f.has_default() and callable(f.default))
        and f.get_default() is not None  # a text field's default is "" even unset
    ]
    if not extra:
        return sql, params
    params = dict(params)
    names, values = [], []
    for f in extra:
        key = f"default_{f.column}"
        params[key] = f.get_db_prep_save(f.get_default(), connection)
        names.append(f.column)
        values.append(f"%({key})s")
    select, source = rest.split("\n            FROM ", 1)
    return (
        f"{head}({columns}, {', '.join(names)}){select}, {', '.join(values)}"
        f"\n            FROM {source}",
        params,
    )


def _execute(cursor, sql: str, params: dict) -> None:
    """``cursor.execute`` of a set-based INSERT, with the table's further defaults added."""
    table = sql.split("INSERT INTO", 1)[1].split("(", 1)[0].strip()
    model = next(m for m in (Appeal, Meeting, Question) if m._meta.db_table == table)
    cursor.execute(*_with_defaults(model, sql, params))


def _pg_appeals(n: int, seed: int, start: dt.date, days: int, places, serving, topics) -> None:
    now = timezone.now()
    with connection.cursor() as cursor:
        _execute(
            cursor,
            """
            INSERT INTO appeals_appeal (
                number, office_id, territory_id, received_at, registered_on, channel,
                applicant_type, kind, topic_id, text, language, applicant_name, iin, bin,
                phone, email, address, street, signatories, publish_consent,
                social_assistance_recipient, against_official, threat_to_life, crime_report,
                status, due_on, original_due_on, extension_reason, outcome, answer_text,
                decided_on, redirected_to, redirect_reason, repeated, risk_score, risk_band,
                risk_reasons, tracking_code, version, supporters, created_at, updated_at)
            SELECT
                'C-' || g.i, (%(serving)s::bigint[])[p.k + 1], (%(places)s::bigint[])[p.k + 1],
                (%(start)s::date + d.day) + time '10:00', %(start)s::date + d.day,
                (%(channels)s::text[])["""
            + _h("g.i", seed + 2, len(CHANNELS))
            + """ + 1],
                (%(applicants)s::text[])["""
            + _h("g.i", seed + 3, len(APPLICANTS))
            + """ + 1],
                'statement',
                (%(topics)s::bigint[])["""
            + _h("g.i", seed + 4, len(topics))
            + """ + 1],
                'Просим решить вопрос', 'ru', '', '', '', '', '', '', '', 1, false, false,
                false, false, false,
                CASE WHEN s.done THEN (CASE WHEN o.outcome = '' THEN 'redirected'
                     ELSE 'answered' END) ELSE 'in_progress' END,
                %(start)s::date + d.day + 21, %(start)s::date + d.day + 21, '',
                CASE WHEN s.done THEN o.outcome ELSE '' END, '',
                CASE WHEN s.done THEN %(start)s::date + d.day + s.took END, '', '',
                """
            + _h("g.i", seed + 7, 20)
            + """ = 0, 0, 'none', '[]'::jsonb,
                'C' || g.i, 1, 0, %(now)s, %(now)s
            FROM generate_series(1, %(n)s) AS g(i)
            CROSS JOIN LATERAL (SELECT """
            + _h("g.i", seed, len(places))
            + """ AS k) p
            CROSS JOIN LATERAL (SELECT """
            + _h("g.i", seed + 1, days)
            + """ AS day) d
            CROSS JOIN LATERAL (SELECT (%(outcomes)s::text[])["""
            + _h("g.i", seed + 5, len(OUTCOMES))
            + """ + 1] AS outcome) o
            CROSS JOIN LATERAL (SELECT """
            + _h("g.i", seed + 6, 25)
            + """ + 1 AS took,
                %(start)s::date + d.day + """
            + _h("g.i", seed + 6, 25)
            + """ + 1
                    < %(today)s AND """
            + _h("g.i", seed + 8, 50)
            + """ > 0 AS done) s
            """,
            {
                "n": n,
                "places": places,
                "serving": serving,
                "start": start,
                "channels": CHANNELS,
                "applicants": APPLICANTS,
                "topics": topics,
                "outcomes": OUTCOMES,
                "now": now,
                "today": timezone.localdate(),
            },
        )


def _pg_meetings(n: int, seed: int, start: dt.date, days: int, places, serving, topics) -> None:
    now = timezone.now()
    with connection.cursor() as cursor:
        _execute(
            cursor,
            """
            INSERT INTO meetings_meeting (
                office_id, territory_id, akim_level, kind, status, title, planned_on, held_on,
                place, cancel_reason, broadcasts_instagram, broadcasts_facebook,
                broadcasts_videoconference, broadcasts_tv, broadcast_url, participants_offline,
                participants_instagram, participants_facebook, participants_videoconference,
                participants_tv, speakers, media_central, media_local, media_social,
                officials_government, officials_parliament, officials_state_bodies, minutes,
                protocol, version, created_at, updated_at)
            SELECT o.id, t.id, ot.akim_level,
                (%(kinds)s::text[])[""" + _h("g.i", seed + 11, len(KINDS)) + """ + 1],
                CASE WHEN %(start)s::date + d.day < %(today)s THEN 'held' ELSE 'planned' END,
                'Встреча', %(start)s::date + d.day,
                CASE WHEN %(start)s::date + d.day < %(today)s THEN %(start)s::date + d.day END,
                '', '', """ + _h("g.i", seed + 12, 2) + """, 0, 0, """ + _h("g.i", seed + 13, 2) + """,
                '', 20 + """ + _h("g.i", seed + 14, 200) + """, """ + _h("g.i", seed + 15, 500) + """,
                0, 0, 0, 5 + """ + _h("g.i", seed + 16, 20) + """, 0, """ + _h("g.i", seed + 17, 2) + """,
                1, 0, 0, """ + _h("g.i", seed + 18, 2) + """, '', '', 1, %(now)s, %(now)s
            FROM generate_series(1, %(n)s) AS g(i)
            CROSS JOIN LATERAL (SELECT """ + _h("g.i", seed + 9, len(places)) + """ AS k) p
            CROSS JOIN LATERAL (SELECT """ + _h("g.i", seed + 10, days) + """ AS day) d
            JOIN territory_territory t ON t.id = (%(places)s::bigint[])[p.k + 1]
            JOIN territory_office o ON o.id = (%(serving)s::bigint[])[p.k + 1]
            JOIN territory_territory ot ON ot.id = o.territory_id
            """,
            {
                "n": n, "places": places, "serving": serving, "start": start, "kinds": KINDS,
                "now": now, "today": timezone.localdate(),
            },
        )  # fmt: skip
        # Three questions or proposals a meeting held.
        _execute(
            cursor,
            """
            INSERT INTO meetings_question (meeting_id, topic_id, text, repeated, critical_of,
                created_at)
            SELECT m.id, (%(topics)s::bigint[])[""" + _h("m.id * 3 + q", seed + 19, len(topics)) + """ + 1],
                'Предложение жителей', """ + _h("m.id * 3 + q", seed + 20, 4) + """ = 0,
                CASE WHEN """ + _h("m.id * 3 + q", seed + 21, 10) + """ = 0
                     THEN 1 + """ + _h("m.id * 3 + q", seed + 22, 6) + """ END, %(now)s
            FROM meetings_meeting m CROSS JOIN generate_series(0, 2) AS q
            WHERE m.status = 'held' AND m.title = 'Встреча'
            """,
            {"topics": topics, "now": now},
        )  # fmt: skip


def _py_appeals(n, seed, start, days, places, serving, topics) -> None:
    rng = random.Random(seed)
    today = timezone.localdate()
    now = timezone.now()
    rows = []
    for i in range(1, n + 1):
        k = rng.randrange(len(places))
        day = start + dt.timedelta(days=rng.randrange(days))
        outcome = rng.choice(OUTCOMES)
        took = rng.randrange(25) + 1
        done = day + dt.timedelta(days=took) < today and rng.randrange(50) > 0
        rows.append(
            Appeal(
                number=f"C-{i}", office_id=serving[k], territory_id=places[k],
                received_at=dt.datetime.combine(day, dt.time(10), tzinfo=dt.UTC),
                registered_on=day, channel=rng.choice(CHANNELS),
                applicant_type=rng.choice(APPLICANTS), kind="statement",
                topic_id=rng.choice(topics), text="Просим решить вопрос",
                status=("redirected" if outcome == "" else "answered") if done else "in_progress",
                due_on=day + dt.timedelta(days=21), original_due_on=day + dt.timedelta(days=21),
                outcome=outcome if done else "",
                decided_on=day + dt.timedelta(days=took) if done else None,
                repeated=rng.randrange(20) == 0, tracking_code=f"C{i}",
                created_at=now, updated_at=now,
            )
        )  # fmt: skip
    Appeal.objects.bulk_create(rows, batch_size=2000)


def _py_meetings(n, seed, start, days, places, serving, topics) -> None:
    rng = random.Random(seed + 1)
    today = timezone.localdate()
    levels = dict(Office.objects.values_list("id", "territory__akim_level"))
    meetings = []
    for _i in range(n):
        k = rng.randrange(len(places))
        day = start + dt.timedelta(days=rng.randrange(days))
        held = day < today
        meetings.append(
            Meeting(
                office_id=serving[k], territory_id=places[k], akim_level=levels[serving[k]],
                kind=rng.choice(KINDS), status="held" if held else "planned", title="Встреча",
                planned_on=day, held_on=day if held else None,
                broadcasts_instagram=rng.randrange(2), broadcasts_tv=rng.randrange(2),
                participants_offline=20 + rng.randrange(200),
                participants_instagram=rng.randrange(500), speakers=5 + rng.randrange(20),
                media_local=rng.randrange(2), media_social=1,
                officials_state_bodies=rng.randrange(2),
            )
        )  # fmt: skip
    Meeting.objects.bulk_create(meetings, batch_size=2000)
    questions = [
        Question(
            meeting=m, topic_id=rng.choice(topics), text="Предложение жителей",
            repeated=rng.randrange(4) == 0,
            critical_of=1 + rng.randrange(6) if rng.randrange(10) == 0 else None,
        )
        for m in meetings if m.status == "held" for _q in range(3)
    ]  # fmt: skip
    Question.objects.bulk_create(questions, batch_size=2000)


def seed_country(
    *,
    appeals: int = 10_000_000,
    meetings: int = 200_000,
    seed: int = 1,
    start: dt.date | None = None,
    days: int = 730,
    scale: float = 1.0,
    reception_rate: float = 1.0,
    log: Callable[[str], None] = print,
) -> dict:
    """Load the synthetic country; refuses to load it twice. Returns what was made."""
    if Territory.objects.filter(code=ROOT_CODE).exists():
        raise ValueError("The synthetic country is already loaded.")
    started = time.monotonic()
    today = timezone.localdate()
    start = start or today - dt.timedelta(days=days)
    topics = list(Topic.objects.order_by("id").values_list("id", flat=True))
    with transaction.atomic():
        territories, offices = build_tree(scale=scale)
    places, serving = _places()
    log(f"territories {territories}, offices {offices} ({time.monotonic() - started:.0f} s)")
    postgres = connection.vendor == "postgresql"
    loaded = ["appeals_appeal", "meetings_meeting", "meetings_question"]
    made: dict[str, int] = {}

    def stamp(what):
        log(f"{what} ({time.monotonic() - started:.0f} s)")

    def load_appeals_and_meetings():
        if postgres:
            _pg_appeals(appeals, seed, start, days, places, serving, topics)
        else:
            _py_appeals(appeals, seed, start, days, places, serving, topics)
        stamp(f"appeals {appeals}")
        if postgres:
            _pg_meetings(meetings, seed, start, days, places, serving, topics)
        else:
            _py_meetings(meetings, seed, start, days, places, serving, topics)
        stamp(f"meetings {meetings}")
        made["receptions"] = (
            seed_receptions(seed=seed, start=start, days=days, scale=reception_rate)
            if reception_rate
            else 0
        )
        stamp(f"reception visits {made['receptions']}")

    with transaction.atomic():
        if not postgres:
            load_appeals_and_meetings()
        else:
            tally.remove_triggers()
            meeting_tally.remove_triggers()
            unconstrained(loaded, load_appeals_and_meetings, log)
            stamp("appeals and meetings constrained and indexed")
            with connection.cursor() as cursor:
                # The rebuilds group tens of millions of event rows into a few million
                # keys; the planner overestimates the keys a hundredfold and would sort
                # them all on disk. Hash them (spilling if need be), this transaction only.
                cursor.execute("SET LOCAL enable_sort = off")
                cursor.execute("SET LOCAL work_mem = '512MB'")
            unconstrained([tally.TABLE], tally.rebuild, log)
            stamp("appeal tally rebuilt")
            with connection.cursor() as cursor:
                cursor.execute("SET LOCAL enable_sort = on")
            meeting_tally.rebuild()  # small; its rebuild upserts, so it keeps its key
            stamp("meeting tally rebuilt")
            tally.install_triggers()
            meeting_tally.install_triggers()
    if postgres:
        with connection.cursor() as cursor:
            tables = ["appeals_appeal", "meetings_meeting", "meetings_question",
                      "meetings_receptionsession"]  # fmt: skip
            for table in [*tables, tally.TABLE, meeting_tally.TABLE]:
                cursor.execute(f"ANALYZE {table}")
    return {"territories": territories, "offices": offices, "appeals": appeals,
            "meetings": meetings, **made,
            "seconds": round(time.monotonic() - started)}  # fmt: skip
