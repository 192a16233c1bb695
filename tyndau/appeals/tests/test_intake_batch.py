"""The batch form of registration: the same appeal, timeline and audit entry as one
registration, all or nothing with every bad draft named, and the import through it."""

import datetime as dt

import pytest
from auditlog.diff import model_instance_diff
from auditlog.models import LogEntry
from django.utils import translation

from tyndau.appeals.importing import appeals_import
from tyndau.appeals.intake import AppealDraft, Applicant, Place, RegisterEntry, appeal_register
from tyndau.appeals.intake_batch import BatchRefused, appeals_register_batch
from tyndau.appeals.models import Appeal, AppealCounter, AppealEvent, Status
from tyndau.appeals.tests.test_import import GOOD
from tyndau.territory.models import Office

pytestmark = pytest.mark.django_db

RECEIVED = dt.datetime(2025, 3, 3, 10, 30, tzinfo=dt.UTC)  # a Monday


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def draft(tree, **overrides) -> AppealDraft:
    fields = {
        "channel": "phone",
        "kind": "statement",
        "topic": "roads",
        "text": "Яма на дороге у школы",
        "applicant": Applicant(name="Сейткали Айгерим", phone="+77015556677", iin=""),
        "place": Place(territory=tree["111033100"], address="ул. Мира, 12"),
        "received_at": RECEIVED,
        **overrides,
    }
    return AppealDraft(**fields)


def audit_of(appeal) -> list[LogEntry]:
    return list(LogEntry.objects.get_for_object(appeal).order_by("pk"))


def test_a_batch_makes_the_appeal_one_registration_makes(tree, office, clerk):
    single = appeal_register(draft=draft(tree), by=clerk).appeal
    result = appeals_register_batch([draft(tree)], by=clerk)
    batch = Appeal.objects.get(pk=result.appeal_ids[0])
    single.refresh_from_db()
    assert result.created == 1
    same = [
        "office_id", "territory_id", "status", "due_on", "original_due_on", "registered_on",
        "street", "address", "applicant_name", "phone", "channel", "kind", "topic_id",
        "risk_score", "risk_band", "registered_by_id", "language",
    ]  # fmt: skip
    assert {f: getattr(batch, f) for f in same} == {f: getattr(single, f) for f in same}
    assert batch.street == "ул. Мира"
    assert (single.number, batch.number) == ("111033000-2025-00001", "111033000-2025-00002")
    assert AppealCounter.objects.get(office=office, year=2025).last == 2
    assert [(e.kind, e.actor, e.data) for e in batch.events.all()] == [
        (e.kind, e.actor, e.data) for e in single.events.all()
    ]


def test_each_appeal_of_a_batch_has_the_audit_entry_auditlog_writes(tree, office, clerk):
    result = appeals_register_batch([draft(tree), draft(tree, text="Нет света")], by=clerk)
    for pk in result.appeal_ids:
        appeal = Appeal.objects.get(pk=pk)
        (entry,) = audit_of(appeal)
        assert entry.action == LogEntry.Action.CREATE
        assert entry.actor == clerk and entry.object_repr == appeal.number
        expected = {k: list(v) for k, v in model_instance_diff(None, appeal).items()}
        expected = {k: v for k, v in expected.items() if k not in ("updated_at", "version")}
        assert entry.changes == expected


def test_a_batch_with_a_bad_draft_names_it_and_saves_nothing(tree, office, clerk):
    Office.objects.exclude(pk=office.pk).delete()
    drafts = [
        draft(tree),
        draft(tree, place=Place(territory=tree["114645100"])),  # no office serves it
        draft(tree, text="  "),
        draft(tree, entry=RegisterEntry(number="", status=Status.REGISTERED)),
    ]
    with pytest.raises(BatchRefused) as refused:
        appeals_register_batch(drafts, by=clerk, lines=[10, 11, 12, 13])
    assert [str(e) for e in refused.value.errors] == [
        "row 11: no office serves territory 114645100",
        "row 12: The text of the appeal is empty.",
        "row 13: the number is empty",
    ]
    assert not Appeal.objects.exists() and not LogEntry.objects.filter(object_repr__contains="-")
    assert not AppealCounter.objects.exists()


def test_a_batch_needs_the_registering_permission_in_each_office(
    tree, office, neighbour_office, clerk
):
    drafts = [draft(tree), draft(tree, place=Place(territory=tree["114645100"]))]
    with pytest.raises(BatchRefused) as refused:
        appeals_register_batch(drafts, by=clerk)
    assert [str(e) for e in refused.value.errors] == [
        "row 2: You may not register appeals for this office."
    ]
    assert not Appeal.objects.exists()


def test_a_retried_submission_in_a_batch_returns_the_appeal_already_made(tree, office, clerk):
    first = appeal_register(draft=draft(tree, idempotency_key="k-1"), by=clerk).appeal
    result = appeals_register_batch(
        [draft(tree, idempotency_key="k-1"), draft(tree, idempotency_key="k-2")] * 2, by=clerk
    )
    assert (result.created, result.replayed) == (1, 3)
    assert result.appeal_ids[0] == result.appeal_ids[2] == first.pk
    assert result.appeal_ids[1] == result.appeal_ids[3] != first.pk
    assert Appeal.objects.count() == 2


def test_anonymous_appeals_of_a_batch_are_not_considered_as_one_by_one(tree, office, clerk):
    anonymous = draft(tree, applicant=Applicant(type="anonymous"))
    result = appeals_register_batch([anonymous], by=clerk)
    appeal = Appeal.objects.get(pk=result.appeal_ids[0])
    assert appeal.status == Status.NOT_CONSIDERED and appeal.due_on == appeal.registered_on
    assert [e.kind for e in appeal.events.all()] == ["registered", "not_considered"]


def test_an_import_writes_audit_entries_and_reimport_logs_the_change(office, clerk):
    appeals_import(rows=[{**GOOD, "status": "in_progress", "outcome": "", "decided_on": ""}])
    appeal = Appeal.objects.get()
    (created,) = audit_of(appeal)
    assert created.action == LogEntry.Action.CREATE and created.changes["status"] == [
        "None",
        "in_progress",
    ]
    result = appeals_import(rows=[GOOD], by=clerk)
    assert result.updated == 1
    created, updated = audit_of(appeal)
    assert updated.action == LogEntry.Action.UPDATE and updated.actor == clerk
    assert updated.changes["status"] == ["in_progress", "answered"]
    assert updated.changes["outcome"] == ["", "explained"]
    assert appeal.events.filter(kind=AppealEvent.Kind.IMPORTED).count() == 2


def test_imported_appeals_are_counted_by_the_reports_tally(office):
    from tyndau.reports.models import AppealTally

    appeals_import(rows=[GOOD, {**GOOD, "number": "KY-2025-00008"}])
    registered = AppealTally.objects.filter(  # the whole country's count (territory 0)
        territory_id=0, grain="d", event="r", day=dt.date(2025, 3, 3)
    )
    assert sum(registered.values_list("n", flat=True)) == 2
