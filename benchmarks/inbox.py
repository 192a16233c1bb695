"""The staff inbox at 10k and 1M appeals: query count (must not grow) and time against a
hand-written SQL query of the same page.

    .venv/bin/python benchmarks/inbox.py                        # 10k, then 1M, SQLite
    .venv/bin/python benchmarks/inbox.py --sizes 10000 100000
    .venv/bin/python benchmarks/inbox.py --postgres postgres://postgres@127.0.0.1:5432/tyndau_bench

Fills the appeals table with the import's prepared inserts (~90% in the Krasnoyarsk
office, ~15% of them open), runs ANALYZE, then as the Krasnoyarsk clerk times
GET /ru/staff/appeals/ (default filters: the open appeals by deadline, with the counts per
status and per band) through django.test.Client. Compared with hand-written SQL:
(a) the SELECT of the same 50 rows in the same order with the same joins, and (b) that
SELECT plus the same three counts (per status and overdue, per band of the open ones,
the total of the open ones): the database work the page cannot avoid. The goal (issue 3)
is a constant query count and at most 3x the bare query (b) at 1M appeals.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.common import db_label, setup_django  # noqa: E402

PAGE = 50
REPEAT = 5


def fill(upto: int, *, seed: int = 1) -> None:
    """Add generated appeals until the table holds ``upto`` rows."""
    import datetime as dt

    from django.db import transaction
    from django.utils import timezone

    from tyndau.appeals.bulk import insert_rows
    from tyndau.appeals.models import Appeal, RiskBand, Topic
    from tyndau.territory.models import Office, Territory

    have = Appeal.objects.count()
    if have >= upto:
        return
    rng = random.Random(seed + have)
    krasnoyarsk = Office.objects.get(territory__code="111033000")
    neighbour = Office.objects.get(territory__code="114645000")
    places = [
        (krasnoyarsk, t)
        for t in Territory.objects.filter(path__startswith=krasnoyarsk.territory.path)
    ]
    elsewhere = [
        (neighbour, t) for t in Territory.objects.filter(path__startswith=neighbour.territory.path)
    ]
    topics = list(Topic.objects.values_list("id", flat=True))
    statuses = ["closed"] * 40 + ["answered"] * 35 + ["redirected"] * 10
    statuses += ["registered"] * 5 + ["in_progress"] * 8 + ["extended"] * 2
    bands = [RiskBand.NONE] * 6 + [RiskBand.YELLOW] * 2 + [RiskBand.ORANGE, RiskBand.RED]
    now = timezone.now()
    start = dt.date(2020, 1, 1)
    days = (timezone.localdate() - start).days

    def records():
        for i in range(have + 1, upto + 1):
            office, territory = rng.choice(places) if rng.random() < 0.9 else rng.choice(elsewhere)
            registered = start + dt.timedelta(days=rng.randrange(days))
            status = rng.choice(statuses)
            due = registered + dt.timedelta(days=21)
            yield {
                "number": f"B-{registered.year}-{i:07d}",
                "office_id": office.pk,
                "territory_id": territory.pk,
                "received_at": now,
                "registered_on": registered,
                "channel": "portal",
                "applicant_type": "individual",
                "kind": "statement",
                "topic_id": rng.choice(topics),
                "text": "Generated appeal for the inbox benchmark.",
                "status": status,
                "outcome": "explained" if status in ("answered", "closed") else "",
                "decided_on": due if status in ("answered", "closed", "redirected") else None,
                "due_on": due,
                "original_due_on": due,
                "risk_band": rng.choice(bands),
                "risk_score": 0,
                "risk_reasons": [],
                "created_at": now,
                "updated_at": now,
            }

    provided = [
        "number",
        "office_id",
        "territory_id",
        "received_at",
        "registered_on",
        "channel",
        "applicant_type",
        "kind",
        "topic_id",
        "text",
        "status",
        "outcome",
        "decided_on",
        "due_on",
        "original_due_on",
        "risk_band",
        "risk_score",
        "risk_reasons",
        "created_at",
        "updated_at",
    ]
    began = time.perf_counter()
    with transaction.atomic():
        insert_rows(Appeal, provided, records())
    print(f"  filled {upto - have:,} appeals in {time.perf_counter() - began:.0f} s", flush=True)
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


def measure(fn) -> tuple[float, int]:
    """(median milliseconds, number of queries) of ``fn()``, after one warm-up run."""
    from django.db import connection

    fn()
    queries = []

    def count(execute, sql, params, many, context):
        queries.append(sql)  # an execute wrapper: the test client resets connection.queries
        return execute(sql, params, many, context)

    with connection.execute_wrapper(count):
        fn()
    times = []
    for _ in range(REPEAT):
        began = time.perf_counter()
        fn()
        times.append((time.perf_counter() - began) * 1000)
    return statistics.median(times), len(queries)


def contenders(clerk):
    from django.db import connection
    from django.test import Client
    from django.utils import timezone

    from tyndau.appeals.models import OPEN_STATUSES
    from tyndau.territory.selectors import scope_paths

    today = timezone.localdate()

    client = Client()
    client.force_login(clerk)

    def page():
        response = client.get("/ru/staff/appeals/")
        assert response.status_code == 200, response.status_code

    path = scope_paths(user=clerk)[0]
    open_statuses = [str(s) for s in OPEN_STATUSES]
    marks = ", ".join(["%s"] * len(open_statuses))
    bare_page_sql = f"""
        SELECT a.id, a.number, a.registered_on, a.due_on, a.status, a.risk_band, a.text,
               o.name_ru, t.name_ru, tp.name_ru, u.last_name
        FROM appeals_appeal a
        JOIN territory_territory t ON t.id = a.territory_id
        JOIN territory_office o ON o.id = a.office_id
        JOIN appeals_topic tp ON tp.id = a.topic_id
        LEFT JOIN accounts_user u ON u.id = a.executor_id
        WHERE t.path LIKE %s AND a.status IN ({marks})
        ORDER BY a.due_on, a.id
        LIMIT {PAGE}"""
    # The counts the page shows: per status (and overdue) over the scope, per band over
    # the open appeals, and the paginator's total of the open appeals.
    from tyndau.appeals.models import RiskBand, Status

    per_status = ", ".join(
        f"COUNT(*) FILTER (WHERE a.status = '{status}')" for status in Status.values
    )
    per_band = ", ".join(
        f"COUNT(*) FILTER (WHERE a.risk_band = '{band}')" for band in RiskBand.values
    )
    scope = "FROM appeals_appeal a JOIN territory_territory t ON t.id = a.territory_id"
    # The same three counts as the page (per status and overdue over the scope, per band
    # of the open ones, the paginator's total), each in one pass like the page's.
    bare_counts_sql = [
        (
            f"""SELECT COUNT(*), {per_status},
                COUNT(*) FILTER (WHERE a.status IN ({marks}) AND a.due_on < %s)
            {scope} WHERE t.path LIKE %s""",
            [*open_statuses, today, path + "%"],
        ),
        (
            f"SELECT {per_band} {scope} WHERE t.path LIKE %s AND a.status IN ({marks})",
            [path + "%", *open_statuses],
        ),
        (
            f"SELECT COUNT(*) {scope} WHERE t.path LIKE %s AND a.status IN ({marks})",
            [path + "%", *open_statuses],
        ),
    ]

    def bare_page():
        with connection.cursor() as cursor:
            cursor.execute(bare_page_sql, [path + "%", *open_statuses])
            return cursor.fetchall()

    def bare_page_and_counts():
        with connection.cursor() as cursor:
            for sql, params in bare_counts_sql:
                cursor.execute(sql, params)
                cursor.fetchall()
        return bare_page()

    return [
        ("GET /ru/staff/appeals/ (the page)", page),
        ("bare SQL: the same page of 50", bare_page),
        ("bare SQL: page + counts per status and per band", bare_page_and_counts),
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 1_000_000])
    parser.add_argument("--postgres", metavar="URL", help="a PostgreSQL database to recreate")
    args = parser.parse_args()
    setup_django(postgres=args.postgres)
    from django.contrib.auth import get_user_model

    clerk = get_user_model().objects.get(username="clerk")
    print(f"inbox of the Krasnoyarsk clerk on {db_label()}", flush=True)
    table = []
    for size in sorted(args.sizes):
        fill(size)
        rows = contenders(clerk)
        results = [(name, *measure(fn)) for name, fn in rows]
        page_only, with_counts = results[1][1], results[2][1]
        for name, ms, queries in results:
            table.append((size, name, ms, queries, ms / page_only, ms / with_counts))
        print(f"  measured at {size:,}", flush=True)
    print(f"load average {os.getloadavg()[0]:.1f}; median of {REPEAT} runs after a warm-up")
    print(f"{'appeals':>9}  {'what':50} {'ms':>8} {'queries':>7} {'vs (a)':>7} {'vs (b)':>7}")
    for size, name, ms, queries, ratio_a, ratio_b in table:
        print(f"{size:9,}  {name:50} {ms:8.1f} {queries:7} {ratio_a:6.1f}x {ratio_b:6.1f}x")


if __name__ == "__main__":
    main()
