"""State changes of budgets: create, import lines (all-or-nothing), approve a version.

Import columns (CSV or XLSX, one table for both sections)::

    section,code,name_ru,name_kk,month,planned,adjusted,executed

- ``section``: ``revenue`` or ``expenditure``;
- ``code``: for a revenue, its kind (``income_tax``, ``land_tax``…, see
  :class:`~tyndau.budget.models.RevenueKind`); for an expenditure, the budget programme
  code (``001``, ``008``…), whose names come from ``name_ru``/``name_kk``;
- ``month`` 1–12; amounts in tenge; an empty ``adjusted`` is the planned amount.

A row sets that month of that kind or programme. Every row is checked first; if any is
bad, :class:`ImportFailed` names each bad row with its number and nothing is saved.
"""

from __future__ import annotations

import io
from decimal import Decimal

from django.db import transaction
from django.db.models import Sum
from django.utils.translation import gettext as _

from tyndau.core.errors import DomainError
from tyndau.core.tables import (
    ImportFailed,  # noqa: F401  (the views catch it from here)
    check_rows,
    read_table,
    require_columns,
)
from tyndau.core.tables import cell_number as _number

from .models import Budget, BudgetLine, BudgetVersion, Programme, RevenueKind, Section

IMPORT_COLUMNS = [
    "section",
    "code",
    "name_ru",
    "name_kk",
    "month",
    "planned",
    "adjusted",
    "executed",
]
REQUIRED = ["section", "code", "month", "planned"]


@transaction.atomic
def budget_create(*, territory, year: int, by=None) -> Budget:
    if not (2000 <= int(year) <= 2100):
        raise DomainError(_("Years must be between 2000 and 2100."))
    if Budget.objects.filter(territory=territory, year=year).exists():
        raise DomainError(_("This territory already has a budget for %(year)s.") % {"year": year})
    return Budget.objects.create(territory=territory, year=year)


def _check_rows(budget: Budget, rows):
    programmes = {p.code: p for p in budget.programmes.all()}
    names_in_file: dict[str, tuple[str, str]] = {}
    seen: dict[tuple, int] = {}

    def check(line, raw, problems):
        section = raw.get("section", "")
        code = raw.get("code", "")
        if section not in Section.values:
            problems.append(
                _("section “%(value)s” is not one of: %(choices)s")
                % {"value": section, "choices": ", ".join(Section.values)}
            )
        elif section == Section.REVENUE and code not in RevenueKind.values:
            problems.append(
                _("code “%(value)s” is not a revenue kind: %(choices)s")
                % {"value": code, "choices": ", ".join(RevenueKind.values)}
            )
        elif section == Section.EXPENDITURE:
            if not code or len(code) > 16:
                problems.append(_("code of the budget programme is empty or too long"))
            elif (
                code not in programmes
                and code not in names_in_file
                and (not raw.get("name_ru") or not raw.get("name_kk"))
            ):
                problems.append(
                    _("a new programme %(code)s needs name_ru and name_kk") % {"code": code}
                )
            if raw.get("name_ru") and raw.get("name_kk"):
                names_in_file.setdefault(code, (raw["name_ru"][:255], raw["name_kk"][:255]))
        month = _number(
            raw.get("month"), "month", problems, minimum=1, maximum=12, empty=_("month is empty")
        )
        if month is not None and month != month.to_integral():
            problems.append(_("month must be a whole number"))
        planned = _number(
            raw.get("planned"), "planned", problems, minimum=0, empty=_("planned is empty")
        )
        adjusted = _number(raw.get("adjusted"), "adjusted", problems, minimum=0)
        executed = _number(raw.get("executed"), "executed", problems, minimum=0)
        key = (section, code, raw.get("month"))
        if key in seen:
            problems.append(
                _("the same section, code and month are on row %(row)s") % {"row": seen[key]}
            )
        seen.setdefault(key, line)
        if problems:
            return None
        return {
            "section": section,
            "code": code,
            "month": int(month),
            "planned": planned,
            "adjusted": planned if adjusted is None else adjusted,
            "executed": executed or Decimal(0),
        }

    return check_rows(rows, check), names_in_file


@transaction.atomic
def budget_import(*, budget: Budget, content: bytes, filename: str, by=None) -> int:
    """Set the budget's monthly lines from a file; returns how many rows were saved."""
    header, rows = read_table(content=content, filename=filename)
    require_columns(header, rows, REQUIRED)
    checked, names = _check_rows(budget, rows)
    programmes = {p.code: p for p in budget.programmes.all()}
    for code, (name_ru, name_kk) in names.items():
        if code in programmes:
            if (programmes[code].name_ru, programmes[code].name_kk) != (name_ru, name_kk):
                Programme.objects.filter(pk=programmes[code].pk).update(
                    name_ru=name_ru, name_kk=name_kk
                )
        else:
            programmes[code] = Programme.objects.create(
                budget=budget, code=code, name_ru=name_ru, name_kk=name_kk
            )
    for _line, values in checked:
        amounts = {k: values[k] for k in ("planned", "adjusted", "executed")}
        if values["section"] == Section.REVENUE:
            BudgetLine.objects.update_or_create(
                budget=budget,
                section=Section.REVENUE,
                kind=values["code"],
                month=values["month"],
                defaults=amounts,
            )
        else:
            BudgetLine.objects.update_or_create(
                budget=budget,
                section=Section.EXPENDITURE,
                programme=programmes[values["code"]],
                month=values["month"],
                defaults=amounts,
            )
    Budget.objects.filter(pk=budget.pk).update(version=budget.version + 1)
    return len(checked)


def budget_export(*, budget: Budget) -> bytes:
    """The budget's lines as CSV, in the import's columns."""
    import csv

    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(IMPORT_COLUMNS)
    for line in budget.lines.select_related("programme").order_by(
        "section", "kind", "programme__code", "month"
    ):
        writer.writerow(
            [
                line.section,
                line.kind or line.programme.code,
                line.programme.name_ru if line.programme_id else "",
                line.programme.name_kk if line.programme_id else "",
                line.month,
                line.planned,
                line.adjusted,
                line.executed,
            ]
        )
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def _amount(value) -> str:
    """An amount as the snapshot keeps it: tenge with two decimals, on every database
    (SQLite's SUM of decimals loses the scale)."""
    return str(Decimal(str(value or 0)).quantize(Decimal("0.01")))


def budget_snapshot(*, budget: Budget) -> dict:
    """Annual planned (adjusted) amounts by revenue kind and by programme."""
    lines = budget.lines.values("section", "kind", "programme__code").annotate(
        planned=Sum("planned"), adjusted=Sum("adjusted")
    )
    return {
        f"{row['section']}:{row['kind'] or row['programme__code']}": {
            "planned": _amount(row["planned"]),
            "adjusted": _amount(row["adjusted"]),
        }
        for row in lines
    }


def budget_version_approve(*, budget: Budget, decision) -> BudgetVersion:
    """Freeze the budget's annual amounts as its next version, agreed by an adopted
    decision of the local community gathering on this budget (``version_approve``)."""
    from tyndau.plans.services import version_approve

    return version_approve(
        target=budget,
        kind="budget",
        decision=decision,
        snapshot=lambda b: budget_snapshot(budget=b),
    )
