"""Bulk inserts for the batch form of registration (and the benchmarks that fill tables).

:func:`insert_rows` writes dicts of field values straight to a table: on SQLite one
prepared INSERT fed with ``executemany``, on PostgreSQL ``COPY … FROM STDIN``. Model
signals do not fire (the caller writes the audit entries itself); database triggers do.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from contextlib import ExitStack
from operator import itemgetter

from django.db import connection, connections, router
from django.db.models import DateField, DateTimeField, JSONField

BATCH_SIZE = 1000

# Context managers entered around every bulk insert into a model, registered by an app that
# keeps something per row of it with a database trigger (the reports' appeal tally pauses
# its per-row trigger on SQLite and counts the rows at the end: ``reports.apps``).
_AROUND_INSERT: dict[type, list[Callable]] = {}


def around_bulk_insert(model, wrapper: Callable) -> None:
    """Enter ``wrapper()`` around every :func:`insert_rows` into ``model``."""
    if wrapper not in _AROUND_INSERT.setdefault(model, []):
        _AROUND_INSERT[model].append(wrapper)


def _cached(convert: Callable) -> Callable:
    """``convert`` remembering its results: imported dates repeat a lot."""
    cache: dict = {}

    def cached(value):
        try:
            return cache[value]
        except KeyError:
            result = cache[value] = convert(value)
            return result

    return cached


def _columns(model, provided: Iterable[str]) -> list[tuple[str, str, object, Callable | None]]:
    """(attname, column, default, to_db) of each concrete field, the ``provided`` ones
    first; to_db only where the database needs the value converted (dates, JSON)."""
    ops = connections[router.db_for_write(model)].ops
    provided = list(provided)
    fields = {f.attname: f for f in model._meta.concrete_fields if not f.primary_key}
    rest = [a for a in fields if a not in provided]
    rest.sort(key=lambda a: not (fields[a].has_default() and callable(fields[a].default)))
    columns = []
    for attname in [*provided, *rest]:
        f = fields[attname]
        to_db = None
        if isinstance(f, DateTimeField):
            to_db = _cached(ops.adapt_datetimefield_value)
        elif isinstance(f, DateField):
            to_db = _cached(ops.adapt_datefield_value)
        elif isinstance(f, JSONField):
            to_db = lambda v, encoder=f.encoder: ops.adapt_json_value(v, encoder)  # noqa: E731
        if attname in provided:
            default = None
        elif f.has_default() and callable(f.default):
            default = f.default
        else:
            default = f.get_default()
            default = to_db(default) if to_db else default
            to_db = None
        columns.append((attname, f.column, default, to_db))
    return columns


def _rows(model, provided: list[str], records: Iterable[dict]):
    """(columns, the rows of ``records`` as tuples in column order, ready for the
    database): the provided fields converted where needed, then the defaults."""
    columns = _columns(model, provided)
    take = itemgetter(*provided)
    convert = [(i, c[3]) for i, c in enumerate(columns[: len(provided)]) if c[3]]
    makers = [c[2] for c in columns[len(provided) :] if callable(c[2])]
    constants = tuple(c[2] for c in columns[len(provided) :] if not callable(c[2]))

    def rows():
        for record in records:
            row = list(take(record))
            for i, to_db in convert:
                row[i] = to_db(row[i])
            for make in makers:
                row.append(make())
            yield (*row, *constants)

    return columns, rows()


def _batches(rows, on_batch=None):
    """Lists of BATCH_SIZE rows (the last one shorter), reporting each to ``on_batch``."""
    batch: list[tuple] = []
    for row in rows:
        batch.append(row)
        if len(batch) == BATCH_SIZE:
            yield batch
            if on_batch:
                on_batch(len(batch))
            batch = []
    if batch:
        yield batch
        if on_batch:
            on_batch(len(batch))


def insert_rows(model, provided: list[str], records: Iterable[dict], *, on_batch=None) -> None:
    """Insert ``records`` (dicts holding at least the ``provided`` fields) in bulk.

    SQLite: one prepared INSERT fed with ``executemany`` per batch (Django's bulk_create
    spends most of its time compiling SQL, and on SQLite it can put only ~35 appeals in a
    statement). PostgreSQL: ``COPY … FROM STDIN``, its bulk-load path, several times
    faster than any INSERT.
    """
    columns, rows = _rows(model, provided, records)
    quote = connection.ops.quote_name
    table = quote(model._meta.db_table)
    names = ", ".join(quote(c[1]) for c in columns)
    if connection.vendor == "postgresql":
        copy_sql = f"COPY {table} ({names}) FROM STDIN"
        with connection.cursor() as cursor, cursor.cursor.copy(copy_sql) as copy:
            for batch in _batches(rows, on_batch):
                for row in batch:
                    copy.write_row(row)
        return
    sql = f"INSERT INTO {table} ({names}) VALUES ({', '.join(['%s'] * len(columns))})"
    with ExitStack() as around:
        for wrapper in _AROUND_INSERT.get(model, ()):
            around.enter_context(wrapper())
        with connection.cursor() as cursor:
            for batch in _batches(rows, on_batch):
                cursor.executemany(sql, batch)
