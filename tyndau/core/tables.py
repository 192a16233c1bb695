"""Importing a table all-or-nothing: the one home of the row errors, the check of every row
and the reading of an uploaded CSV or XLSX file.

Every importer (territories, appeals, plans, budgets, a jury's pool) checks every row
first; if any is bad, :class:`ImportFailed` names each bad row with its number (as the
user sees it: the header is row 1) and its reasons, and nothing is saved.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext as _

from .cells import cell_value
from .errors import DomainError

Rows = list[tuple[int, dict]]


@dataclass
class RowError:
    row: int  # the line number in the file (the header is line 1)
    message: str

    def __str__(self):
        return _("row %(row)s: %(message)s") % {"row": self.row, "message": self.message}


class ImportFailed(DomainError):
    def __init__(self, errors: list[RowError]):
        self.errors = errors
        super().__init__("\n".join(str(e) for e in errors), code="import_failed")


def check_rows(rows: Iterable[tuple[int, dict]], check: Callable) -> list[tuple[int, object]]:
    """``[(row number, what check gave)]`` for every row, when no row has a problem.

    ``check(line, raw, problems)`` appends each problem of the row (a message) to
    ``problems`` and returns what is saved for it (used only when it added none). If any
    row has a problem, :class:`ImportFailed` names every problem of every row."""
    checked, errors = [], []
    for line, raw in rows:
        problems: list[str] = []
        values = check(line, raw, problems)
        if problems:
            errors.extend(RowError(line, p) for p in problems)
        else:
            checked.append((line, values))
    if errors:
        raise ImportFailed(errors)
    return checked


def require_columns(header: list[str], rows: Rows, required: Iterable[str]) -> None:
    """Refuse a table without one of the ``required`` columns, or without any row."""
    missing = [c for c in required if c not in header]
    if missing:
        raise ImportFailed(
            [RowError(1, _("missing columns: %(columns)s") % {"columns": ", ".join(missing)})]
        )
    if not rows:
        raise ImportFailed([RowError(2, _("there are no rows to import"))])


def read_table(*, content: bytes, filename: str) -> tuple[list[str], Rows]:
    """(header, [(row number as the user sees it, values by column)]) of an uploaded CSV
    (UTF-8, comma or semicolon separated) or XLSX file; blank rows are left out."""
    name = (filename or "").lower()
    if name.endswith(".xlsx"):
        from openpyxl import load_workbook

        try:
            book = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
        except Exception as error:
            raise ImportFailed([RowError(1, _("the file is not a readable XLSX workbook"))]) from (
                error
            )
        try:
            records = [list(r) for r in book.worksheets[0].iter_rows(values_only=True)]
        finally:
            book.close()
    elif name.endswith((".csv", ".txt")):
        try:
            text = content.decode("utf-8-sig")
        except UnicodeDecodeError as error:
            raise ImportFailed([RowError(1, _("the file is not UTF-8 text"))]) from error
        first = text.split("\n", 1)[0]
        delimiter = ";" if first.count(";") > first.count(",") else ","
        records = list(csv.reader(io.StringIO(text), delimiter=delimiter))
    else:
        raise ImportFailed([RowError(1, _("the file must be .csv or .xlsx"))])
    if not records:
        raise ImportFailed([RowError(1, _("the file is empty"))])
    header = [str(h or "").strip().lower() for h in records[0]]
    rows = []
    for line, values in enumerate(records[1:], start=2):
        if all(v is None or str(v).strip() == "" for v in values):
            continue
        rows.append((line, {h: cell_value(v) for h, v in zip(header, values, strict=False) if h}))
    return header, rows


def cell_number(
    value, column: str, errors: list[str], *, minimum=None, maximum=None, empty: str = ""
):
    """A number cell as a Decimal (spaces and a decimal comma allowed); an empty cell is
    None (and, for a required cell, its message ``empty`` is added to ``errors``). A cell
    that is not a number, is out of ``minimum``..``maximum`` or too large is None, and a
    message naming ``column`` is added to ``errors``."""
    raw = (str(value) if value is not None else "").replace("\u00a0", "").replace(" ", "")
    if not raw:
        if empty:
            errors.append(empty)
        return None
    try:
        number = Decimal(raw.replace(",", "."))
    except InvalidOperation:
        number = None
    if number is None or not number.is_finite():
        errors.append(
            _("%(column)s “%(value)s” is not a number") % {"column": column, "value": raw}
        )
        return None
    if (minimum is not None and number < minimum) or (maximum is not None and number > maximum):
        errors.append(_("%(column)s %(value)s is out of range") % {"column": column, "value": raw})
        return None
    if number >= Decimal(10) ** 14:
        errors.append(_("%(column)s %(value)s is too large") % {"column": column, "value": raw})
        return None
    return number


def cell_lookup(value, known: dict, errors: list[str], unknown: str):
    """What a cell names among ``known`` (by its text); an empty cell is None. A name not
    in ``known`` is None, and ``unknown`` (formatted with the cell's ``value`` and the known
    ``choices``) is added to ``errors``."""
    if not value:
        return None
    found = known.get(value)
    if found is None:
        errors.append(unknown % {"value": value, "choices": ", ".join(known)})
    return found
