"""State changes of appeals. Nothing else writes an Appeal.

Lifecycle (АППК): registered → in progress (executor assigned) → (extended) → answered with
an outcome, or redirected to the competent body → closed. Anonymous appeals are registered
but not considered, unless they report a crime or a threat to security: those are flagged
for immediate redirect. Every step is one transaction, writes an AppealEvent (the
timeline) and is recorded by the audit log; concurrent edits are refused (``version``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tyndau.core import calendar
from tyndau.core.errors import DomainError, TransitionError
from tyndau.core.jobs import enqueue
from tyndau.core.locking import update_versioned
from tyndau.territory.models import Office, Role, Territory

from . import lifecycle
from .models import (
    DECIDED_STATUSES,
    OPEN_STATUSES,
    Appeal,
    AppealCounter,
    AppealEvent,
    ApplicantType,
    Attachment,
    Channel,
    Kind,
    Language,
    Outcome,
    Rating,
    Status,
    Topic,
)
from .risk import risk_evaluate
from .validators import validate_bin, validate_iin

TERM_DAYS = 15  # working days, the general term of the АППК
COMPLAINT_TERM_DAYS = 20
REDIRECT_TERM_DAYS = 3
NOTIFY_EXTENSION_DAYS = 3
MAX_EXTENSION_MONTHS = 2
EXECUTOR_ROLES = {Role.EXECUTOR, Role.DEPUTY, Role.AKIM}


# --- helpers ------------------------------------------------------------------------------


def term_days_for(kind: str) -> int:
    return COMPLAINT_TERM_DAYS if kind == Kind.COMPLAINT else TERM_DAYS


def _event(appeal: Appeal, kind: str, *, actor=None, note: str = "", **data) -> AppealEvent:
    return AppealEvent.objects.create(appeal=appeal, kind=kind, actor=actor, note=note, data=data)


def _next_number(office: Office, year: int) -> str:
    """The office's next number of the year, gap-free: one ``UPDATE … RETURNING`` takes
    it under the row lock, so concurrent registrations queue here, inside their
    transaction (a rolled-back registration gives its number back)."""
    table = connection.ops.quote_name(AppealCounter._meta.db_table)
    sql = f"UPDATE {table} SET last = last + 1 WHERE office_id = %s AND year = %s RETURNING last"
    with connection.cursor() as cursor:
        cursor.execute(sql, [office.pk, year])
        row = cursor.fetchone()
        if row is None:  # the office's first appeal of the year
            AppealCounter.objects.get_or_create(office=office, year=year)
            cursor.execute(sql, [office.pk, year])
            row = cursor.fetchone()
    prefix = office.prefix or office.territory.code
    return f"{prefix}-{year}-{row[0]:05d}"


def _resolve_topic(topic) -> Topic:
    if isinstance(topic, Topic):
        return topic
    try:
        return Topic.objects.get(code=topic)
    except Topic.DoesNotExist:
        raise DomainError(_("Unknown topic: %s") % topic, code="topic") from None


def _choice(value: str, choices, label: str) -> str:
    if value not in choices.values:
        raise DomainError(
            _("Unknown %(what)s: %(value)s") % {"what": label, "value": value}, code="choice"
        )
    return value


def _save(appeal: Appeal, fields: dict, *, expected_version: int | None) -> Appeal:
    """Write ``fields`` if nobody changed the appeal since it was read; bump the version."""
    before = update_versioned(
        appeal,
        expected_version,
        message=_(
            "Appeal %(number)s was changed by someone else while you were working on it. "
            "Reload the page to see the changes, then try again."
        )
        % {"number": appeal.number},
        updated_at=timezone.now(),
        **fields,
    )
    _log_audit(appeal, before, fields)
    return appeal


def _log_audit(appeal: Appeal, before: dict, after: dict) -> None:
    """Queryset updates bypass model signals: write the audit entry ourselves, with the
    values as auditlog writes them (strings; "None" for none, which its display of date
    fields expects)."""
    from auditlog.models import LogEntry

    changes = {key: [str(before[key]), str(value)] for key, value in after.items()}
    LogEntry.objects.log_create(
        appeal, action=LogEntry.Action.UPDATE, changes=changes, force_log=True
    )


def _lock(appeal: Appeal, expected_version: int | None = None) -> Appeal:
    """Re-read the appeal inside the transaction, keeping the version the caller saw."""
    seen_version = appeal.version if expected_version is None else expected_version
    fresh = (
        Appeal.objects.select_for_update()
        .select_related("office__territory", "topic")
        .get(pk=appeal.pk)
    )
    fresh._seen_version = seen_version
    return fresh


def _refresh_risk(appeal: Appeal) -> None:
    score, band, reasons = risk_evaluate(appeal)
    Appeal.objects.filter(pk=appeal.pk).update(
        risk_score=score, risk_band=band, risk_reasons=reasons
    )
    appeal.risk_score, appeal.risk_band, appeal.risk_reasons = score, band, reasons


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


# --- registration -----------------------------------------------------------------------


def appeal_register(
    *,
    office: Office,
    channel: str,
    applicant_type: str,
    kind: str,
    topic,
    text: str,
    territory: Territory | None = None,
    received_at: dt.datetime | None = None,
    registered_by=None,
    applicant_name: str = "",
    iin: str = "",
    bin: str = "",
    phone: str = "",
    email: str = "",
    address: str = "",
    street: str = "",
    latitude: float | None = None,
    longitude: float | None = None,
    signatories: int = 1,
    language: str = Language.RU,
    publish_consent: bool = False,
    social_assistance_recipient: bool = False,
    against_official: bool = False,
    threat_to_life: bool = False,
    crime_report: bool = False,
    client_key: str | None = None,
    applicant_user=None,
    attachments: Iterable = (),
) -> Appeal:
    """Register an appeal from any channel and give it a number and a legal deadline.

    A retried submission with the same ``client_key`` returns the appeal already made.
    """
    if client_key:
        existing = Appeal.objects.filter(client_key=client_key).first()
        if existing:
            return existing

    _choice(channel, Channel, _("channel"))
    _choice(applicant_type, ApplicantType, _("applicant type"))
    _choice(kind, Kind, _("kind of appeal"))
    _choice(language, Language, _("language"))
    topic = _resolve_topic(topic)
    text = (text or "").strip()
    if not text:
        raise DomainError(_("The text of the appeal is empty."), code="text")
    territory = territory or office.territory
    if not territory.is_within(office.territory):
        raise DomainError(
            _("%(territory)s is not served by %(office)s.")
            % {"territory": territory.name, "office": office.name},
            code="territory",
        )
    if signatories < 1:
        raise DomainError(_("An appeal has at least one signatory."), code="signatories")
    if latitude is not None and not -90 <= latitude <= 90:
        raise DomainError(_("The latitude must be between -90 and 90."), code="latitude")
    if longitude is not None and not -180 <= longitude <= 180:
        raise DomainError(_("The longitude must be between -180 and 180."), code="longitude")
    try:
        if applicant_type == ApplicantType.INDIVIDUAL and iin:
            validate_iin(iin)
        if applicant_type == ApplicantType.LEGAL_ENTITY:
            if not bin:
                raise DomainError(_("A legal entity's appeal needs its BIN."), code="bin")
            validate_bin(bin)
    except ValidationError as exc:
        raise DomainError(exc.messages[0], code=exc.code or "invalid") from exc
    if applicant_type == ApplicantType.ANONYMOUS:
        applicant_name = iin = bin = ""

    received_at = received_at or timezone.now()
    registered_on = calendar.registration_date(received_at)
    anonymous = applicant_type == ApplicantType.ANONYMOUS
    if anonymous and crime_report:
        due_on = calendar.add_working_days(registered_on, 1)  # redirect at once
    elif anonymous:
        due_on = registered_on
    else:
        due_on = calendar.add_working_days(registered_on, term_days_for(kind))

    # Reads first, outside the transaction: on SQLite a write transaction holds the one
    # write lock, so it should hold it no longer than the writes take.
    appeal = Appeal(
        office=office,
        territory=territory,
        received_at=received_at,
        registered_on=registered_on,
        channel=channel,
        applicant_type=applicant_type,
        kind=kind,
        topic=topic,
        text=text,
        language=language,
        applicant_name=applicant_name.strip(),
        iin=iin,
        bin=bin,
        phone=phone.strip(),
        email=email.strip(),
        address=address.strip(),
        street=normalise_street(street),
        latitude=latitude,
        longitude=longitude,
        signatories=signatories,
        publish_consent=publish_consent,
        social_assistance_recipient=social_assistance_recipient,
        against_official=against_official,
        threat_to_life=threat_to_life,
        crime_report=crime_report,
        status=Status.NOT_CONSIDERED if anonymous and not crime_report else Status.REGISTERED,
        due_on=due_on,
        original_due_on=due_on,
        client_key=client_key or None,
        registered_by=registered_by,
        applicant_user=applicant_user,
    )
    previous_id = _find_previous(appeal)
    if previous_id:
        appeal.repeated, appeal.previous_id = True, previous_id
    appeal.risk_score, appeal.risk_band, appeal.risk_reasons = risk_evaluate(
        appeal, similar=_similar_before_insert(appeal)
    )
    try:
        with transaction.atomic():
            appeal.number = _next_number(office, registered_on.year)
            appeal.save()
            for upload in attachments:
                attachment_add(appeal=appeal, file=upload, by=registered_by)
            _event(
                appeal,
                AppealEvent.Kind.REGISTERED,
                actor=registered_by,
                channel=channel,
                due_on=due_on.isoformat(),
            )
            if appeal.status == Status.NOT_CONSIDERED:
                _event(
                    appeal,
                    AppealEvent.Kind.NOT_CONSIDERED,
                    note=_("Anonymous appeals are not considered (АППК)."),
                )
    except IntegrityError:
        if client_key:  # a concurrent retry won the race: return its appeal
            existing = Appeal.objects.filter(client_key=client_key).first()
            if existing:
                return existing
        raise
    enqueue("tyndau.appeals.tasks.notify_applicant", appeal_id=appeal.pk, event="registered")
    return appeal


# Words naming the kind of street stay lower-case ("Абай көшесі", not "Абай Көшесі").
_STREET_KIND_WORDS = {
    "көшесі", "көше", "даңғылы", "даңғыл", "тұйығы", "шағынауданы", "ықшамауданы", "алаңы",
    "ул", "ул.", "улица", "пер", "пер.", "переулок", "пр", "пр.", "проспект", "мкр", "мкр.",
    "микрорайон", "бульвар", "шоссе", "площадь", "тупик",
}  # fmt: skip


def normalise_street(street: str) -> str:
    """One spelling per street, so "абая" and "Абая " match on every database."""
    words = (street or "").split()
    return " ".join(w.lower() if w.lower() in _STREET_KIND_WORDS else w.title() for w in words)


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


def attachment_add(*, appeal: Appeal, file, by=None, is_answer: bool = False) -> Attachment:
    return Attachment.objects.create(
        appeal=appeal,
        file=file,
        name=getattr(file, "name", "file")[:255],
        content_type=getattr(file, "content_type", "") or "application/octet-stream",
        size=getattr(file, "size", 0) or 0,
        is_answer=is_answer,
        uploaded_by=by,
    )


# --- lifecycle --------------------------------------------------------------------------


def _is_executor_of(user, office: Office) -> bool:
    from tyndau.territory.models import Membership

    return Membership.objects.filter(user=user, office=office, role__in=EXECUTOR_ROLES).exists()


@transaction.atomic
def appeal_assign(
    *, appeal: Appeal, executor, co_executors: Iterable = (), by, expected_version=None
) -> Appeal:
    appeal = _lock(appeal, expected_version)
    lifecycle.require(appeal, "assign")
    co_executors = [u for u in co_executors if u.pk != executor.pk]
    for person in [executor, *co_executors]:
        if not _is_executor_of(person, appeal.office):
            raise DomainError(
                _("%(person)s cannot execute appeals of %(office)s.")
                % {"person": person, "office": appeal.office.name},
                code="executor",
            )
    fields = {"executor": executor}
    if appeal.status == Status.REGISTERED:
        fields["status"] = Status.IN_PROGRESS
    _save(appeal, fields, expected_version=appeal._seen_version)
    appeal.co_executors.set(co_executors)
    _event(
        appeal,
        AppealEvent.Kind.ASSIGNED,
        actor=by,
        executor=str(executor),
        co_executors=[str(u) for u in co_executors],
    )
    enqueue("tyndau.appeals.tasks.notify_executor", appeal_id=appeal.pk)
    return appeal


@transaction.atomic
def appeal_extend(
    *, appeal: Appeal, until: dt.date, reason: str, by, expected_version=None
) -> Appeal:
    """Extend the term by a reasoned decision, at most two months past the original term.
    The applicant is notified at once (the law allows three working days)."""
    appeal = _lock(appeal, expected_version)
    lifecycle.require(appeal, "extend")
    reason = (reason or "").strip()
    if not reason:
        raise DomainError(_("An extension needs a reasoned decision."), code="reason")
    if until <= appeal.due_on:
        raise DomainError(
            _("The new deadline must be later than the current one (%(due)s).")
            % {"due": appeal.due_on.strftime("%d.%m.%Y")},
            code="until",
        )
    limit = calendar.months_later(appeal.original_due_on, MAX_EXTENSION_MONTHS)
    if until > limit:
        raise DomainError(
            _("A term can be extended by at most two months, that is until %(limit)s.")
            % {"limit": limit.strftime("%d.%m.%Y")},
            code="until",
        )
    today = calendar.today()
    _save(
        appeal,
        {
            "status": Status.EXTENDED,
            "due_on": until,
            "extension_reason": reason,
            "extended_on": today,
        },
        expected_version=appeal._seen_version,
    )
    _event(appeal, AppealEvent.Kind.EXTENDED, actor=by, note=reason, until=until.isoformat())
    enqueue("tyndau.appeals.tasks.notify_applicant", appeal_id=appeal.pk, event="extended")
    return appeal


@transaction.atomic
def appeal_answer(*, appeal: Appeal, outcome: str, text: str, by, expected_version=None) -> Appeal:
    appeal = _lock(appeal, expected_version)
    if appeal.status == Status.REGISTERED:
        raise TransitionError(
            _("Assign an executor to appeal %(number)s before answering it.")
            % {"number": appeal.number},
            code="transition",
        )
    lifecycle.require(appeal, "answer")
    _choice(outcome, Outcome, _("outcome"))
    text = (text or "").strip()
    if not text:
        raise DomainError(_("The answer text is empty."), code="text")
    today = calendar.today()
    _save(
        appeal,
        {"status": Status.ANSWERED, "outcome": outcome, "answer_text": text, "decided_on": today},
        expected_version=appeal._seen_version,
    )
    _event(
        appeal,
        AppealEvent.Kind.ANSWERED,
        actor=by,
        outcome=outcome,
        on_time=today <= appeal.due_on,
    )
    _refresh_risk(appeal)
    enqueue("tyndau.appeals.tasks.notify_applicant", appeal_id=appeal.pk, event="answered")
    return appeal


@transaction.atomic
def appeal_redirect(*, appeal: Appeal, to: str, reason: str, by, expected_version=None) -> Appeal:
    """Send the appeal to the competent body (within three working days of registration)."""
    appeal = _lock(appeal, expected_version)
    lifecycle.require(appeal, "redirect")
    to = (to or "").strip()
    if not to:
        raise DomainError(_("Name the body the appeal is redirected to."), code="to")
    today = calendar.today()
    late = today > calendar.add_working_days(appeal.registered_on, REDIRECT_TERM_DAYS)
    _save(
        appeal,
        {
            "status": Status.REDIRECTED,
            "redirected_to": to,
            "redirect_reason": (reason or "").strip(),
            "decided_on": today,
        },
        expected_version=appeal._seen_version,
    )
    _event(appeal, AppealEvent.Kind.REDIRECTED, actor=by, note=reason or "", to=to, late=late)
    _refresh_risk(appeal)
    enqueue("tyndau.appeals.tasks.notify_applicant", appeal_id=appeal.pk, event="redirected")
    return appeal


def redirect_due_on(appeal: Appeal) -> dt.date:
    return calendar.add_working_days(appeal.registered_on, REDIRECT_TERM_DAYS)


@transaction.atomic
def appeal_close(*, appeal: Appeal, by, expected_version=None) -> Appeal:
    appeal = _lock(appeal, expected_version)
    lifecycle.require(appeal, "close")
    _save(
        appeal,
        {"status": Status.CLOSED, "closed_on": calendar.today()},
        expected_version=appeal._seen_version,
    )
    _event(appeal, AppealEvent.Kind.CLOSED, actor=by)
    return appeal


@transaction.atomic
def appeal_rate(*, appeal: Appeal, score: int, comment: str = "") -> Rating:
    appeal = _lock(appeal)
    if not appeal.outcome:
        raise TransitionError(
            _("Appeal %(number)s has no answer to rate yet.") % {"number": appeal.number},
            code="transition",
        )
    try:
        score = int(score)
    except (TypeError, ValueError):
        score = 0
    if not 1 <= score <= 5:
        raise DomainError(_("Rate the answer from 1 to 5."), code="score")
    if Rating.objects.filter(appeal=appeal).exists():
        raise DomainError(_("This answer has already been rated."), code="rated")
    rating = Rating.objects.create(appeal=appeal, score=score, comment=(comment or "").strip())
    _event(appeal, AppealEvent.Kind.RATED, score=score)
    return rating


def executor_candidates(*, office: Office):
    """Users who may execute appeals of an office."""
    return (
        get_user_model()
        .objects.filter(memberships__office=office, memberships__role__in=EXECUTOR_ROLES)
        .distinct()
        .order_by("last_name", "first_name")
    )


@transaction.atomic
def appeal_change_topic(*, appeal: Appeal, topic, by, expected_version=None) -> Appeal:
    """Give an open or decided appeal another topic (a clerk corrects the classification);
    the risk score follows (a topic can be a risk rule)."""
    appeal = _lock(appeal, expected_version)
    topic = _resolve_topic(topic)
    if topic.pk == appeal.topic_id:
        if appeal._seen_version != appeal.version:
            _save(appeal, {}, expected_version=appeal._seen_version)  # raises the conflict
        return appeal
    before = appeal.topic
    _save(appeal, {"topic": topic}, expected_version=appeal._seen_version)
    _event(appeal, AppealEvent.Kind.EDITED, actor=by, topic=[before.code, topic.code])
    _refresh_risk(appeal)
    return appeal


def appeal_send_link(*, number: str, contact: str) -> bool:
    """Send the private link of appeal ``number`` again, to ``contact`` only, when it is the
    phone or e-mail the applicant gave (so the link reaches only its owner).

    Returns whether it was sent; the caller shows the same answer either way, so the
    portal never confirms which numbers exist or whose contacts they are.
    """
    from .selectors import appeal_contact_matching

    found = appeal_contact_matching(number=number, contact=contact)
    if found is None:
        return False
    appeal, to = found
    enqueue("tyndau.appeals.tasks.notify_applicant", appeal_id=appeal.pk, event="link", to=to)
    return True
