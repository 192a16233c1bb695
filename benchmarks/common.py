"""Shared set-up of the benchmarks: a throwaway database, migrated, with the demo district.

Benchmarks are scripts (``python benchmarks/NAME.py``), never collected by pytest.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def setup_django(*, postgres: str | None = None, workdir: Path | None = None) -> Path:
    """Point Django at a fresh SQLite file in ``workdir`` (or the PostgreSQL URL given,
    whose database is dropped and created anew), migrate it and load the demo district."""
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    workdir = workdir or Path(tempfile.mkdtemp(prefix="tyndau-bench-"))
    os.environ["TYNDAU_VAR_DIR"] = str(workdir)
    os.environ["DJANGO_SETTINGS_MODULE"] = "benchmarks.settings"
    if postgres:
        _recreate_postgres(postgres)
        os.environ["DATABASE_URL"] = postgres
    else:
        os.environ["DATABASE_URL"] = f"sqlite:///{workdir / 'bench.sqlite3'}"
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    call_command("createcachetable", verbosity=0)  # the shared rate-limit counters
    from tyndau.territory.demo import seed_territories, seed_users

    seed_territories(log=lambda *a: None)
    seed_users(log=lambda *a: None)
    return workdir


def _recreate_postgres(url: str) -> None:
    import dj_database_url
    import psycopg

    cfg = dj_database_url.parse(url)
    with psycopg.connect(
        host=cfg["HOST"] or None,
        port=cfg["PORT"] or None,
        user=cfg["USER"] or None,
        password=cfg["PASSWORD"] or None,
        dbname="postgres",
        autocommit=True,
    ) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{cfg["NAME"]}"')
        conn.execute(f'CREATE DATABASE "{cfg["NAME"]}"')


@contextmanager
def timed(results: dict, key: str):
    start = time.perf_counter()
    yield
    results[key] = time.perf_counter() - start


def db_label() -> str:
    from django.db import connection

    if connection.vendor == "sqlite":
        import sqlite3

        return f"SQLite {sqlite3.sqlite_version} (WAL, synchronous=NORMAL)"
    return f"PostgreSQL {connection.cursor().connection.info.server_version}"
