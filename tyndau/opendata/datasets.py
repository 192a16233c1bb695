"""The open data sets (/<lang>/open-data/): each is a list of flat rows built by one
database query, with a description and a licence. Nothing here carries a person: no
name, IIN, phone or e-mail; appeals only as counts by territory, month and topic (the
counted appeals of ``appeal_list_counted``: figures of every appeal the public may count,
published after moderation or not, leaving out anonymous appeals and crime reports; no
part of an appeal that ``tyndau.privacy.policy`` keeps from the public)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import Count, F, Q
from django.db.models.functions import TruncMonth
from django.utils.translation import gettext_lazy as _

LICENCE_URL = "https://creativecommons.org/licenses/by/4.0/"
LICENCE_NAME = "CC BY 4.0"


# The columns of each data set, in order: what the rows carry and the files show.
PLAN_ITEM_COLUMNS = [
    "plan_id",
    "territory",
    "code",
    "title_ru",
    "title_kk",
    "title_en",
    "indicator",
    "unit",
    "baseline",
    "target",
    "starts_on",
    "due_on",
    "status_code",
    "progress",
    "planned_total",
    "spent_total",
    "is_late",
    "responsible_body",
    "latitude",
    "longitude",
    "appeals",
]
FINANCING_COLUMNS = [
    "plan_id",
    "territory",
    "item_code",
    "source",
    "year",
    "planned",
    "spent",
    "budget_programme_code",
]
REVENUE_COLUMNS = ["territory", "year", "kind", "month", "planned", "adjusted", "executed"]
EXPENDITURE_COLUMNS = [
    "territory",
    "year",
    "programme_code",
    "programme_ru",
    "programme_kk",
    "month",
    "planned",
    "adjusted",
    "executed",
]
APPEAL_STATISTICS_COLUMNS = [
    "territory",
    "month",
    "topic",
    "received",
    "answered",
    "satisfied",
    "on_time",
]


@dataclass(frozen=True)
class Dataset:
    slug: str
    title: object
    description: object
    columns: list[str]
    rows: Callable[[], list[dict]]


def _plan_items() -> list[dict]:
    from tyndau.plans.models import PlanItem
    from tyndau.plans.selectors import with_late

    items = with_late(PlanItem.objects.all()).annotate(
        territory=F("plan__territory__code"),
        status_code=F("status__code"),
        appeals=Count("links", filter=Q(links__appeal__isnull=False), distinct=True),
    )
    return [
        {**row, "is_late": bool(row["is_late"])}
        for row in items.order_by("plan_id", "path").values(*PLAN_ITEM_COLUMNS)
    ]


def _financing() -> list[dict]:
    from tyndau.plans.models import FinancingLine

    return list(
        FinancingLine.objects.annotate(
            plan_id_=F("item__plan_id"),
            item_code=F("item__code"),
            territory=F("item__plan__territory__code"),
        )
        .order_by("item__plan_id", "item__path", "year", "source")
        .values("plan_id_", *FINANCING_COLUMNS[1:])
    )


def _revenues() -> list[dict]:
    from tyndau.budget.models import BudgetLine

    return list(
        BudgetLine.objects.filter(section="revenue")
        .annotate(territory=F("budget__territory__code"), year=F("budget__year"))
        .order_by("territory", "year", "kind", "month")
        .values(*REVENUE_COLUMNS)
    )


def _expenditures() -> list[dict]:
    from tyndau.budget.models import BudgetLine

    return list(
        BudgetLine.objects.filter(section="expenditure")
        .annotate(
            territory=F("budget__territory__code"),
            year=F("budget__year"),
            programme_code=F("programme__code"),
            programme_ru=F("programme__name_ru"),
            programme_kk=F("programme__name_kk"),
        )
        .order_by("territory", "year", "programme_code", "month")
        .values(*EXPENDITURE_COLUMNS)
    )


def _appeal_statistics() -> list[dict]:
    from tyndau.appeals.selectors import appeal_list_counted

    rows = (
        appeal_list_counted()
        .order_by()
        .annotate(month_=TruncMonth("registered_on"))
        .values("territory__code", "month_", "topic__code")
        .annotate(
            received=Count("id"),
            answered=Count("id", filter=~Q(outcome="")),
            satisfied=Count("id", filter=Q(outcome="satisfied")),
            on_time=Count("id", filter=~Q(outcome="") & Q(decided_on__lte=F("due_on"))),
        )
        .order_by("territory__code", "month_", "topic__code")
    )
    return [
        {
            "territory": r["territory__code"],
            "month": r["month_"].strftime("%Y-%m") if r["month_"] else "",
            "topic": r["topic__code"],
            **{name: r[name] for name in APPEAL_STATISTICS_COLUMNS[3:]},
        }
        for r in rows
    ]


def _rename(rows, old, new):
    for row in rows:
        row[new] = row.pop(old)
    return rows


DATASETS = [
    Dataset(
        "plan-items",
        _("Development plan items"),
        _(
            "Every item of the development plans: dates, status, progress in percent, planned and spent money in tenge, the late flag and how many appeals it answers."  # noqa: E501
        ),
        PLAN_ITEM_COLUMNS,
        _plan_items,
    ),
    Dataset(
        "financing-lines",
        _("Financing of the plan items"),
        _(
            "Planned and spent money of each plan item by source (republican, oblast, district, rural district budget, partnership, sponsor) and year, in tenge."  # noqa: E501
        ),
        FINANCING_COLUMNS,
        lambda: _rename(_financing(), "plan_id_", "plan_id"),
    ),
    Dataset(
        "budget-revenues",
        _("Budget revenues"),
        _(
            "Revenues of the rural district's budget by kind and month: planned, adjusted and executed, in tenge."  # noqa: E501
        ),
        REVENUE_COLUMNS,
        _revenues,
    ),
    Dataset(
        "budget-expenditures",
        _("Budget expenditures"),
        _(
            "Expenditures of the rural district's budget by budget programme and month: planned, adjusted and executed, in tenge."  # noqa: E501
        ),
        EXPENDITURE_COLUMNS,
        _expenditures,
    ),
    Dataset(
        "appeal-statistics",
        _("Appeals by territory, month and topic"),
        _(
            "How many appeals were received, answered, satisfied and answered on time, by territory, month and topic. Counts only: no text, no names."  # noqa: E501
        ),
        APPEAL_STATISTICS_COLUMNS,
        _appeal_statistics,
    ),
]
BY_SLUG = {d.slug: d for d in DATASETS}


def register(dataset: Dataset) -> None:
    """Another app adds a data set (the gathering's decisions, say)."""
    if dataset.slug not in BY_SLUG:
        DATASETS.append(dataset)
        BY_SLUG[dataset.slug] = dataset
