"""Load (issue 12, point 7): appeal intake through the REST API against a bare one-row
insert on the same stack, side by side in one run.

    .venv/bin/python benchmarks/load.py                     # SQLite only
    .venv/bin/python benchmarks/load.py --postgres postgres://postgres@127.0.0.1:5432/tyndau_load
    .venv/bin/python benchmarks/load.py --seconds 10 --clients 1,8,32 --workers 2,4

For each database (a throwaway SQLite file, and with ``--postgres`` that database, dropped
and created anew), each number of gunicorn sync workers and each number of concurrent
clients, two contenders run one after the other for ``--seconds`` (after a 2 s warm-up):

- **bare insert**: ``POST /bench/bare/``, one ``INSERT`` of one row in autocommit, nothing
  else (benchmarks/views.py): the floor of a write request on this stack;
- **API intake**: ``POST /api/v1/appeals/`` as an integration would send it: token
  authentication, a fresh ``Idempotency-Key``, the write throttle (shared counters in the
  database cache), validation, ``appeal_register`` (gap-free number, deadline from the
  calendar, repeat detection, risk score, timeline event, audit log) and the notification
  job (in-process, dummy e-mail backend).

The clients are Python threads of this process, one new connection per request (gunicorn's
sync workers close each connection). Prints requests/s, p50 and p99 latency, errors, and
the intake's rate as a share of the bare insert's, with the load average before each line.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import sys
import tempfile
import threading
import time
import urllib.parse
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from benchmarks.durability import BODY, TOKEN_CODE  # noqa: E402
from tyndau.core.testing import Server, manage_many, python_in  # noqa: E402

BARE_BODY = urllib.parse.urlencode({"text": BODY["text"]}).encode()
API_BODY = json.dumps(BODY, ensure_ascii=False).encode()


def bench_env(database_url: str, tmp: Path) -> dict:
    env = {k: v for k, v in os.environ.items() if k not in {"DEBUG", "CELERY_BROKER_URL"}}
    env.update(
        DJANGO_SETTINGS_MODULE="benchmarks.settings",
        DATABASE_URL=database_url,
        TYNDAU_VAR_DIR=str(tmp / "var"),
        TYNDAU_MEDIA_ROOT=str(tmp / "media"),
        PYTHONPATH=str(ROOT),
        REDIS_URL="",
    )
    return env


def percentile(values: list[float], share: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def drive(port: int, *, path: str, body: bytes, headers: dict, clients: int, seconds: float):
    stop = time.monotonic() + seconds
    latencies: list[float] = []
    errors = [0]
    lock = threading.Lock()

    def worker():
        mine, bad = [], 0
        while time.monotonic() < stop:
            extra = dict(headers)
            if "Idempotency-Key" in extra:
                extra["Idempotency-Key"] = uuid.uuid4().hex
            began = time.perf_counter()
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
            try:
                conn.request("POST", path, body=body, headers=extra)
                response = conn.getresponse()
                response.read()
                if response.status in (200, 201):
                    mine.append(time.perf_counter() - began)
                else:
                    bad += 1
            except (OSError, http.client.HTTPException):
                bad += 1
            finally:
                conn.close()
        with lock:
            latencies.extend(mine)
            errors[0] += bad

    threads = [threading.Thread(target=worker) for _ in range(clients)]
    began = time.monotonic()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.monotonic() - began
    return {
        "rate": len(latencies) / elapsed,
        "p50": percentile(latencies, 0.50) * 1000,
        "p99": percentile(latencies, 0.99) * 1000,
        "errors": errors[0],
        "count": len(latencies),
    }


def prepare(database_url: str, tmp: Path) -> tuple[dict, str]:
    env = bench_env(database_url, tmp)
    manage_many(env, ["migrate", "--noinput"], ["createcachetable"], ["seed_demo"])
    python_in(env, "from benchmarks.views import ensure_bare_table\nensure_bare_table()\n")
    token = python_in(env, TOKEN_CODE).strip()
    return env, token


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=10)
    parser.add_argument("--clients", default="1,8,32")
    parser.add_argument("--workers", default="2,4")
    parser.add_argument("--postgres", help="also on this PostgreSQL database (created anew)")
    parser.add_argument("--no-sqlite", action="store_true")
    args = parser.parse_args()
    clients_list = [int(c) for c in args.clients.split(",")]
    workers_list = [int(w) for w in args.workers.split(",")]
    tmp = Path(tempfile.mkdtemp(prefix="tyndau-load-"))
    databases = [] if args.no_sqlite else [("SQLite", f"sqlite:///{tmp / 'load.sqlite3'}")]
    if args.postgres:
        from benchmarks.common import _recreate_postgres

        _recreate_postgres(args.postgres)
        databases.append(("PostgreSQL", args.postgres))

    print(
        f"{args.seconds:g} s per line after a 2 s warm-up; Python-thread clients; "
        f"{os.cpu_count()} CPUs; started with load average {os.getloadavg()[0]:.1f}"
    )
    header = (
        f"{'database':10} {'workers':>7} {'clients':>7} | {'bare req/s':>10} {'p50 ms':>7} "
        f"{'p99 ms':>7} | {'API req/s':>9} {'p50 ms':>7} {'p99 ms':>7} {'errors':>6} | "
        f"{'API/bare':>8} | load"
    )
    print(header)
    print("-" * len(header))
    for name, url in databases:
        env, token = prepare(url, tmp / name)
        api_headers = {
            "Authorization": f"Token {token}",
            "Content-Type": "application/json",
            "Idempotency-Key": "x",
            "Host": "127.0.0.1",
        }
        bare_headers = {"Content-Type": "application/x-www-form-urlencoded", "Host": "127.0.0.1"}
        for workers in workers_list:
            server = Server(env, workers=workers).start()
            try:
                for clients in clients_list:
                    load = os.getloadavg()[0]
                    row = {}
                    for label, path, body, headers in (
                        ("bare", "/bench/bare/", BARE_BODY, bare_headers),
                        ("api", "/api/v1/appeals/", API_BODY, api_headers),
                    ):
                        kw = {"path": path, "body": body, "headers": headers, "clients": clients}
                        drive(server.port, seconds=2, **kw)
                        row[label] = drive(server.port, seconds=args.seconds, **kw)
                    bare, api = row["bare"], row["api"]
                    print(
                        f"{name:10} {workers:>7} {clients:>7} | {bare['rate']:10.1f} "
                        f"{bare['p50']:7.1f} {bare['p99']:7.1f} | {api['rate']:9.1f} "
                        f"{api['p50']:7.1f} {api['p99']:7.1f} {api['errors'] + bare['errors']:>6} "
                        f"| {api['rate'] / bare['rate']:8.2f} | {load:.1f}",
                        flush=True,
                    )
            finally:
                server.stop()
    print(f"finished with load average {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
