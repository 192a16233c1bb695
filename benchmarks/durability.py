"""Durability (issue 12, point 4): an acknowledged appeal is never lost, never stored twice.

    .venv/bin/python benchmarks/durability.py                       # SQLite, 1,000 appeals
    .venv/bin/python benchmarks/durability.py --postgres postgres://postgres@127.0.0.1:5432/tyndau_durability
    .venv/bin/python benchmarks/durability.py --appeals 2000 --clients 16 --kills 6

The real server (gunicorn, production settings) on a throwaway database; the mail server
is down the whole time (SMTP to a closed port), so every notification fails. Clients send
appeals through the REST API (``POST /api/v1/appeals/``), each with its own
``Idempotency-Key``, and retry on any connection error or 5xx until the server
acknowledges (201, or 200 for a replay). Meanwhile the whole gunicorn process group is
killed with SIGKILL several times, in the middle of requests, and started again. At the end
the database is read: every acknowledged appeal must be stored once, under the number the
client was given.

Prints: sent (distinct appeals), attempts, acknowledged, stored, duplicated, lost, kills;
then the notices: kept while the mail server was down (each is a ``Job`` row written in the
appeal's own transaction, the outbox), delivered once it is back (the periodic runner
``run_due_jobs``, as a day later), lost (a stored appeal never told) and sent twice.
The test ``tyndau/api/tests/test_durability.py`` runs a smaller version in ``make test``
on SQLite and PostgreSQL.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import signal
import sys
import tempfile
import threading
import time
import uuid
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from tyndau.core.testing import (  # noqa: E402
    Server,
    free_port,
    manage_many,
    production_env,
    python_in,
    throwaway_database,
)

BODY = {
    "territory": "111033100",
    "channel": "social",
    "applicant_type": "individual",
    "kind": "statement",
    "topic": "water_supply",
    "text": "Нет воды на улице Мира третий день, просим принять меры.",
    "applicant_name": "Иванов Иван",
    "phone": "+77011234567",
    "email": "ivanov@example.kz",
    "street": "Мира",
}

TOKEN_CODE = (
    "from rest_framework.authtoken.models import Token\n"
    "from django.contrib.auth import get_user_model\n"
    "user = get_user_model().objects.get(username='clerk')\n"
    "print(Token.objects.get_or_create(user=user)[0].key)\n"
)
COUNT_CODE = (
    "import json\n"
    "from tyndau.appeals.models import Appeal\n"
    "from tyndau.core.models import Job\n"
    "rows = list(Appeal.objects.exclude(client_key__isnull=True).exclude(client_key='')"
    ".values_list('client_key', 'number', 'pk'))\n"
    "waiting = [j.kwargs.get('appeal_id') for j in Job.objects.filter("
    "path='tyndau.appeals.tasks.notify_applicant', done_at__isnull=True)"
    " if j.kwargs.get('event') == 'registered']\n"
    "print(json.dumps({'rows': rows, 'waiting': waiting}))\n"
)
# The mail server is back: the periodic runner (as after the LEASE, a day later) delivers
# every notice still waiting; then each appeal's "registered" notices are counted.
DELIVER_CODE = (
    "import datetime as dt, json\n"
    "from django.utils import timezone\n"
    "from tyndau.appeals.models import AppealEvent\n"
    "from tyndau.core.jobs import run_due_jobs\n"
    "later = timezone.now() + dt.timedelta(days=1)\n"
    "while run_due_jobs(now=later, limit=5000):\n"
    "    pass\n"
    "sent = list(AppealEvent.objects.filter(kind='notified', data__event='registered')"
    ".values_list('appeal_id', flat=True))\n"
    "print(json.dumps({'sent': sent}))\n"
)


@dataclass
class Result:
    database: str
    sent: int
    attempts: int
    acknowledged: int
    stored: int
    duplicated: int
    lost: int
    wrong_number: int
    kills: int
    notices_waiting: int  # notices of stored appeals kept to be sent (the mail is down)
    notices_delivered: int  # stored appeals whose notice went out once the mail was back
    notices_lost: int  # stored appeals whose notice never went out
    notices_twice: int  # stored appeals told twice (a kill after the send, before the mark)
    seconds: float

    def line(self) -> str:
        return (
            f"{self.database}: sent {self.sent}, attempts {self.attempts}, "
            f"acknowledged {self.acknowledged}, stored {self.stored}, "
            f"duplicated {self.duplicated}, lost {self.lost}, "
            f"acknowledged under another number {self.wrong_number}, "
            f"kills {self.kills}; notices kept while the mail was down "
            f"{self.notices_waiting}, delivered once it was back {self.notices_delivered}, "
            f"lost {self.notices_lost}, sent twice {self.notices_twice}; "
            f"{self.seconds:.1f} s"
        )


def run(
    tmp: Path,
    *,
    appeals: int = 1000,
    clients: int = 8,
    kills: int = 6,
    workers: int = 2,
    database_url: str | None = None,
    log=lambda *a: None,
) -> Result:
    """Send ``appeals`` appeals from ``clients`` threads while killing the server ``kills``
    times; return what the database holds. ``database_url``: a database to use (created
    anew by the caller); otherwise a throwaway one (see ``throwaway_database``)."""
    if database_url is None:
        database_url, drop = throwaway_database(tmp, "durability")
    else:
        drop = lambda: None  # noqa: E731
    closed_port = free_port()  # nothing listens there: the mail server is down
    env = production_env(
        database_url,
        tmp,
        TYNDAU_API_WRITES_PER_HOUR=str(100 * appeals),
        EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend",
        EMAIL_HOST="127.0.0.1",
        EMAIL_PORT=str(closed_port),
        EMAIL_TIMEOUT="2",
    )
    server = Server(env, workers=workers)
    try:
        manage_many(env, ["migrate", "--noinput"], ["createcachetable"], ["seed_demo", "--force"])
        token = python_in(env, TOKEN_CODE).strip()
        server.start()
        outcome = _drive(server, token, appeals=appeals, clients=clients, kills=kills, log=log)
        server.stop()
        stored = json.loads(python_in(env, COUNT_CODE))
        back = {**env, "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend"}
        delivered = json.loads(python_in(back, DELIVER_CODE))
    finally:
        server.kill()
        drop()
    acknowledged = outcome["acknowledged"]
    by_key: dict[str, list[str]] = {}
    appeal_ids: dict[str, list[int]] = {}
    for client_key, number, pk in stored["rows"]:
        by_key.setdefault(client_key.rsplit(":", 1)[1], []).append(number)
        appeal_ids.setdefault(client_key.rsplit(":", 1)[1], []).append(pk)
    ours = {k: v for k, v in by_key.items() if k in outcome["keys"]}
    our_ids = {pk for key in ours for pk in appeal_ids[key]}
    sent: dict[int, int] = {}
    for pk in delivered["sent"]:
        sent[pk] = sent.get(pk, 0) + 1
    result = Result(
        database="PostgreSQL" if database_url.startswith("postgres") else "SQLite",
        sent=len(outcome["keys"]),
        attempts=outcome["attempts"],
        acknowledged=len(acknowledged),
        stored=len(ours),
        duplicated=sum(len(v) - 1 for v in ours.values()),
        lost=sum(1 for key in acknowledged if key not in ours),
        wrong_number=sum(
            1 for key, number in acknowledged.items() if key in ours and number not in ours[key]
        ),
        kills=outcome["kills"],
        notices_waiting=sum(1 for pk in set(stored["waiting"]) if pk in our_ids),
        notices_delivered=sum(1 for pk in our_ids if sent.get(pk)),
        notices_lost=sum(1 for pk in our_ids if not sent.get(pk)),
        notices_twice=sum(1 for pk in our_ids if sent.get(pk, 0) > 1),
        seconds=outcome["seconds"],
    )
    return result


def _drive(server: Server, token: str, *, appeals: int, clients: int, kills: int, log) -> dict:
    keys = [f"dur-{uuid.uuid4().hex[:20]}-{i}" for i in range(appeals)]
    queue = list(reversed(keys))
    acknowledged: dict[str, str] = {}
    lock = threading.Lock()
    counters = {"attempts": 0, "kills": 0}
    body = json.dumps(BODY, ensure_ascii=False).encode()
    failures: list[str] = []

    def post(key: str):
        conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=30)
        try:
            conn.request(
                "POST",
                "/api/v1/appeals/",
                body=body,
                headers={
                    "Authorization": f"Token {token}",
                    "Content-Type": "application/json",
                    "Idempotency-Key": key,
                    "X-Forwarded-Proto": "https",
                    "Host": "127.0.0.1",
                },
            )
            response = conn.getresponse()
            return response.status, response.read()
        finally:
            conn.close()

    def client():
        while True:
            with lock:
                if not queue or failures:
                    return
                key = queue.pop()
            while True:
                with lock:
                    counters["attempts"] += 1
                try:
                    status, data = post(key)
                except (OSError, http.client.HTTPException):
                    time.sleep(0.05)  # the server is down or was killed mid-request: retry
                    continue
                if status in (200, 201):
                    number = json.loads(data)["number"]
                    with lock:
                        acknowledged[key] = number
                    break
                if status >= 500:
                    time.sleep(0.05)
                    continue
                with lock:
                    failures.append(f"{status}: {data[:300]!r}")
                return

    def killer():
        for i in range(kills):
            threshold = appeals * (i + 1) // (kills + 1)
            while True:
                with lock:
                    done = len(acknowledged)
                if done >= threshold or failures or not any(t.is_alive() for t in threads):
                    break
                time.sleep(0.01)
            if failures or not any(t.is_alive() for t in threads):
                return
            server.kill(signal.SIGKILL)  # master and workers, mid-request
            counters["kills"] += 1
            log(f"kill {i + 1} after {done} acknowledged")
            # meanwhile the clients retry against the dead port, then the new server
            server.start()

    threads = [threading.Thread(target=client, daemon=True) for _ in range(clients)]
    start = time.monotonic()
    for t in threads:
        t.start()
    kill_thread = threading.Thread(target=killer, daemon=True)
    kill_thread.start()
    for t in threads:
        t.join()
    kill_thread.join()
    if failures:
        raise RuntimeError(f"the server refused an appeal: {failures[0]}")
    return {
        "keys": set(keys),
        "acknowledged": acknowledged,
        "attempts": counters["attempts"],
        "kills": counters["kills"],
        "seconds": time.monotonic() - start,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--appeals", type=int, default=1000)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--kills", type=int, default=6)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--postgres", help="a PostgreSQL URL (the database is created anew)")
    args = parser.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="tyndau-durability-"))
    url = None
    if args.postgres:
        from benchmarks.common import _recreate_postgres

        _recreate_postgres(args.postgres)
        url = args.postgres
    result = run(
        tmp,
        appeals=args.appeals,
        clients=args.clients,
        kills=args.kills,
        workers=args.workers,
        database_url=url,
        log=print,
    )
    print(
        f"gunicorn {args.workers} sync workers, {args.clients} clients; "
        f"load average {os.getloadavg()[0]:.1f}"
    )
    print(result.line())
    ok = result.lost == 0 and result.duplicated == 0 and result.wrong_number == 0
    sys.exit(0 if ok and result.notices_lost == 0 else 1)


if __name__ == "__main__":
    main()
