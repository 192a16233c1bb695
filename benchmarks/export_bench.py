"""The register export at 1M appeals: peak memory of the real CSV and XLSX exports against
a raw floor (issue 16, point 4: under 300 MB).

    .venv/bin/python benchmarks/export_bench.py                  # 1M appeals, SQLite
    .venv/bin/python benchmarks/export_bench.py --size 100000

Fills a throwaway database with the inbox benchmark's generated appeals (~90% in the
Krasnoyarsk office), gives every appeal an applicant's name, phone and address, then runs
each contender in a fresh process and reads its peak resident memory (``ru_maxrss``):

- floor: the same database rows (the register's columns, the same joins) read with a raw
  cursor and written with ``csv.writer`` to /dev/null: the memory that Python, Django and
  the database driver need to move the rows at all;
- CSV: ``GET /ru/staff/appeals/export/?status=all&format=csv`` through ``django.test.Client``
  as the Krasnoyarsk clerk (every filter, the policy, labels, working days left, the access
  log of the rows with personal data), the streamed body read chunk by chunk to /dev/null;
- XLSX: the same with ``format=xlsx`` (openpyxl write-only into a temporary file, then
  streamed).

Each process reports its peak memory, its memory right after ``django.setup()``, the time
and the rows written; the ratio is against the floor's peak.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

GOAL_MB = 300


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KB on Linux


def child(mode: str, workdir: str) -> dict:
    """Run one contender in this process (the database is ready) and report."""
    os.environ["TYNDAU_VAR_DIR"] = workdir
    os.environ["DJANGO_SETTINGS_MODULE"] = "benchmarks.settings"
    os.environ["DATABASE_URL"] = f"sqlite:///{Path(workdir) / 'bench.sqlite3'}"
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.test import Client

    setup_mb = _peak_mb()
    rows = 0
    began = time.perf_counter()
    if mode == "floor":
        import csv

        sql = """SELECT a.number, a.registered_on, a.channel, a.kind, a.applicant_type,
                a.applicant_name, a.phone, a.address, t.name_ru, a.street, tp.name_ru,
                u.last_name, u.first_name, a.due_on, a.status, a.outcome, a.decided_on,
                a.special_control, a.risk_score, a.risk_band
            FROM appeals_appeal a
            JOIN territory_territory t ON t.id = a.territory_id
            JOIN appeals_topic tp ON tp.id = a.topic_id
            LEFT JOIN accounts_user u ON u.id = a.executor_id
            WHERE t.path LIKE %s ORDER BY a.due_on, a.id"""
        from tyndau.territory.models import Office

        path = Office.objects.get(territory__code="111033000").territory.path
        with open(os.devnull, "w", newline="") as sink, connection.cursor() as cursor:
            writer = csv.writer(sink, delimiter=";")
            cursor.execute(sql, [path + "%"])
            while batch := cursor.fetchmany(2000):
                writer.writerows(batch)
                rows += len(batch)
    else:
        client = Client()
        client.force_login(get_user_model().objects.get(username="clerk"))
        response = client.get(f"/ru/staff/appeals/export/?status=all&format={mode}")
        assert response.status_code == 200, response.status_code
        size = 0
        with open(os.devnull, "wb") as sink:
            for chunk in response.streaming_content:
                chunk = chunk if isinstance(chunk, bytes) else chunk.encode()
                sink.write(chunk)
                size += len(chunk)
                if mode == "csv":
                    rows += chunk.count(b"\n")
        response.close()
        if mode == "csv":
            rows -= 1  # the header
        else:
            rows = size  # an XLSX is a ZIP: its size in bytes instead of its rows
    seconds = time.perf_counter() - began
    return {"mode": mode, "peak_mb": _peak_mb(), "setup_mb": setup_mb, "s": seconds, "rows": rows}


def prepare(size: int) -> Path:
    from benchmarks.common import setup_django
    from benchmarks.inbox import fill

    workdir = setup_django()
    from django.db import connection

    from tyndau.reports import tally

    tally.remove_triggers()  # the tally is not what is measured; it would slow the fill
    fill(size)
    began = time.perf_counter()
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE appeals_appeal SET applicant_name = 'Иванов Иван Иванович', "
            "phone = '+77011234567', address = 'село Кызылжар, ул. Абая, 12', street = 'Абая'"
        )
    print(f"  gave every appeal an applicant in {time.perf_counter() - began:.0f} s", flush=True)
    connection.close()
    return workdir


def run_child(mode: str, workdir: Path) -> dict:
    out = subprocess.run(
        [sys.executable, __file__, "--child", mode, "--workdir", str(workdir)],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return json.loads(out.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", type=int, default=1_000_000)
    parser.add_argument("--child", choices=["floor", "csv", "xlsx"])
    parser.add_argument("--workdir")
    args = parser.parse_args()
    if args.child:
        print(json.dumps(child(args.child, args.workdir)))
        return
    print(f"register export of the Krasnoyarsk clerk, {args.size:,} appeals, SQLite", flush=True)
    workdir = prepare(args.size)
    results = []
    for mode in ("floor", "csv", "xlsx"):
        result = run_child(mode, workdir)
        results.append(result)
        print(f"  {mode}: done in {result['s']:.0f} s", flush=True)
    floor = results[0]["peak_mb"]
    print(f"load average {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    print(f"{'what':34} {'peak MB':>8} {'after setup':>11} {'vs floor':>8} {'s':>6} {'rows':>11}")
    names = {
        "floor": "floor: raw cursor + csv.writer",
        "csv": "CSV export (the real view)",
        "xlsx": "XLSX export (the real view)",
    }
    for r in results:
        print(
            f"{names[r['mode']]:34} {r['peak_mb']:8.0f} {r['setup_mb']:11.0f} "
            f"{r['peak_mb'] / floor:7.2f}x {r['s']:6.0f} "
            + (f"{r['rows']:11,}" if r["mode"] != "xlsx" else f"{r['rows'] / 1e6:8.1f} MB")
        )
    worst = max(r["peak_mb"] for r in results[1:])
    print(f"goal: every export under {GOAL_MB} MB: {'met' if worst < GOAL_MB else 'NOT met'}")


if __name__ == "__main__":
    main()
