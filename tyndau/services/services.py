"""State changes of service applications and the land-plot queue. Nothing else writes them.

An application is registered (portal or clerk) with its due date in working days from the
one calendar (``tyndau.core.calendar``), then decided once: *rendered*, or a *justified
refusal* with a reason of the service's list and an explanation. Joining and leaving the
queue are applications of the queue service: rendering them changes the queue.
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from tyndau.appeals.validators import validate_iin
from tyndau.core import calendar
from tyndau.core.errors import ConflictError, DomainError, TransitionError
from tyndau.core.locking import save_versioned
from tyndau.territory.models import Office, Territory

from .models import (
    Application,
    ApplicationChannel,
    ApplicationStatus,
    PublicService,
    QueueAction,
    QueueEntry,
    QueuePurpose,
    QueueStatus,
    RefusalReason,
    ServiceKind,
)


def _today() -> dt.date:
    return timezone.localdate()


def _clean_iin(iin: str) -> str:
    iin = (iin or "").strip()
    try:
        validate_iin(iin)
    except ValidationError as error:
        raise DomainError(error.messages[0], code="iin") from None
    return iin


def _number(prefix: str, kind: str, year: int, pk: int) -> str:
    return f"{prefix}-{kind}-{year}-{pk:05d}" if year else f"{prefix}-{kind}-{pk:05d}"


@transaction.atomic
def application_register(
    *,
    office: Office,
    territory: Territory,
    service: PublicService,
    channel: str,
    applicant_name: str,
    iin: str,
    phone: str = "",
    details: str = "",
    queue_action: str = "",
    queue_purpose: str = "",
    queue_number: str = "",
    received_at: dt.datetime | None = None,
    registered_by=None,
) -> Application:
    """Register an application; its due date is the service's term in working days."""
    if channel not in ApplicationChannel.values:
        raise DomainError(_("Unknown channel: %s") % channel, code="choice")
    if not service.is_active:
        raise DomainError(_("This service is not offered at the moment."), code="service")
    if not territory.is_within(office.territory):
        raise DomainError(_("This place is not served by this office."), code="territory")
    applicant_name = (applicant_name or "").strip()
    if not applicant_name:
        raise DomainError(_("Give the applicant's full name."), code="name")
    iin = _clean_iin(iin)
    entry = None
    if service.kind == ServiceKind.QUEUE:
        if queue_action not in QueueAction.values:
            raise DomainError(_("Say whether to join or to leave the queue."), code="queue")
        if queue_action == QueueAction.JOIN:
            if queue_purpose not in QueuePurpose.values:
                raise DomainError(_("Choose the purpose of the plot."), code="queue")
        else:
            entry = QueueEntry.objects.filter(
                number__iexact=(queue_number or "").strip(), iin=iin, status=QueueStatus.WAITING
            ).first()
            if entry is None:
                raise DomainError(
                    _("No waiting place in the queue has this number and IIN."), code="queue"
                )
            queue_purpose = entry.purpose
    else:
        queue_action, queue_purpose = "", ""
    received_at = received_at or timezone.now()
    registered_on = calendar.registration_date(received_at)
    application = Application.objects.create(
        number=f"tmp-{uuid.uuid4().hex[:24]}",
        office=office,
        territory=territory,
        service=service,
        channel=channel,
        applicant_name=applicant_name,
        iin=iin,
        phone=(phone or "").strip(),
        details=(details or "").strip(),
        queue_action=queue_action,
        queue_purpose=queue_purpose,
        queue_entry=entry,
        received_at=received_at,
        registered_on=registered_on,
        due_on=calendar.add_working_days(registered_on, service.term_days),
        registered_by=registered_by,
    )
    prefix = office.prefix or office.territory.code
    application.number = _number(prefix, "GU", registered_on.year, application.pk)
    application.save(update_fields=["number"])
    return application


def _locked(application: Application) -> Application:
    fresh = (
        Application.objects.select_for_update(of=("self",))
        .select_related("service", "office__territory", "queue_entry")
        .get(pk=application.pk)
    )
    fresh.version = application.version
    return fresh


def _require_open(application: Application) -> None:
    if application.status != ApplicationStatus.REGISTERED:
        raise TransitionError(
            _("Application %(number)s is decided already: %(status)s.")
            % {"number": application.number, "status": application.get_status_display()},
            code="transition",
        )


def _decision_day(application: Application, decided_on: dt.date | None) -> dt.date:
    today = _today()
    day = decided_on or today
    if day > today or day < application.registered_on:
        raise DomainError(
            _("The decision date lies between the registration date and today."), code="date"
        )
    return day


@transaction.atomic
def application_render(
    *,
    application: Application,
    by,
    result_text: str = "",
    decided_on: dt.date | None = None,
    expected_version: int | None = None,
) -> Application:
    """The service is rendered. For the queue: the applicant joins it, or leaves it.

    ``decided_on`` (default today) records a decision taken earlier on paper."""
    application = _locked(application)
    _require_open(application)
    today = _decision_day(application, decided_on)
    entry = application.queue_entry
    if application.queue_action == QueueAction.JOIN:
        if QueueEntry.objects.filter(
            office=application.office,
            purpose=application.queue_purpose,
            iin=application.iin,
            status=QueueStatus.WAITING,
        ).exists():
            raise DomainError(
                _("The applicant is already in this queue: refuse with that reason instead."),
                code="queue",
            )
        entry = QueueEntry.objects.create(
            number=f"tmp-{application.pk}",
            office=application.office,
            purpose=application.queue_purpose,
            applicant_name=application.applicant_name,
            iin=application.iin,
            joined_on=application.registered_on,
        )
        entry.number = _number(
            application.office.prefix or application.office.territory.code, "Q", 0, entry.pk
        )
        entry.save(update_fields=["number"])
    elif application.queue_action == QueueAction.LEAVE:
        if entry is None or entry.status != QueueStatus.WAITING:
            raise DomainError(_("This place in the queue is no longer waiting."), code="queue")
        entry.status, entry.left_on = QueueStatus.LEFT, today
        entry.save(update_fields=["status", "left_on"])
    save_versioned(
        application,
        expected_version,
        status=ApplicationStatus.RENDERED,
        decided_on=today,
        decided_by=by,
        result_text=(result_text or "").strip(),
        queue_entry=entry,
    )
    return application


@transaction.atomic
def application_refuse(
    *,
    application: Application,
    by,
    reason: RefusalReason | None,
    text: str,
    decided_on: dt.date | None = None,
    expected_version: int | None = None,
) -> Application:
    """A justified refusal (мотивированный отказ): a reason of this service, explained."""
    application = _locked(application)
    _require_open(application)
    day = _decision_day(application, decided_on)
    if reason is None or reason.service_id != application.service_id:
        raise DomainError(_("Choose a refusal reason of this service."), code="reason")
    text = (text or "").strip()
    if not text:
        raise DomainError(
            _("Explain the refusal to the applicant: what is missing or wrong."), code="text"
        )
    save_versioned(
        application,
        expected_version,
        status=ApplicationStatus.REFUSED,
        decided_on=day,
        decided_by=by,
        refusal_reason=reason,
        refusal_text=text,
    )
    return application


@transaction.atomic
def service_set_term(
    *, service: PublicService, term_days: int, expected_term: int | None = None
) -> PublicService:
    """Change a service's legal term (applies to applications registered from now on).

    ``expected_term`` is the term the editor saw: if someone changed it since, the change
    is refused (nothing is overwritten). The change is audited like every other save."""
    if isinstance(term_days, bool) or not isinstance(term_days, int) or not 1 <= term_days <= 365:
        raise DomainError(_("A term is a whole number of working days, 1 to 365."), code="term")
    current = PublicService.objects.select_for_update().get(pk=service.pk)
    if expected_term is not None and current.term_days != expected_term:
        raise ConflictError(
            ngettext(
                "Someone else changed this service's term to %(days)s working day while "
                "you were editing. Reload and try again.",
                "Someone else changed this service's term to %(days)s working days while "
                "you were editing. Reload and try again.",
                current.term_days,
            )
            % {"days": current.term_days}
        )
    current.term_days = term_days
    current.save(update_fields=["term_days"])
    service.term_days = term_days
    return service


@dataclass(frozen=True)
class PastApplication:
    """One line of a register kept before Tyndau (the office's paper journal): an
    application already decided, *rendered* or refused with a reason of its service."""

    service: PublicService
    territory: Territory
    applicant_name: str
    iin: str
    received_at: dt.datetime
    decided_on: dt.date
    refusal_reason: RefusalReason | None = None
    refusal_text: str = ""
    result_text: str = ""
    queue_purpose: str = ""  # the queue service: the plot's purpose (joining the queue)


@transaction.atomic
def applications_import_decided(*, office: Office, rows: list[PastApplication], by=None) -> int:
    """Load a past register of decided applications in one transaction.

    Each line is checked as ``application_register`` and the decisions check it (service,
    place, name, IIN, the decision between registration and today, a refusal reason of the
    service with an explanation; for the queue service a purpose, and no one twice in the
    same queue); the due date is the service's term in working days from the one calendar.
    One wrong line refuses the whole register: nothing is half-saved. Written in bulk
    (a year's register is thousands of lines). Returns the number of applications."""
    today = _today()
    waiting = set(
        QueueEntry.objects.filter(office=office, status=QueueStatus.WAITING).values_list(
            "purpose", "iin"
        )
    )
    applications, entries = [], []
    for line, row in enumerate(rows, start=1):
        where = _("Line %(line)s: ") % {"line": line}
        try:
            if not row.service.is_active:
                raise DomainError(_("This service is not offered at the moment."), code="service")
            if not row.territory.is_within(office.territory):
                raise DomainError(_("This place is not served by this office."), code="territory")
            name = (row.applicant_name or "").strip()
            if not name:
                raise DomainError(_("Give the applicant's full name."), code="name")
            iin = _clean_iin(row.iin)
            registered_on = calendar.registration_date(row.received_at)
            if row.decided_on > today or row.decided_on < registered_on:
                raise DomainError(
                    _("The decision date lies between the registration date and today."),
                    code="date",
                )
            refused = row.refusal_reason is not None
            if refused and row.refusal_reason.service_id != row.service.pk:
                raise DomainError(_("Choose a refusal reason of this service."), code="reason")
            if refused and not (row.refusal_text or "").strip():
                raise DomainError(
                    _("Explain the refusal to the applicant: what is missing or wrong."),
                    code="text",
                )
            queue = row.service.kind == ServiceKind.QUEUE
            if queue and row.queue_purpose not in QueuePurpose.values:
                raise DomainError(_("Choose the purpose of the plot."), code="queue")
            if queue and not refused:
                if (row.queue_purpose, iin) in waiting:
                    raise DomainError(
                        _(
                            "The applicant is already in this queue: "
                            "refuse with that reason instead."
                        ),
                        code="queue",
                    )
                waiting.add((row.queue_purpose, iin))
        except DomainError as error:
            raise DomainError(where + str(error), code=error.code) from None
        application = Application(
            number=f"tmp-{uuid.uuid4().hex[:24]}",
            office=office,
            territory=row.territory,
            service=row.service,
            channel=ApplicationChannel.OFFICE,
            applicant_name=name,
            iin=iin,
            queue_action=QueueAction.JOIN if queue else "",
            queue_purpose=row.queue_purpose if queue else "",
            received_at=row.received_at,
            registered_on=registered_on,
            due_on=calendar.add_working_days(registered_on, row.service.term_days),
            status=ApplicationStatus.REFUSED if refused else ApplicationStatus.RENDERED,
            decided_on=row.decided_on,
            decided_by=by,
            registered_by=by,
            result_text="" if refused else (row.result_text or "").strip(),
            refusal_reason=row.refusal_reason,
            refusal_text=(row.refusal_text or "").strip() if refused else "",
        )
        applications.append(application)
        if queue and not refused:
            entry = QueueEntry(
                number=f"tmp-{uuid.uuid4().hex[:24]}",
                office=office,
                purpose=row.queue_purpose,
                applicant_name=name,
                iin=iin,
                joined_on=registered_on,
            )
            application.queue_entry = entry
            entries.append(entry)
    prefix = office.prefix or office.territory.code
    QueueEntry.objects.bulk_create(entries, batch_size=500)
    for entry in entries:
        entry.number = _number(prefix, "Q", 0, entry.pk)
    QueueEntry.objects.bulk_update(entries, ["number"], batch_size=500)
    for application in applications:
        if application.queue_entry is not None:
            application.queue_entry_id = application.queue_entry.pk
    Application.objects.bulk_create(applications, batch_size=500)
    for application in applications:
        application.number = _number(prefix, "GU", application.registered_on.year, application.pk)
    Application.objects.bulk_update(applications, ["number"], batch_size=500)
    return len(applications)
