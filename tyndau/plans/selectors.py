"""Reads of development plans. Staff pages use the *_visible_to selectors; public pages
the public ones, which show appeals only through the appeals app's anonymiser.

The **late** flag is computed in the database for any set of items
(:func:`with_late`): an item is late when it is not done (a "done" status, or 100%) and either its
due date has passed, or its progress is behind the straight line from its start date to
its due date by more than ``TYNDAU_PLAN_LATE_THRESHOLD`` percentage points.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.conf import settings
from django.db.models import (
    BooleanField,
    Case,
    Count,
    F,
    FloatField,
    Func,
    Q,
    QuerySet,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Least
from django.utils import timezone

from tyndau.territory.selectors import scope_q

from .models import FinancingLine, Plan, PlanItem, PlanLink, ProgressEntry


def late_threshold() -> Decimal:
    return Decimal(str(getattr(settings, "TYNDAU_PLAN_LATE_THRESHOLD", 15)))


class DaysBetween(Func):
    """``a - b`` in days, as a float, for two dates (SQLite and PostgreSQL)."""

    arity = 2
    output_field = FloatField()

    def as_sqlite(self, compiler, connection, **extra):
        return self.as_sql(
            compiler,
            connection,
            template="(julianday(%(expressions)s))",
            arg_joiner=") - julianday(",
            **extra,
        )

    def as_postgresql(self, compiler, connection, **extra):
        return self.as_sql(
            compiler,
            connection,
            template="CAST((%(expressions)s) AS double precision)",
            arg_joiner=" - ",
            **extra,
        )


def with_late(items: QuerySet[PlanItem], *, today: dt.date | None = None) -> QuerySet[PlanItem]:
    """Annotate ``expected_progress`` (the straight line, %) and ``is_late``."""
    from django.db.models import DateField

    today = today or timezone.localdate()
    today_value = Value(today, output_field=DateField())
    has_line = Q(starts_on__isnull=False, due_on__isnull=False, due_on__gt=F("starts_on"))
    items = items.annotate(
        expected_progress=Case(
            When(
                has_line & Q(starts_on__lt=today),
                then=Least(
                    Value(100.0),
                    Value(100.0)
                    * DaysBetween(today_value, F("starts_on"))
                    / DaysBetween(F("due_on"), F("starts_on")),
                ),
            ),
            default=Value(0.0),
            output_field=FloatField(),
        )
    )
    undone = Q(status__is_done=False) & Q(progress__lt=100)
    overdue = Q(due_on__lt=today) & undone
    behind = (
        has_line & undone & Q(progress__lt=F("expected_progress") - Value(float(late_threshold())))
    )
    return items.annotate(
        is_late=Case(
            When(overdue | behind, then=Value(True)),
            default=Value(False),
            output_field=BooleanField(),
        ),
        is_overdue=Case(
            When(overdue, then=Value(True)), default=Value(False), output_field=BooleanField()
        ),
    )


def with_link_counts(items: QuerySet[PlanItem]) -> QuerySet[PlanItem]:
    return items.annotate(
        appeal_links=Count("links", filter=Q(links__appeal__isnull=False), distinct=True),
        other_links=Count("links", filter=Q(links__appeal__isnull=True), distinct=True),
    )


# ------------------------------------------------------------------------------ staff


def plan_list_visible_to(*, user) -> QuerySet[Plan]:
    return (
        Plan.objects.filter(scope_q(user=user, field="territory__path"))
        .select_related("territory")
        .annotate(item_count=Count("items"))
    )


def plan_get_visible_to(*, user, pk: int) -> Plan | None:
    return plan_list_visible_to(user=user).filter(pk=pk).first()


def item_get_visible_to(*, user, pk: int) -> PlanItem | None:
    return (
        with_late(
            PlanItem.objects.filter(scope_q(user=user, field="plan__territory__path")).filter(pk=pk)
        )
        .select_related("plan__territory", "status", "responsible_user", "parent")
        .first()
    )


def plan_items(*, plan: Plan, today: dt.date | None = None) -> QuerySet[PlanItem]:
    """The items of a plan in tree order, with late flags and counts of links."""
    return with_link_counts(
        with_late(plan.items.select_related("status", "responsible_user"), today=today)
    ).order_by("path")


def late_items(*, territory, today: dt.date | None = None, limit: int = 50) -> list[PlanItem]:
    """Late items of every plan of a territory and below (the akim's dashboard)."""
    items = PlanItem.objects.filter(plan__territory__path__startswith=territory.path)
    return list(
        with_late(items.select_related("plan", "status", "responsible_user"), today=today)
        .filter(is_late=True)
        .order_by("due_on", "path")[:limit]
    )


def budget_differences(*, plan: Plan, lines: dict[tuple[int, str], Decimal]) -> list[dict]:
    """The plan's money by (year, budget programme code) beside the budget's planned
    amounts ``lines``; rows where they differ are marked."""
    rows = (
        FinancingLine.objects.filter(item__plan=plan)
        .exclude(budget_programme_code="")
        .values("year", "budget_programme_code")
        .annotate(planned=Sum("planned"), spent=Sum("spent"))
        .order_by("year", "budget_programme_code")
    )
    result = []
    for row in rows:
        budget = lines.get((row["year"], row["budget_programme_code"]))
        result.append(
            {
                **row,
                "budget": budget,
                "difference": None if budget is None else row["planned"] - budget,
            }
        )
    return result


# ----------------------------------------------------------------------------- public


def plan_list_public() -> QuerySet[Plan]:
    return Plan.objects.select_related("territory").annotate(
        item_count=Count("items"), planned=Sum("items__financing__planned")
    )


def item_get_public(*, pk: int) -> PlanItem | None:
    return with_link_counts(
        with_late(PlanItem.objects.filter(pk=pk).select_related("plan__territory", "status"))
    ).first()


def item_timeline(*, item: PlanItem) -> QuerySet[ProgressEntry]:
    return item.entries.prefetch_related("photos").order_by("-on", "-id")


def item_page(*, item: PlanItem) -> dict:
    """What an item's page shows on the staff and the public side alike: its sub-items
    (with the late flag), its money by year and source and its progress entries."""
    return {
        "item": item,
        "children": with_late(item.children.select_related("status")),
        "financing": item.financing.order_by("year", "source"),
        "entries": item_timeline(item=item),
    }


def item_public_appeals(*, item: PlanItem) -> list[dict]:
    """The appeals linked to an item as the public may see them (anonymised by the
    appeals app: no name, IIN, phone, e-mail or house number)."""
    from tyndau.appeals.selectors import appeal_list_public, appeal_public_text

    appeals = appeal_list_public().filter(plan_links__item=item).order_by("-registered_on")
    return [
        {
            "pk": a.pk,
            "number": a.number,
            "registered_on": a.registered_on,
            "status": a.get_status_display(),
            "topic": a.topic,
            "text": appeal_public_text(a),
        }
        for a in appeals[:50]
    ]


def items_for_appeal(*, appeal) -> QuerySet[PlanItem]:
    """The plan items that answer an appeal (for the resident's tracking page)."""
    return with_late(
        PlanItem.objects.filter(links__appeal=appeal).select_related("plan", "status")
    ).order_by("path")


def items_for_question(*, question) -> QuerySet[PlanItem]:
    return PlanItem.objects.filter(
        Q(links__question=question) | Q(links__assignment__question=question)
    ).distinct()


def link_list(*, item: PlanItem) -> QuerySet[PlanLink]:
    return item.links.select_related(
        "appeal", "question__meeting", "assignment__question__meeting"
    ).order_by("id")


def plan_version_diff(*, plan: Plan) -> dict | None:
    """The working plan beside its last approved version: planned money and dates of each
    item side by side, the changed ones marked. None if no version was approved."""
    from .services import plan_snapshot

    version = plan.versions.order_by("-number").first()
    if version is None:
        return None
    before = {row["code"]: row for row in version.snapshot}
    after = {row["code"]: row for row in plan_snapshot(plan=plan)}
    rows = []
    for code in sorted(
        set(before) | set(after), key=lambda c: [int(p) if p.isdigit() else p for p in c.split(".")]
    ):
        old, new = before.get(code), after.get(code)
        fields = ("planned_total", "starts_on", "due_on")
        changed = [f for f in fields if (old or {}).get(f) != (new or {}).get(f)]
        rows.append(
            {
                "code": code,
                "title": (new or old)["title_ru"],
                "old": old,
                "new": new,
                "changed": changed,
            }
        )
    return {
        "version": version,
        "rows": rows,
        "changed": sum(1 for r in rows if r["changed"]),
    }
