"""Reads of budgets: totals by kind, programme and month, computed in the database."""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal

from django.db.models import Q, QuerySet, Sum
from django.db.models.functions import Coalesce

from tyndau.territory.selectors import scope_q

from .models import Budget, BudgetLine, RevenueKind, Section

ZERO = Decimal(0)


def budget_list_visible_to(*, user) -> QuerySet[Budget]:
    return Budget.objects.filter(scope_q(user=user, field="territory__path")).select_related(
        "territory"
    )


def budget_list_public() -> QuerySet[Budget]:
    return Budget.objects.select_related("territory")


def _sums(qs):
    return qs.annotate(
        planned_sum=Coalesce(Sum("planned"), ZERO),
        adjusted_sum=Coalesce(Sum("adjusted"), ZERO),
        executed_sum=Coalesce(Sum("executed"), ZERO),
    )


def revenues_by_kind(*, budget: Budget) -> list[dict]:
    labels = dict(RevenueKind.choices)
    rows = _sums(budget.lines.filter(section=Section.REVENUE).values("kind").order_by("kind"))
    return [{**row, "label": str(labels.get(row["kind"], row["kind"]))} for row in rows]


def expenditures_by_programme(*, budget: Budget) -> list[dict]:
    rows = _sums(
        budget.lines.filter(section=Section.EXPENDITURE)
        .values("programme__code", "programme__name_ru", "programme__name_kk", "programme__name_en")
        .order_by("programme__code")
    )
    return list(rows)


def totals(*, budget: Budget) -> dict:
    row = budget.lines.aggregate(
        **{
            f"{section}_{field}": Coalesce(Sum(field, filter=Q(section=section)), ZERO)
            for section in Section.values
            for field in ("planned", "adjusted", "executed")
        }
    )
    population = budget.territory.population
    row["population"] = population
    row["per_resident"] = (
        (row["expenditure_executed"] / population).quantize(Decimal(1)) if population else None
    )
    row["per_resident_planned"] = (
        (row["expenditure_adjusted"] / population).quantize(Decimal(1)) if population else None
    )
    return row


def by_month(*, budget: Budget) -> list[dict]:
    return list(
        budget.lines.values("section", "month")
        .annotate(
            planned_sum=Coalesce(Sum("planned"), ZERO),
            executed_sum=Coalesce(Sum("executed"), ZERO),
        )
        .order_by("section", "month")
    )


def programme_totals(*, territory, years: Iterable[int]) -> dict[tuple[int, str], Decimal]:
    """Adjusted annual expenditure by (year, programme code) of a territory's budgets."""
    rows = (
        BudgetLine.objects.filter(
            budget__territory=territory, budget__year__in=list(years), section=Section.EXPENDITURE
        )
        .values("budget__year", "programme__code")
        .annotate(total=Sum("adjusted"))
    )
    return {(r["budget__year"], r["programme__code"]): r["total"] for r in rows}


def bar_chart(rows: list[dict], *, label, width: int = 640) -> dict:
    """Two bars a row (planned or adjusted, executed), scaled to the largest amount, for a
    server-rendered SVG."""
    largest = max([max(r["adjusted_sum"], r["executed_sum"]) for r in rows] or [ZERO]) or 1
    bar_area = width - 260
    bars = []
    for index, row in enumerate(rows):
        bars.append(
            {
                "label": label(row),
                "y": index * 34,
                "planned": row["adjusted_sum"],
                "executed": row["executed_sum"],
                "w_planned": int(bar_area * row["adjusted_sum"] / largest),
                "w_executed": int(bar_area * row["executed_sum"] / largest),
                "share": int(100 * row["executed_sum"] / row["adjusted_sum"])
                if row["adjusted_sum"]
                else None,
            }
        )
    return {"bars": bars, "height": max(len(rows) * 34, 34), "width": width}


def _label(key: str, names: dict[str, str]) -> str:
    section, code = key.split(":", 1)
    if section == Section.REVENUE:
        return str(RevenueKind(code).label) if code in RevenueKind.values else code
    return f"{code} {names.get(code, '')}".strip()


def budget_version_diff(*, budget: Budget, number: int | None = None) -> dict | None:
    """An approved version beside the one before it: each revenue kind's and programme's
    annual planned and adjusted amounts side by side, the changed ones marked. Without a
    ``number``: the working budget beside its last approved version. None if there is
    nothing to compare."""
    from .services import budget_snapshot

    versions = list(budget.versions.select_related("decision__agenda_item__session"))
    by_number = {v.number: v for v in versions}
    if number is None:
        if not versions:
            return None
        base, version = versions[0], None  # newest first
        before, after = base.snapshot, budget_snapshot(budget=budget)
    else:
        version = by_number.get(number)
        if version is None:
            return None
        base = by_number.get(number - 1)
        before, after = (base.snapshot if base else {}), version.snapshot
    names = {p.code: p.name for p in budget.programmes.all()}
    rows = []
    for key in sorted(set(before) | set(after), key=lambda k: (k.split(":")[0] != "revenue", k)):
        old, new = before.get(key), after.get(key)
        changed = [f for f in ("planned", "adjusted") if (old or {}).get(f) != (new or {}).get(f)]
        old_amount = Decimal((old or {}).get("adjusted") or 0)
        new_amount = Decimal((new or {}).get("adjusted") or 0)
        rows.append(
            {
                "key": key,
                "section": key.split(":")[0],
                "label": _label(key, names),
                "old": old,
                "new": new,
                "difference": new_amount - old_amount,
                "changed": changed,
            }
        )
    return {
        "version": version,
        "base": base,
        "rows": rows,
        "changed": sum(1 for r in rows if r["changed"]),
    }


def month_chart(*, budget: Budget, height: int = 160, width: int = 640) -> dict:
    """Expenditures by month, planned and executed, as columns of a server-rendered SVG
    (the sums come from :func:`by_month`, one query)."""
    rows = {r["month"]: r for r in by_month(budget=budget) if r["section"] == Section.EXPENDITURE}
    largest = max([max(r["planned_sum"], r["executed_sum"]) for r in rows.values()] or [ZERO])
    largest = largest or 1
    step = width // 12
    columns = []
    for month in range(1, 13):
        row = rows.get(month, {"planned_sum": ZERO, "executed_sum": ZERO})
        planned = int(height * row["planned_sum"] / largest)
        executed = int(height * row["executed_sum"] / largest)
        columns.append(
            {
                "month": month,
                "x": (month - 1) * step,
                "planned": row["planned_sum"],
                "executed": row["executed_sum"],
                "h_planned": planned,
                "h_executed": executed,
                "y_planned": height - planned,
                "y_executed": height - executed,
            }
        )
    return {"columns": columns, "height": height, "width": width, "bar": step // 2 - 4}
