"""An agreed budget version is frozen; the next one shows its difference side by side; the
monthly chart shows planned and executed spending."""

import datetime as dt

import pytest

from tyndau.budget import selectors, services
from tyndau.gathering.tests.factories import approve_by_gathering

CSV = (
    "section,code,name_ru,name_kk,month,planned,adjusted,executed\n"
    "revenue,land_tax,,,1,1000,1000,900\n"
    "expenditure,008,Освещение улиц,Көшелерді жарықтандыру,1,500,500,100\n"
    "expenditure,008,Освещение улиц,Көшелерді жарықтандыру,2,500,500,0\n"
)


@pytest.fixture
def budget(tree, clerk):
    budget = services.budget_create(territory=tree["111033000"], year=2026, by=clerk)
    services.budget_import(budget=budget, content=CSV.encode(), filename="b.csv")
    return budget


def _adjust(budget, amount):
    services.budget_import(
        budget=budget,
        content=(f"section,code,month,planned,adjusted\nexpenditure,008,2,500,{amount}\n").encode(),
        filename="b.csv",
    )


def test_a_version_shows_its_difference_from_the_one_before(client, budget):
    approve_by_gathering(budget=budget, held_on=dt.date(2026, 1, 20))
    _adjust(budget, 800)
    approve_by_gathering(budget=budget, held_on=dt.date(2026, 6, 20))
    diff = selectors.budget_version_diff(budget=budget, number=2)
    rows = {r["key"]: r for r in diff["rows"]}
    assert rows["expenditure:008"]["changed"] == ["adjusted"]
    assert rows["expenditure:008"]["old"]["adjusted"] == "1000.00"
    assert rows["expenditure:008"]["new"]["adjusted"] == "1300.00"
    assert rows["revenue:land_tax"]["changed"] == []
    assert diff["changed"] == 1
    body = client.get(f"/ru/budget/{budget.pk}/versions/2/").content.decode().replace("\xa0", " ")
    assert 'data-key="expenditure:008"' in body and "1 000" in body and "1 300" in body
    assert "Заседание № 2 от 20.06.2026" in body
    assert client.get(f"/ru/budget/{budget.pk}/versions/3/").status_code == 404
    assert (
        f"/ru/budget/{budget.pk}/versions/2/"
        in client.get(f"/ru/budget/{budget.pk}/").content.decode()
    )


def test_changes_after_the_last_agreed_version_show_on_the_budget(client, budget):
    approve_by_gathering(budget=budget)
    frozen = budget.versions.get().snapshot
    _adjust(budget, 700)
    assert budget.versions.get().snapshot == frozen  # the agreed copy did not move
    diff = selectors.budget_version_diff(budget=budget)
    assert diff["version"] is None and diff["changed"] == 1
    assert [r["difference"] for r in diff["rows"] if r["changed"]] == [200]
    body = client.get(f"/ru/budget/{budget.pk}/").content.decode()
    assert 'id="budget-version-diff"' in body


def test_the_monthly_chart_shows_each_month_planned_and_executed(client, budget):
    chart = selectors.month_chart(budget=budget)
    assert [c["month"] for c in chart["columns"]] == list(range(1, 13))
    january, february, march = chart["columns"][:3]
    assert january["h_planned"] == february["h_planned"] == chart["height"]
    assert january["h_executed"] == chart["height"] // 5 and february["h_executed"] == 0
    assert march["h_planned"] == 0
    body = client.get(f"/kk/budget/{budget.pk}/").content.decode()
    assert 'id="month-chart"' in body and body.count("data-month=") == 12
