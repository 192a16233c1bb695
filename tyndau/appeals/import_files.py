"""Reading a register of appeals (CSV or XLSX) as rows, streamed, with the row limit
checked while reading: the file side of :mod:`.importing`."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from pathlib import Path

from django.utils.translation import gettext as _

from tyndau.core.cells import cell_value as _cell
from tyndau.core.tables import ImportFailed as _TableImportFailed
from tyndau.core.tables import RowError


class ImportFailed(_TableImportFailed):
    """Some rows are bad; ``errors`` lists each with its row number and reason."""


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
