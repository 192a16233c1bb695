"""Read endpoints of plans and budgets, and their place in the OpenAPI schema."""

import datetime as dt
import importlib
from decimal import Decimal

from django.apps import apps
from rest_framework.test import APIClient


def test_plans_and_budgets_are_read_through_the_api(db, tree, clerk):
    from tyndau.budget import services as budget_services
    from tyndau.plans import services

    importlib.import_module("tyndau.plans.migrations.0002_default_statuses").load(apps, None)
    plan = services.plan_create(
        territory=tree["111033000"],
        title_ru="План",
        title_kk="Жоспар",
        first_year=2026,
        last_year=2027,
        by=clerk,
    )
    item = services.item_create(
        plan=plan,
        code="1",
        title_ru="Дороги",
        title_kk="Жолдар",
        due_on=dt.date(2026, 1, 10),
        starts_on=dt.date(2026, 1, 1),
        by=clerk,
    )
    services.financing_set(
        item=item, source="rural", year=2026, planned=Decimal(100), spent=Decimal(40), by=clerk
    )
    budget = budget_services.budget_create(territory=tree["111033000"], year=2026)
    budget_services.budget_import(
        budget=budget,
        filename="b.csv",
        content=b"section,code,month,planned,executed\nrevenue,land_tax,1,100,90\n",
    )
    api = APIClient()
    api.force_authenticate(clerk)
    assert api.get("/api/v1/plans/").json()["results"][0]["id"] == plan.pk
    detail = api.get(f"/api/v1/plans/{plan.pk}/").json()
    assert detail["items"][0]["planned_total"] == "100.00"
    assert detail["items"][0]["financing"][0]["spent"] == "40.00"
    assert detail["items"][0]["is_late"] is True  # due 10 Jan 2026, not done
    data = api.get(f"/api/v1/budgets/{budget.pk}/").json()
    assert data["revenues"][0]["executed"] == "90.00"
    assert api.get("/api/v1/plans/999999/").status_code == 404


def test_the_schema_lists_the_plan_and_budget_endpoints(db):
    schema = APIClient().get("/api/schema/", HTTP_ACCEPT="application/json").json()
    for path in (
        "/api/v1/plans/",
        "/api/v1/plans/{id}/",
        "/api/v1/budgets/",
        "/api/v1/budgets/{id}/",
    ):
        assert path in schema["paths"], path
