"""The register of appeals (журнал регистрации обращений) as staff keep it in Excel: the
filtered inbox written to CSV or XLSX, one row per appeal, in the active language.

The rows are read in chunks (``QuerySet.iterator``) and written as they come, so memory
stays flat whatever the number of appeals: CSV goes out through a
``StreamingHttpResponse``; XLSX is written by openpyxl in write-only mode into a
temporary file that is then streamed (a ZIP cannot be streamed while it is written).

Personal data (the applicant's name, phone and address, and the house number in the
street column) is filled only in the rows the user may read by the one policy
(``tyndau.privacy.policy.applicant_q``, the set-based form of ``parts_for``), and every
such row is written to the access log (channel "export").
"""

from __future__ import annotations

import csv
import datetime as dt
import tempfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from django.db.models import BooleanField, ExpressionWrapper, QuerySet
from django.utils import formats
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from tyndau.core import calendar
from tyndau.privacy import policy
from tyndau.privacy.anonymiser import street_only

from .models import ApplicantType, Channel, Kind, Outcome, RiskBand, Status

CHUNK = 2000


@dataclass(frozen=True)
class Column:
    key: str
    label: Promise
    personal: bool = False
    width: int = 14


COLUMNS = (
    Column("number", gettext_lazy("Number"), width=20),
    Column("registered_on", gettext_lazy("Registered")),
    Column("channel", gettext_lazy("Channel"), width=18),
    Column("kind", gettext_lazy("Kind of appeal")),
    Column("applicant_type", gettext_lazy("Applicant type")),
    Column("applicant", gettext_lazy("Applicant"), personal=True, width=28),
    Column("phone", gettext_lazy("Phone"), personal=True, width=16),
    Column("address", gettext_lazy("Address"), personal=True, width=28),
    Column("settlement", gettext_lazy("Settlement"), width=22),
    Column("street", gettext_lazy("Street"), width=18),
    Column("topic", gettext_lazy("Topic"), width=28),
    Column("executor", gettext_lazy("Executor"), width=24),
    Column("due_on", gettext_lazy("Deadline")),
    Column("days_left", gettext_lazy("Working days left"), width=10),
    Column("status", gettext_lazy("Status"), width=18),
    Column("outcome", gettext_lazy("Outcome")),
    Column("decided_on", gettext_lazy("Decided on")),
    Column("special_control", gettext_lazy("On special control"), width=10),
    Column("risk", gettext_lazy("Risk"), width=12),
)

# Only what the rows need: the register never reads the texts.
FIELDS = (
    "pk",
    "number",
    "registered_on",
    "channel",
    "kind",
    "applicant_type",
    "applicant_name",
    "phone",
    "address",
    "territory__name_ru",
    "territory__name_kk",
    "territory__name_en",
    "street",
    "topic__name_ru",
    "topic__name_kk",
    "topic__name_en",
    "executor__first_name",
    "executor__last_name",
    "due_on",
    "status",
    "outcome",
    "decided_on",
    "special_control",
    "risk_score",
    "risk_band",
    "personal",
)


def headers() -> list[str]:
    return [str(c.label) for c in COLUMNS]


def _in_language(values: dict, prefix: str, lang: str) -> str:
    return values.get(f"{prefix}_{lang}") or values.get(f"{prefix}_ru") or ""


class _Labels:
    """The translated labels of the choices, looked up once per export."""

    def __init__(self):
        self.channel = dict(Channel.choices)
        self.kind = dict(Kind.choices)
        self.applicant_type = dict(ApplicantType.choices)
        self.status = dict(Status.choices)
        self.outcome = dict(Outcome.choices)
        self.band = dict(RiskBand.choices)
        self.yes = _("yes")
        for name in ("channel", "kind", "applicant_type", "status", "outcome", "band"):
            setattr(self, name, {k: str(v) for k, v in getattr(self, name).items()})


def _rows_of(queryset: QuerySet, *, user) -> QuerySet:
    personal = ExpressionWrapper(policy.applicant_q(user=user), output_field=BooleanField())
    return (
        queryset.select_related(None)
        .prefetch_related(None)
        .annotate(personal=personal)
        .values(*FIELDS)
    )


def register_rows(*, queryset: QuerySet, user, log_access: bool = True) -> Iterator[list]:
    """The rows of the register (without the header), as Python values: dates as dates,
    numbers as numbers. Reads in chunks; logs the rows with personal data."""
    from tyndau.privacy.models import AccessRecord

    lang = (_active_language() or "ru")[:2]
    labels = _Labels()
    today = calendar.today()
    days_left = calendar.WorkingDaysFrom(today)  # each day of the calendar looked at once
    open_statuses = set(_open_statuses())
    shown: list[int] = []
    for values in _rows_of(queryset, user=user).iterator(chunk_size=CHUNK):
        personal = bool(values["personal"])
        due = values["due_on"]
        left = None
        if values["status"] in open_statuses and due is not None:
            left = days_left(due)
        executor = " ".join(
            filter(None, [values["executor__last_name"], values["executor__first_name"]])
        )
        yield [
            values["number"],
            values["registered_on"],
            labels.channel.get(values["channel"], values["channel"]),
            labels.kind.get(values["kind"], values["kind"]),
            labels.applicant_type.get(values["applicant_type"], values["applicant_type"]),
            values["applicant_name"] if personal else "",
            values["phone"] if personal else "",
            values["address"] if personal else "",
            _in_language(values, "territory__name", lang),
            # the street as typed may hold the house («Абая 25 Кв 7»): others get its name
            values["street"] if personal else street_only(values["street"]),
            _in_language(values, "topic__name", lang),
            executor,
            due,
            left,
            labels.status.get(values["status"], values["status"]),
            labels.outcome.get(values["outcome"], values["outcome"]) if values["outcome"] else "",
            values["decided_on"],
            labels.yes if values["special_control"] else "",
            f"{values['risk_score']} · {labels.band.get(values['risk_band'], '')}",
        ]
        if (
            personal
            and log_access
            and (values["applicant_name"] or values["phone"] or values["address"])
        ):
            shown.append(values["pk"])
            if len(shown) >= CHUNK:
                _log(AccessRecord, user, shown)
                shown = []
    if shown and log_access:
        _log(AccessRecord, user, shown)


def _log(model, user, ids: list[int]) -> None:
    model.objects.bulk_create(
        [
            model(user=user, appeal_id=pk, channel=model.Channel.EXPORT, parts=["applicant"])
            for pk in ids
        ]
    )


def _open_statuses():
    from .models import OPEN_STATUSES

    return [str(s) for s in OPEN_STATUSES]


def _active_language() -> str:
    from django.utils.translation import get_language

    return get_language()


def _cell_text(value) -> str:
    """A value as the active language writes it (dd.mm.yyyy in ru and kk)."""
    if value is None:
        return ""
    if isinstance(value, dt.date):
        return formats.date_format(value, "SHORT_DATE_FORMAT")
    return str(value)


class _Echo:
    """A file-like object whose write returns the line (for the streamed CSV)."""

    def write(self, value):
        return value


def register_csv(rows: Iterable[list]) -> Iterator[str]:
    """The register as CSV lines (with the header and a BOM so Excel reads UTF-8; ``;``
    as Excel expects in the Russian and Kazakh locales)."""
    writer = csv.writer(_Echo(), delimiter=";")
    yield "\ufeff" + writer.writerow(headers())
    for row in rows:
        yield writer.writerow([_cell_text(v) for v in row])


def register_xlsx(rows: Iterable[list], *, title: str):
    """The register as an XLSX workbook written in openpyxl's write-only mode into a
    temporary file (rewound, ready to stream)."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=title[:31] or "register")
    for index, column in enumerate(COLUMNS, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = column.width
    sheet.freeze_panes = "A2"
    bold = Font(bold=True)
    header = []
    for label in headers():
        cell = WriteOnlyCell(sheet, value=label)
        cell.font = bold
        header.append(cell)
    sheet.append(header)
    date_cells = {i for i, c in enumerate(COLUMNS) if c.key in DATE_KEYS}
    for row in rows:
        out = []
        for i, value in enumerate(row):
            if i in date_cells and value is not None:
                cell = WriteOnlyCell(sheet, value=value)
                cell.number_format = "DD.MM.YYYY"
                out.append(cell)
            else:
                out.append(value)
        sheet.append(out)
    target = tempfile.TemporaryFile(suffix=".xlsx")  # noqa: SIM115 (closed by the response)
    workbook.save(target)
    target.seek(0)
    return target


DATE_KEYS = {"registered_on", "due_on", "decided_on"}
