"""The writes of the batch form of registration (:mod:`.intake_batch`), in one
transaction and in bulk: the appeals, their timeline, their audit entries, the counters
and the risk refresh. :func:`batch_save` takes a :class:`Batch` that
:func:`.intake_batch.batch_check` made and found good."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from operator import itemgetter

from django.db import transaction
from django.db.models import Exists, OuterRef
from django.utils import timezone
from django.utils.translation import gettext as _

from tyndau.core.jobs import enqueue
from tyndau.core.tables import ImportFailed, RowError
from tyndau.territory.models import Office

from . import audit_rows
from .bulk import BATCH_SIZE, insert_rows
from .intake import AppealDraft
from .models import Appeal, AppealCounter, AppealEvent, Status
from .numbering import number_format, reserve_numbers
from .services import appeal_risk_refresh

NUMBER_MAX_LENGTH = Appeal._meta.get_field("number").max_length

# What an entry sets: compared to decide whether an entry registered again changed.
ENTRY_FIELDS = [
    "territory_id",
    "received_at",
    "registered_on",
    "channel",
    "applicant_type",
    "kind",
    "topic_id",
    "text",
    "status",
    "outcome",
    "decided_on",
    "redirected_to",
    "repeated",
    "signatories",
    "latitude",
    "longitude",
    "due_on",
    "original_due_on",
    "risk_score",
    "risk_band",
    "risk_reasons",
]
Progress = Callable[[str, int, int], None]  # (stage, drafts done since last call, total)


class BatchRefused(ImportFailed):
    """Some drafts are bad; ``errors`` names each with its line and reason."""


@dataclass
class BatchResult:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    replayed: int = 0
    kept: list[str] = field(default_factory=list)  # entries worked on in Tyndau: not touched
    office_ids: list[int] = field(default_factory=list)
    appeal_ids: list[int] = field(default_factory=list)  # one per draft, in their order

    @property
    def total(self) -> int:
        return self.created + self.updated + self.unchanged + self.replayed + len(self.kept)


@dataclass
class Planned:
    index: int
    line: int
    draft: AppealDraft
    office: Office
    values: dict  # the Appeal's fields by attname
    topic: object = None
    attachments: list = field(default_factory=list)
    same_as: int | None = None  # the index of an earlier draft of the batch with its key
    earlier: int | None = None  # the pk of the appeal an earlier submission made


@dataclass
class Batch:
    """Drafts checked and made ready to save; ``errors`` lists the bad ones."""

    planned: list[Planned]
    errors: list[RowError]
    by: object
    source: str
    with_lines: bool


def batch_save(batch: Batch, *, progress: Progress | None = None) -> BatchResult:
    """Write a checked batch in one transaction (see the module docstring)."""
    if batch.errors:
        raise BatchRefused(batch.errors)
    report = progress or (lambda stage, done, total: None)
    total = len(batch.planned)
    result = BatchResult()
    by = batch.by
    fresh = [p for p in batch.planned if p.earlier is None and p.same_as is None]
    with transaction.atomic():
        existing = _existing([p for p in fresh if p.draft.entry is not None])
        new: list[Planned] = []
        updates: list[tuple[Planned, Appeal, dict]] = []
        ids: dict[int, int] = {}
        for plan in fresh:
            v = plan.values
            old = existing.get((v["office_id"], v["number"])) if plan.draft.entry else None
            if old is None:
                new.append(plan)
                continue
            ids[plan.index] = old.pk
            if not old.imported or old.version != 1:
                result.kept.append(old.number)
            elif all(getattr(old, name) == v[name] for name in ENTRY_FIELDS):
                result.unchanged += 1
            else:
                before = {name: getattr(old, name) for name in ENTRY_FIELDS}
                for name in ENTRY_FIELDS:
                    setattr(old, name, v[name])
                old.updated_at = v["updated_at"]
                updates.append((plan, old, before))
        _move_counters(fresh)
        _number(new)
        records = [audit_rows.complete(Appeal, p.values) for p in new]
        insert_rows(
            Appeal,
            audit_rows.fields_of(Appeal),
            records,
            on_batch=lambda n: report("save", n, total),
        )
        ids.update(_ids_of(new))
        if updates:
            Appeal.objects.bulk_update(
                [old for _p, old, _b in updates],
                [*ENTRY_FIELDS, "updated_at"],
                batch_size=BATCH_SIZE,
            )
        report("save", total - len(new), total)
        _events(new, updates, ids, batch=batch)
        audit_rows.insert_created(
            Appeal,
            records,
            [ids[p.index] for p in new],
            by=by,
            repr_of=itemgetter("number"),  # str(appeal)
        )
        audit_rows.insert_updated([(old, before) for _p, old, before in updates], by=by)
        _attachments([p for p in new if p.attachments], ids, by=by)
        result.office_ids = sorted({p.values["office_id"] for p in fresh})
        if result.office_ids:
            appeal_risk_refresh(office_ids=result.office_ids)
        for plan in new:  # the notices commit (or roll back) with the appeals: the outbox
            if plan.draft.entry is None:
                enqueue(
                    "tyndau.appeals.tasks.notify_applicant",
                    appeal_id=ids[plan.index],
                    event="registered",
                )
    for plan in batch.planned:  # retried submissions: the appeal already made
        if plan.earlier is not None or plan.same_as is not None:
            ids[plan.index] = plan.earlier or ids[plan.same_as]
            result.replayed += 1
    result.appeal_ids = [ids[p.index] for p in batch.planned]
    result.created, result.updated = len(new), len(updates)
    return result


def _existing(planned: list[Planned]) -> dict[tuple[int, str], Appeal]:
    """Appeals already in the database with the entries' numbers, by (office, number)."""
    by_office: dict[int, list[str]] = {}
    for plan in planned:
        by_office.setdefault(plan.values["office_id"], []).append(plan.values["number"])
    imported = AppealEvent.objects.filter(appeal=OuterRef("pk"), kind=AppealEvent.Kind.IMPORTED)
    found: dict[tuple[int, str], Appeal] = {}
    for office_id, numbers in by_office.items():
        for start in range(0, len(numbers), 500):
            chunk = numbers[start : start + 500]
            for appeal in Appeal.objects.filter(office_id=office_id, number__in=chunk).annotate(
                imported=Exists(imported)
            ):
                found[(office_id, appeal.number)] = appeal
    return found


def _move_counters(planned: list[Planned]) -> None:
    """Move each office's yearly counter past the entries' numbers of its own pattern
    (``PREFIX-YEAR-NNNNN``), so new appeals never take an imported number."""
    highest: dict[tuple[int, int], int] = {}
    patterns: dict[int, re.Pattern] = {}
    for plan in planned:
        if plan.draft.entry is None:
            continue
        office = plan.office
        if office.pk not in patterns:
            prefix = office.prefix or office.territory.code
            patterns[office.pk] = re.compile(rf"^{re.escape(prefix)}-(\d{{4}})-(\d+)$")
        match = patterns[office.pk].match(plan.values["number"])
        if match:
            key = (office.pk, int(match.group(1)))
            highest[key] = max(highest.get(key, 0), int(match.group(2)))
    for (office_id, year), last in highest.items():
        counter, _created = AppealCounter.objects.select_for_update().get_or_create(
            office_id=office_id, year=year
        )
        if counter.last < last:
            AppealCounter.objects.filter(pk=counter.pk).update(last=last)


def _number(new: list[Planned]) -> None:
    """The office's next numbers of the year for the drafts without an entry, taken for
    each office and year at once under the counter's lock (gap-free, as one by one)."""
    groups: dict[tuple[int, int], list[Planned]] = {}
    for plan in new:
        if plan.draft.entry is None:
            key = (plan.office.pk, plan.values["registered_on"].year)
            groups.setdefault(key, []).append(plan)
    for (_office_id, year), plans in groups.items():
        office = plans[0].office
        last = reserve_numbers(office, year, len(plans))
        for n, plan in enumerate(plans, start=last - len(plans) + 1):
            plan.values["number"] = number_format(office, year, n)


def _ids_of(new: list[Planned]) -> dict[int, int]:
    """The ids of the inserted appeals, by draft index (found by office and number)."""
    by_office: dict[int, dict[str, int]] = {}
    for plan in new:
        by_office.setdefault(plan.values["office_id"], {})[plan.values["number"]] = plan.index
    ids = {}
    for office_id, numbers in by_office.items():
        listed = list(numbers)
        for start in range(0, len(listed), 500):
            found = Appeal.objects.filter(
                office_id=office_id, number__in=listed[start : start + 500]
            ).values_list("number", "id")
            ids.update((numbers[number], pk) for number, pk in found)
    return ids


def _events(new: list[Planned], updates: list, ids: dict[int, int], *, batch: Batch) -> None:
    """The timeline: "imported" for an entry (its row and file), "registered" otherwise
    (and "not considered" for an anonymous appeal), as appeal_register writes them."""
    by = batch.by
    now = new[0].values["created_at"] if new else timezone.now()
    actor_id = by.pk if by is not None else None
    not_considered = _("Anonymous appeals are not considered (АППК).")

    def imported(plan: Planned, updated: bool) -> dict:
        data = {"row": plan.line} if batch.with_lines else {}
        if batch.source:
            data["file"] = batch.source
        if updated:
            data["updated"] = True
        return data

    def records():
        for plan in new:
            v = plan.values
            base = {"appeal_id": ids[plan.index], "at": now, "actor_id": actor_id, "note": ""}
            if plan.draft.entry is not None:
                yield {
                    **base,
                    "kind": AppealEvent.Kind.IMPORTED.value,
                    "data": imported(plan, False),
                }
                continue
            data = {"channel": v["channel"], "due_on": v["due_on"].isoformat()}
            yield {**base, "kind": AppealEvent.Kind.REGISTERED.value, "data": data}
            if v["status"] == Status.NOT_CONSIDERED:
                yield {
                    **base,
                    "kind": AppealEvent.Kind.NOT_CONSIDERED.value,
                    "actor_id": None,
                    "note": not_considered,
                    "data": {},
                }
        for plan, old, _before in updates:
            yield {
                "appeal_id": old.pk,
                "at": now,
                "actor_id": actor_id,
                "note": "",
                "kind": AppealEvent.Kind.IMPORTED.value,
                "data": imported(plan, True),
            }

    insert_rows(AppealEvent, ["appeal_id", "kind", "at", "actor_id", "note", "data"], records())


def _attachments(planned: list[Planned], ids: dict[int, int], *, by) -> None:
    from .services import attachment_add

    if not planned:
        return
    appeals = Appeal.objects.in_bulk([ids[p.index] for p in planned])
    for plan in planned:
        for upload in plan.attachments:
            attachment_add(appeal=appeals[ids[plan.index]], file=upload, by=by)
