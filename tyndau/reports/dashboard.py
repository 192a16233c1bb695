"""The akim's dashboard: open appeals by risk, deadlines, topics, executors, trend, ratings.

Every figure is one aggregate query over the appeals of the territory's subtree.
"""

from __future__ import annotations

import datetime as dt

from django.db.models import Avg, Count, Q
from django.db.models.functions import TruncMonth

from tyndau.appeals.models import Appeal, Rating, RiskBand, Status
from tyndau.appeals.querysets import overdue_q
from tyndau.core import calendar


def week_deadline_window(today: dt.date) -> tuple[dt.date, dt.date]:
    """From today to the last working day of this week (calendar), or today if none."""
    sunday = today + dt.timedelta(days=6 - today.weekday())
    last = today
    day = today
    while day <= sunday:
        if calendar.is_working_day(day):
            last = day
        day += dt.timedelta(days=1)
    return today, last


def _months_back(today: dt.date, months: int) -> dt.date:
    year, month = today.year, today.month - (months - 1)
    while month <= 0:
        month += 12
        year -= 1
    return dt.date(year, month, 1)


def dashboard_data(*, territory, today: dt.date | None = None) -> dict:
    today = today or calendar.today()
    appeals = Appeal.objects.within(territory)
    open_appeals = appeals.open()
    week_start, week_end = week_deadline_window(today)
    overdue = overdue_q(on=today)
    counts = open_appeals.aggregate(
        total=Count("pk"),
        overdue=Count("pk", filter=overdue),
        due_this_week=Count("pk", filter=Q(due_on__gte=week_start, due_on__lte=week_end)),
        **{
            f"band_{band}": Count("pk", filter=Q(risk_band=band))
            for band in [RiskBand.RED, RiskBand.ORANGE, RiskBand.YELLOW, RiskBand.NONE]
        },
    )
    bands = [
        {"band": band.value, "label": str(band.label), "value": counts[f"band_{band.value}"]}
        for band in [RiskBand.RED, RiskBand.ORANGE, RiskBand.YELLOW, RiskBand.NONE]
    ]
    by_topic = list(
        open_appeals.values("topic__code", "topic__name_ru", "topic__name_kk", "topic__name_en")
        .annotate(value=Count("pk"), overdue=Count("pk", filter=overdue))
        .order_by("-value", "topic__code")[:10]
    )
    by_executor = list(
        open_appeals.values("executor_id", "executor__first_name", "executor__last_name")
        .annotate(value=Count("pk"), overdue=Count("pk", filter=overdue))
        .order_by("-value", "executor__last_name")[:15]
    )
    start = _months_back(today, 12)
    received = dict(
        appeals.filter(registered_on__gte=start, registered_on__lte=today)
        .annotate(month=TruncMonth("registered_on"))
        .values_list("month")
        .annotate(n=Count("pk"))
        .values_list("month", "n")
    )
    decided = dict(
        appeals.considered_between(start, today)
        .annotate(month=TruncMonth("decided_on"))
        .values_list("month")
        .annotate(n=Count("pk"))
        .values_list("month", "n")
    )
    trend = []
    month = start
    while month <= today:
        trend.append(
            {
                "month": month,
                "received": _by_month(received, month),
                "decided": _by_month(decided, month),
            }
        )
        month = dt.date(month.year + (month.month == 12), month.month % 12 + 1, 1)
    ratings = Rating.objects.within(territory)
    satisfaction = ratings.aggregate(count=Count("pk"), average=Avg("score"))
    distribution = dict(
        ratings.values_list("score").annotate(n=Count("pk")).values_list("score", "n")
    )
    satisfaction["distribution"] = [
        {"score": score, "value": distribution.get(score, 0)} for score in range(5, 0, -1)
    ]
    satisfaction["by_executor"] = list(
        ratings.values("appeal__executor__first_name", "appeal__executor__last_name")
        .annotate(average=Avg("score"), count=Count("pk"))
        .order_by("-count")[:10]
    )
    return {
        "open": counts["total"],
        "overdue": counts["overdue"],
        "due_this_week": counts["due_this_week"],
        "week": (week_start, week_end),
        "bands": bands,
        "by_topic": by_topic,
        "by_executor": by_executor,
        "trend": trend,
        "satisfaction": satisfaction,
        **on_the_akims_desk(territory=territory),
    }


DESK_LIMIT = 20


def on_the_akims_desk(*, territory) -> dict:
    """What the dashboard shows first: appeals and assignments on the akim's special
    control (not yet closed, soonest deadline first), and answers awaiting sign-off."""
    from tyndau.meetings.models import Assignment

    appeals = Appeal.objects.within(territory)
    controlled = appeals.filter(special_control=True).exclude(status=Status.CLOSED)
    assignments = Assignment.objects.within(territory).open().filter(special_control=True)
    sign_off = appeals.filter(status=Status.FOR_SIGN_OFF)
    related = ("topic", "territory", "executor")
    return {
        "control_appeals": list(
            controlled.select_related(*related).order_by("due_on", "id")[:DESK_LIMIT]
        ),
        "control_appeals_count": controlled.count(),
        "control_assignments": list(
            assignments.select_related("executor", "territory").order_by("due_on", "id")[
                :DESK_LIMIT
            ]
        ),
        "control_assignments_count": assignments.count(),
        "sign_off": list(sign_off.select_related(*related).order_by("due_on", "id")[:DESK_LIMIT]),
        "sign_off_count": sign_off.count(),
    }


def _by_month(values: dict, month: dt.date) -> int:
    # TruncMonth gives a date on SQLite and PostgreSQL for a DateField.
    for key, n in values.items():
        if key is not None and (key.year, key.month) == (month.year, month.month):
            return n
    return 0
