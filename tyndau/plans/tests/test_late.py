"""The late flag: due date passed undone, or behind the straight line by more than the
threshold (TYNDAU_PLAN_LATE_THRESHOLD percentage points)."""

import datetime as dt

import pytest

from tyndau.plans import selectors, services
from tyndau.plans.models import PlanItem


def flags(today):
    return {
        i.code: (i.is_late, round(i.expected_progress))
        for i in selectors.with_late(PlanItem.objects.all(), today=today)
    }


def report(item, percent, by):
    services.progress_add(item=item, on=dt.date(2026, 6, 1), percent=percent, text="…", by=by)


@pytest.fixture
def year_long(make_item):
    """An item running through 2026 (365 days): half way on 2 July 2026."""

    def make(code, **fields):
        return make_item(
            code=code, starts_on=dt.date(2026, 1, 1), due_on=dt.date(2027, 1, 1), **fields
        )

    return make


def test_an_item_past_its_due_date_and_not_done_is_late(year_long, clerk, statuses):
    undone = year_long("1")
    year_long("2", status=statuses["done"])
    report(undone, 99, clerk)
    result = flags(dt.date(2027, 1, 2))
    assert result["1"][0] is True
    assert result["2"][0] is False


def test_an_item_behind_the_straight_line_by_more_than_the_threshold_is_late(
    year_long, clerk, settings
):
    settings.TYNDAU_PLAN_LATE_THRESHOLD = 15
    behind = year_long("1")  # 30% at the half-way point: 20 points behind
    close = year_long("2")  # 40%: 10 points behind, within the threshold
    ahead = year_long("3")
    report(behind, 30, clerk)
    report(close, 40, clerk)
    report(ahead, 80, clerk)
    result = flags(dt.date(2026, 7, 2))
    assert result["1"] == (True, 50)
    assert result["2"] == (False, 50)
    assert result["3"] == (False, 50)


def test_the_threshold_is_a_setting(year_long, clerk, settings):
    item = year_long("1")
    report(item, 40, clerk)
    settings.TYNDAU_PLAN_LATE_THRESHOLD = 5
    assert flags(dt.date(2026, 7, 2))["1"][0] is True
    settings.TYNDAU_PLAN_LATE_THRESHOLD = 15
    assert flags(dt.date(2026, 7, 2))["1"][0] is False


def test_an_item_without_dates_or_not_started_is_not_late(make_item, year_long):
    make_item(code="1")
    year_long("2")
    result = flags(dt.date(2025, 12, 1))
    assert result == {"1": (False, 0), "2": (False, 0)}


def test_the_akims_dashboard_lists_late_items(client, akim, year_long, clerk, topics_for_dashboard):
    late = year_long("1", title_ru="Ремонт улицы Сейфуллина")
    report(late, 10, clerk)
    year_long("2", title_ru="Ремонт улицы Мира")
    on_time = PlanItem.objects.get(code="2")
    report(on_time, 100, clerk)
    client.force_login(akim)
    response = client.get("/ru/staff/reports/dashboard/")
    assert response.status_code == 200
    section = response.content.decode().split('id="late-plan-items"')[1].split("</section>")[0]
    assert "Ремонт улицы Сейфуллина" in section
    assert "Ремонт улицы Мира" not in section


@pytest.fixture
def topics_for_dashboard(db):
    import importlib

    from django.apps import apps

    from tyndau.appeals.models import Topic

    if not Topic.objects.exists():
        importlib.import_module(
            "tyndau.appeals.migrations.0002_default_topics_and_risk_rules"
        ).load(apps, None)
