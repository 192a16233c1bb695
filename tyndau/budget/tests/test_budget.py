"""Budget of the rural district: import (all-or-nothing), totals, per resident, pages."""

import importlib
from decimal import Decimal

import pytest
from django.apps import apps

from tyndau.budget import selectors, services
from tyndau.budget.models import Budget, BudgetLine
from tyndau.territory.models import Role

D = Decimal
CSV = (
    "section,code,name_ru,name_kk,month,planned,adjusted,executed\n"
    "revenue,income_tax,,,1,1000,1000,900\n"
    "revenue,income_tax,,,2,1000,1200,1100\n"
    "revenue,transfers,,,1,5000,,5000\n"
    "expenditure,008,Освещение улиц,Көшелерді жарықтандыру,1,2000,2000,1500\n"
    "expenditure,008,,,2,2000,2500,0\n"
    "expenditure,011,Благоустройство и озеленение,Абаттандыру және көгалдандыру,1,3000,3000,3000\n"
)


@pytest.fixture
def budget(tree, clerk):
    return services.budget_create(territory=tree["111033000"], year=2026, by=clerk)


def load(budget, text=CSV, name="b.csv"):
    return services.budget_import(budget=budget, content=text.encode(), filename=name)


def test_import_sets_monthly_lines_and_totals_come_from_the_database(budget):
    assert load(budget) == 6
    totals = selectors.totals(budget=budget)
    # revenues: planned 1000+1000+5000, adjusted 1000+1200+5000 (empty = planned), executed 900+1100+5000
    assert (totals["revenue_planned"], totals["revenue_adjusted"], totals["revenue_executed"]) == (
        D(7000),
        D(7200),
        D(7000),
    )
    assert (totals["expenditure_adjusted"], totals["expenditure_executed"]) == (D(7500), D(4500))
    # 12,405 people: 7500 / 12405 = 0.6 → 1 tenge; executed 4500 / 12405 → 0
    assert totals["per_resident_planned"] == D(1)
    by_programme = {
        r["programme__code"]: r for r in selectors.expenditures_by_programme(budget=budget)
    }
    assert by_programme["008"]["adjusted_sum"] == D(4500)
    assert by_programme["008"]["executed_sum"] == D(1500)


def test_reimport_updates_lines_instead_of_adding(budget):
    load(budget)
    load(budget, "section,code,month,planned,executed\nrevenue,income_tax,1,1000,1000\n")
    assert BudgetLine.objects.filter(budget=budget).count() == 6
    assert BudgetLine.objects.get(budget=budget, kind="income_tax", month=1).executed == D(1000)


def test_every_bad_row_is_named_and_nothing_is_saved(budget):
    from tyndau.territory.services import ImportFailed

    bad = (
        "section,code,name_ru,name_kk,month,planned,adjusted,executed\n"
        "revenue,income_tax,,,1,1000,1000,900\n"
        "income,income_tax,,,1,1,1,1\n"  # 3: unknown section
        "revenue,salt_tax,,,1,1,1,1\n"  # 4: unknown revenue kind
        "expenditure,099,,,1,1,1,1\n"  # 5: new programme without names
        "revenue,fines,,,13,1,1,1\n"  # 6: month 13
        "revenue,fines,,,1,-1,1,abc\n"  # 7: negative and not a number
        "revenue,income_tax,,,1,5,5,5\n"  # 8: same as row 2
    )
    with pytest.raises(ImportFailed) as failed:
        load(budget, bad)
    assert {e.row for e in failed.value.errors} == {3, 4, 5, 6, 7, 8}
    assert not BudgetLine.objects.exists()
    assert not budget.programmes.exists()


def test_the_plan_shows_where_its_financing_differs_from_the_budget(budget, clerk, tree):
    from tyndau.plans import selectors as plan_selectors
    from tyndau.plans import services as plan_services
    from tyndau.plans.integration import budget_lines_for

    statuses = importlib.import_module("tyndau.plans.migrations.0002_default_statuses")
    statuses.load(apps, None)
    load(budget)
    plan = plan_services.plan_create(
        territory=tree["111033000"],
        title_ru="П",
        title_kk="Ж",
        first_year=2026,
        last_year=2026,
        by=clerk,
    )
    item = plan_services.item_create(
        plan=plan, code="1", title_ru="Освещение", title_kk="Жарық", by=clerk
    )
    plan_services.financing_set(
        item=item, source="rural", year=2026, planned=D(5000), budget_programme_code="008", by=clerk
    )
    other = plan_services.item_create(
        plan=plan, code="2", title_ru="Парк", title_kk="Саябақ", by=clerk
    )
    plan_services.financing_set(
        item=other,
        source="rural",
        year=2026,
        planned=D(3000),
        budget_programme_code="011",
        by=clerk,
    )
    rows = {
        r["budget_programme_code"]: r
        for r in plan_selectors.budget_differences(plan=plan, lines=budget_lines_for(plan=plan))
    }
    assert rows["008"]["budget"] == D(4500) and rows["008"]["difference"] == D(500)
    assert rows["011"]["difference"] == D(0)


@pytest.mark.parametrize("lang", ["kk", "ru", "en"])
def test_public_budget_page_with_charts(client, budget, lang):
    load(budget)
    page = client.get(f"/{lang}/budget/{budget.pk}/")
    assert page.status_code == 200
    body = page.content.decode()
    assert "<svg" in body
    assert {"kk": "Көшелерді жарықтандыру", "ru": "Освещение улиц", "en": "Освещение улиц"}[
        lang
    ] in body


def test_an_analyst_cannot_import_and_nothing_changes(client, make_staff, office, budget):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.force_login(make_staff(Role.ANALYST, office))
    response = client.post(
        f"/ru/staff/budget/{budget.pk}/import/", {"file": SimpleUploadedFile("b.csv", CSV.encode())}
    )
    assert response.status_code == 403
    assert not BudgetLine.objects.exists()


def test_a_neighbouring_office_does_not_see_the_budget(
    client, make_staff, neighbour_office, budget
):
    client.force_login(make_staff(Role.AKIM, neighbour_office))
    assert client.get(f"/ru/staff/budget/{budget.pk}/").status_code == 404


def test_staff_import_with_bad_rows_in_kazakh(client, clerk, budget):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.force_login(clerk)
    response = client.post(
        f"/kk/staff/budget/{budget.pk}/import/",
        {"file": SimpleUploadedFile("b.csv", b"section,code,month,planned\nrevenue,fines,14,1\n")},
    )
    assert response.status_code == 400
    assert "2-жол" in response.content.decode() or "жол 2" in response.content.decode()
    assert not Budget.objects.get(pk=budget.pk).lines.exists()
