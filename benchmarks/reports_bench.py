#!/usr/bin/env python
"""Time each report form against a hand-written SQL GROUP BY computing the same totals.

    .venv/bin/python benchmarks/reports_bench.py --appeals 1000000 --meetings 10000 \
        --database sqlite:////tmp/tyndau_bench.sqlite3
    .venv/bin/python benchmarks/reports_bench.py --appeals 1000000 --meetings 10000 \
        --database postgres://postgres@127.0.0.1:5432/tyndau_reports_bench

Builds (once; reused while the counts match) an oblast of 10 districts × 10 rural
districts × 3 villages with the given number of appeals spread over 2020–2022 and meetings
with questions, then for each form runs the report service for the whole oblast and a
calendar year, and the hand-written SQL, best of --repeat runs each, checks that both give
the same totals, and prints the times side by side. The database named by --database is
created if missing and its tables are dropped and rebuilt when the counts differ.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

YEAR = 2021
START, END = dt.date(YEAR, 1, 1), dt.date(YEAR, 12, 31)
OBLAST = "900000000"


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--appeals", type=int, default=100_000)
    parser.add_argument("--meetings", type=int, default=10_000)
    parser.add_argument("--database", default="sqlite:////tmp/tyndau_bench.sqlite3")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument(
        "--country",
        action="store_true",
        help="time a database loaded by manage.py seed_country (given by --database)",
    )
    parser.add_argument(
        "--form", action="append", help="with --country: only these forms (default: all)"
    )
    parser.add_argument(
        "--hand-repeat",
        type=int,
        help="with --country: runs of the hand-written SQL (default: --repeat; 1: one run "
        "without a warm-up); one run over the raw rows of a 10 M country takes minutes",
    )
    return parser.parse_args()


def _drop(database: str) -> None:
    """Remove the benchmark database (a SQLite file or a PostgreSQL database)."""
    import dj_database_url

    cfg = dj_database_url.parse(database)
    if database.startswith("sqlite"):
        for suffix in ("", "-wal", "-shm"):
            Path(cfg["NAME"] + suffix).unlink(missing_ok=True)
        return
    import psycopg

    with psycopg.connect(
        host=cfg["HOST"], port=cfg["PORT"] or None, user=cfg["USER"], dbname="postgres",
        autocommit=True,
    ) as conn:  # fmt: skip
        conn.execute(f'drop database if exists "{cfg["NAME"]}"')


def _create(database: str) -> None:
    if not database.startswith("postgres"):
        return
    import dj_database_url
    import psycopg

    cfg = dj_database_url.parse(database)
    with psycopg.connect(
        host=cfg["HOST"], port=cfg["PORT"] or None, user=cfg["USER"], dbname="postgres",
        autocommit=True,
    ) as conn:  # fmt: skip
        exists = conn.execute(
            "select 1 from pg_database where datname = %s", [cfg["NAME"]]
        ).fetchone()
        if not exists:
            conn.execute(f'create database "{cfg["NAME"]}"')


def _counts(database: str) -> tuple[int, int] | None:
    """(appeals, meetings) already in the benchmark database, or None if it is not there."""
    import dj_database_url

    cfg = dj_database_url.parse(database)
    try:
        if database.startswith("sqlite"):
            import sqlite3

            if not Path(cfg["NAME"]).exists():
                return None
            conn = sqlite3.connect(cfg["NAME"])
        else:
            import psycopg

            conn = psycopg.connect(
                host=cfg["HOST"], port=cfg["PORT"] or None, user=cfg["USER"], dbname=cfg["NAME"]
            )
        appeals = conn.execute("select count(*) from appeals_appeal").fetchone()[0]
        try:
            meetings = conn.execute("select count(*) from meetings_meeting").fetchone()[0]
        except Exception:  # noqa: BLE001 - no meetings table
            meetings = 0
        conn.close()
        return appeals, meetings
    except Exception:  # noqa: BLE001 - no database or no tables yet
        return None


def setup(database: str, n_appeals: int, n_meetings: int) -> bool:
    """Connect Django to the benchmark database; True if it already holds the data."""
    counts = _counts(database)
    reuse = counts is not None and counts[0] == n_appeals and counts[1] in (0, n_meetings)
    if counts is not None and not reuse:
        print(f"The benchmark database holds {counts}: rebuilding it.")
        _drop(database)
    _create(database)
    os.environ["DATABASE_URL"] = database
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tyndau.settings")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    return reuse


def _insert_appeals(rows: list[dict], template) -> None:
    """Insert appeals with executemany: the template gives every column's value, each row
    overrides a few."""
    from django.db import connection, transaction

    from tyndau.appeals.models import Appeal

    fields = [f for f in Appeal._meta.concrete_fields if not f.primary_key]
    base = {f.attname: f.get_db_prep_save(getattr(template, f.attname), connection) for f in fields}
    dates = {"registered_on", "decided_on", "due_on", "original_due_on"}
    columns = ", ".join(connection.ops.quote_name(f.column) for f in fields)
    sql = (
        f"INSERT INTO {Appeal._meta.db_table} ({columns}) "
        f"VALUES ({', '.join(['%s'] * len(fields))})"
    )
    adapt_date = connection.ops.adapt_datefield_value
    values = []
    for row in rows:
        merged = dict(base)
        for key, value in row.items():
            merged[key] = adapt_date(value) if key in dates else value
        values.append(tuple(merged[f.attname] for f in fields))
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.executemany(sql, values)


def build(n_appeals: int, n_meetings: int) -> None:
    from django.apps import apps
    from django.db import connection
    from django.utils import timezone

    from tyndau.appeals.models import Appeal, Topic
    from tyndau.territory.models import Office, Territory
    from tyndau.territory.services import territories_import

    has_meetings = apps.is_installed("tyndau.meetings") and "meeting" in apps.all_models["meetings"]
    lines = ["code,parent_code,level,name_ru,name_kk,name_en"]
    lines.append(f"{OBLAST},,oblast,Бенч-область,Бенч облысы,Bench oblast")
    for d in range(1, 11):
        district = f"9{d:02d}000000"
        lines.append(f"{district},{OBLAST},district,Район {d},{d} аудан,District {d}")
        for r in range(1, 11):
            rural = f"9{d:02d}{r:02d}0000"
            lines.append(f"{rural},{district},rural_district,С/о {d}-{r},{d}-{r} а/о,RD {d}-{r}")
            for v in range(1, 4):
                lines.append(
                    f"9{d:02d}{r:02d}{v}000,{rural},village,Село {d}-{r}-{v},"
                    f"{d}-{r}-{v} ауылы,Village {d}-{r}-{v}"
                )
    territories_import(text="\n".join(lines) + "\n")
    oblast = Territory.objects.get(code=OBLAST)
    villages = list(Territory.objects.filter(path__startswith=oblast.path, level="village"))
    offices = {o.territory.code: o for o in Office.objects.select_related("territory")}

    def office_of(territory):
        return offices.get(territory.code) or offices[territory.parent.code]

    for t in villages:
        t.parent  # noqa: B018 - load parents once
    topics = list(Topic.objects.all())
    rng = random.Random(826)
    channels = ["written", "eotinish", "portal", "personal_reception", "phone", "social"]
    kinds = ["individual"] * 7 + ["legal_entity"] * 2 + ["anonymous"]
    outcomes = ["satisfied", "explained", "refused", "terminated", ""]
    day0 = dt.date(2020, 1, 1)
    now = timezone.now()
    template = Appeal(
        number="",
        office=office_of(villages[0]),
        territory=villages[0],
        received_at=now,
        registered_on=day0,
        channel="written",
        applicant_type="individual",
        kind="statement",
        topic=topics[0],
        text="x",
        due_on=day0,
        original_due_on=day0,
        created_at=now,
        updated_at=now,
    )
    t0 = time.perf_counter()
    batch = []
    counters: dict[int, int] = {}
    for i in range(n_appeals):
        village = villages[i % len(villages)]
        office = office_of(village)
        registered = day0 + dt.timedelta(days=rng.randrange(3 * 365))
        decided = None
        outcome = ""
        status = "in_progress"
        if rng.random() < 0.9:
            decided = registered + dt.timedelta(days=rng.randrange(1, 30))
            outcome = rng.choice(outcomes)
            status = "answered" if outcome else "redirected"
        counters[office.pk] = counters.get(office.pk, 0) + 1
        batch.append(
            {
                "number": f"B-{counters[office.pk]:07d}",
                "office_id": office.pk,
                "territory_id": village.pk,
                "registered_on": registered,
                "channel": rng.choice(channels),
                "applicant_type": rng.choice(kinds),
                "topic_id": rng.choice(topics).pk,
                "status": status,
                "outcome": outcome,
                "decided_on": decided,
                "due_on": registered + dt.timedelta(days=21),
                "original_due_on": registered + dt.timedelta(days=21),
                "repeated": rng.random() < 0.05,
                "tracking_code": f"b{i}",
            }
        )
        if len(batch) == 50_000:
            _insert_appeals(batch, template)
            batch = []
            print(f"\r  appeals: {i + 1:,}", end="", flush=True)
    _insert_appeals(batch, template)
    print(f"\r  appeals: {n_appeals:,} in {time.perf_counter() - t0:.0f} s")
    if has_meetings:
        meeting_model = apps.get_model("meetings", "Meeting")
        question_model = apps.get_model("meetings", "Question")
        meetings = []
        for _i in range(n_meetings):
            place = rng.choice(villages)
            office = office_of(place)
            planned = day0 + dt.timedelta(days=rng.randrange(3 * 365))
            held = rng.random() < 0.85
            meetings.append(
                meeting_model(
                    office=office,
                    territory=place,
                    akim_level=office.territory.akim_level,
                    kind=rng.choice(["reporting", "gathering", "field"]),
                    status="held" if held else "planned",
                    planned_on=planned,
                    held_on=planned if held else None,
                    broadcasts_instagram=rng.randrange(2),
                    broadcasts_tv=rng.randrange(2),
                    participants_offline=rng.randrange(20, 200),
                    participants_instagram=rng.randrange(0, 500),
                    speakers=rng.randrange(0, 20),
                    media_local=rng.randrange(2),
                    media_social=rng.randrange(3),
                    officials_state_bodies=rng.randrange(2),
                )
            )
        meeting_model.objects.bulk_create(meetings, batch_size=5000)
        questions = []
        for meeting in meeting_model.objects.filter(status="held").only("pk"):
            for _q in range(rng.randrange(0, 6)):
                questions.append(
                    question_model(
                        meeting_id=meeting.pk,
                        topic=rng.choice(topics),
                        text="q",
                        repeated=rng.random() < 0.3,
                        critical_of=rng.choice([None, None, None, 6, 5, 3]),
                    )
                )
        question_model.objects.bulk_create(questions, batch_size=5000)
        print(f"  meetings: {n_meetings:,}, questions: {len(questions):,}")
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("VACUUM ANALYZE")
        else:
            cursor.execute("ANALYZE")


# --- hand-written SQL ------------------------------------------------------------------


def _rows(sql: str, params: list):
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def _mapping(form: str) -> dict[int, str]:
    from tyndau.reports.models import FormTopicMapping

    return dict(FormTopicMapping.objects.filter(form=form).values_list("topic_id", "column"))


def _zeros(form: str) -> dict[str, int]:
    """Every column of a mapped form (only the names: the counting is below), at 0."""
    from tyndau.reports.definitions import COLUMNS

    return {column: 0 for column, _label in COLUMNS[form]}


LEVELS = ["1", "2", "3", "4", "5", "6"]
BROADCASTS = ["instagram", "facebook", "videoconference", "tv"]
PARTICIPANTS = ["offline", "instagram", "facebook", "videoconference", "tv"]
MEDIA = ["central", "local", "social"]
OFFICIALS = ["government", "parliament", "state_bodies"]
COUNT_COLUMNS = (
    [f"broadcasts_{k}" for k in BROADCASTS]
    + [f"participants_{k}" for k in PARTICIPANTS]
    + [f"media_{k}" for k in MEDIA]
    + [f"officials_{k}" for k in OFFICIALS]
)
QUARTER_ENDS = [dt.date(YEAR, 3, 31), dt.date(YEAR, 6, 30), dt.date(YEAR, 9, 30), END]

APPEALS_JOIN = (
    "FROM appeals_appeal a JOIN territory_territory t ON t.id = a.territory_id WHERE t.path LIKE %s"
)


def _quarter_of(column: str) -> tuple[str, list]:
    """CASE giving the quarter (0–3) of YEAR that holds the date column, else NULL."""
    whens, params = [], []
    start = START
    for index, end in enumerate(QUARTER_ENDS):
        whens.append(f"WHEN {column} BETWEEN %s AND %s THEN {index}")
        params += [start, end]
        start = end + dt.timedelta(days=1)
    return f"CASE {' '.join(whens)} END", params


def _group_counts(group: dict, prefix: str, keys: list[str], sums: dict[str, int]) -> None:
    group.update({k: sums[f"{prefix}_{k}"] for k in keys})
    group["total"] = sum(group[k] for k in keys)


def sql_appeal_outcomes(path: str) -> dict:
    rows = _rows(
        "SELECT a.channel, a.applicant_type, a.outcome, a.status, a.repeated, "
        "CASE WHEN a.registered_on BETWEEN %s AND %s THEN 1 ELSE 0 END AS rec, "
        "CASE WHEN a.decided_on BETWEEN %s AND %s THEN 1 ELSE 0 END AS dec, "
        "CASE WHEN a.registered_on <= %s AND (a.decided_on > %s OR (a.decided_on IS NULL "
        "AND a.status IN ('registered', 'in_progress', 'extended'))) THEN 1 ELSE 0 END AS pend, "
        "COUNT(*) "
        f"{APPEALS_JOIN} AND (a.registered_on <= %s) "
        "GROUP BY 1, 2, 3, 4, 5, 6, 7, 8",
        [START, END, START, END, END, END, path + "%", END],
    )
    out = dict.fromkeys(
        ["received", "considered", "redirected", "satisfied", "refused", "explained",
         "terminated", "repeated", "considered_repeatedly", "pending_at_end"], 0,
    )  # fmt: skip
    src = dict.fromkeys(["individual", "legal_entity", "personal_reception", "anonymous"], 0)
    for channel, applicant, outcome, status, repeated, rec, dec, pend, n in rows:
        if rec:
            out["received"] += n
            src["personal_reception" if channel == "personal_reception" else applicant] += n
            out["repeated"] += n if repeated else 0
        if dec:
            if outcome:
                out["considered"] += n
                out["considered_repeatedly"] += n if repeated else 0
                out[outcome] += n
            elif status in ("redirected", "closed"):
                out["redirected"] += n
        if pend:
            out["pending_at_end"] += n
    out["received_by_source"] = src
    return out


def sql_appeal_topics(path: str) -> dict:
    mapping = _mapping("appeal-topics")
    rows = _rows(
        f"SELECT a.topic_id, COUNT(*) {APPEALS_JOIN} AND a.registered_on BETWEEN %s AND %s "
        "GROUP BY a.topic_id",
        [path + "%", START, END],
    )
    topics = _zeros("appeal-topics")
    for topic_id, n in rows:
        topics[mapping.get(topic_id, "other")] += n
    return {"total": sum(n for _t, n in rows), "topics": topics}


def sql_personal_reception(path: str) -> dict:
    mapping = _mapping("personal-reception")
    rows = _rows(
        "SELECT a.topic_id, a.outcome, "
        "CASE WHEN a.registered_on BETWEEN %s AND %s THEN 1 ELSE 0 END, "
        "CASE WHEN a.decided_on BETWEEN %s AND %s THEN 1 ELSE 0 END, COUNT(*) "
        f"{APPEALS_JOIN} AND a.channel = 'personal_reception' "
        "AND (a.registered_on BETWEEN %s AND %s OR a.decided_on BETWEEN %s AND %s) "
        "GROUP BY 1, 2, 3, 4",
        [START, END, START, END, path + "%", START, END, START, END],
    )
    out = {"total": 0, "categories": _zeros("personal-reception"), "satisfied": 0,
           "explained": 0, "rejected": 0}  # fmt: skip
    for topic_id, outcome, rec, dec, n in rows:
        if rec:
            out["total"] += n
            out["categories"][mapping.get(topic_id, "other")] += n
        if dec and outcome in ("satisfied", "explained", "refused"):
            out["rejected" if outcome == "refused" else outcome] += n
    return out


def sql_decree_826(path: str) -> dict:
    """One pass per table, grouped by quarter (and level, channel, topic); a quarter's
    cumulative figures add up its group rows and the earlier quarters'."""
    from django.db import connection

    mapping = _mapping("decree-826")
    planned_q, planned_params = _quarter_of("m.planned_on")
    held_q, held_params = _quarter_of("m.held_on")
    sums = ", ".join(f"SUM(m.{c})" for c in COUNT_COLUMNS)
    meet = _rows(
        f"SELECT {planned_q}, CASE WHEN m.status = 'held' THEN {held_q} END, ot.akim_level, "
        f"COUNT(*), {sums} "
        "FROM meetings_meeting m JOIN territory_territory t ON t.id = m.territory_id "
        "JOIN territory_office o ON o.id = m.office_id "
        "JOIN territory_territory ot ON ot.id = o.territory_id "
        "WHERE t.path LIKE %s AND (m.planned_on BETWEEN %s AND %s OR m.held_on BETWEEN %s AND %s) "
        "AND m.kind <> 'organisations' GROUP BY 1, 2, 3",
        planned_params + held_params + [path + "%", START, END, START, END],
    )
    org = _rows(
        f"SELECT {planned_q}, CASE WHEN m.status = 'held' THEN {held_q} END, COUNT(*) "
        "FROM meetings_meeting m JOIN territory_territory t ON t.id = m.territory_id "
        "WHERE t.path LIKE %s AND (m.planned_on BETWEEN %s AND %s OR m.held_on BETWEEN %s AND %s) "
        "AND m.kind = 'organisations' GROUP BY 1, 2",
        planned_params + held_params + [path + "%", START, END, START, END],
    )
    quest = _rows(
        f"SELECT {held_q}, qn.topic_id, qn.critical_of, COUNT(*) FROM meetings_question qn "
        "JOIN meetings_meeting m ON m.id = qn.meeting_id "
        "JOIN territory_territory t ON t.id = m.territory_id "
        "WHERE t.path LIKE %s AND m.status = 'held' AND m.held_on BETWEEN %s AND %s "
        "AND m.kind <> 'organisations' GROUP BY 1, 2, 3",
        held_params + [path + "%", START, END],
    )
    registered_q, registered_params = _quarter_of("a.registered_on")
    appeals = _rows(
        f"SELECT {registered_q}, 'social', ot.akim_level, COUNT(*), 0 "
        "FROM appeals_appeal a JOIN territory_territory t ON t.id = a.territory_id "
        "JOIN territory_office o ON o.id = a.office_id "
        "JOIN territory_territory ot ON ot.id = o.territory_id "
        "WHERE t.path LIKE %s AND a.registered_on BETWEEN %s AND %s "
        "AND a.channel IN ('social', 'email', 'portal', 'eotinish') GROUP BY 1, 2, 3",
        registered_params + [path + "%", START, END],
    )
    # Row 7: visits of the reception journal, counted where their questions are registered
    # (the visit's place).
    # SQLite has no time zones: the zone's offset by span, as the tally's triggers do
    # (Almaty was +6 h before 1 March 2024).
    from tyndau.reports.sql_dates import local_day as sqlite_local_day

    local_day = (
        "(s.held_at AT TIME ZONE 'Asia/Almaty')::date"
        if connection.vendor == "postgresql"
        else sqlite_local_day("s.held_at", "sqlite")
    )
    visit_q, visit_params = _quarter_of(local_day)
    day = (
        f"(s.office_id, {local_day})"
        if connection.vendor == "postgresql"
        else f"s.office_id || ':' || {local_day}"
    )
    appeals += _rows(
        f"SELECT {visit_q}, 'personal_reception', ot.akim_level, COUNT(*), "
        f"COUNT(DISTINCT {day}) FROM meetings_receptionsession s "
        "JOIN territory_office o ON o.id = s.office_id "
        "JOIN territory_territory ot ON ot.id = o.territory_id "
        "JOIN territory_territory t ON t.id = s.place_id WHERE t.path LIKE %s "
        f"AND {local_day} BETWEEN %s AND %s GROUP BY 1, 2, 3",
        visit_params + [path + "%", START, END],
    )

    def by_level(rows, value) -> dict:
        """{"total", "by_level"} of the rows: value(row) summed, also per level (row[1])."""
        levels = dict.fromkeys(LEVELS, 0)
        for row in rows:
            if str(row[1]) in levels:
                levels[str(row[1])] += value(row)
        return {"total": sum(value(row) for row in rows), "by_level": levels}

    quarters = []
    for q in range(4):
        planned = [(r, r[2]) for r in meet if r[0] is not None and r[0] <= q]
        held = [r for r in meet if r[1] is not None and r[1] <= q]
        held_sums = {c: sum(r[4 + i] or 0 for r in held) for i, c in enumerate(COUNT_COLUMNS)}
        raised = [r for r in quest if r[0] is not None and r[0] <= q]
        social = [(r, r[2]) for r in appeals if r[0] is not None and r[0] <= q
                  and r[1] == "social"]  # fmt: skip
        reception = [(r, r[2]) for r in appeals if r[0] is not None and r[0] <= q
                     and r[1] == "personal_reception"]  # fmt: skip
        critical = [(r, r[2]) for r in raised if r[2] is not None]
        by_topic = _zeros("decree-826")
        for r in raised:
            by_topic[mapping.get(r[1], "other")] += r[3]
        item = {
            "meetings_planned": by_level(planned, lambda p: p[0][3]),
            "meetings_held": by_level([(r, r[2]) for r in held], lambda p: p[0][3]),
            "broadcasts": {},
            "participants": {},
            "questions": {"total": sum(r[3] for r in raised), "by_topic": by_topic},
            "social_appeals": by_level(social, lambda p: p[0][3]),
            "receptions": {
                **by_level(reception, lambda p: p[0][4]),
                "citizens": sum(p[0][3] for p in reception),
            },
            "critical_remarks": by_level(critical, lambda p: p[0][3]),
            "media": {},
            "officials_present": {},
        }
        _group_counts(item["broadcasts"], "broadcasts", BROADCASTS, held_sums)
        _group_counts(item["participants"], "participants", PARTICIPANTS, held_sums)
        item["participants"]["online"] = (
            item["participants"]["total"] - held_sums["participants_offline"]
        )
        _group_counts(item["media"], "media", MEDIA, held_sums)
        _group_counts(item["officials_present"], "officials", OFFICIALS, held_sums)
        item["organisation_meetings"] = {
            "planned": sum(r[2] for r in org if r[0] is not None and r[0] <= q),
            "held": sum(r[2] for r in org if r[1] is not None and r[1] <= q),
        }
        quarters.append(item)
    return {"quarters": quarters}


def sql_reporting_meetings(path: str) -> dict:
    mapping = _mapping("reporting-meetings")
    held = "m.status = 'held' AND m.held_on BETWEEN %s AND %s"
    online = " OR ".join(f"m.broadcasts_{k} > 0" for k in BROADCASTS)
    sums = ", ".join(f"SUM(CASE WHEN {held} THEN m.{c} ELSE 0 END)" for c in COUNT_COLUMNS)
    meet = _rows(
        "SELECT SUM(CASE WHEN m.planned_on BETWEEN %s AND %s THEN 1 ELSE 0 END), "
        f"SUM(CASE WHEN {held} THEN 1 ELSE 0 END), "
        f"SUM(CASE WHEN {held} AND ({online}) THEN 1 ELSE 0 END), "
        f"SUM(CASE WHEN {held} THEN m.speakers ELSE 0 END), {sums} "
        "FROM meetings_meeting m JOIN territory_territory t ON t.id = m.territory_id "
        "WHERE t.path LIKE %s AND m.kind = 'reporting' "
        "AND (m.planned_on BETWEEN %s AND %s OR m.held_on BETWEEN %s AND %s)",
        [START, END] + [START, END] * (3 + len(COUNT_COLUMNS)) + [path + "%"] + [START, END] * 2,
    )[0]
    quest = _rows(
        "SELECT qn.topic_id, qn.repeated, qn.critical_of, COUNT(*) FROM meetings_question qn "
        "JOIN meetings_meeting m ON m.id = qn.meeting_id "
        "JOIN territory_territory t ON t.id = m.territory_id WHERE t.path LIKE %s "
        "AND m.kind = 'reporting' AND m.status = 'held' AND m.held_on BETWEEN %s AND %s "
        "GROUP BY 1, 2, 3",
        [path + "%", START, END],
    )
    sums = {c: meet[4 + i] or 0 for i, c in enumerate(COUNT_COLUMNS)}
    categories = {c: {"total": 0, "repeated": 0} for c in _zeros("reporting-meetings")}
    critical = dict.fromkeys(["local", "district", "oblast"], 0)
    for topic_id, repeated, critical_of, n in quest:
        column = categories[mapping.get(topic_id, "other")]
        column["total"] += n
        column["repeated"] += n if repeated else 0
        if critical_of is not None:
            critical[
                "oblast" if critical_of == 1 else "local" if critical_of == 6 else "district"
            ] += n
    out = {
        "planned": meet[0] or 0,
        "held": meet[1] or 0,
        "held_online": meet[2] or 0,
        "present": sum(sums[f"participants_{k}"] for k in PARTICIPANTS),
        "speakers": meet[3] or 0,
        "critical_remarks": {"total": sum(critical.values()), "by_level": critical},
        "proposals": {
            "total": sum(r[3] for r in quest),
            "repeated": sum(r[3] for r in quest if r[1]),
            "by_category": categories,
        },
        "media": {},
        "officials_present": {},
    }
    _group_counts(out["media"], "media", MEDIA, sums)
    _group_counts(out["officials_present"], "officials", OFFICIALS, sums)
    return out


# --- country scale (a database loaded by ``manage.py seed_country``) --------------------


def median_of(fn, repeat: int, warm: bool = True) -> tuple[float, object, float]:
    """Median of ``repeat`` runs, warm ones (one warm-up run first) unless not ``warm``:
    (wall seconds, result, the median CPU seconds of this process, i.e. Django's share
    without the server's)."""
    result = fn() if warm else None
    times, cpu = [], []
    for _ in range(repeat):
        t0, c0 = time.perf_counter(), time.process_time()
        result = fn()
        times.append(time.perf_counter() - t0)
        cpu.append(time.process_time() - c0)
    times.sort()
    cpu.sort()
    return times[len(times) // 2], result, cpu[len(cpu) // 2]


def country(args) -> None:
    """Each form for the country, an oblast, a district and a rural district of the
    synthetic country, the report (subtree) against the hand-written SQL, side by side."""
    import django

    os.environ["DATABASE_URL"] = args.database
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tyndau.settings")
    django.setup()
    global START, END, YEAR, QUARTER_ENDS
    from django.db import connection
    from django.utils import timezone

    from tyndau.appeals.models import Appeal
    from tyndau.meetings.models import Meeting
    from tyndau.reports.services import report_build
    from tyndau.territory.models import Territory

    YEAR = timezone.localdate().year - 1  # the last whole year of the two seeded
    START, END = dt.date(YEAR, 1, 1), dt.date(YEAR, 12, 31)
    QUARTER_ENDS = [dt.date(YEAR, 3, 31), dt.date(YEAR, 6, 30), dt.date(YEAR, 9, 30), END]
    places = [
        ("country", None, "/"),
        ("oblast", Territory.objects.get(code="801000000"), None),
        ("district", Territory.objects.get(code="801020000"), None),
        ("rural district", Territory.objects.get(code="801020100"), None),
    ]
    hand_sql = {
        "appeal-outcomes": sql_appeal_outcomes,
        "appeal-topics": sql_appeal_topics,
        "personal-reception": sql_personal_reception,
        "decree-826": sql_decree_826,
        "reporting-meetings": sql_reporting_meetings,
    }
    with open("/proc/loadavg") as handle:
        load = handle.read().split()[:3]
    hand_repeat = args.hand_repeat or args.repeat
    print(
        f"\n{connection.vendor}, {Appeal.objects.count():,} appeals, "
        f"{Meeting.objects.count():,} meetings; {START}..{END}; scope subtree; "
        f"median of {args.repeat} warm runs (hand SQL: "
        f"{hand_repeat if hand_repeat > 1 else 'one run, no warm-up'}); "
        f"load average {' '.join(load)}"
    )
    print(
        f"{'form':20} {'territory':15} {'report':>9} {'its CPU':>8} {'hand SQL':>9} "
        f"{'ratio':>7}  same"
    )
    for form, sql in hand_sql.items():
        if args.form and form not in args.form:
            continue
        for label, territory, path in places:
            ours, data, cpu = median_of(
                lambda f=form, t=territory: report_build(
                    form=f, territory=t, date_from=START, date_to=END, scope="subtree"
                ),
                args.repeat,
            )
            theirs, hand, _cpu = median_of(
                lambda s=sql, p=path or territory.path: s(p), hand_repeat, warm=hand_repeat > 1
            )
            same = check(form, data, hand)
            print(
                f"{form:20} {label:15} {ours:8.3f}s {cpu:7.3f}s {theirs:8.3f}s "
                f"{ours / theirs:6.2f}×  " + ("yes" if same else "NO"),
                flush=True,
            )


def check(form: str, data: dict, hand: dict) -> bool:
    """The report and the hand-written SQL agree on every figure of the form."""
    from tyndau.reports.services import report_figure_keys
    from tyndau.reports.sheets import figure_value

    keys = report_figure_keys(form=form, date_from=START, date_to=END)
    differ = [k for k in keys if figure_value(data, k) != figure_value(hand, k)]
    for key in differ[:5]:
        print(
            f"  {form} {key}: report {figure_value(data, key)}, hand SQL {figure_value(hand, key)}"
        )
    return not differ


def best_of(fn, repeat: int) -> tuple[float, object]:
    best, result = float("inf"), None
    for _ in range(repeat):
        t0 = time.perf_counter()
        result = fn()
        best = min(best, time.perf_counter() - t0)
    return best, result


def main():
    args = parse_args()
    if args.country:
        country(args)
        return
    reuse = setup(args.database, args.appeals, args.meetings)
    from django.apps import apps
    from django.db import connection

    from tyndau.reports.services import report_build
    from tyndau.territory.models import Territory

    if reuse:
        print("Reusing the benchmark database.")
    else:
        build(args.appeals, args.meetings)
    oblast = Territory.objects.get(code=OBLAST)
    has_meetings = apps.is_installed("tyndau.meetings") and "meeting" in apps.all_models["meetings"]
    hand_sql = {
        "appeal-outcomes": sql_appeal_outcomes,
        "appeal-topics": sql_appeal_topics,
        "personal-reception": sql_personal_reception,
        "decree-826": sql_decree_826,
        "reporting-meetings": sql_reporting_meetings,
    }
    print(
        f"\n{connection.vendor}, {args.appeals:,} appeals, {args.meetings:,} meetings; "
        f"whole oblast, {START}..{END}; best of {args.repeat}"
    )
    print(f"{'form':22} {'report':>10} {'hand SQL':>10} {'ratio':>7}  same totals")
    for form, sql in hand_sql.items():
        if form in ("decree-826", "reporting-meetings") and not has_meetings:
            print(f"{form:22} skipped: no meetings app")
            continue
        ours, data = best_of(
            lambda f=form: report_build(
                form=f, territory=oblast, date_from=START, date_to=END, scope="subtree"
            ),
            args.repeat,
        )
        theirs, hand = best_of(lambda s=sql: s(oblast.path), args.repeat)
        same = check(form, data, hand)
        print(
            f"{form:22} {ours:9.3f}s {theirs:9.3f}s {ours / theirs:6.2f}×  "
            + ("yes" if same else "NO")
        )


if __name__ == "__main__":
    main()
