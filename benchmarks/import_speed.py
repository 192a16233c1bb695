"""Import speed: ``import_appeals`` against raw Django bulk_create and a raw SQL floor.

    .venv/bin/python benchmarks/import_speed.py                 # 100k rows on SQLite
    .venv/bin/python benchmarks/import_speed.py --rows 20000
    .venv/bin/python benchmarks/import_speed.py --postgres postgres://postgres@127.0.0.1:5432/tyndau_bench

Each contender writes the same N appeals into an empty table (the table is emptied between
runs). "our import" is the whole command path: reading the CSV file, checking every row,
deadlines, risk, the imported event of each appeal, counters, risk refresh, one
transaction. "bulk_create" builds N Appeal objects from the same values and saves them
with ``bulk_create(batch_size=1000)`` in one transaction (no events, no checks). "SQL
executemany" inserts the same rows with one prepared INSERT, the floor of the database; on
PostgreSQL "COPY" loads them with ``COPY … FROM STDIN``, the path our import takes there.
Every contender but "without the tally triggers" writes with the triggers that keep the
reports' appeal tally (``tyndau.reports.tally``) on, as in production.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import os
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.common import db_label, setup_django  # noqa: E402

COLUMNS = [
    "number",
    "territory",
    "received_on",
    "channel",
    "applicant_type",
    "kind",
    "topic",
    "text",
    "status",
    "outcome",
    "decided_on",
    "redirected_to",
    "repeated",
    "signatories",
    "lat",
    "lon",
]
TERRITORIES = ["111033000", "111033100", "111033200"]
CHANNELS = ["portal", "written", "eotinish", "personal_reception", "phone", "email", "social"]
KINDS = ["statement", "statement", "statement", "complaint", "proposal", "request"]
TOPICS = ["housing_utilities", "water_supply", "roads", "land", "social_assistance", "other"]
OUTCOMES = ["satisfied", "explained", "explained", "refused", "terminated"]
TEXTS = [
    "Нет воды на улице Ленина третий день, просим принять меры.",
    "Просим отремонтировать дорогу по улице Сейфуллина, ямы после зимы.",
    "Не вывозится мусор с контейнерной площадки на улице Мира.",
    "Прошу разъяснить порядок постановки в очередь на земельный участок.",
]


def generate(n: int, seed: int = 26) -> list[dict]:
    rng = random.Random(seed)
    start = dt.date(2024, 1, 1)
    rows = []
    for i in range(1, n + 1):
        received = start + dt.timedelta(days=rng.randrange(0, 690))
        roll = rng.random()
        status, outcome, decided, redirected_to = "answered", rng.choice(OUTCOMES), None, ""
        if roll < 0.2:
            status, outcome, redirected_to = "redirected", "", "Управление ЖКХ г. Кокшетау"
            decided = received + dt.timedelta(days=rng.randrange(0, 4))
        elif roll < 0.9:
            decided = received + dt.timedelta(days=rng.randrange(1, 25))
        else:
            status, outcome = rng.choice(["registered", "in_progress", "extended"]), ""
        rows.append(
            {
                "number": f"KY-{received.year}-{i:06d}",
                "territory": rng.choice(TERRITORIES),
                "received_on": received.isoformat(),
                "channel": rng.choice(CHANNELS),
                "applicant_type": "individual" if rng.random() < 0.8 else "legal_entity",
                "kind": rng.choice(KINDS),
                "topic": rng.choice(TOPICS),
                "text": rng.choice(TEXTS),
                "status": status,
                "outcome": outcome,
                "decided_on": decided.isoformat() if decided else "",
                "redirected_to": redirected_to,
                "repeated": "1" if rng.random() < 0.05 else "0",
                "signatories": str(rng.choice([1, 1, 1, 1, 2, 15])),
                "lat": f"{53.28 + rng.random() / 50:.5f}",
                "lon": f"{69.39 + rng.random() / 50:.5f}",
            }
        )
    return rows


def write_csv(rows: list[dict], path: Path) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=COLUMNS)
        writer.writeheader()
        writer.writerows(rows)


def empty_tables(tally_triggers: bool = True) -> None:
    """Empty the tables (and the appeal tally, with its triggers off meanwhile); then the
    tally's triggers are put back, unless ``tally_triggers`` is False."""
    from django.db import connection, transaction

    from tyndau.reports import tally

    with transaction.atomic(), connection.cursor() as cursor:
        tally.remove_triggers()
        for table in (
            "appeals_appealevent",
            "appeals_appeal",
            "appeals_appealcounter",
            tally.TABLE,
        ):
            cursor.execute(f"DELETE FROM {table}")
        if tally_triggers:
            tally.install_triggers()


def prepared_appeals(rows: list[dict]) -> list:
    """Appeal objects with the same values the import computes (done outside the timing
    of bulk_create only in so far as the lookups are cached, as any import would)."""
    from django.utils import timezone

    from tyndau.appeals.models import Appeal, Topic
    from tyndau.core import calendar
    from tyndau.territory.models import Territory
    from tyndau.territory.selectors import office_serving

    territories = {t.code: t for t in Territory.objects.filter(code__in=TERRITORIES)}
    offices = {code: office_serving(territory=t) for code, t in territories.items()}
    topics = {t.code: t for t in Topic.objects.all()}
    tz = timezone.get_current_timezone()
    deadlines: dict = {}
    appeals = []
    for r in rows:
        received = dt.date.fromisoformat(r["received_on"])
        due = deadlines.get(received)
        if due is None:
            due = deadlines[received] = calendar.add_working_days(received, 15)
        appeals.append(
            Appeal(
                number=r["number"],
                office=offices[r["territory"]],
                territory=territories[r["territory"]],
                received_at=dt.datetime.combine(received, dt.time(9), tzinfo=tz),
                registered_on=received,
                channel=r["channel"],
                applicant_type=r["applicant_type"],
                kind=r["kind"],
                topic=topics[r["topic"]],
                text=r["text"],
                status=r["status"],
                outcome=r["outcome"],
                decided_on=dt.date.fromisoformat(r["decided_on"]) if r["decided_on"] else None,
                redirected_to=r["redirected_to"],
                repeated=r["repeated"] == "1",
                signatories=int(r["signatories"]),
                latitude=float(r["lat"]),
                longitude=float(r["lon"]),
                due_on=due,
                original_due_on=due,
            )
        )
    return appeals


def run_import(path: Path) -> float:
    from tyndau.appeals.importing import appeals_import

    start, cpu = time.perf_counter(), time.process_time()
    result = appeals_import(path=path)
    elapsed = time.perf_counter() - start, time.process_time() - cpu
    assert result.created > 0
    return elapsed


def run_bulk_create(rows: list[dict]) -> float:
    from django.db import transaction

    from tyndau.appeals.models import Appeal

    start, cpu = time.perf_counter(), time.process_time()
    appeals = prepared_appeals(rows)
    with transaction.atomic():
        Appeal.objects.bulk_create(appeals, batch_size=1000)
    return time.perf_counter() - start, time.process_time() - cpu


def run_executemany(rows: list[dict]) -> float:
    from django.db import connection, transaction

    from tyndau.appeals.models import Appeal

    appeals = prepared_appeals(rows)
    fields = [f for f in Appeal._meta.concrete_fields if not f.primary_key]
    for appeal in appeals:  # auto_now(_add) values
        for f in fields:
            f.pre_save(appeal, add=True)
    params = [
        [f.get_db_prep_save(getattr(a, f.attname), connection) for f in fields] for a in appeals
    ]
    sql = "INSERT INTO {} ({}) VALUES ({})".format(
        Appeal._meta.db_table,
        ", ".join(connection.ops.quote_name(f.column) for f in fields),
        ", ".join(["%s"] * len(fields)),
    )
    start, cpu = time.perf_counter(), time.process_time()
    with transaction.atomic(), connection.cursor() as cursor:
        for i in range(0, len(params), 5000):
            cursor.executemany(sql, params[i : i + 5000])
    return time.perf_counter() - start, time.process_time() - cpu


def run_copy(rows: list[dict]) -> float:
    """PostgreSQL only: the same rows with one ``COPY … FROM STDIN`` (the bulk-load floor)."""
    from django.db import connection, transaction

    from tyndau.appeals.models import Appeal

    appeals = prepared_appeals(rows)
    fields = [f for f in Appeal._meta.concrete_fields if not f.primary_key]
    for appeal in appeals:
        for f in fields:
            f.pre_save(appeal, add=True)
    params = [
        [f.get_db_prep_save(getattr(a, f.attname), connection) for f in fields] for a in appeals
    ]
    sql = "COPY {} ({}) FROM STDIN".format(
        Appeal._meta.db_table, ", ".join(connection.ops.quote_name(f.column) for f in fields)
    )
    start, cpu = time.perf_counter(), time.process_time()
    with transaction.atomic(), connection.cursor() as cursor, cursor.cursor.copy(sql) as copy:
        for row in params:
            copy.write_row(row)
    return time.perf_counter() - start, time.process_time() - cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--postgres", metavar="URL", help="a PostgreSQL database to recreate")
    args = parser.parse_args()

    workdir = setup_django(postgres=args.postgres)
    rows = generate(args.rows)
    path = workdir / "register.csv"
    write_csv(rows, path)

    timings = {}
    empty_tables()
    timings["our import (CSV file → appeals + events)"] = run_import(path)
    from tyndau.appeals.models import Appeal, AppealEvent

    assert Appeal.objects.count() == args.rows and AppealEvent.objects.count() == args.rows
    # The same without the triggers keeping the reports' tally (its cost on each insert).
    empty_tables(tally_triggers=False)
    timings["our import, without the tally triggers"] = run_import(path)
    empty_tables()
    timings["raw Django bulk_create (Appeal only)"] = run_bulk_create(rows)
    empty_tables()
    timings["raw SQL executemany (Appeal only, floor)"] = run_executemany(rows)
    from django.db import connection

    if connection.vendor == "postgresql":
        empty_tables()
        timings["raw COPY FROM STDIN (Appeal only, floor)"] = run_copy(rows)

    base = args.rows / timings["raw Django bulk_create (Appeal only)"][0]
    print(f"{args.rows:,} rows on {db_label()}; load average {os.getloadavg()[0]:.1f}")
    print(
        f"{'contender':45} {'wall s':>7} {'rows/s':>8} {'vs bulk_create':>15} "
        f"{'CPU s':>6} {'rows/CPU s':>10}"
    )
    for name, (seconds, cpu) in timings.items():
        rate = args.rows / seconds
        print(
            f"{name:45} {seconds:7.2f} {rate:8,.0f} {rate / base:14.2f}x "
            f"{cpu:6.2f} {args.rows / cpu:10,.0f}"
        )
    print("(CPU s: this process only; the database work of PostgreSQL is not in it)")


if __name__ == "__main__":
    main()
