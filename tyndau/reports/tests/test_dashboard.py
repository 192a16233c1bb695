"""The akim's dashboard counts open, overdue and due-this-week appeals of the subtree."""

import datetime as dt

from tyndau.appeals.models import Rating
from tyndau.reports.dashboard import dashboard_data, week_deadline_window

WEDNESDAY = dt.date(2025, 11, 19)


def test_the_week_window_ends_on_the_last_working_day(db):
    assert week_deadline_window(WEDNESDAY) == (WEDNESDAY, dt.date(2025, 11, 21))


def test_dashboard_figures(tree, make_appeal, executor):
    make_appeal(
        "111033100",
        "2025-10-01",
        due_on="2025-11-18",
        risk_band="red",
        executor=executor,
        topic="land",
    )  # overdue
    make_appeal(
        "111033200", "2025-11-03", due_on="2025-11-20", risk_band="yellow", topic="land"
    )  # due this week
    make_appeal("111033100", "2025-11-10", due_on="2025-12-01", topic="roads")
    answered = make_appeal("111033100", "2025-09-01", "2025-09-20", "satisfied")
    Rating.objects.create(appeal=answered, score=5)
    make_appeal("114645100", "2025-10-01", due_on="2025-11-01")  # another district
    data = dashboard_data(territory=tree["111033000"], today=WEDNESDAY)
    assert data["open"] == 3
    assert data["overdue"] == 1
    assert data["due_this_week"] == 1
    assert {b["band"]: b["value"] for b in data["bands"]} == {
        "red": 1, "orange": 0, "yellow": 1, "none": 1
    }  # fmt: skip
    assert data["by_topic"][0]["topic__code"] == "land"
    assert data["by_topic"][0]["value"] == 2
    assert data["by_topic"][0]["overdue"] == 1
    assert data["satisfaction"]["count"] == 1
    assert data["satisfaction"]["average"] == 5
    months = {m["month"]: (m["received"], m["decided"]) for m in data["trend"]}
    assert months[dt.date(2025, 9, 1)] == (1, 1)
    assert months[dt.date(2025, 11, 1)] == (2, 0)
    assert len(data["trend"]) == 12


def test_the_dashboard_shows_what_is_on_special_control_first(client, tree, make_appeal, akim):
    from django.urls import reverse
    from django.utils import translation

    late = make_appeal("111033100", "2025-10-01", due_on="2025-11-18", special_control=True)
    soon = make_appeal("111033200", "2025-11-03", due_on="2025-11-28", special_control=True)
    make_appeal("111033100", "2025-11-10", due_on="2025-11-20")  # not on control
    closed = make_appeal("111033100", "2025-09-01", "2025-09-20", "satisfied")
    closed.special_control, closed.status = True, "closed"
    closed.save()
    make_appeal("114645100", "2025-10-01", due_on="2025-11-01", special_control=True)  # beside
    waiting = make_appeal("111033100", "2025-11-03", due_on="2025-11-24", status="for_sign_off")
    data = dashboard_data(territory=tree["111033000"], today=WEDNESDAY)
    assert data["control_appeals"] == [late, soon]  # not closed, soonest deadline first
    assert data["control_appeals_count"] == 2
    assert data["sign_off"] == [waiting]
    client.force_login(akim)
    with translation.override("en"):
        page = client.get(reverse("reports:dashboard")).content.decode()
    control, charts = page.index('id="special-control"'), page.index("Open appeals by risk band")
    assert control < charts  # first on the page
    assert late.number in page[control:charts] and soon.number in page[control:charts]
