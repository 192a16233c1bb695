"""An approved version is frozen; later changes show beside it."""

import datetime as dt
from decimal import Decimal

from tyndau.gathering.tests.factories import approve_by_gathering
from tyndau.plans import selectors, services
from tyndau.plans.models import PlanVersion


def test_changes_after_approval_show_beside_the_frozen_version(plan, make_item, clerk):
    item = make_item(code="1", due_on=dt.date(2027, 10, 1), starts_on=dt.date(2027, 5, 1))
    services.financing_set(item=item, source="oblast", year=2027, planned=Decimal(1000), by=clerk)
    make_item(code="2")
    version = approve_by_gathering(plan=plan).plan_versions.get()
    frozen = PlanVersion.objects.get(pk=version.pk).snapshot
    services.item_update(item=item, due_on=dt.date(2027, 12, 1), by=clerk)
    services.financing_set(item=item, source="oblast", year=2027, planned=Decimal(1500), by=clerk)
    make_item(code="3")
    assert PlanVersion.objects.get(pk=version.pk).snapshot == frozen  # the copy did not move
    diff = selectors.plan_version_diff(plan=plan)
    rows = {r["code"]: r for r in diff["rows"]}
    assert set(rows["1"]["changed"]) == {"planned_total", "due_on"}
    assert (
        rows["1"]["old"]["planned_total"] == "1000.00"
        and rows["1"]["new"]["planned_total"] == "1500.00"
    )
    assert rows["1"]["old"]["due_on"] == "2027-10-01" and rows["1"]["new"]["due_on"] == "2027-12-01"
    assert rows["2"]["changed"] == []
    assert rows["3"]["old"] is None
    assert diff["changed"] == 2


def test_a_second_approval_makes_version_two(plan, make_item):
    make_item(code="1")
    approve_by_gathering(plan=plan, held_on=dt.date(2026, 1, 20))
    second = approve_by_gathering(plan=plan, held_on=dt.date(2026, 6, 20)).plan_versions.get()
    assert second.number == 2 and second.approved_on == dt.date(2026, 6, 20)
    assert selectors.plan_version_diff(plan=plan)["changed"] == 0


def test_the_public_page_shows_the_difference(client, plan, make_item, clerk):
    item = make_item(code="1", due_on=dt.date(2027, 10, 1))
    approve_by_gathering(plan=plan)
    services.item_update(item=item, due_on=dt.date(2028, 1, 1), by=clerk)
    body = client.get(f"/ru/plan/{plan.pk}/").content.decode()
    assert 'id="version-diff"' in body and 'data-code="1"' in body
