"""A bulk load into PostgreSQL tables without their foreign keys, unique constraints and
secondary indexes, each put back afterwards as the catalogue had it (``seed_country`` and
the tally rebuild after it)."""

from __future__ import annotations

import time
from collections.abc import Callable

from django.db import connection


def dropped(table: str) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """What a bulk load of ``table`` is faster without (PostgreSQL): its foreign-key and
    unique constraints and its indexes that back no constraint, each (name, definition).
    The primary key and the check constraints stay."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint "
            "WHERE conrelid = %s::regclass AND contype IN ('f', 'u') "
            "ORDER BY contype DESC, conname",
            [table],
        )
        constraints = cursor.fetchall()
        cursor.execute(
            "SELECT i.indexname, i.indexdef FROM pg_indexes i WHERE i.tablename = %s "
            "AND i.indexname NOT IN (SELECT conname FROM pg_constraint "
            "WHERE conrelid = %s::regclass) ORDER BY i.indexname",
            [table, table],
        )
        return constraints, cursor.fetchall()


def unconstrained(tables: list[str], load: Callable[[], None], log=None) -> None:
    """Run ``load`` with the tables' foreign keys, unique constraints and secondary indexes
    dropped, then put each back as it was, in the same transaction: one sorted build per
    index and one set-based check per foreign key (an anti-join) instead of millions of
    random index insertions and one queued trigger per row and key. The definitions are
    read from the catalogue, so the schema after the load is the migrations' own."""
    saved = {table: dropped(table) for table in tables}
    with connection.cursor() as cursor:
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")  # nothing pending on these tables
        cursor.execute("SET CONSTRAINTS ALL DEFERRED")
        for table, (constraints, indexes) in saved.items():
            for name, _definition in constraints:
                cursor.execute(f'ALTER TABLE {table} DROP CONSTRAINT "{name}"')
            for name, _definition in indexes:
                cursor.execute(f'DROP INDEX "{name}"')
    load()
    started = time.monotonic()
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL maintenance_work_mem = '1GB'")
        for table, (constraints, indexes) in saved.items():
            # Unique constraints first: a foreign key may need one on the referenced side.
            for name, definition in [c for c in constraints if c[1].startswith("UNIQUE")]:
                cursor.execute(f'ALTER TABLE {table} ADD CONSTRAINT "{name}" {definition}')
            for _name, definition in indexes:
                cursor.execute(definition)
        for table, (constraints, _indexes) in saved.items():
            for name, definition in [c for c in constraints if not c[1].startswith("UNIQUE")]:
                cursor.execute(f'ALTER TABLE {table} ADD CONSTRAINT "{name}" {definition}')
    if log:
        seconds = time.monotonic() - started
        log(f"  {', '.join(tables)}: constraints and indexes back ({seconds:.0f} s)")
