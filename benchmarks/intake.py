"""Intake throughput: our appeal registration against a bare one-row insert, over HTTP.

    .venv/bin/python benchmarks/intake.py                 # 20 s each, 8 connections
    .venv/bin/python benchmarks/intake.py --seconds 10 --connections 4

Starts gunicorn (2 sync workers) on 127.0.0.1 with a throwaway SQLite database (WAL,
synchronous=NORMAL, CONN_MAX_AGE as in tyndau.settings) and the benchmark settings, which
add two URLs: POST /bench/bare/ (one INSERT of one row, nothing else) and POST
/bench/intake/ (tyndau.appeals.intake.appeal_register: number, calendar deadline,
repeat detection, risk score, timeline event, notification job in-process with a dummy
e-mail backend). The third contender is the product's real public intake, Open311 POST
/open311/v2/requests.json with the demo clerk's api_key: key lookup, permission check,
validation, then the same service. Drives each for N seconds with ``wrk`` when installed,
otherwise with a bounded pool of Python threads, and prints req/s side by side with the
ratio to the bare insert.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.common import setup_django  # noqa: E402

BODY = {
    "channel": "phone",
    "applicant_type": "individual",
    "kind": "statement",
    "topic": "water_supply",
    "text": "Нет воды на улице Ленина третий день, просим принять меры.",
    "applicant_name": "Иванов Иван",
    "phone": "+77011234567",
    "email": "ivanov@example.kz",
    "street": "Ленина",
}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_gunicorn(workdir: Path, port: int) -> subprocess.Popen:
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "benchmarks.settings",
        "PYTHONPATH": str(ROOT),
    }
    process = subprocess.Popen(
        [
            str(ROOT / ".venv" / "bin" / "gunicorn"),
            "tyndau.wsgi:application",
            "--workers",
            "2",
            "--worker-class",
            "sync",
            "--bind",
            f"127.0.0.1:{port}",
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=env,
        stdout=open(workdir / "gunicorn.log", "wb"),  # noqa: SIM115
        stderr=subprocess.STDOUT,
    )
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return process
        except OSError:
            time.sleep(0.2)
    process.terminate()
    raise SystemExit(f"gunicorn did not start; see {workdir / 'gunicorn.log'}")


def open311_body(api_key: str) -> dict:
    """The same appeal as BODY, filed as a civic app would: Open311 POST requests.json."""
    return {
        "api_key": api_key,
        "jurisdiction_id": "111033000",
        "service_code": BODY["topic"],
        "description": BODY["text"],
        "first_name": "Иван",
        "last_name": "Иванов",
        "phone": BODY["phone"],
        "email": BODY["email"],
        "address_string": "ул. Ленина, 5",
        "lat": "53.289",
        "long": "69.392",
    }


def drive_wrk(
    url: str, seconds: int, connections: int, workdir: Path, fields: dict
) -> tuple[float, int]:
    script = workdir / "post.lua"
    body = urllib.parse.urlencode(fields).replace('"', '\\"')
    script.write_text(
        'wrk.method = "POST"\n'
        f'wrk.body = "{body}"\n'
        'wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"\n',
        encoding="utf-8",
    )
    out = subprocess.run(
        [
            "wrk",
            "-t",
            str(min(2, connections)),
            "-c",
            str(connections),
            "-d",
            f"{seconds}s",
            "-s",
            str(script),
            url,
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    bad = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", out)
    errors = re.search(r"Socket errors:.*", out)
    failures = int(bad.group(1)) if bad else 0
    if errors:
        failures += sum(int(n) for n in re.findall(r"\d+", errors.group(0)))
    return rate, failures


def drive_threads(url: str, seconds: int, connections: int, fields: dict) -> tuple[float, int]:
    import http.client

    parsed = urllib.parse.urlsplit(url)
    body = urllib.parse.urlencode(fields)
    headers = {"Content-Type": "application/x-www-form-urlencoded"}
    stop = time.monotonic() + seconds
    counts = {"ok": 0, "bad": 0}
    lock = threading.Lock()

    def worker():
        ok = bad = 0
        while time.monotonic() < stop:
            conn = http.client.HTTPConnection(parsed.hostname, parsed.port, timeout=30)
            try:
                conn.request("POST", parsed.path, body=body, headers=headers)
                status = conn.getresponse().status
                ok, bad = (ok + 1, bad) if status < 400 else (ok, bad + 1)
            except OSError:
                bad += 1
            finally:
                conn.close()
        with lock:
            counts["ok"] += ok
            counts["bad"] += bad

    threads = [threading.Thread(target=worker) for _ in range(connections)]
    start = time.monotonic()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return counts["ok"] / (time.monotonic() - start), counts["bad"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=int, default=20)
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--threads", action="store_true", help="use Python threads, not wrk")
    args = parser.parse_args()

    workdir = setup_django(workdir=Path(tempfile.mkdtemp(prefix="tyndau-intake-")))
    from benchmarks.views import ensure_bare_table

    ensure_bare_table()
    from django.db import connections
    from rest_framework.authtoken.models import Token

    from tyndau.accounts.models import User

    api_key = Token.objects.get_or_create(user=User.objects.get(username="clerk"))[0].key

    connections.close_all()
    use_wrk = shutil.which("wrk") and not args.threads
    port = free_port()
    server = start_gunicorn(workdir, port)
    results = {}
    try:
        for name, path, fields in (
            ("bare insert", "/bench/bare/", BODY),
            ("appeal_register", "/bench/intake/", BODY),
            ("Open311 POST", "/open311/v2/requests.json", open311_body(api_key)),
        ):
            url = f"http://127.0.0.1:{port}{path}"
            if use_wrk:
                drive_wrk(url, 2, args.connections, workdir, fields)  # warm-up
                results[name] = drive_wrk(url, args.seconds, args.connections, workdir, fields)
            else:
                drive_threads(url, 2, args.connections, fields)
                results[name] = drive_threads(url, args.seconds, args.connections, fields)
    finally:
        server.terminate()
        server.wait(timeout=30)

    from tyndau.appeals.models import Appeal

    driver = "wrk" if use_wrk else "Python threads"
    print(
        f"gunicorn 2 sync workers, SQLite WAL, {args.connections} connections, "
        f"{args.seconds} s each, driver: {driver}; load average {os.getloadavg()[0]:.1f}"
    )
    print(f"appeals registered during the run: {Appeal.objects.count():,}")
    bare = results["bare insert"][0]
    for name, (rate, failures) in results.items():
        print(f"{name:16} {rate:8.1f} req/s  failures {failures:5}  ratio {rate / bare:5.2f}")


if __name__ == "__main__":
    main()
