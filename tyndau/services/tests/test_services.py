import datetime as dt

import pytest

from tyndau.core.errors import ConflictError, DomainError, TransitionError
from tyndau.services import selectors, services
from tyndau.services.models import (
    Application,
    ApplicationStatus,
    PublicService,
    QueueEntry,
    RefusalReason,
)

from .conftest import ALMATY

pytestmark = pytest.mark.django_db


def test_the_five_land_services_of_the_seed_are_in_the_register():
    names = list(PublicService.objects.values_list("name_ru", flat=True))
    assert len(names) == 5
    assert any("целевого назначения" in n for n in names)
    assert any("очередь" in n for n in names)
    assert all(s.reasons.exists() for s in PublicService.objects.all())


def test_due_date_is_the_term_in_working_days_after_registration(apply, service):
    # Monday 2 Nov 2026; 15 working days, no holiday in November: Monday 23 Nov.
    application = apply(service)
    assert application.registered_on == dt.date(2026, 11, 2)
    assert application.due_on == dt.date(2026, 11, 23)


def test_due_date_skips_independence_day(apply, queue_service):
    # Monday 14 Dec 2026, 5 working days: 15, (16 is a holiday), 17, 18, 21, 22.
    application = apply(
        queue_service,
        queue_action="join",
        queue_purpose="individual_housing",
        received_at=dt.datetime(2026, 12, 14, 11, 0, tzinfo=ALMATY),
    )
    assert application.due_on == dt.date(2026, 12, 22)


def test_after_office_hours_on_friday_is_registered_on_monday(apply, service):
    application = apply(service, received_at=dt.datetime(2026, 11, 6, 19, 0, tzinfo=ALMATY))
    assert application.registered_on == dt.date(2026, 11, 9)


def test_an_edited_term_applies_to_new_applications(apply, service):
    services.service_set_term(service=service, term_days=3)
    assert apply(service).due_on == dt.date(2026, 11, 5)


def test_an_invalid_iin_is_refused_and_nothing_is_saved(apply, service):
    with pytest.raises(DomainError) as refused:
        apply(service, iin="791028302729")
    assert refused.value.code == "iin"
    assert Application.objects.count() == 0


def test_refusal_needs_a_reason_of_this_service_and_changes_nothing_otherwise(
    apply, service, clerk
):
    application = apply(service)
    foreign = RefusalReason.objects.exclude(service=service).first()
    with pytest.raises(DomainError):
        services.application_refuse(application=application, by=clerk, reason=foreign, text="x")
    with pytest.raises(DomainError):
        services.application_refuse(
            application=application, by=clerk, reason=service.reasons.first(), text="  "
        )
    fresh = Application.objects.get(pk=application.pk)
    assert fresh.status == ApplicationStatus.REGISTERED
    assert fresh.refusal_reason is None and fresh.decided_on is None


def test_justified_refusal_keeps_reason_and_explanation(apply, service, clerk):
    application = apply(service)
    reason = service.reasons.get(code="zoning_conflict")
    services.application_refuse(
        application=application, by=clerk, reason=reason, text="План зонирования: зона ИЖС."
    )
    fresh = Application.objects.get(pk=application.pk)
    assert fresh.status == ApplicationStatus.REFUSED
    assert fresh.refusal_reason == reason
    assert fresh.refusal_text == "План зонирования: зона ИЖС."
    assert fresh.decided_by == clerk


def test_a_decided_application_cannot_be_decided_again(apply, service, clerk):
    application = apply(service)
    services.application_render(application=application, by=clerk)
    with pytest.raises(TransitionError):
        services.application_refuse(
            application=application, by=clerk, reason=service.reasons.first(), text="no"
        )
    assert Application.objects.get(pk=application.pk).status == ApplicationStatus.RENDERED


def test_a_stale_version_is_refused(apply, service, clerk):
    application = apply(service)
    services.application_render(application=application, by=clerk, expected_version=1)
    stale = Application.objects.get(pk=application.pk)
    stale.status = ApplicationStatus.REGISTERED  # as a second clerk's old page saw it
    with pytest.raises((ConflictError, TransitionError)):
        services.application_refuse(
            application=stale,
            by=clerk,
            reason=service.reasons.first(),
            text="x",
            expected_version=1,
        )
    assert Application.objects.get(pk=application.pk).status == ApplicationStatus.RENDERED


def test_overdue_applications_are_flagged(apply, service):
    application = apply(service)
    flagged = selectors.with_overdue(Application.objects.all(), today=dt.date(2026, 11, 24))
    assert flagged.get(pk=application.pk).is_overdue
    on_time = selectors.with_overdue(Application.objects.all(), today=dt.date(2026, 11, 23))
    assert not on_time.get(pk=application.pk).is_overdue


def _join(apply, queue_service, clerk, iin, day):
    application = apply(
        queue_service,
        iin=iin,
        queue_action="join",
        queue_purpose="individual_housing",
        received_at=dt.datetime(2026, 11, day, 10, 0, tzinfo=ALMATY),
    )
    services.application_render(application=application, by=clerk)
    application.refresh_from_db()
    return application.queue_entry


def test_queue_positions_follow_the_date_joined_and_leaving_moves_others_up(
    apply, queue_service, clerk, iins
):
    first = _join(apply, queue_service, clerk, iins[0], 2)
    second = _join(apply, queue_service, clerk, iins[1], 3)
    third = _join(apply, queue_service, clerk, iins[2], 4)
    assert selectors.queue_lookup(number=third.number, iin_last4=iins[2][-4:])["position"] == 3
    leave = apply(queue_service, iin=iins[0], queue_action="leave", queue_number=first.number)
    services.application_render(application=leave, by=clerk)
    assert QueueEntry.objects.get(pk=first.pk).status == "left"
    assert selectors.queue_lookup(number=second.number, iin_last4=iins[1][-4:])["position"] == 1
    assert selectors.queue_lookup(number=third.number, iin_last4=iins[2][-4:])["position"] == 2
    public = selectors.queue_public(office=first.office, purpose="individual_housing")
    assert public == [
        {"position": 1, "joined_on": dt.date(2026, 11, 3)},
        {"position": 2, "joined_on": dt.date(2026, 11, 4)},
    ]


def test_queue_lookup_with_a_wrong_iin_suffix_reveals_nothing(apply, queue_service, clerk, iins):
    mine = _join(apply, queue_service, clerk, iins[0], 2)
    other = _join(apply, queue_service, clerk, iins[1], 3)
    assert selectors.queue_lookup(number=mine.number, iin_last4=iins[0][-4:]) is not None
    wrong = f"{(int(iins[0][-4:]) + 1) % 10000:04d}"
    assert selectors.queue_lookup(number=mine.number, iin_last4=wrong) is None
    # my own digits with someone else's number: nothing either
    assert selectors.queue_lookup(number=other.number, iin_last4=iins[0][-4:]) is None
    assert selectors.queue_lookup(number="KY-Q-99999", iin_last4=iins[0][-4:]) is None


def test_leaving_needs_my_own_waiting_place(apply, queue_service, clerk, iins):
    entry = _join(apply, queue_service, clerk, iins[0], 2)
    with pytest.raises(DomainError):
        apply(queue_service, iin=iins[1], queue_action="leave", queue_number=entry.number)
    assert QueueEntry.objects.get(pk=entry.pk).status == "waiting"


def test_joining_a_queue_twice_is_not_rendered(apply, queue_service, clerk, iins):
    _join(apply, queue_service, clerk, iins[0], 2)
    again = apply(
        queue_service, iin=iins[0], queue_action="join", queue_purpose="individual_housing"
    )
    with pytest.raises(DomainError):
        services.application_render(application=again, by=clerk)
    assert Application.objects.get(pk=again.pk).status == ApplicationStatus.REGISTERED
    assert QueueEntry.objects.count() == 1
