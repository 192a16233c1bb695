"""A parent's progress is the weighted mean of its children's; money rolls up."""

import datetime as dt
from decimal import Decimal

import pytest

from tyndau.core.errors import DomainError
from tyndau.plans import services
from tyndau.plans.models import PlanItem

D = Decimal


def fresh(item):
    return PlanItem.objects.get(pk=item.pk)


def report(item, percent, by, on=dt.date(2026, 6, 1)):
    services.progress_add(item=item, on=on, percent=percent, text="Работы идут", by=by)


def test_parent_progress_is_the_money_weighted_mean_of_its_children(make_item, clerk):
    roads = make_item(code="1")
    seifullin = make_item(parent=roads, code="1.1", money="300000000")
    mira = make_item(parent=roads, code="1.2", money="100000000")
    report(seifullin, 40, clerk)
    report(mira, 100, clerk)
    # (300 × 40 + 100 × 100) / 400 = 55
    assert fresh(roads).progress == D("55.00")
    assert fresh(roads).planned_total == D("400000000.00")


def test_edited_weights_replace_the_money(make_item, clerk):
    roads = make_item(code="1")
    a = make_item(parent=roads, code="1.1", money="300")
    b = make_item(parent=roads, code="1.2", money="100")
    report(a, 40, clerk)
    report(b, 100, clerk)
    services.item_update(item=fresh(a), weight=D(1), by=clerk)
    services.item_update(item=fresh(b), weight=D(3), by=clerk)
    # (1 × 40 + 3 × 100) / 4 = 85
    assert fresh(roads).progress == D("85.00")


def test_without_money_or_weights_every_part_counts_the_same(make_item, clerk):
    park = make_item(code="2")
    a, b, c = (make_item(parent=park, code=f"2.{n}") for n in (1, 2, 3))
    report(a, 30, clerk)
    report(b, 60, clerk)
    assert fresh(park).progress == D("30.00")  # (30 + 60 + 0) / 3


def test_roll_up_goes_through_every_level(make_item, clerk):
    top = make_item(code="1")
    middle = make_item(parent=top, code="1.1")
    leaf_a = make_item(parent=middle, code="1.1.1", money="100")
    leaf_b = make_item(parent=middle, code="1.1.2", money="300")
    other = make_item(parent=top, code="1.2", money="600")
    report(leaf_a, 100, clerk)
    report(leaf_b, 20, clerk)
    report(other, 50, clerk)
    # middle: (100×100 + 300×20)/400 = 40, weight 400; top: (400×40 + 600×50)/1000 = 46
    assert fresh(middle).progress == D("40.00")
    assert fresh(top).progress == D("46.00")
    assert fresh(top).planned_total == D("1000.00")


def test_the_latest_entry_sets_a_leaf_progress(make_item, clerk):
    item = make_item(code="3")
    report(item, 70, clerk, on=dt.date(2026, 7, 1))
    report(item, 20, clerk, on=dt.date(2026, 3, 1))  # an older report entered later
    assert fresh(item).progress == D("70.00")


def test_planned_and_spent_roll_up_from_financing_lines(make_item, clerk):
    water = make_item(code="4")
    mains = make_item(parent=water, code="4.1")
    services.financing_set(
        item=mains, source="oblast", year=2026, planned=D("500"), spent=D("120"), by=clerk
    )
    services.financing_set(
        item=mains, source="rural", year=2027, planned=D("250"), spent=D("0"), by=clerk
    )
    services.financing_set(
        item=mains, source="oblast", year=2026, planned=D("500"), spent=D("200"), by=clerk
    )
    water = fresh(water)
    assert (water.planned_total, water.spent_total) == (D("750.00"), D("200.00"))
    assert water.remaining == D("550.00")


def test_a_progress_entry_on_an_item_with_parts_is_refused(make_item, clerk):
    parent = make_item(code="5")
    make_item(parent=parent, code="5.1")
    with pytest.raises(DomainError, match="вычисляется по его частям"):
        report(parent, 50, clerk)
    assert fresh(parent).progress == 0
    assert not parent.entries.exists()


@pytest.mark.parametrize("percent", [-1, 101, "abc"])
def test_a_percent_outside_0_to_100_is_refused(make_item, clerk, percent):
    item = make_item(code="6")
    with pytest.raises(DomainError):
        report(item, percent, clerk)
    assert not item.entries.exists()


def test_money_outside_the_plan_period_is_refused(make_item, clerk):
    item = make_item(code="7")
    with pytest.raises(DomainError, match="вне периода плана"):
        services.financing_set(item=item, source="rural", year=2030, planned=D(1), by=clerk)
    assert not item.financing.exists()


def test_a_stale_edit_is_refused_and_changes_nothing(make_item, clerk):
    from tyndau.core.errors import ConflictError

    item = make_item(code="8", title_ru="Старое")
    first = fresh(item)
    second = fresh(item)
    services.item_update(item=first, title_ru="Первое", by=clerk, expected_version=first.version)
    with pytest.raises(ConflictError):
        services.item_update(
            item=second, title_ru="Второе", by=clerk, expected_version=second.version
        )
    assert fresh(item).title_ru == "Первое"
