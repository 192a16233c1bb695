"""State changes of development plans: one keyword-only service per change.

Every service is atomic, audited (the models are tracked) and, where a form edits a
record, takes the version the user read (optimistic locking): a stale one raises
:class:`~tyndau.core.errors.ConflictError` and nothing is saved.

Roll-up: after any change of money or progress, :func:`_refresh_upwards` walks from the
changed item to the top of its tree; each level is one aggregate query over the
children (weighted mean of their progress, weights editable and by default the planned
money) and one over the subtree's financing lines (planned and spent).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from decimal import ROUND_HALF_UP, Decimal

from django.db import transaction
from django.db.models import Avg, Count, DecimalField, ExpressionWrapper, F, Sum
from django.db.models.functions import Coalesce
from django.utils.translation import gettext as _

from tyndau.core.errors import DomainError
from tyndau.core.locking import save_versioned

from .models import (
    MONEY,
    PERCENT,
    FinancingLine,
    FinancingSource,
    ItemStatus,
    Plan,
    PlanItem,
    PlanLink,
    PlanVersion,
    ProgressEntry,
    ProgressPhoto,
)

ZERO = Decimal(0)
HUNDRED = Decimal(100)
CENT = Decimal("0.01")

PLAN_FIELDS = ("title_ru", "title_kk", "title_en", "first_year", "last_year")
ITEM_FIELDS = (
    "code",
    "title_ru",
    "title_kk",
    "title_en",
    "description",
    "indicator",
    "unit",
    "baseline",
    "target",
    "starts_on",
    "due_on",
    "responsible_user",
    "responsible_body",
    "status",
    "weight",
    "place",
    "latitude",
    "longitude",
    "order",
)


def default_status() -> ItemStatus:
    status = ItemStatus.objects.order_by("order", "pk").first()
    if status is None:
        raise DomainError(_("Add at least one plan item status first (admin)."))
    return status


# -------------------------------------------------------------------------------- plans


def _check_period(first_year: int, last_year: int) -> None:
    if not (2000 <= int(first_year) <= 2100 and 2000 <= int(last_year) <= 2100):
        raise DomainError(_("Years must be between 2000 and 2100."))
    if int(last_year) < int(first_year):
        raise DomainError(_("The last year cannot be before the first year."))


@transaction.atomic
def plan_create(
    *,
    territory,
    title_ru: str,
    title_kk: str,
    first_year: int,
    last_year: int,
    title_en: str = "",
    by=None,
) -> Plan:
    _check_period(first_year, last_year)
    if not title_ru.strip() or not title_kk.strip():
        raise DomainError(_("Give the plan a title in Russian and in Kazakh."))
    return Plan.objects.create(
        territory=territory,
        title_ru=title_ru.strip(),
        title_kk=title_kk.strip(),
        title_en=title_en.strip(),
        first_year=first_year,
        last_year=last_year,
        created_by=by,
    )


@transaction.atomic
def plan_update(*, plan: Plan, by=None, expected_version: int | None = None, **changes) -> Plan:
    unknown = set(changes) - set(PLAN_FIELDS)
    if unknown:
        raise DomainError(_("Unknown field “%(name)s”.") % {"name": sorted(unknown)[0]})
    _check_period(
        changes.get("first_year", plan.first_year), changes.get("last_year", plan.last_year)
    )
    save_versioned(plan, expected_version, **changes)
    return plan


# -------------------------------------------------------------------------------- items


def _check_item(values: dict, plan: Plan) -> None:
    if not (values.get("code") or "").strip():
        raise DomainError(_("Give the item its number in the plan."))
    if not (values.get("title_ru") or "").strip() or not (values.get("title_kk") or "").strip():
        raise DomainError(_("Give the item a title in Russian and in Kazakh."))
    starts_on, due_on = values.get("starts_on"), values.get("due_on")
    if starts_on and due_on and due_on < starts_on:
        raise DomainError(_("The due date cannot be before the start date."))
    lat, lon = values.get("latitude"), values.get("longitude")
    if (lat is None) != (lon is None):
        raise DomainError(_("Give both latitude and longitude, or neither."))
    if lat is not None and not (-90 <= lat <= 90 and -180 <= lon <= 180):
        raise DomainError(_("The coordinates are outside the map."))
    weight = values.get("weight")
    if weight is not None and weight < 0:
        raise DomainError(_("A weight cannot be negative."))


def _place_in_tree(item: PlanItem, parent: PlanItem | None) -> None:
    item.path = (parent.path if parent else "/") + f"{item.pk}/"
    item.depth = parent.depth + 1 if parent else 0


@transaction.atomic
def item_create(*, plan: Plan, parent: PlanItem | None = None, by=None, **fields) -> PlanItem:
    unknown = set(fields) - set(ITEM_FIELDS)
    if unknown:
        raise DomainError(_("Unknown field “%(name)s”.") % {"name": sorted(unknown)[0]})
    if parent is not None and parent.plan_id != plan.pk:
        raise DomainError(_("The parent item belongs to another plan."))
    _check_item(fields, plan)
    fields["code"] = fields["code"].strip()
    if PlanItem.objects.filter(plan=plan, code=fields["code"]).exists():
        raise DomainError(
            _("The plan already has an item number %(code)s.") % {"code": fields["code"]}
        )
    fields.setdefault("status", None)
    if fields["status"] is None:
        fields["status"] = default_status()
    item = PlanItem(plan=plan, parent=parent, path="/", **fields)
    item.save()
    _place_in_tree(item, parent)
    PlanItem.objects.filter(pk=item.pk).update(path=item.path, depth=item.depth)
    _refresh_upwards(item)
    item.refresh_from_db()
    return item


@transaction.atomic
def item_update(
    *, item: PlanItem, by=None, expected_version: int | None = None, **changes
) -> PlanItem:
    """Change an item's fields (not its place in the tree)."""
    unknown = set(changes) - set(ITEM_FIELDS)
    if unknown:
        raise DomainError(_("Unknown field “%(name)s”.") % {"name": sorted(unknown)[0]})
    values = {name: getattr(item, name) for name in ITEM_FIELDS if name != "status"}
    values.update(changes)
    _check_item(values, item.plan)
    if "code" in changes:
        changes["code"] = changes["code"].strip()
        if (
            PlanItem.objects.filter(plan_id=item.plan_id, code=changes["code"])
            .exclude(pk=item.pk)
            .exists()
        ):
            raise DomainError(
                _("The plan already has an item number %(code)s.") % {"code": changes["code"]}
            )
    weight_changed = "weight" in changes and changes["weight"] != item.weight
    save_versioned(item, expected_version, **changes)
    if weight_changed and item.parent_id:
        _refresh_upwards(item.parent)
    return item


# --------------------------------------------------------------------------- roll-up


def _quantize_percent(value) -> Decimal:
    value = Decimal(str(value or 0)).quantize(CENT, rounding=ROUND_HALF_UP)
    return min(max(value, ZERO), HUNDRED)


def _refresh_node(node: PlanItem) -> None:
    money = FinancingLine.objects.filter(
        item__plan_id=node.plan_id, item__path__startswith=node.path
    ).aggregate(planned=Sum("planned"), spent=Sum("spent"))
    children = PlanItem.objects.filter(parent_id=node.pk)
    weight = Coalesce(F("weight"), F("planned_total"))
    rollup = children.aggregate(
        n=Count("pk"),
        weights=Sum(weight),
        weighted=Sum(ExpressionWrapper(weight * F("progress"), output_field=DecimalField())),
        mean=Avg("progress"),
    )
    if rollup["n"]:
        weights = Decimal(str(rollup["weights"] or 0))
        if weights > 0:
            progress = Decimal(str(rollup["weighted"] or 0)) / weights
        else:  # no money and no weights anywhere: every part counts the same
            progress = rollup["mean"]
    else:
        latest = node.entries.order_by("-on", "-id").values_list("percent", flat=True).first()
        progress = latest or ZERO
    PlanItem.objects.filter(pk=node.pk).update(
        progress=_quantize_percent(progress),
        planned_total=money["planned"] or ZERO,
        spent_total=money["spent"] or ZERO,
    )


def _refresh_upwards(item: PlanItem) -> None:
    """Recompute money and progress of ``item`` and of every item above it, bottom up."""
    ids = [int(pk) for pk in item.path.strip("/").split("/") if pk]
    nodes = {n.pk: n for n in PlanItem.objects.filter(pk__in=ids).only("pk", "plan_id", "path")}
    for pk in reversed(ids):
        if pk in nodes:
            _refresh_node(nodes[pk])


@transaction.atomic
def plan_recompute(*, plan: Plan) -> None:
    """Recompute every item of a plan, deepest first (after a bulk import)."""
    for node in (
        PlanItem.objects.filter(plan=plan).only("pk", "plan_id", "path").order_by("-depth", "pk")
    ):
        _refresh_node(node)


# ------------------------------------------------------------------------- financing


def _money(value, name: str) -> Decimal:
    try:
        value = Decimal(str(value))
    except Exception as error:
        raise DomainError(_("%(name)s must be an amount in tenge.") % {"name": name}) from error
    if not value.is_finite() or value < 0:
        raise DomainError(_("%(name)s cannot be negative.") % {"name": name})
    if value >= Decimal(10) ** (MONEY["max_digits"] - MONEY["decimal_places"]):
        raise DomainError(_("%(name)s is too large.") % {"name": name})
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


@transaction.atomic
def financing_set(
    *,
    item: PlanItem,
    source: str,
    year: int,
    planned,
    spent=ZERO,
    budget_programme_code: str = "",
    by=None,
) -> FinancingLine:
    """Set the planned and spent money of an item from one source in one year."""
    if source not in FinancingSource.values:
        raise DomainError(_("Unknown financing source “%(source)s”.") % {"source": source})
    plan = item.plan
    if not (plan.first_year <= int(year) <= plan.last_year):
        raise DomainError(
            _("The year %(year)s is outside the plan's period %(period)s.")
            % {"year": year, "period": plan.period}
        )
    planned, spent = _money(planned, _("Planned")), _money(spent, _("Spent"))
    line, _created = FinancingLine.objects.update_or_create(
        item=item,
        source=source,
        year=int(year),
        defaults={
            "planned": planned,
            "spent": spent,
            "budget_programme_code": (budget_programme_code or "").strip(),
        },
    )
    _refresh_upwards(item)
    return line


@transaction.atomic
def financing_delete(*, line: FinancingLine, by=None) -> None:
    item = line.item
    line.delete()
    _refresh_upwards(item)


# -------------------------------------------------------------------------- progress


@transaction.atomic
def progress_add(
    *,
    item: PlanItem,
    on: dt.date,
    percent,
    text: str,
    photos: Iterable = (),
    by=None,
    notify: bool = True,
) -> ProgressEntry:
    """Record what was done on an item; its progress (and its parents') follows the
    latest entry. An item made of parts gets its progress from them, not from entries."""
    if item.children.exists():
        raise DomainError(
            _("The progress of “%(item)s” is computed from its parts: report on one of them.")
            % {"item": item.title}
        )
    try:
        percent = Decimal(str(percent))
    except Exception as error:
        raise DomainError(_("The percent must be a number from 0 to 100.")) from error
    if not percent.is_finite() or not (ZERO <= percent <= HUNDRED):
        raise DomainError(_("The percent must be a number from 0 to 100."))
    if not (text or "").strip():
        raise DomainError(_("Say what was done."))
    entry = ProgressEntry.objects.create(
        item=item, on=on, percent=_quantize_percent(percent), text=text.strip(), created_by=by
    )
    for photo in photos:
        ProgressPhoto.objects.create(entry=entry, file=photo)
    _refresh_upwards(item)
    if notify:
        from tyndau.core.jobs import enqueue

        enqueue("tyndau.plans.tasks.notify_followers", entry_id=entry.pk)
    return entry


# ------------------------------------------------------------------------------ links


@transaction.atomic
def link_add(*, item: PlanItem, appeal=None, question=None, assignment=None, by=None) -> PlanLink:
    """Link an appeal, a meeting question or an assignment to the item that answers it."""
    given = [x for x in (appeal, question, assignment) if x is not None]
    if len(given) != 1:
        raise DomainError(_("Link one appeal, one meeting question or one assignment."))
    if appeal is not None:
        territory = appeal.territory
    elif question is not None:
        territory = question.meeting.territory
    else:
        territory = assignment.territory
    plan_territory = item.plan.territory
    if not territory.path.startswith(plan_territory.path):
        raise DomainError(_("It is outside the plan's territory."))
    lookup = {
        "appeal": appeal,
        "question": question,
        "assignment": assignment,
    }
    lookup = {k: v for k, v in lookup.items() if v is not None}
    if PlanLink.objects.filter(item=item, **lookup).exists():
        raise DomainError(_("It is already linked to this item."))
    return PlanLink.objects.create(item=item, created_by=by, **lookup)


@transaction.atomic
def link_remove(*, link: PlanLink, by=None) -> None:
    link.delete()


# ---------------------------------------------------------------------------- versions


def plan_snapshot(*, plan: Plan) -> list[dict]:
    """What an approval freezes: each item's number, title, dates and planned money."""
    lines = FinancingLine.objects.filter(item__plan=plan).values(
        "item__code", "source", "year", "planned"
    )
    money: dict[str, dict] = {}
    for line in lines:
        key = f"{line['source']}:{line['year']}"
        money.setdefault(line["item__code"], {})[key] = str(line["planned"])
    return [
        {
            "code": item["code"],
            "title_ru": item["title_ru"],
            "title_kk": item["title_kk"],
            "starts_on": item["starts_on"].isoformat() if item["starts_on"] else None,
            "due_on": item["due_on"].isoformat() if item["due_on"] else None,
            "planned_total": str(item["planned_total"]),
            "financing": money.get(item["code"], {}),
        }
        for item in plan.items.order_by("path").values(
            "code", "title_ru", "title_kk", "starts_on", "due_on", "planned_total"
        )
    ]


def check_approving_decision(*, decision, kind: str, target_field: str, target) -> None:
    """A version is approved only by an adopted decision of the gathering on that very
    plan or budget (``tyndau.gathering.services.decision_take`` calls the approvals)."""
    item = getattr(decision, "agenda_item", None)
    if (
        decision is None
        or not decision.adopted
        or item is None
        or item.kind != kind
        or getattr(item, f"{target_field}_id") != target.pk
    ):
        raise DomainError(
            _("Only an adopted decision of the local community gathering on it approves it.")
        )


@transaction.atomic
def version_approve(*, target, kind: str, decision, snapshot):
    """Freeze ``target`` (a plan or a budget: ``kind`` "plan" or "budget") as its next
    approved version, approved by an adopted decision of the local community gathering on
    it (the version records it); ``snapshot(target)`` gives the contents, read under the
    target's lock."""
    check_approving_decision(decision=decision, kind=kind, target_field=kind, target=target)
    target = type(target).objects.select_for_update().get(pk=target.pk)
    last = target.versions.order_by("-number").values_list("number", flat=True).first() or 0
    return target.versions.create(
        number=last + 1,
        approved_on=decision.agenda_item.session.held_on,
        approved_by=str(decision)[:255],
        decision=decision,
        snapshot=snapshot(target),
    )


def plan_version_approve(*, plan: Plan, decision) -> PlanVersion:
    """Freeze the plan as it is now as its next approved version (``version_approve``)."""
    return version_approve(
        target=plan, kind="plan", decision=decision, snapshot=lambda p: plan_snapshot(plan=p)
    )


from .followers import follower_add, follower_confirm, follower_remove  # noqa: E402

__all__ = [
    "PERCENT",
    "default_status",
    "financing_delete",
    "financing_set",
    "follower_add",
    "follower_confirm",
    "follower_remove",
    "item_create",
    "item_update",
    "link_add",
    "link_remove",
    "plan_create",
    "plan_recompute",
    "plan_snapshot",
    "plan_update",
    "plan_version_approve",
    "version_approve",
    "progress_add",
]
