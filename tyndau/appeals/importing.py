"""Import of an existing register of appeals (CSV or XLSX), all-or-nothing.

Columns (issue 3, point 10)::

    number,territory,received_on,channel,applicant_type,kind,topic,text,status,outcome,
    decided_on,redirected_to,repeated,signatories,lat,lon

- ``territory`` is a territory code; the appeal goes to the office serving it;
- ``status`` is one of registered, in_progress, extended, redirected, answered;
- ``outcome`` (satisfied, explained, refused, terminated) only and always when answered;
- ``decided_on`` is the date of the answer or the redirect;
- dates as ``YYYY-MM-DD`` or ``DD.MM.YYYY`` (or date cells in XLSX).

Idempotent by number within the office: a row whose appeal was imported before updates it
(or leaves it alone when nothing changed); an appeal registered in Tyndau, or changed here
since its import, is kept as it is. Every row is checked first; if any is bad,
:class:`ImportFailed` lists every bad row with its number and reason, and nothing is saved.

It is built for volume: one transaction, ``bulk_create`` in batches, deadlines from the
working-day calendar cached per run, risk rules and bands loaded once, the similar-appeal
clusters refreshed once at the end with :func:`~tyndau.appeals.services.appeal_risk_refresh`.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from operator import itemgetter
from pathlib import Path
from types import SimpleNamespace

from django.conf import settings
from django.db import transaction
from django.db.models import DateField, DateTimeField, Exists, JSONField, OuterRef
from django.utils import timezone
from django.utils.translation import gettext as _

from tyndau.core import calendar
from tyndau.territory.models import Office, Territory
from tyndau.territory.selectors import office_serving
from tyndau.territory.services import ImportFailed as _TerritoryImportFailed
from tyndau.territory.services import RowError

from .intake import term_days_for
from .models import (
    Appeal,
    AppealCounter,
    AppealEvent,
    ApplicantType,
    Channel,
    Kind,
    Outcome,
    RiskRule,
    RiskSettings,
    Status,
    Topic,
)
from .risk import risk_evaluate
from .services import appeal_risk_refresh

__all__ = ["IMPORT_COLUMNS", "ImportFailed", "ImportResult", "RowError", "appeals_import"]

IMPORT_COLUMNS = [
    "number",
    "territory",
    "received_on",
    "channel",
    "applicant_type",
    "kind",
    "topic",
    "text",
    "status",
    "outcome",
    "decided_on",
    "redirected_to",
    "repeated",
    "signatories",
    "lat",
    "lon",
]
IMPORT_STATUSES = [
    Status.REGISTERED.value,
    Status.IN_PROGRESS.value,
    Status.EXTENDED.value,
    Status.REDIRECTED.value,
    Status.ANSWERED.value,
]
DECIDED = frozenset({Status.ANSWERED.value, Status.REDIRECTED.value})
BATCH_SIZE = 1000
NUMBER_MAX_LENGTH = Appeal._meta.get_field("number").max_length
REDIRECTED_TO_MAX_LENGTH = Appeal._meta.get_field("redirected_to").max_length
YES = {"1", "true", "yes", "y", "да", "иә", "x", "+"}
NO = {"", "0", "false", "no", "n", "нет", "жоқ", "-"}
# The fields an import writes: compared to decide whether a re-imported row changed.
IMPORTED_FIELDS = [
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
    "redirected_to",
    "repeated",
    "signatories",
    "latitude",
    "longitude",
    "due_on",
    "original_due_on",
    "risk_score",
    "risk_band",
    "risk_reasons",
]

Progress = Callable[[str, int, int], None]  # (stage, rows done since last call, total)


class ImportFailed(_TerritoryImportFailed):
    """Some rows are bad; ``errors`` lists each with its row number and reason."""


@dataclass
class ImportResult:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    kept: list[str] = field(default_factory=list)  # numbers worked on in Tyndau: not touched
    office_ids: list[int] = field(default_factory=list)

    @property
    def total(self) -> int:
        return self.created + self.updated + self.unchanged + len(self.kept)


# --- reading files ----------------------------------------------------------------------


MAX_ROWS = 200_000  # settings.TYNDAU_IMPORT_MAX_ROWS; checked while reading
MAX_FIELD_CHARS = 131_072  # csv's own limit: a longer field is named, never a traceback


def _max_rows() -> int:
    from django.conf import settings

    return getattr(settings, "TYNDAU_IMPORT_MAX_ROWS", MAX_ROWS)


def read_rows(path: Path | str) -> tuple[list[str], list[tuple[int, dict]]]:
    """(header, [(row number, values by column)]) of a CSV (comma or semicolon separated,
    UTF-8) or XLSX file. Blank rows are left out; row numbers are as the user sees them.

    Both are read as a stream: past the row limit reading stops at once with a clear
    error; a NUL character or a field longer than the limit is reported with its row."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix == ".xlsx":
        return _read_xlsx(path)
    if suffix in (".csv", ".txt"):
        return _read_csv_file(path)
    raise ImportFailed([RowError(1, _("the file must be .csv or .xlsx, not %s") % path.name)])


def _table(records: Iterable[Iterable]) -> tuple[list[str], list[tuple[int, dict]]]:
    records = iter(records)
    header = [str(h or "").strip().lower() for h in next(records, ())]
    rows = []
    errors: list[RowError] = []
    limit = _max_rows()
    for line, values in enumerate(records, start=2):
        values = list(values)
        if all(v is None or v == "" for v in values):
            continue
        if len(rows) >= limit:
            raise ImportFailed(
                [
                    RowError(
                        line,
                        _("the file has more than %(limit)s rows: split it into smaller files")
                        % {"limit": f"{limit:,}".replace(",", " ")},
                    )
                ]
            )
        if any(isinstance(v, str) and "\x00" in v for v in values):
            errors.append(RowError(line, _("contains a NUL character (a damaged file?)")))
            continue
        rows.append((line, dict(zip(header, values, strict=False))))
    if errors:
        raise ImportFailed(errors)
    return header, rows


def _csv_records(lines: Iterable[str], delimiter: str):
    reader = csv.reader(lines, delimiter=delimiter)
    while True:
        try:
            yield next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            line = reader.line_num or 1
            if "field larger than field limit" in str(exc):
                message = _("a field is longer than %(n)s characters") % {
                    "n": f"{MAX_FIELD_CHARS:,}".replace(",", " ")
                }
            else:
                message = _("the line cannot be read as CSV (%(error)s)") % {"error": exc}
            raise ImportFailed([RowError(line, message)]) from exc


def _read_csv(text: str) -> tuple[list[str], list[tuple[int, dict]]]:
    text = text.lstrip("\ufeff")
    first_line = text.split("\n", 1)[0]
    delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
    return _table(_csv_records(io.StringIO(text, newline=""), delimiter))


def _read_csv_file(path: Path) -> tuple[list[str], list[tuple[int, dict]]]:
    try:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            first_line = handle.readline()
            handle.seek(0)  # utf-8-sig skips the byte order mark again
            delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
            return _table(_csv_records(handle, delimiter))
    except UnicodeDecodeError as exc:
        raise ImportFailed([RowError(1, _("the file is not UTF-8 text"))]) from exc


def _read_xlsx(path: Path) -> tuple[list[str], list[tuple[int, dict]]]:
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a damaged file
        raise ImportFailed([RowError(1, _("the file is not a readable XLSX workbook"))]) from exc
    try:
        sheet = workbook.worksheets[0]
        return _table(map(_cell, values) for values in sheet.iter_rows(values_only=True))
    finally:
        workbook.close()


def _cell(value):
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


# --- checking one row -------------------------------------------------------------------

_ISO = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_DOTTED = re.compile(r"^\d{1,2}\.\d{1,2}\.\d{4}$")


def _date(value, column: str, errors: list[str]) -> dt.date | None:
    if isinstance(value, dt.date):
        return value
    value = (value or "").strip()
    if not value:
        return None
    value = value.split(" ", 1)[0].split("T", 1)[0]  # a time after the date is ignored
    try:
        if _ISO.match(value):
            return dt.date.fromisoformat(value)
        if _DOTTED.match(value):
            day, month, year = value.split(".")
            return dt.date(int(year), int(month), int(day))
    except ValueError:
        pass
    errors.append(
        _("%(column)s “%(value)s” is not a date (expected YYYY-MM-DD or DD.MM.YYYY)")
        % {"column": column, "value": value}
    )
    return None


def _coordinate(value: str, column: str, limit: int, errors: list[str]) -> float | None:
    value = (value or "").strip().replace(",", ".")
    if not value:
        return None
    try:
        number = float(value)
    except ValueError:
        number = None
    if number is None or not -limit <= number <= limit or number != number:
        errors.append(
            _("%(column)s must be a number between -%(limit)s and %(limit)s, not “%(value)s”")
            % {"column": column, "limit": limit, "value": value}
        )
        return None
    return number


CHOICES = {
    "channel": tuple(Channel.values),
    "applicant_type": tuple(ApplicantType.values),
    "kind": tuple(Kind.values),
    "status": tuple(str(s) for s in IMPORT_STATUSES),
    "outcome": tuple(Outcome.values),
}


def _one_of(value: str, column: str, errors: list[str]) -> str:
    allowed = CHOICES[column]
    if value not in allowed:
        errors.append(
            _("unknown %(column)s “%(value)s”; expected one of: %(allowed)s")
            % {"column": column, "value": value, "allowed": ", ".join(allowed)}
        )
    return value


class _Context:
    """What every row needs, loaded once per run."""

    def __init__(self, rows: list[dict], today: dt.date):
        self.today = today
        codes = {str(r.get("territory") or "").strip() for r in rows}
        self.territories = {t.code: t for t in Territory.objects.filter(code__in=codes)}
        self.topics = {t.code: t for t in Topic.objects.all()}
        self.offices: dict[str, Office | None] = {}
        self.registration: dict[dt.date, dt.date] = {}
        self.deadlines: dict[tuple[dt.date, int], dt.date] = {}
        self.rules = list(RiskRule.objects.filter(is_active=True))
        self.bands = RiskSettings.current()
        hours, minutes = settings.TYNDAU_WORKDAY_START.split(":")
        self.workday_start = dt.time(int(hours), int(minutes))
        self.tz = timezone.get_current_timezone()

    def office_for(self, territory: Territory) -> Office | None:
        if territory.code not in self.offices:
            try:
                self.offices[territory.code] = office_serving(territory=territory)
            except Office.DoesNotExist:
                self.offices[territory.code] = None
        return self.offices[territory.code]

    def received_at(self, day: dt.date) -> dt.datetime:
        return dt.datetime.combine(day, self.workday_start, tzinfo=self.tz)

    def registered_on(self, received_on: dt.date) -> dt.date:
        if received_on not in self.registration:
            self.registration[received_on] = calendar.registration_date(
                self.received_at(received_on)
            )
        return self.registration[received_on]

    def due_on(self, registered_on: dt.date, days: int) -> dt.date:
        key = (registered_on, days)
        if key not in self.deadlines:
            self.deadlines[key] = calendar.add_working_days(registered_on, days)
        return self.deadlines[key]


DATE_COLUMNS = frozenset({"received_on", "decided_on"})


def _check_row(raw: dict, ctx: _Context) -> tuple[dict | None, list[str]]:
    """(values ready for an Appeal, reasons why the row is bad)."""
    row = {c: raw.get(c, "") for c in IMPORT_COLUMNS}
    for column, value in row.items():
        if not isinstance(value, str):
            value = _cell(value)  # numbers and dates given as Python values
        if isinstance(value, dt.date) and column not in DATE_COLUMNS:
            value = value.isoformat()  # a spreadsheet's date cell in a text column
        row[column] = value.strip() if isinstance(value, str) else value
    errors: list[str] = []

    number = row["number"]
    if not number:
        errors.append(_("the number is empty"))
    elif len(number) > NUMBER_MAX_LENGTH:
        errors.append(
            _("the number %(number)s is longer than %(max)s characters")
            % {"number": number, "max": NUMBER_MAX_LENGTH}
        )

    office = territory = None
    code = str(row["territory"])
    if not code:
        errors.append(_("the territory code is empty"))
    elif code not in ctx.territories:
        errors.append(_("unknown territory code %(code)s") % {"code": code})
    else:
        territory = ctx.territories[code]
        office = ctx.office_for(territory)
        if office is None:
            errors.append(_("no office serves territory %(code)s") % {"code": code})

    received_on = _date(row["received_on"], "received_on", errors)
    if received_on is None and not row["received_on"]:
        errors.append(_("%(column)s is empty") % {"column": "received_on"})
    elif received_on and received_on > ctx.today:
        errors.append(_("%(column)s is in the future") % {"column": "received_on"})

    channel = _one_of(row["channel"], "channel", errors)
    applicant_type = _one_of(row["applicant_type"], "applicant_type", errors)
    kind = _one_of(row["kind"], "kind", errors)
    topic = ctx.topics.get(row["topic"])
    if topic is None:
        errors.append(_("unknown topic “%(value)s”") % {"value": row["topic"]})
    text = row["text"]
    if not text:
        errors.append(_("the text is empty"))

    status = _one_of(row["status"], "status", errors)
    outcome = row["outcome"]
    if outcome:
        _one_of(outcome, "outcome", errors)
        if status in IMPORT_STATUSES and status != Status.ANSWERED:
            errors.append(
                _("an outcome is given but the status is %(status)s, not answered")
                % {"status": status}
            )
    elif status == Status.ANSWERED:
        errors.append(_("an answered appeal needs an outcome"))

    decided_on = _date(row["decided_on"], "decided_on", errors)
    if status in DECIDED and not row["decided_on"]:
        errors.append(
            _("decided_on, the date of the answer or redirect, is empty (status %(status)s)")
            % {"status": status}
        )
    elif row["decided_on"] and status in IMPORT_STATUSES and status not in DECIDED:
        errors.append(_("decided_on is given but the status is %(status)s") % {"status": status})
    if decided_on and received_on and decided_on < received_on:
        errors.append(
            _("decided_on %(decided)s is before received_on %(received)s")
            % {"decided": decided_on.isoformat(), "received": received_on.isoformat()}
        )
    if decided_on and decided_on > ctx.today:
        errors.append(_("%(column)s is in the future") % {"column": "decided_on"})

    redirected_to = row["redirected_to"]
    if status == Status.REDIRECTED and not redirected_to:
        errors.append(_("a redirected appeal needs redirected_to, the body it went to"))
    elif redirected_to and status in IMPORT_STATUSES and status != Status.REDIRECTED:
        errors.append(_("redirected_to is given but the status is %(status)s") % {"status": status})
    if len(redirected_to) > REDIRECTED_TO_MAX_LENGTH:
        errors.append(
            _("redirected_to is longer than %(max)s characters") % {"max": REDIRECTED_TO_MAX_LENGTH}
        )

    repeated_text = str(row["repeated"]).lower()
    repeated = repeated_text in YES
    if not repeated and repeated_text not in NO:
        errors.append(_("repeated must be yes or no, not “%(value)s”") % {"value": row["repeated"]})

    signatories = 1
    if row["signatories"]:
        try:
            signatories = int(row["signatories"])
        except ValueError:
            signatories = 0
        if signatories < 1:
            errors.append(
                _("signatories must be a whole number of at least 1, not “%(value)s”")
                % {"value": row["signatories"]}
            )

    latitude = _coordinate(row["lat"], "lat", 90, errors)
    longitude = _coordinate(row["lon"], "lon", 180, errors)
    if (row["lat"] == "") != (row["lon"] == ""):
        errors.append(_("give both lat and lon, or neither"))

    if errors:
        return None, errors
    registered_on = ctx.registered_on(received_on)
    due_on = ctx.due_on(registered_on, term_days_for(kind))
    return {
        "number": number,
        "office": office,
        "territory": territory,
        "received_at": ctx.received_at(received_on),
        "registered_on": registered_on,
        "channel": channel,
        "applicant_type": applicant_type,
        "kind": kind,
        "topic": topic,
        "text": text,
        "status": status,
        "outcome": outcome,
        "decided_on": decided_on,
        "redirected_to": redirected_to,
        "repeated": repeated,
        "signatories": signatories,
        "latitude": latitude,
        "longitude": longitude,
        "due_on": due_on,
        "original_due_on": due_on,
    }, []


# --- the import -------------------------------------------------------------------------


def appeals_import(
    *,
    rows: Iterable[dict] | None = None,
    path: Path | str | None = None,
    by=None,
    progress: Progress | None = None,
) -> ImportResult:
    """Import a register of appeals from ``rows`` (dicts by column) or a file ``path``.

    Raises :class:`ImportFailed` listing every bad row (the header is row 1); then nothing
    is saved. See the module docstring for the columns and the rules.
    """
    if (rows is None) == (path is None):
        raise TypeError("give either rows or path")
    source = ""
    if path is not None:
        header, numbered = read_rows(path)
        source = Path(path).name
        missing = [c for c in IMPORT_COLUMNS if c not in header]
        if missing:
            raise ImportFailed([RowError(1, _("missing columns: %s") % ", ".join(missing))])
    else:
        numbered = list(enumerate(rows, start=2))
    report = progress or (lambda stage, done, total: None)
    total = len(numbered)

    today = calendar.today()
    ctx = _Context([raw for _line, raw in numbered], today)
    checked: list[tuple[int, dict]] = []
    errors: list[RowError] = []
    first_row: dict[tuple[int, str], int] = {}
    for index, (line, raw) in enumerate(numbered):
        values, reasons = _check_row(raw, ctx)
        if values is not None:
            key = (values["office"].pk, values["number"])
            if key in first_row:
                reasons.append(
                    _("duplicate number %(number)s (first on row %(first)s)")
                    % {"number": values["number"], "first": first_row[key]}
                )
            else:
                first_row[key] = line
                checked.append((line, values))
        errors.extend(RowError(line, reason) for reason in reasons)
        if index % 1000 == 999:
            report("check", 1000, total)
    report("check", total % 1000, total)
    if errors:
        raise ImportFailed(errors)

    result = ImportResult()
    now = timezone.now()
    with transaction.atomic():
        existing = _existing(checked)
        new_rows: list[tuple[int, dict]] = []
        to_update: list[Appeal] = []
        update_lines: dict[int, int] = {}
        for line, values in checked:
            _complete(values, ctx, now)
            old = existing.get((values["office_id"], values["number"]))
            if old is None:
                new_rows.append((line, values))
            elif not old.imported or old.version != 1:
                result.kept.append(old.number)
            elif all(getattr(old, name) == values[name] for name in IMPORTED_FIELDS):
                result.unchanged += 1
            else:
                for name in IMPORTED_FIELDS:
                    setattr(old, name, values[name])
                old.updated_at = now
                to_update.append(old)
                update_lines[old.pk] = line

        ids = _insert_appeals([values for _line, values in new_rows], report=report, total=total)
        if to_update:
            Appeal.objects.bulk_update(
                to_update, [*IMPORTED_FIELDS, "updated_at"], batch_size=BATCH_SIZE
            )
        report("save", total - len(new_rows), total)
        events = [
            (ids[(values["office_id"], values["number"])], line, False) for line, values in new_rows
        ]
        events += [(appeal.pk, update_lines[appeal.pk], True) for appeal in to_update]
        _insert_events(events, by=by, source=source, now=now)
        _move_counters(checked)
        result.office_ids = sorted({values["office_id"] for _line, values in checked})
        if result.office_ids:
            appeal_risk_refresh(office_ids=result.office_ids)
    result.created = len(new_rows)
    result.updated = len(to_update)
    return result


class _Probe(SimpleNamespace):
    """The attributes of an appeal that :func:`risk_evaluate` reads, without a model."""

    threat_to_life = against_official = social_assistance_recipient = False
    street = ""


def _complete(values: dict, ctx: _Context, now: dt.datetime) -> None:
    """Add the foreign-key ids, timestamps and the risk score to a checked row."""
    values["office_id"] = values["office"].pk
    values["territory_id"] = values["territory"].pk
    values["topic_id"] = values["topic"].pk
    values["created_at"] = values["updated_at"] = now
    score, band, reasons = risk_evaluate(
        _Probe(**values), rules=ctx.rules, bands=ctx.bands, today=ctx.today, similar=0
    )
    values["risk_score"], values["risk_band"], values["risk_reasons"] = score, band, reasons


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
    from django.db import connections, router

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


def _executemany(model, provided: list[str], records: Iterable[dict], *, on_batch=None) -> None:
    """Insert ``records`` (dicts holding at least the ``provided`` fields) in bulk.

    SQLite: one prepared INSERT fed with ``executemany`` per batch (Django's bulk_create
    spends most of its time compiling SQL, and on SQLite it can put only ~35 appeals in a
    statement). PostgreSQL: ``COPY … FROM STDIN``, its bulk-load path, several times
    faster than any INSERT.
    """
    from django.db import connection

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
    with connection.cursor() as cursor:
        for batch in _batches(rows, on_batch):
            cursor.executemany(sql, batch)


def _insert_appeals(rows: list[dict], *, report: Progress, total: int) -> dict:
    """Insert new appeals; returns their ids by (office id, number)."""
    if not rows:
        return {}
    provided = [f.attname for f in Appeal._meta.concrete_fields if f.attname in rows[0]]
    _executemany(Appeal, provided, rows, on_batch=lambda n: report("save", n, total))
    by_office: dict[int, list[str]] = {}
    for values in rows:
        by_office.setdefault(values["office_id"], []).append(values["number"])
    ids = {}
    for office_id, numbers in by_office.items():
        for start in range(0, len(numbers), 500):
            found = Appeal.objects.filter(
                office_id=office_id, number__in=numbers[start : start + 500]
            ).values_list("number", "id")
            ids.update(((office_id, number), pk) for number, pk in found)
    return ids


def _insert_events(events: list[tuple[int, int, bool]], *, by, source: str, now) -> None:
    """One "imported" event per appeal: (appeal id, row, whether it was an update)."""

    def data(line: int, updated: bool) -> dict:
        value = {"row": line}
        if source:
            value["file"] = source
        if updated:
            value["updated"] = True
        return value

    records = (
        {
            "appeal_id": appeal_id,
            "kind": AppealEvent.Kind.IMPORTED.value,
            "at": now,
            "actor_id": by.pk if by else None,
            "note": "",
            "data": data(line, updated),
        }
        for appeal_id, line, updated in events
    )
    _executemany(AppealEvent, ["appeal_id", "kind", "at", "actor_id", "note", "data"], records)


def _existing(checked: list[tuple[int, dict]]) -> dict[tuple[int, str], Appeal]:
    """Appeals already in the database with the numbers of the file, by (office, number)."""
    by_office: dict[int, list[str]] = {}
    for _line, values in checked:
        by_office.setdefault(values["office"].pk, []).append(values["number"])
    imported = AppealEvent.objects.filter(appeal=OuterRef("pk"), kind=AppealEvent.Kind.IMPORTED)
    found: dict[tuple[int, str], Appeal] = {}
    for office_id, numbers in by_office.items():
        for start in range(0, len(numbers), 500):
            chunk = numbers[start : start + 500]
            for appeal in Appeal.objects.filter(office_id=office_id, number__in=chunk).annotate(
                imported=Exists(imported)
            ):
                found[(office_id, appeal.number)] = appeal
    return found


def _move_counters(checked: list[tuple[int, dict]]) -> None:
    """Move each office's yearly counter past the imported numbers of its own pattern
    (``PREFIX-YEAR-NNNNN``), so new appeals never take an imported number."""
    highest: dict[tuple[int, int], int] = {}
    patterns: dict[int, re.Pattern] = {}
    for _line, values in checked:
        office = values["office"]
        if office.pk not in patterns:
            prefix = office.prefix or office.territory.code
            patterns[office.pk] = re.compile(rf"^{re.escape(prefix)}-(\d{{4}})-(\d+)$")
        match = patterns[office.pk].match(values["number"])
        if match:
            key = (office.pk, int(match.group(1)))
            highest[key] = max(highest.get(key, 0), int(match.group(2)))
    for (office_id, year), last in highest.items():
        counter, _created = AppealCounter.objects.select_for_update().get_or_create(
            office_id=office_id, year=year
        )
        if counter.last < last:
            AppealCounter.objects.filter(pk=counter.pk).update(last=last)
