"""Export of a plan's items, financing lines and progress entries to CSV or XLSX, in the
columns the import reads (``columns.COLUMNS``) plus the read-only figures."""

from __future__ import annotations

import csv
import io
from decimal import Decimal

from django.utils.translation import gettext as _

from tyndau.core.errors import DomainError

from .columns import COLUMNS, KINDS, READ_ONLY
from .models import FinancingLine, Plan, ProgressEntry


def _export_rows(plan: Plan, kind: str) -> list[list]:
    if kind == "items":
        rows = []
        for item in plan.items.select_related("parent", "status", "responsible_user").order_by(
            "path"
        ):
            rows.append(
                [
                    item.code,
                    item.parent.code if item.parent_id else "",
                    item.title_ru,
                    item.title_kk,
                    item.title_en,
                    item.indicator,
                    item.unit,
                    _plain(item.baseline),
                    _plain(item.target),
                    item.starts_on.isoformat() if item.starts_on else "",
                    item.due_on.isoformat() if item.due_on else "",
                    item.responsible_user.username if item.responsible_user_id else "",
                    item.responsible_body,
                    item.status.code,
                    _plain(item.weight),
                    item.place,
                    "" if item.latitude is None else item.latitude,
                    "" if item.longitude is None else item.longitude,
                    _plain(item.progress),
                    _plain(item.planned_total),
                    _plain(item.spent_total),
                ]
            )
        return rows
    if kind == "financing":
        return [
            [
                line.item.code,
                line.source,
                line.year,
                _plain(line.planned),
                _plain(line.spent),
                line.budget_programme_code,
            ]
            for line in FinancingLine.objects.filter(item__plan=plan)
            .select_related("item")
            .order_by("item__path", "year", "source")
        ]
    return [
        [entry.item.code, entry.on.isoformat(), _plain(entry.percent), entry.text]
        for entry in ProgressEntry.objects.filter(item__plan=plan)
        .select_related("item")
        .order_by("item__path", "on", "id")
    ]


def _plain(value) -> str:
    if value is None:
        return ""
    value = Decimal(value).normalize()
    return format(value.quantize(Decimal(1)) if value == value.to_integral() else value, "f")


def plan_export(*, plan: Plan, kind: str, fmt: str) -> bytes:
    """The plan's items, financing lines or progress entries as CSV or XLSX bytes."""
    if kind not in KINDS:
        raise DomainError(_("Unknown table “%(kind)s”.") % {"kind": kind})
    header = COLUMNS[kind] + READ_ONLY[kind]
    rows = _export_rows(plan, kind)
    if fmt == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        writer.writerow(header)
        writer.writerows(rows)
        return ("\ufeff" + buffer.getvalue()).encode("utf-8")
    if fmt == "xlsx":
        from openpyxl import Workbook

        book = Workbook()
        sheet = book.active
        sheet.title = kind
        sheet.append(header)
        for row in rows:
            sheet.append(row)
        buffer = io.BytesIO()
        book.save(buffer)
        return buffer.getvalue()
    raise DomainError(_("Unknown format “%(format)s”.") % {"format": fmt})
