"""Intake: every way an appeal comes in ends here.

An entry point (the clerk's form, the portal, REST, Open311, a question at a meeting, the
reception, the demo) only maps its input onto one frozen :class:`AppealDraft` and calls
:func:`appeal_register`. This module is the one home of what every channel shares:

- which office takes the appeal (:func:`office_for`; a :class:`NoServingOffice` error
  when no akimat serves the place), and whether the submitter may register there;
- a retried submission (:func:`appeal_replayed`): the same idempotency key from the same
  submitter returns the appeal already made, and only to someone who may see it;
- the street (:mod:`.streets`): one spelling, read from the
  address when the channel gives none;
- the attachments: counted and checked by content (:mod:`.uploads`) on every channel;
- the number, the legal deadline, repeats, the risk score, the timeline and the
  applicant's notice.

The deadline and the number come from :mod:`.numbering`. Many drafts at once (an import
of an old register, the demo) go through the batch form of the same registration,
:func:`.intake_batch.appeals_register_batch`, with the same checks and bulk writes.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tyndau.core import calendar
from tyndau.core.errors import DomainError
from tyndau.core.jobs import enqueue
from tyndau.territory.models import Office, Territory
from tyndau.territory.selectors import memberships_of, office_serving

from .models import (
    DECIDED_STATUSES,
    OPEN_STATUSES,
    Appeal,
    AppealEvent,
    ApplicantType,
    Channel,
    Kind,
    Language,
    Status,
    Topic,
)
from .numbering import next_number, status_and_due_on
from .risk import risk_evaluate
from .streets import street_for
from .validators import validate_bin, validate_iin

REGISTER_PERM = "appeals.register_appeal"
KEY_LENGTH = 64  # Appeal.client_key


class NoServingOffice(DomainError):
    """No akimat serves the place an appeal is about."""


class RegistrationRefused(DomainError):
    """The submitter may not register appeals for the office (or see the replayed one)."""


# --- the draft ----------------------------------------------------------------------------


@dataclass(frozen=True, kw_only=True)
class Applicant:
    """Who wrote (заявитель). ``account`` is the resident's portal account, if any."""

    type: str = ApplicantType.INDIVIDUAL
    name: str = ""
    iin: str = ""
    bin: str = ""
    phone: str = ""
    email: str = ""
    account: object = None


@dataclass(frozen=True, kw_only=True)
class Place:
    """Where the problem is. ``office`` is set when the entry point already knows the office
    that registers (the clerk's own); otherwise the office serving ``territory`` takes it.
    An empty ``street`` is read from the address."""

    territory: Territory | None = None
    office: Office | None = None
    address: str = ""
    street: str = ""
    latitude: float | None = None
    longitude: float | None = None


@dataclass(frozen=True, kw_only=True)
class RegisterEntry:
    """An appeal as an earlier register recorded it (an imported file, the demo's history):
    its number there and what became of it. Registered again, an entry updates what an
    earlier import wrote, and leaves alone an appeal worked on in Tyndau since."""

    number: str
    status: str = Status.REGISTERED
    outcome: str = ""
    decided_on: dt.date | None = None
    redirected_to: str = ""
    repeated: bool = False
    executor: object = None
    answer_text: str = ""


@dataclass(frozen=True, kw_only=True)
class Publication:
    """What the applicant said about publishing (portal, REST, Open311): the appeal then
    waits for a clerk's look in the moderation queue, or stays private if ``declined``.
    ``private_terms``: words the applicant marked private, one a line."""

    declined: bool = False
    private_terms: str = ""


@dataclass(frozen=True, kw_only=True)
class AppealDraft:
    """One appeal as it came in, before it has a number: what every channel gives."""

    channel: str
    kind: str
    topic: Topic | str
    text: str
    applicant: Applicant = field(default_factory=Applicant)
    place: Place = field(default_factory=Place)
    language: str = Language.RU
    received_at: dt.datetime | None = None
    signatories: int = 1
    publish_consent: bool = False
    social_assistance_recipient: bool = False
    against_official: bool = False
    threat_to_life: bool = False
    crime_report: bool = False
    attachments: tuple = ()
    # The submitter's key of this submission (a form's hidden field, an Idempotency-Key
    # header): sending it again returns the same appeal. Scoped to the submitter.
    idempotency_key: str = ""
    # Set when the appeal comes from an earlier register (batch form only).
    entry: RegisterEntry | None = None
    # Channels a resident files through say what may be published; None: the appeal gets
    # no publication (paper, reception, import: a clerk decides later, if ever).
    publication: Publication | None = None

    @classmethod
    def from_fields(cls, **fields) -> AppealDraft:
        """A draft from flat fields named as the Appeal's (``applicant_name``, ``iin``,
        ``territory``, ``street`` …, ``applicant_user``, ``client_key``), as an API body or
        a test gives them."""
        applicant = Applicant(
            type=fields.pop("applicant_type", ApplicantType.INDIVIDUAL),
            name=fields.pop("applicant_name", ""),
            iin=fields.pop("iin", ""),
            bin=fields.pop("bin", ""),
            phone=fields.pop("phone", ""),
            email=fields.pop("email", ""),
            account=fields.pop("applicant_user", None),
        )
        place = Place(
            **{k: fields.pop(k) for k in _PLACE_FIELDS if k in fields},
        )
        key = fields.pop("client_key", None) or ""
        attachments = tuple(fields.pop("attachments", ()))
        return cls(
            applicant=applicant,
            place=place,
            idempotency_key=key,
            attachments=attachments,
            **fields,
        )


_PLACE_FIELDS = ("territory", "office", "address", "street", "latitude", "longitude")


@dataclass(frozen=True)
class Registration:
    appeal: Appeal
    replayed: bool = False  # True: the submission was a retry; ``appeal`` is the earlier one


# --- the office -----------------------------------------------------------------------------


def office_for(*, place: Place, by=None) -> Office:
    """The office that registers an appeal about ``place``: the one the entry point names,
    else the one serving the territory, else the only office ``by`` registers for."""
    if place.office is not None:
        return place.office
    if place.territory is not None:
        try:
            return office_serving(territory=place.territory)
        except Office.DoesNotExist:
            raise NoServingOffice(
                _("No akimat serves this place yet. Choose another one."), code="no_office"
            ) from None
    offices = {
        m.office.pk: m.office
        for m in memberships_of(user=by)
        if by.has_perm(REGISTER_PERM, m.office)
    }
    if len(offices) != 1:
        raise DomainError(
            _("Say which office registers the appeal (office or territory)."), code="office"
        )
    return next(iter(offices.values()))


# --- idempotency ----------------------------------------------------------------------------


def stored_key(draft: AppealDraft, by) -> str | None:
    """The key as stored: scoped to the submitter (a staff member or API client, a
    resident's account, or the public), so one submitter's key never finds another's."""
    key = (draft.idempotency_key or "").strip()
    if not key:
        return None
    if by is not None:
        scope = f"u{by.pk}"
    elif draft.applicant.account is not None:
        scope = f"a{draft.applicant.account.pk}"
    else:
        scope = "public"
    stored = f"{scope}:{key}"
    if len(stored) > KEY_LENGTH:
        stored = f"{scope}:{hashlib.sha256(key.encode()).hexdigest()[:40]}"
    return stored


def may_see_replay(appeal: Appeal, *, draft: AppealDraft, by) -> bool:
    if by is not None:
        return appeal.registered_by_id == by.pk and by.has_perm("appeals.view_appeal", appeal)
    account = draft.applicant.account
    return appeal.registered_by_id is None and appeal.applicant_user_id == (
        account.pk if account is not None else None
    )


def appeal_replayed(*, draft: AppealDraft, by=None) -> Appeal | None:
    """The appeal an earlier submission with the same key made, or None.

    A submitter who may no longer see it (their membership ended) gets a
    :class:`RegistrationRefused`, never the appeal.
    """
    key = stored_key(draft, by)
    if key is None:
        return None
    earlier = Appeal.objects.filter(client_key=key).select_related("office__territory").first()
    if earlier is None:
        return None
    if not may_see_replay(earlier, draft=draft, by=by):
        raise RegistrationRefused(
            _("This submission was already sent, and you may not see the appeal it made."),
            code="idempotency",
        )
    return earlier


# --- checks -----------------------------------------------------------------------------


@functools.cache
def _values_of(choices) -> frozenset:
    return frozenset(choices.values)


def choice_check(value: str, choices, label: str) -> str:
    if value not in _values_of(choices):
        raise DomainError(
            _("Unknown %(what)s: %(value)s") % {"what": label, "value": value}, code="choice"
        )
    return value


def resolve_topic(topic) -> Topic:
    if isinstance(topic, Topic):
        return topic
    try:
        return Topic.objects.get(code=topic)
    except Topic.DoesNotExist:
        raise DomainError(_("Unknown topic: %s") % topic, code="topic") from None


def check_draft(draft: AppealDraft, office: Office, territory: Territory) -> None:
    """The rules every appeal obeys, whichever way it came in (no writes)."""
    choice_check(draft.channel, Channel, _("channel"))
    choice_check(draft.applicant.type, ApplicantType, _("applicant type"))
    choice_check(draft.kind, Kind, _("kind of appeal"))
    choice_check(draft.language, Language, _("language"))
    if not (draft.text or "").strip():
        raise DomainError(_("The text of the appeal is empty."), code="text")
    if not territory.is_within(office.territory):
        raise DomainError(
            _("%(territory)s is not served by %(office)s.")
            % {"territory": territory.name, "office": office.name},
            code="territory",
        )
    if draft.signatories < 1:
        raise DomainError(_("An appeal has at least one signatory."), code="signatories")
    lat, lon = draft.place.latitude, draft.place.longitude
    if lat is not None and not -90 <= lat <= 90:
        raise DomainError(_("The latitude must be between -90 and 90."), code="latitude")
    if lon is not None and not -180 <= lon <= 180:
        raise DomainError(_("The longitude must be between -180 and 180."), code="longitude")
    applicant = draft.applicant
    try:
        if applicant.type == ApplicantType.INDIVIDUAL and applicant.iin:
            validate_iin(applicant.iin)
        if applicant.type == ApplicantType.LEGAL_ENTITY:
            # An old register's entry may lack the BIN (the import has no such column).
            if not applicant.bin and draft.entry is None:
                raise DomainError(_("A legal entity's appeal needs its BIN."), code="bin")
            if applicant.bin:
                validate_bin(applicant.bin)
    except ValidationError as exc:
        raise DomainError(exc.messages[0], code=exc.code or "invalid") from exc


def checked_attachments(files: Iterable) -> list:
    """The files, each checked by content (images without their metadata): a file a form
    already checked is taken as it is."""
    from .uploads import MAX_FILES, clean_upload

    files = [f for f in files if f]
    if len(files) > MAX_FILES:
        raise DomainError(_("Attach at most %(n)d files.") % {"n": MAX_FILES}, code="attachments")
    checked = []
    for upload in files:
        if getattr(upload, "tyndau_checked", False):
            checked.append(upload)
            continue
        try:
            checked.append(clean_upload(upload))
        except ValidationError as exc:
            raise DomainError(exc.messages[0], code="attachments") from exc
    return checked


# --- repeats ----------------------------------------------------------------------------


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


# --- registration -----------------------------------------------------------------------


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
    )


def _write_timeline(appeal: Appeal, attachments: list, *, by) -> None:
    from .services import attachment_add

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
