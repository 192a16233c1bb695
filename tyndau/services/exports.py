"""The monthly service report as CSV and XLSX (one row a service, then refusals by reason)."""

from __future__ import annotations

import csv
import io

from django.utils.translation import gettext as _

CSV = "text/csv; charset=utf-8"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
FIGURES = ("received", "rendered", "refused", "overdue")


def _header() -> list[str]:
    return [_("Service"), _("Received"), _("Rendered"), _("Refused"), _("Overdue")]


def _lines(report: dict) -> list[list]:
    lines = [[row["name"], *(row[key] for key in FIGURES)] for row in report["rows"]]
    lines.append([_("Total"), *(report["totals"][key] for key in FIGURES)])
    return lines


def _reason_lines(report: dict) -> list[list]:
    return [
        [row["name"], reason["name"], reason["refused"]]
        for row in report["rows"]
        for reason in row["reasons"]
    ]


def _title(report: dict) -> str:
    return _("Public services, %(month)02d.%(year)d, %(territory)s") % {
        "month": report["month"],
        "year": report["year"],
        "territory": report["territory"].name,
    }


def report_csv(report: dict) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow([_title(report)])
    writer.writerow(_header())
    writer.writerows(_lines(report))
    writer.writerow([])
    writer.writerow([_("Service"), _("Refusal reason"), _("Refused")])
    writer.writerows(_reason_lines(report))
    return buffer.getvalue().encode("utf-8")


def report_xlsx(report: dict) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    sheet = book.active
    sheet.title = _("Services")[:31]
    sheet.append([_title(report)])
    sheet["A1"].font = Font(bold=True)
    sheet.append(_header())
    for line in _lines(report):
        sheet.append(line)
    sheet.column_dimensions["A"].width = 70
    reasons = book.create_sheet(_("Refusals by reason")[:31])
    reasons.append([_("Service"), _("Refusal reason"), _("Refused")])
    for line in _reason_lines(report):
        reasons.append(line)
    reasons.column_dimensions["A"].width = 60
    reasons.column_dimensions["B"].width = 60
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
