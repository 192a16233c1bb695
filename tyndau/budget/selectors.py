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
