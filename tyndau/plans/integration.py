"""Where plans meet the budget app (optional: plans work without it)."""

from __future__ import annotations

from decimal import Decimal

from django.apps import apps


def budget_lines_for(*, plan) -> dict[tuple[int, str], Decimal]:
    """Planned (adjusted when set) expenditure by (year, programme code) of the plan's
    territory, for the years of the plan; empty without the budget app."""
    if not apps.is_installed("tyndau.budget"):
        return {}
    from tyndau.budget.selectors import programme_totals

    return programme_totals(
        territory=plan.territory, years=range(plan.first_year, plan.last_year + 1)
    )
