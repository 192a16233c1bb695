"""seed_demo loads the seed's plan items and a budget, approved, and is idempotent."""

import io
from decimal import Decimal

from django.core.management import call_command

from tyndau.budget.models import Budget
from tyndau.budget.selectors import totals
from tyndau.plans.models import Plan, PlanItem


def test_seed_demo_loads_the_plan_and_the_budget_once(db, statuses):
    out = io.StringIO()
    call_command("seed_demo", stdout=out)
    call_command("seed_demo", stdout=out)
    plan = Plan.objects.get()
    titles = set(PlanItem.objects.values_list("title_ru", flat=True))
    for needle in (
        "Сейфуллина",
        "Мира 2",
        "Абылай хана",
        "Комсомольской",
        "Желтоксан",
        "парк",
        "Контейнерные",
        "Спортивные",
        "водопроводных",
        "канализации",
        "Котельная",
    ):
        assert any(needle in t for t in titles), needle
    assert plan.versions.count() == 1
    budget = Budget.objects.get()
    figures = totals(budget=budget)
    assert figures["revenue_planned"] > Decimal(400_000_000)
    assert budget.versions.count() == 1
