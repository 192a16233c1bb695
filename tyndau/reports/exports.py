"""Exports of a report: JSON (the data, with its keys) and the sheet as CSV, XLSX and PDF
(the rows of the official form with their labels, in the active language)."""

from __future__ import annotations

import csv
import io
import json

from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from .services import ReportError

FORMATS = {
    "json": "application/json",
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "pdf": "application/pdf",
}


def export_json(*, data: dict, **_kw) -> bytes:
    return json.dumps(data, ensure_ascii=False, indent=2).encode("utf-8")


def _csv_value(value) -> str:
    from django.utils import formats

    if value is None:
        return ""
    if isinstance(value, float):
        return formats.number_format(value, decimal_pos=1)
    return str(value)


def sheet_lines(*, sheet: dict, semantics: list[str]) -> list[list[str]]:
    """The sheet as a grid of text, as it is drawn: the title, the subtitle, the header
    rows (a merged cell's text in its first column, empty cells under it), the rows with
    their labels and figures, then the notes."""
    width = max(sheet["width"], 1)
    lines = [[str(sheet["title"])], [str(sheet["subtitle"])], []]
    pending: dict[tuple[int, int], bool] = {}  # cells covered by a rowspan from above
    for r, header_row in enumerate(sheet["header"]):
        line: list[str] = []
        column = 0
        for cell in header_row:
            while pending.get((r, column)):
                line.append("")
                column += 1
            line += [str(cell["text"])] + [""] * (cell["colspan"] - 1)
            for below in range(1, cell["rowspan"]):
                for c in range(column, column + cell["colspan"]):
                    pending[(r + below, c)] = True
            column += cell["colspan"]
        while len(line) < width and pending.get((r, len(line))):
            line.append("")
        lines.append(line)
    for body_row in sheet["rows"]:
        line = []
        for cell in body_row:
            value = cell["value"] if "value" in cell else cell.get("text", "")
            line += [_csv_value(value)] + [""] * (cell["colspan"] - 1)
        lines.append(line)
    notes = list(sheet.get("notes", [])) + list(semantics)
    if notes:
        lines.append([])
        lines += [[str(note)] for note in notes]
    return lines


def export_csv(*, sheet: dict, semantics: list[str], **_kw) -> bytes:
    """The sheet's rows with their labels (``;`` and a BOM, as Excel opens it in the
    Russian and Kazakh locales); the JSON keeps the keys."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";")
    writer.writerows(sheet_lines(sheet=sheet, semantics=semantics))
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def export_xlsx(*, sheet: dict, semantics: list[str], **_kw) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Border, Font, Side
    from openpyxl.utils import get_column_letter

    book = Workbook()
    ws = book.active
    ws.title = _("Report")[:31]
    thin = Side(style="thin")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    width = sheet["width"]
    ws.cell(row=1, column=1, value=sheet["title"]).font = Font(bold=True, size=13)
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=max(width, 1))
    ws.cell(row=2, column=1, value=sheet["subtitle"])
    ws.merge_cells(start_row=2, start_column=1, end_row=2, end_column=max(width, 1))
    row = 4
    taken: set[tuple[int, int]] = set()
    for header_row in sheet["header"]:
        column = 1
        for cell in header_row:
            while (row, column) in taken:
                column += 1
            target = ws.cell(row=row, column=column, value=cell["text"])
            target.font = Font(bold=True)
            target.alignment = Alignment(wrap_text=True, vertical="center", horizontal="center")
            if cell["colspan"] > 1 or cell["rowspan"] > 1:
                ws.merge_cells(
                    start_row=row,
                    start_column=column,
                    end_row=row + cell["rowspan"] - 1,
                    end_column=column + cell["colspan"] - 1,
                )
            for r in range(row, row + cell["rowspan"]):
                for c in range(column, column + cell["colspan"]):
                    taken.add((r, c))
                    ws.cell(row=r, column=c).border = border
            column += cell["colspan"]
        row += 1
    for body_row in sheet["rows"]:
        column = 1
        for cell in body_row:
            value = cell.get("value", cell.get("text"))
            target = ws.cell(row=row, column=column, value=value)
            target.border = border
            target.alignment = Alignment(
                wrap_text=True, vertical="top", indent=2 if cell.get("indent") else 0
            )
            if cell.get("bold"):
                target.font = Font(bold=True)
            column += cell["colspan"]
        row += 1
    row += 1
    for line in list(sheet.get("notes", [])) + list(semantics):
        ws.cell(row=row, column=1, value=str(line)).font = Font(italic=True, size=9)
        row += 1
    vertical = width <= 6
    for column in range(1, width + 1):
        letter = get_column_letter(column)
        if vertical:
            ws.column_dimensions[letter].width = 70 if column == 2 else 12
        else:
            ws.column_dimensions[letter].width = 14
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def export_pdf(*, sheet: dict, semantics: list[str], **_kw) -> bytes:
    try:
        from weasyprint import HTML
    except (ImportError, OSError) as error:  # pragma: no cover - depends on system libraries
        raise ReportError(
            _("PDF export is not available on this server: %(error)s") % {"error": error},
            code="pdf_unavailable",
        ) from error
    html = render_to_string("reports/sheet_pdf.html", {"sheet": sheet, "semantics": semantics})
    return HTML(string=html).write_pdf()


EXPORTERS = {"json": export_json, "csv": export_csv, "xlsx": export_xlsx, "pdf": export_pdf}


def report_export(*, form: str, data: dict, fmt: str) -> bytes:
    """The report in one format: json, csv, xlsx or pdf."""
    from .sheet_notes import semantics
    from .sheets import sheet_build

    if fmt not in EXPORTERS:
        raise ReportError(
            _("Unknown format “%(format)s”. Formats: %(formats)s.")
            % {"format": fmt, "formats": ", ".join(EXPORTERS)},
            code="unknown_format",
        )
    sheet = sheet_build(form=form, data=data) if fmt != "json" else None
    return EXPORTERS[fmt](data=data, sheet=sheet, semantics=semantics(form))
