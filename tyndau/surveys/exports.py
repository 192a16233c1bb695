"""Survey results as CSV and XLSX: one line per question and option, a column pair (count,
share) per group; a cross table has a group per combination of two traits' options."""

from __future__ import annotations

import csv
import io

from django.utils.translation import gettext as _
from django.utils.translation import pgettext

CSV = "text/csv; charset=utf-8"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _lines(results: dict) -> list[list]:
    groups = results["groups"]
    header = [pgettext("survey", "Question"), _("Answer")]
    count, share = _("count"), _("share, %")
    for group in groups:
        label = group["label"] or _("All respondents")
        header += [f"{label}: {count}", f"{label}: {share}"]
    lines = [header]
    for item in results["questions"]:
        for row in item["rows"]:
            line = [item["question"].text, row["label"]]
            for cell in row["cells"]:
                line += [cell["count"], cell["share"]]
            lines.append(line)
        for text in item["texts"]:
            lines.append([item["question"].text, text])
    if results["withheld"]:
        lines.append([])
        lines.append([withheld_notice(results)])
    return lines


def withheld_notice(results: dict) -> str:
    """Why the breakdown asked for is not in the file (same rule as on the page)."""
    values = {"trait": results["withheld_trait"].name, "n": results["smallest"]}
    if results["withheld_by"] is not None:
        values["by"] = results["withheld_by"].name
        return (
            _(
                "The breakdown by “%(trait)s” and “%(by)s” is withheld: in one of its cells "
                "fewer than %(n)s people answered. The figures are of all respondents together."
            )
            % values
        )
    return (
        _(
            "The breakdown by “%(trait)s” is withheld: one of its groups has fewer than "
            "%(n)s respondents. The figures are of all respondents together."
        )
        % values
    )


def results_csv(results: dict) -> bytes:
    buffer = io.StringIO()
    csv.writer(buffer).writerows(_lines(results))
    return buffer.getvalue().encode("utf-8")


def results_xlsx(results: dict) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    sheet = book.active
    sheet.title = _("Results")[:31]
    for line in _lines(results):
        sheet.append(line)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    sheet.column_dimensions["A"].width = 60
    sheet.column_dimensions["B"].width = 40
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
