"""Helpers for tests and benchmarks that run the real server (gunicorn) with production
settings in a child process, on a throwaway database of its own.

Never imported by the product itself.
"""

from __future__ import annotations

import http.client
import os
import secrets
import signal
import socket
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parents[2]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def throwaway_database(tmp: Path, suffix: str) -> tuple[str, callable]:
    """A database URL for a child process, and a function that drops it.

    On the PostgreSQL test run (DATABASE_URL=postgres://…/NAME) it is NAME_SUFFIX on the
    same server, created anew; otherwise a SQLite file in ``tmp``."""
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith(("postgres://", "postgresql://")):
        return f"sqlite:///{tmp / (suffix + '.sqlite3')}", lambda: None
    import dj_database_url
    import psycopg

    cfg = dj_database_url.parse(url)
    name = f"{cfg['NAME']}_{suffix}"
    params = {
        "host": cfg["HOST"] or None,
        "port": cfg["PORT"] or None,
        "user": cfg["USER"] or None,
        "password": cfg["PASSWORD"] or None,
        "dbname": "postgres",
        "autocommit": True,
    }

    def drop():
        with psycopg.connect(**params) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    drop()
    with psycopg.connect(**params) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    base = url.rsplit("/", 1)[0]
    return f"{base}/{name}", drop


def production_env(database_url: str, tmp: Path, **extra) -> dict:
    env = {k: v for k, v in os.environ.items() if k not in {"TYNDAU_DEMO", "DEBUG"}}
    env.update(
        DJANGO_SETTINGS_MODULE="tyndau.settings",
        SECRET_KEY=secrets.token_urlsafe(50),
        DATABASE_URL=database_url,
        ALLOWED_HOSTS="127.0.0.1,localhost",
        TYNDAU_VAR_DIR=str(tmp / "var"),
        TYNDAU_MEDIA_ROOT=str(tmp / "media"),
        TYNDAU_STATIC_ROOT=str(tmp / "static"),
        EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend",
        PYTHONPATH=str(ROOT),
    )
    # the manifest storage (hashed names) without the slow gzip/brotli copies
    env["TYNDAU_STATIC_STORAGE"] = "django.contrib.staticfiles.storage.ManifestStaticFilesStorage"
    env.pop("CELERY_BROKER_URL", None)
    env.pop("REDIS_URL", None)
    env.update(extra)
    return env


def manage(env: dict, *args: str, timeout: int = 300) -> subprocess.CompletedProcess:
    out = subprocess.run(
        [sys.executable, str(ROOT / "manage.py"), *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    if out.returncode != 0:
        raise RuntimeError(f"manage.py {' '.join(args)} failed:\n{out.stdout}\n{out.stderr}")
    return out


def manage_many(env: dict, *commands: list[str], timeout: int = 600) -> None:
    """Several management commands in one child process (one Django start-up)."""
    code = (
        "import sys, django; django.setup(); from django.core.management import call_command\n"
        f"for args in {[list(c) for c in commands]!r}:\n"
        "    call_command(*args, verbosity=0)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True,
        timeout=timeout,
    )  # fmt: skip
    if out.returncode != 0:
        raise RuntimeError(f"{commands} failed:\n{out.stdout}\n{out.stderr}")


def python_in(env: dict, code: str, timeout: int = 300) -> str:
    """Run ``code`` after ``django.setup()`` in a child process with ``env``; its stdout."""
    out = subprocess.run(
        [sys.executable, "-c", "import django; django.setup()\n" + code],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=timeout,
    )  # fmt: skip
    if out.returncode != 0:
        raise RuntimeError(f"the child failed:\n{out.stdout}\n{out.stderr}")
    return out.stdout


@dataclass
class Server:
    env: dict
    workers: int = 2
    port: int = field(default_factory=free_port)
    proc: subprocess.Popen | None = None
    log: Path | None = None

    def start(self, timeout: float = 60) -> Server:
        self.log = Path(self.env["TYNDAU_VAR_DIR"]) / f"gunicorn-{self.port}.log"
        self.log.parent.mkdir(parents=True, exist_ok=True)
        self.proc = subprocess.Popen(
            [
                sys.executable, "-m", "gunicorn", "tyndau.wsgi:application",
                # the deployed settings (JSON access log, summed metrics); flags win
                "--config", str(ROOT / "deploy" / "gunicorn.conf.py"),
                "--bind", f"127.0.0.1:{self.port}", "--workers", str(self.workers),
                "--timeout", "60", "--graceful-timeout", "2",
            ],
            cwd=ROOT,
            env=self.env,
            stdout=self.log.open("ab"),
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )  # fmt: skip
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"gunicorn exited:\n{self.log.read_text()[-3000:]}")
            try:
                status = self.request("GET", "/ru/").status
                if status < 500:
                    return self
            except OSError:
                pass
            time.sleep(0.2)
        raise RuntimeError(f"gunicorn did not answer:\n{self.log.read_text()[-3000:]}")

    def kill(self, sig=signal.SIGKILL) -> None:
        """Kill the whole process group (master and workers), as a power cut would."""
        if self.proc and self.proc.poll() is None:
            os.killpg(self.proc.pid, sig)
            self.proc.wait(timeout=30)

    def stop(self) -> None:
        self.kill(signal.SIGTERM)

    def raw(self, data: bytes, timeout=30) -> bytes:
        """Send raw bytes (e.g. headers announcing a huge body) and read the answer."""
        with socket.create_connection(("127.0.0.1", self.port), timeout=timeout) as sock:
            sock.sendall(data)
            chunks = []
            while chunk := sock.recv(65536):
                chunks.append(chunk)
            return b"".join(chunks)

    def request(self, method, path, *, body=None, headers=None, timeout=30):
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=timeout)
        try:
            conn.request(method, path, body=body, headers=headers or {})
            response = conn.getresponse()
            response.data = response.read()
            return response
        finally:
            conn.close()


class Browser:
    """A minimal cookie-keeping client that speaks to gunicorn as nginx would (the scheme
    is https, sent as X-Forwarded-Proto), so that Secure cookies and CSRF work."""

    def __init__(self, server: Server):
        self.server = server
        self.cookies: dict[str, str] = {}

    def _headers(self, extra=None):
        headers = {"X-Forwarded-Proto": "https", "Host": "127.0.0.1"}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        headers.update(extra or {})
        return headers

    def _keep(self, response):
        for name, value in response.getheaders():
            if name.lower() == "set-cookie":
                pair = value.split(";", 1)[0]
                key, _, val = pair.partition("=")
                if val in ('""', ""):
                    self.cookies.pop(key, None)
                else:
                    self.cookies[key] = val
        return response

    def get(self, path, **headers):
        return self._keep(self.server.request("GET", path, headers=self._headers(headers)))

    def post(self, path, data: dict, **headers):
        body = urlencode({"csrfmiddlewaretoken": self.cookies.get("csrftoken", ""), **data})
        extra = {
            "Content-Type": "application/x-www-form-urlencoded",
            "Origin": "https://127.0.0.1",
            "Referer": "https://127.0.0.1" + path,
            **headers,
        }
        return self._keep(
            self.server.request("POST", path, body=body, headers=self._headers(extra))
        )

    def login(self, username: str, password: str = "tyndau-demo") -> None:
        self.get("/ru/accounts/login/")
        response = self.post("/ru/accounts/login/", {"username": username, "password": password})
        if response.status != 302:
            raise AssertionError(f"login of {username} answered {response.status}")
