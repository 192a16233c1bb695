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

The rows only become drafts (:class:`~.intake.AppealDraft` with a
:class:`~.intake.RegisterEntry`): the office, the permission, the number, the deadline,
the risk, the timeline and the audit are the batch form of registration's
(:mod:`.intake_batch`), built for volume: one transaction, bulk inserts (``COPY`` on
PostgreSQL), the calendar and the risk rules loaded once per run. Reading the file is
:mod:`.import_files`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from pathlib import Path

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _

from tyndau.core import calendar
from tyndau.core.cells import cell_date as _date
from tyndau.core.tables import RowError
from tyndau.territory.models import Territory

from .import_files import ImportFailed, _cell, read_rows
from .intake import AppealDraft, Applicant, Place, RegisterEntry
from .intake_batch import BatchResult, batch_check, batch_save
from .models import Appeal, ApplicantType, Channel, Kind, Outcome, Status, Topic

__all__ = [
    "IMPORT_COLUMNS",
    "ImportFailed",
    "ImportResult",
    "RowError",
    "appeals_import",
    "read_rows",
]

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
REDIRECTED_TO_MAX_LENGTH = Appeal._meta.get_field("redirected_to").max_length
YES = {"1", "true", "yes", "y", "да", "иә", "x", "+"}
NO = {"", "0", "false", "no", "n", "нет", "жоқ", "-"}
Progress = Callable[[str, int, int], None]  # (stage, rows done since last call, total)
ImportResult = BatchResult  # created, updated, unchanged, kept (worked on in Tyndau)


# --- checking one row -------------------------------------------------------------------


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
        hours, minutes = settings.TYNDAU_WORKDAY_START.split(":")
        self.workday_start = dt.time(int(hours), int(minutes))
        self.tz = timezone.get_current_timezone()
        self.received: dict[dt.date, dt.datetime] = {}

    def received_at(self, day: dt.date) -> dt.datetime:
        if day not in self.received:
            self.received[day] = dt.datetime.combine(day, self.workday_start, tzinfo=self.tz)
        return self.received[day]


DATE_COLUMNS = frozenset({"received_on", "decided_on"})


def _draft_of(raw: dict, ctx: _Context) -> tuple[AppealDraft | None, list[str]]:
    """(the row as a draft of an appeal, reasons why the columns cannot be read as one).
    The rules of registration (the office, the number) are the batch form's."""
    row = {c: raw.get(c, "") for c in IMPORT_COLUMNS}
    for column, value in row.items():
        if not isinstance(value, str):
            value = _cell(value)  # numbers and dates given as Python values
        if isinstance(value, dt.date) and column not in DATE_COLUMNS:
            value = value.isoformat()  # a spreadsheet's date cell in a text column
        row[column] = value.strip() if isinstance(value, str) else value
    errors: list[str] = []

    territory = None
    code = str(row["territory"])
    if not code:
        errors.append(_("the territory code is empty"))
    elif code not in ctx.territories:
        errors.append(_("unknown territory code %(code)s") % {"code": code})
    else:
        territory = ctx.territories[code]

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
    draft = AppealDraft(
        channel=channel,
        kind=kind,
        topic=topic,
        text=text,
        applicant=Applicant(type=applicant_type),
        place=Place(territory=territory, latitude=latitude, longitude=longitude),
        received_at=ctx.received_at(received_on),
        signatories=signatories,
        entry=RegisterEntry(
            number=row["number"],
            status=status,
            outcome=outcome,
            decided_on=decided_on,
            redirected_to=redirected_to,
            repeated=repeated,
        ),
    )
    return draft, []


# --- the import -------------------------------------------------------------------------


def appeals_import(
    *,
    rows: Iterable[dict] | None = None,
    path: Path | str | None = None,
    by=None,
    progress: Progress | None = None,
) -> ImportResult:
    """Import a register of appeals from ``rows`` (dicts by column) or a file ``path``.

    Each row becomes a draft with its register entry, and the drafts are registered by
    the batch form of registration (:mod:`.intake_batch`): its checks, the audit entries
    and the bulk writes. Raises :class:`ImportFailed` listing every bad row (the header
    is row 1); then nothing is saved. See the module docstring for the columns.
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

    ctx = _Context([raw for _line, raw in numbered], calendar.today())
    drafts: list[AppealDraft] = []
    lines: list[int] = []
    errors: list[RowError] = []
    for index, (line, raw) in enumerate(numbered):
        draft, reasons = _draft_of(raw, ctx)
        if draft is not None:
            drafts.append(draft)
            lines.append(line)
        errors.extend(RowError(line, reason) for reason in reasons)
        if index % 1000 == 999:
            report("check", 1000, total)
    batch = batch_check(drafts, by=by, lines=lines, source=source)
    report("check", total % 1000, total)
    errors = sorted([*errors, *batch.errors], key=lambda e: e.row)
    if errors:
        raise ImportFailed(errors)
    return batch_save(batch, progress=report)
