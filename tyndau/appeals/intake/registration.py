"""Registering one appeal: number, deadline, repeats, risk, publication, timeline, notice."""

from __future__ import annotations

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tyndau.core import calendar
from tyndau.core.jobs import enqueue

from ..models import DECIDED_STATUSES, OPEN_STATUSES, Appeal, AppealEvent, ApplicantType, Status
from ..numbering import next_number, status_and_due_on
from ..risk import risk_evaluate
from ..streets import street_for
from .checks import check_draft, checked_attachments, resolve_topic
from .draft import REGISTER_PERM, AppealDraft, Publication, Registration, RegistrationRefused
from .office import office_for
from .replays import appeal_replayed, stored_key


def _find_previous(appeal: Appeal) -> int | None:
    """The id of the latest decided appeal of the same applicant (IIN, else BIN, else
    phone) on the same topic."""
    if appeal.applicant_type == ApplicantType.ANONYMOUS:
        return None
    same = {}
    if appeal.iin:
        same = {"iin": appeal.iin}
    elif appeal.bin:
        same = {"bin": appeal.bin}
    elif appeal.phone:
        same = {"phone": appeal.phone}
    if not same:
        return None
    return (
        Appeal.objects.filter(
            **same,
            topic_id=appeal.topic_id,
            status__in=DECIDED_STATUSES,
            decided_on__isnull=False,
        )
        .exclude(pk=appeal.pk)
        .order_by("-decided_on", "-id")
        .values_list("pk", flat=True)
        .first()
    )


def _similar_before_insert(appeal: Appeal) -> int:
    if not appeal.street:
        return 0
    return (
        Appeal.objects.filter(
            office_id=appeal.office_id,
            street=appeal.street,
            topic_id=appeal.topic_id,
            status__in=OPEN_STATUSES,
        ).count()
        + 1
    )


def appeal_register(
    *, draft: AppealDraft, by=None, permission: str | None = REGISTER_PERM
) -> Registration:
    """Register an appeal from any channel: give it a number and its legal deadline.

    ``by`` is the staff member or API client who registers it (None for a resident on the
    portal); they need ``permission`` on the office (None when the caller checked its own
    rule, as a meeting's secretary does). A retried submission returns the appeal already
    made (``Registration.replayed``). Nothing is saved when a check fails.
    """
    if draft.entry is not None:
        raise ValueError("an entry of an earlier register goes through appeals_register_batch")
    earlier = appeal_replayed(draft=draft, by=by)
    if earlier is not None:
        return Registration(earlier, replayed=True)

    office = office_for(place=draft.place, by=by)
    if by is not None and permission and not by.has_perm(permission, office):
        raise RegistrationRefused(
            _("You may not register appeals for this office."), code="permission"
        )
    territory = draft.place.territory or office.territory
    check_draft(draft, office, territory)
    topic = resolve_topic(draft.topic)
    attachments = checked_attachments(draft.attachments)

    applicant = draft.applicant
    anonymous = applicant.type == ApplicantType.ANONYMOUS
    received_at = draft.received_at or timezone.now()
    registered_on = calendar.registration_date(received_at)
    status, due_on = status_and_due_on(
        applicant_type=applicant.type,
        crime_report=draft.crime_report,
        kind=draft.kind,
        registered_on=registered_on,
    )
    client_key = stored_key(draft, by)

    # Reads first, outside the transaction: on SQLite a write transaction holds the one
    # write lock, so it should hold it no longer than the writes take.
    appeal = Appeal(
        office=office,
        territory=territory,
        received_at=received_at,
        registered_on=registered_on,
        channel=draft.channel,
        applicant_type=applicant.type,
        kind=draft.kind,
        topic=topic,
        text=draft.text.strip(),
        language=draft.language,
        applicant_name="" if anonymous else applicant.name.strip(),
        iin="" if anonymous else applicant.iin.strip(),
        bin="" if anonymous else applicant.bin.strip(),
        phone=applicant.phone.strip(),
        email=applicant.email.strip(),
        address=draft.place.address.strip(),
        street=street_for(draft.place),
        latitude=draft.place.latitude,
        longitude=draft.place.longitude,
        signatories=draft.signatories,
        publish_consent=draft.publish_consent,
        social_assistance_recipient=draft.social_assistance_recipient,
        against_official=draft.against_official,
        threat_to_life=draft.threat_to_life,
        crime_report=draft.crime_report,
        status=status,
        due_on=due_on,
        original_due_on=due_on,
        client_key=client_key,
        registered_by=by,
        applicant_user=applicant.account,
    )
    previous_id = _find_previous(appeal)
    if previous_id:
        appeal.repeated, appeal.previous_id = True, previous_id
    appeal.risk_score, appeal.risk_band, appeal.risk_reasons = risk_evaluate(
        appeal, similar=_similar_before_insert(appeal)
    )
    try:
        with transaction.atomic():
            appeal.number = next_number(office, registered_on.year)
            appeal.save()
            _write_timeline(appeal, attachments, by=by)
            if draft.publication is not None:  # in the same transaction: all or nothing
                _create_publication(appeal, draft.publication)
            # The notice is kept in the same transaction (the outbox): a process killed
            # right after the commit still leaves it to run_due_jobs.
            enqueue(
                "tyndau.appeals.tasks.notify_applicant", appeal_id=appeal.pk, event="registered"
            )
    except IntegrityError:
        if client_key:  # a concurrent retry won the race: return its appeal
            earlier = appeal_replayed(draft=draft, by=by)
            if earlier is not None:
                return Registration(earlier, replayed=True)
        raise
    return Registration(appeal)


def _create_publication(appeal: Appeal, publication: Publication) -> None:
    from tyndau.privacy.services import publication_create

    publication_create(
        appeal=appeal,
        private_terms=publication.private_terms,
        declined=publication.declined,
        registering=True,
    )


def _write_timeline(appeal: Appeal, attachments: list, *, by) -> None:
    from ..services import attachment_add

    for upload in attachments:
        attachment_add(appeal=appeal, file=upload, by=by)
    AppealEvent.objects.create(
        appeal=appeal,
        kind=AppealEvent.Kind.REGISTERED,
        actor=by,
        data={"channel": appeal.channel, "due_on": appeal.due_on.isoformat()},
    )
    if appeal.status == Status.NOT_CONSIDERED:
        AppealEvent.objects.create(
            appeal=appeal,
            kind=AppealEvent.Kind.NOT_CONSIDERED,
            note=_("Anonymous appeals are not considered (АППК)."),
        )
