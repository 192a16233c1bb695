#!/usr/bin/env python
"""Time the check of the maintained tallies against the raw records (``report_verify``'s
first part): the tallies' ``differences()`` (both sides stacked and grouped once by the
key) against the FULL OUTER JOIN of the stored rows with the recomputed ones that it
replaced, side by side in one run, on a database already loaded, e.g.

    TYNDAU_DEMO=1 DATABASE_URL=sqlite:////tmp/oblast.sqlite3 \
        .venv/bin/python manage.py seed_demo --oblast
    .venv/bin/python benchmarks/verify_bench.py --database sqlite:////tmp/oblast.sqlite3

The join is stopped after --join-timeout seconds (then printed as "> N s"). Both ways
must find the same differences (none on a true tally).
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database", required=True)
    parser.add_argument("--join-timeout", type=float, default=600)
    return parser.parse_args()


def joined(table: str, key, measures, recomputed: str) -> str:
    """The former comparison: a FULL OUTER JOIN on the whole key."""
    on = " AND ".join(f"s.{c} = r.{c}" for c in key)
    coalesced = ", ".join(f"COALESCE(s.{c}, r.{c})" for c in key)
    stored = ", ".join(f"COALESCE(s.{c}, 0)" for c in measures)
    actual = ", ".join(f"COALESCE(r.{c}, 0)" for c in measures)
    differ = " OR ".join(f"COALESCE(s.{c}, 0) <> COALESCE(r.{c}, 0)" for c in measures)
    return (
        f"SELECT {coalesced}, {stored}, {actual} "
        f"FROM (SELECT * FROM {table} WHERE n <> 0) s "
        f"FULL OUTER JOIN ({recomputed}) r ON {on} WHERE {differ}"
    )


def timed(run):
    wall, cpu = time.perf_counter(), time.process_time()
    result = run()
    return result, time.perf_counter() - wall, time.process_time() - cpu


def main():
    args = parse_args()
    os.environ["DATABASE_URL"] = args.database
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tyndau.settings")
    import django

    django.setup()
    from django.db import OperationalError, connection

    from tyndau.reports import meeting_tally, tally
    from tyndau.reports.models import MEETING_TALLY_KEY, MEETING_TALLY_SUMS

    cases = [
        (
            "appeal tally",
            tally.TABLE,
            [c.strip() for c in tally.KEY.split(",")],
            ["n"],
            tally.recomputed_rows(),
            tally.differences,
        ),
        (
            "meeting tally",
            meeting_tally.TABLE,
            MEETING_TALLY_KEY,
            ["n", *MEETING_TALLY_SUMS],
            meeting_tally.recomputed(),
            meeting_tally.differences,
        ),
    ]
    with connection.cursor() as cursor:
        for table in (tally.TABLE, meeting_tally.TABLE):
            cursor.execute(f"SELECT COUNT(*) FROM {table}")
            print(f"{table}: {cursor.fetchone()[0]} rows")
        for name in ("appeals_appeal", "meetings_meeting", "meetings_receptionsession"):
            cursor.execute(f"SELECT COUNT(*) FROM {name}")
            print(f"{name}: {cursor.fetchone()[0]} rows")
    print(f"load average {os.getloadavg()[0]:.2f} at the start ({connection.vendor})")
    print(f"{'tally':<14} {'stacked s':>10} {'cpu s':>7} {'join s':>10} {'ratio':>7}  same")
    for name, table, key, measures, recomputed, differences in cases:
        found, wall, cpu = timed(differences)

        def join(table=table, key=key, measures=measures, recomputed=recomputed):
            deadline = time.perf_counter() + args.join_timeout
            with connection.cursor() as cursor:
                if connection.vendor == "sqlite":
                    connection.connection.set_progress_handler(
                        lambda: int(time.perf_counter() > deadline), 100_000
                    )
                else:
                    cursor.execute(f"SET statement_timeout = {int(args.join_timeout * 1000)}")
                try:
                    cursor.execute(joined(table, key, measures, recomputed))
                    return cursor.fetchall()
                except OperationalError:
                    return None
                finally:
                    if connection.vendor == "sqlite":
                        connection.connection.set_progress_handler(None, 0)
                    else:
                        cursor.execute("SET statement_timeout = 0")

        rows, join_wall, _cpu = timed(join)
        if rows is None:
            join_text, ratio, same = f"> {args.join_timeout:.0f}", "-", "-"
        else:
            join_text = f"{join_wall:.2f}"
            ratio = f"{join_wall / wall:.1f}"
            same = "yes" if len(rows) == len(found) else f"no ({len(rows)} vs {len(found)})"
        print(f"{name:<14} {wall:>10.2f} {cpu:>7.2f} {join_text:>10} {ratio:>7}  {same}")
    print(f"load average {os.getloadavg()[0]:.2f} at the end")


if __name__ == "__main__":
    main()
