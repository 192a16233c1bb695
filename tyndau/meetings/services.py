"""Writes of meetings, questions, assignments and the personal reception.

Every function is keyword-only, atomic and audited (the models are tracked in
``MeetingsConfig.ready``); a refusal raises :class:`~tyndau.core.errors.DomainError`
with a translated message.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from auditlog.context import set_actor
from auditlog.models import LogEntry
from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from tyndau.appeals.models import ApplicantType, Channel, Kind, Topic
from tyndau.core import calendar
from tyndau.core.errors import ConflictError, DomainError, TransitionError
from tyndau.territory.models import Membership, Office, Role, Territory
from tyndau.territory.selectors import office_serving

from .models import (
    MEDIA_KINDS,
    OFFICIAL_KINDS,
    ONLINE_CHANNELS,
    Assignment,
    AssignmentStatus,
    BookingStatus,
    Meeting,
    MeetingKind,
    MeetingPhoto,
    MeetingStatus,
    Question,
    ReceptionBooking,
    ReceptionQuestion,
    ReceptionSchedule,
    ReceptionSession,
)

ASSIGNMENT_TERM_DAYS = 15  # working days, unless a deadline is given
REMIND_DAYS_BEFORE = (3, 1)  # working days before the deadline

# The counts recorded when a meeting is held, as the Decree 826 form names them.
COUNT_FIELDS = (
    [f"broadcasts_{c}" for c in ONLINE_CHANNELS]
    + ["participants_offline"]
    + [f"participants_{c}" for c in ONLINE_CHANNELS]
    + ["speakers"]
    + [f"media_{m}" for m in MEDIA_KINDS]
    + [f"officials_{o}" for o in OFFICIAL_KINDS]
)


def _today() -> dt.date:
    return calendar.today()


def _save_versioned(obj, expected_version: int | None, **changes) -> None:
    """Save ``changes`` on ``obj`` only if nobody changed it since ``expected_version``
    (optimistic locking: the version is claimed with ``UPDATE ... WHERE version=``)."""
    version = obj.version if expected_version is None else expected_version
    claimed = type(obj).objects.filter(pk=obj.pk, version=version).update(version=version + 1)
    if not claimed:
        raise ConflictError(
            _("Someone else changed this record while you were editing. Reload and try again.")
        )
    for name, value in changes.items():
        setattr(obj, name, value)
    obj.version = version + 1
    obj.save()


# ---------------------------------------------------------------------------- meetings


def _check_counts(counts: Mapping[str, int]) -> dict[str, int]:
    clean = {}
    for name, value in counts.items():
        if name not in COUNT_FIELDS:
            raise DomainError(_("Unknown figure “%(name)s”.") % {"name": name})
        if value is None:
            value = 0
        if not isinstance(value, int) or isinstance(value, bool) or value < 0:
            raise DomainError(
                _("“%(name)s” must be a whole number, zero or more.") % {"name": name}
            )
        clean[name] = value
    return clean


@transaction.atomic
def meeting_plan(
    *,
    territory: Territory,
    kind: str,
    planned_on: dt.date,
    place: str = "",
    title: str = "",
    starts_at: dt.time | None = None,
    broadcast_url: str = "",
    by=None,
) -> Meeting:
    """Plan a meeting where it will be held; the office serving that territory holds it."""
    if kind not in MeetingKind.values:
        raise DomainError(_("Unknown kind of meeting."))
    try:
        office = office_serving(territory=territory)
    except Office.DoesNotExist as exc:
        raise DomainError(_("No akimat office serves this territory.")) from exc
    with set_actor(by) if by else _nullcontext():
        return Meeting.objects.create(
            office=office,
            territory=territory,
            akim_level=office.territory.akim_level,
            kind=kind,
            planned_on=planned_on,
            starts_at=starts_at,
            place=place,
            title=title,
            broadcast_url=broadcast_url,
            created_by=by,
        )


class _nullcontext:
    def __enter__(self):
        return None

    def __exit__(self, *exc):
        return False


@transaction.atomic
def meeting_update(
    *,
    meeting: Meeting,
    by,
    expected_version: int | None = None,
    kind: str | None = None,
    planned_on: dt.date | None = None,
    starts_at: dt.time | None = None,
    place: str | None = None,
    title: str | None = None,
    broadcast_url: str | None = None,
) -> Meeting:
    if meeting.status == MeetingStatus.CANCELLED:
        raise TransitionError(_("A cancelled meeting cannot be changed."))
    changes = {
        k: v
        for k, v in {
            "kind": kind,
            "planned_on": planned_on,
            "starts_at": starts_at,
            "place": place,
            "title": title,
            "broadcast_url": broadcast_url,
        }.items()
        if v is not None
    }
    if "kind" in changes and changes["kind"] not in MeetingKind.values:
        raise DomainError(_("Unknown kind of meeting."))
    with set_actor(by):
        _save_versioned(meeting, expected_version, **changes)
    return meeting


@transaction.atomic
def meeting_hold(
    *,
    meeting: Meeting,
    held_on: dt.date,
    by,
    expected_version: int | None = None,
    minutes: str | None = None,
    broadcast_url: str | None = None,
    **counts: int,
) -> Meeting:
    """Mark a meeting held and record its attendance, broadcasts, media and officials.

    A held meeting may be corrected again (the counts are replaced).
    """
    if meeting.status == MeetingStatus.CANCELLED:
        raise TransitionError(_("A cancelled meeting cannot be marked as held."))
    if held_on > _today():
        raise DomainError(_("A meeting cannot be held in the future."))
    changes: dict = {"held_on": held_on, "status": MeetingStatus.HELD, **_check_counts(counts)}
    if minutes is not None:
        changes["minutes"] = minutes
    if broadcast_url is not None:
        changes["broadcast_url"] = broadcast_url
    with set_actor(by):
        _save_versioned(meeting, expected_version, **changes)
    return meeting


@transaction.atomic
def meeting_cancel(
    *, meeting: Meeting, reason: str, by, expected_version: int | None = None
) -> Meeting:
    if meeting.status != MeetingStatus.PLANNED:
        raise TransitionError(_("Only a planned meeting can be cancelled."))
    if not reason.strip():
        raise DomainError(_("Say why the meeting is cancelled."))
    with set_actor(by):
        _save_versioned(
            meeting,
            expected_version,
            status=MeetingStatus.CANCELLED,
            cancel_reason=reason.strip(),
        )
    return meeting


@transaction.atomic
def meeting_attach_files(*, meeting: Meeting, by, protocol=None, photos: Iterable = ()) -> Meeting:
    """Attach the protocol (PDF) and photos of a meeting."""
    if protocol is not None:
        name = getattr(protocol, "name", "")
        if not name.lower().endswith(".pdf"):
            raise DomainError(_("The protocol must be a PDF file."))
        with set_actor(by):
            meeting.protocol = protocol
            meeting.save(update_fields=["protocol", "updated_at"])
    for photo in photos:
        MeetingPhoto.objects.create(meeting=meeting, file=photo)
    return meeting


# ---------------------------------------------------------------------------- questions


def _topic(topic: Topic | str) -> Topic:
    if isinstance(topic, Topic):
        return topic
    try:
        return Topic.objects.get(code=topic)
    except Topic.DoesNotExist as exc:
        raise DomainError(_("Unknown topic “%(topic)s”.") % {"topic": topic}) from exc


@transaction.atomic
def question_add(
    *,
    meeting: Meeting,
    topic: Topic | str,
    text: str,
    repeated: bool = False,
    critical_of: int | None = None,
    by=None,
) -> Question:
    """Record a question or proposal raised at a meeting."""
    if meeting.status == MeetingStatus.CANCELLED:
        raise TransitionError(_("A cancelled meeting has no questions."))
    if not text.strip():
        raise DomainError(_("Write the question."))
    if critical_of is not None and critical_of not in range(1, 7):
        raise DomainError(_("The akim level of a critical remark is from 1 to 6."))
    with set_actor(by) if by else _nullcontext():
        return Question.objects.create(
            meeting=meeting,
            topic=_topic(topic),
            text=text.strip(),
            repeated=repeated,
            critical_of=critical_of,
        )


@transaction.atomic
def question_to_appeal(
    *,
    question: Question,
    applicant_name: str,
    by,
    phone: str = "",
    iin: str = "",
    address: str = "",
    kind: str = Kind.STATEMENT,
):
    """Register a resident's personal matter raised at a meeting as an appeal (channel meeting)."""
    from tyndau.appeals.services import appeal_register

    if question.appeal_id:
        raise TransitionError(_("This question is already an appeal."))
    if not applicant_name.strip():
        raise DomainError(_("Give the resident's name."))
    meeting = question.meeting
    appeal = appeal_register(
        office=meeting.office,
        channel=Channel.MEETING,
        applicant_type=ApplicantType.INDIVIDUAL,
        kind=kind,
        topic=question.topic,
        text=question.text,
        territory=meeting.territory,
        registered_by=by,
        applicant_name=applicant_name.strip(),
        phone=phone,
        iin=iin,
        address=address,
    )
    with set_actor(by):
        question.appeal = appeal
        question.save(update_fields=["appeal"])
    return appeal


# ---------------------------------------------------------------------------- assignments


def _is_staff_of(user, office: Office) -> bool:
    return Membership.objects.filter(user=user, office=office).exists()


@transaction.atomic
def assignment_give(
    *,
    question: Question,
    executor,
    by,
    text: str = "",
    due_on: dt.date | None = None,
    given_on: dt.date | None = None,
    notify: bool = True,
) -> Assignment:
    """Turn a question into an assignment (поручение) with an executor and a deadline.

    The deadline is 15 working days after the day it is given unless one is given. The
    executor is told by e-mail (``notify=False`` for records entered after the fact).
    """
    meeting = question.meeting
    if meeting.status != MeetingStatus.HELD:
        raise TransitionError(_("Assignments are given after the meeting is held."))
    if Assignment.objects.filter(question=question).exists():
        raise TransitionError(_("This question already has an assignment."))
    if not _is_staff_of(executor, meeting.office):
        raise DomainError(_("The executor must work in the office that held the meeting."))
    given_on = given_on or _today()
    if due_on is None:
        due_on = calendar.add_working_days(given_on, ASSIGNMENT_TERM_DAYS)
    elif due_on <= given_on:
        raise DomainError(_("The deadline must be after the day the assignment is given."))
    elif not calendar.is_working_day(due_on):
        raise DomainError(_("The deadline must be a working day."))
    with set_actor(by):
        assignment = Assignment.objects.create(
            question=question,
            office=meeting.office,
            territory=meeting.territory,
            executor=executor,
            text=(text or question.text).strip(),
            given_on=given_on,
            due_on=due_on,
            given_by=by,
        )
    if notify:
        _notify(
            to=[executor.email],
            subject=_("New assignment from a meeting with residents, due %(date)s")
            % {"date": f"{due_on:%d.%m.%Y}"},
            body=assignment.text,
        )
    return assignment


@transaction.atomic
def assignment_complete(
    *,
    assignment: Assignment,
    result: str,
    by,
    expected_version: int | None = None,
    done_on: dt.date | None = None,
) -> Assignment:
    """Mark an assignment done with what was done; ``done_on`` (default today) lets a
    clerk record work finished earlier, never in the future or before it was given."""
    if assignment.is_done:
        raise TransitionError(_("This assignment is already done."))
    if not result.strip():
        raise DomainError(_("Describe what was done."))
    done_on = done_on or _today()
    if done_on > _today() or done_on < assignment.given_on:
        raise DomainError(
            _("The date it was done must lie between %(given)s and today.")
            % {"given": f"{assignment.given_on:%d.%m.%Y}"}
        )
    with set_actor(by):
        _save_versioned(
            assignment,
            expected_version,
            status=AssignmentStatus.DONE,
            result=result.strip(),
            done_on=done_on,
        )
    return assignment


def _notify(*, to: list[str], subject: str, body: str) -> None:
    recipients = [a for a in to if a]
    if recipients:
        transaction.on_commit(
            lambda: send_mail(
                str(subject), str(body), settings.DEFAULT_FROM_EMAIL, recipients, fail_silently=True
            )
        )


def _leaders_of(office: Office) -> list[str]:
    return list(
        Membership.objects.filter(office=office, role=Role.AKIM)
        .exclude(user__email="")
        .values_list("user__email", flat=True)
    )


def assignments_remind(*, today: dt.date | None = None) -> int:
    """Remind executors 3 and 1 working days before the deadline; each reminder once."""
    today = today or _today()
    sent = 0
    open_ = Assignment.objects.open().filter(due_on__gt=today)
    horizon = calendar.add_working_days(today, max(REMIND_DAYS_BEFORE))
    for assignment in open_.filter(due_on__lte=horizon).select_related("executor"):
        left = calendar.working_days_between(today, assignment.due_on)
        if left not in REMIND_DAYS_BEFORE or left in assignment.reminded_days:
            continue
        with transaction.atomic():
            updated = Assignment.objects.filter(
                pk=assignment.pk, reminded_days=assignment.reminded_days
            ).update(reminded_days=[*assignment.reminded_days, left])
            if not updated:
                continue
            _notify(
                to=[assignment.executor.email],
                subject=_("Reminder: %(days)s working day(s) left for an assignment")
                % {"days": left},
                body=_("Deadline %(date)s.") % {"date": f"{assignment.due_on:%d.%m.%Y}"}
                + "\n\n"
                + assignment.text,
            )
        sent += 1
    return sent


def assignments_escalate(*, today: dt.date | None = None, notify: bool = True) -> int:
    """Report each overdue assignment to the akim of its office, once (``notify=False``
    records the report without e-mail, for history loaded by the demo)."""
    today = today or _today()
    count = 0
    overdue = (
        Assignment.objects.overdue(on=today)
        .filter(escalated_on__isnull=True)
        .select_related("executor", "office")
    )
    for assignment in overdue:
        with transaction.atomic():
            if not Assignment.objects.filter(pk=assignment.pk, escalated_on__isnull=True).update(
                escalated_on=today
            ):
                continue
            LogEntry.objects.log_create(  # a queryset update sends no signal: log it here
                assignment,
                action=LogEntry.Action.UPDATE,
                changes={"escalated_on": ["None", str(today)]},  # as auditlog writes values
                force_log=True,
            )
            _notify(
                to=_leaders_of(assignment.office) if notify else [],
                subject=_("Overdue assignment from a meeting with residents"),
                body=_("Executor: %(executor)s. Deadline was %(date)s.")
                % {
                    "executor": assignment.executor.get_full_name() or assignment.executor,
                    "date": f"{assignment.due_on:%d.%m.%Y}",
                }
                + "\n\n"
                + assignment.text,
            )
        count += 1
    return count


# ---------------------------------------------------------------------------- reception


@transaction.atomic
def reception_schedule_set(
    *,
    office: Office,
    by,
    weekdays: list[int],
    starts_at: dt.time,
    ends_at: dt.time,
    slot_minutes: int,
    place: str = "",
    received_by: str = "",
    expected_version: int | None = None,
) -> ReceptionSchedule:
    """Set the reception days and hours of an office (default Tuesday and Thursday)."""
    weekdays = sorted(set(weekdays))
    if not weekdays or any(d not in range(5) for d in weekdays):
        raise DomainError(_("Choose at least one reception day from Monday to Friday."))
    if starts_at >= ends_at:
        raise DomainError(_("The reception must end after it starts."))
    if not 5 <= slot_minutes <= 240:
        raise DomainError(_("A visit lasts from 5 to 240 minutes."))
    schedule, _created = ReceptionSchedule.objects.get_or_create(office=office)
    with set_actor(by):
        _save_versioned(
            schedule,
            expected_version,
            weekdays=weekdays,
            starts_at=starts_at,
            ends_at=ends_at,
            slot_minutes=slot_minutes,
            place=place,
            received_by=received_by,
        )
    return schedule


def reception_schedule_of(*, office: Office) -> ReceptionSchedule:
    """The office's schedule, or the default one (Tuesday and Thursday), unsaved."""
    schedule = ReceptionSchedule.objects.filter(office=office).first()
    return schedule or ReceptionSchedule(office=office)


def reception_slots(
    *, office: Office, start: dt.date, days: int = 21, now: dt.datetime | None = None
) -> list[tuple[dt.datetime, bool]]:
    """The reception slots of an office from ``start`` for ``days`` calendar days:
    (start time, free) pairs on working days that are reception days, in the future."""
    schedule = reception_schedule_of(office=office)
    now = now or timezone.now()
    tz = timezone.get_current_timezone()
    end = start + dt.timedelta(days=days)
    taken = set(
        ReceptionBooking.objects.filter(
            office=office,
            status=BookingStatus.BOOKED,
            starts_at__date__gte=start,
            starts_at__date__lt=end,
        ).values_list("starts_at", flat=True)
    )
    slots = []
    day = start
    step = dt.timedelta(minutes=schedule.slot_minutes)
    while day < end:
        if day.weekday() in schedule.weekdays and calendar.is_working_day(day):
            at = timezone.make_aware(dt.datetime.combine(day, schedule.starts_at), tz)
            last = timezone.make_aware(dt.datetime.combine(day, schedule.ends_at), tz)
            while at + step <= last:
                if at > now:
                    slots.append((at, at not in taken))
                at += step
        day += dt.timedelta(days=1)
    return slots


@transaction.atomic
def reception_book(
    *,
    office: Office,
    starts_at: dt.datetime,
    name: str,
    phone: str,
    topic: Topic | str,
    summary: str,
    email: str = "",
    by=None,
) -> ReceptionBooking:
    """Book a reception slot: a resident on the portal (``by`` None) or a clerk for a caller."""
    if not name.strip() or not phone.strip():
        raise DomainError(_("Give your name and a phone number."))
    if not summary.strip():
        raise DomainError(_("Say briefly what the question is about."))
    local = timezone.localtime(starts_at)
    free = dict(reception_slots(office=office, start=local.date(), days=1))
    if starts_at not in free:
        raise DomainError(_("There is no reception at this time."))
    if not free[starts_at]:
        raise DomainError(_("This time is already taken; choose another."))
    try:
        with transaction.atomic(), set_actor(by) if by else _nullcontext():
            booking = ReceptionBooking.objects.create(
                office=office,
                starts_at=starts_at,
                name=name.strip(),
                phone=phone.strip(),
                email=email.strip(),
                topic=_topic(topic),
                summary=summary.strip(),
                source=ReceptionBooking.Source.PHONE if by else ReceptionBooking.Source.PORTAL,
                booked_by=by,
            )
    except IntegrityError as exc:
        raise DomainError(_("This time is already taken; choose another.")) from exc
    return booking


@transaction.atomic
def reception_cancel(*, booking: ReceptionBooking, by=None) -> ReceptionBooking:
    if booking.status != BookingStatus.BOOKED:
        raise TransitionError(_("Only a booked visit can be cancelled."))
    with set_actor(by) if by else _nullcontext():
        booking.status = BookingStatus.CANCELLED
        booking.save(update_fields=["status"])
    return booking


@dataclass
class AskedQuestion:
    topic: Topic | str
    text: str


@transaction.atomic
def reception_record(
    *,
    office: Office,
    visitor_name: str,
    questions: list[AskedQuestion],
    by,
    held_at: dt.datetime | None = None,
    booking: ReceptionBooking | None = None,
    iin: str = "",
    phone: str = "",
    address: str = "",
    territory: Territory | None = None,
) -> ReceptionSession:
    """Record who came to the reception and what they asked; each question becomes an
    appeal with channel personal_reception."""
    from tyndau.appeals.services import appeal_register

    if not visitor_name.strip():
        raise DomainError(_("Give the visitor's name."))
    questions = [q for q in questions if q.text.strip()]
    if not questions:
        raise DomainError(_("Write at least one question the visitor asked."))
    if booking is not None:
        if booking.office_id != office.pk:
            raise DomainError(_("This booking is for another office."))
        if booking.status != BookingStatus.BOOKED:
            raise TransitionError(_("This visit is already recorded or cancelled."))
    held_at = held_at or timezone.now()
    with set_actor(by):
        session = ReceptionSession.objects.create(
            office=office,
            booking=booking,
            held_at=held_at,
            visitor_name=visitor_name.strip(),
            iin=iin.strip(),
            phone=phone.strip(),
            address=address.strip(),
            received_by=by,
        )
        for asked in questions:
            topic = _topic(asked.topic)
            appeal = appeal_register(
                office=office,
                channel=Channel.PERSONAL_RECEPTION,
                applicant_type=ApplicantType.INDIVIDUAL,
                kind=Kind.STATEMENT,
                topic=topic,
                text=asked.text.strip(),
                territory=territory,
                received_at=held_at,
                registered_by=by,
                applicant_name=visitor_name.strip(),
                iin=iin.strip(),
                phone=phone.strip(),
                address=address.strip(),
            )
            ReceptionQuestion.objects.create(
                session=session, topic=topic, text=asked.text.strip(), appeal=appeal
            )
        if booking is not None:
            booking.status = BookingStatus.CAME
            booking.save(update_fields=["status"])
    return session


# ---------------------------------------------------------------------------- import


@dataclass(frozen=True)
class ObjectError:
    index: int
    message: str

    def __str__(self) -> str:
        return _("object %(index)s: %(message)s") % {"index": self.index, "message": self.message}


class ImportFailed(DomainError):
    def __init__(self, errors: list[ObjectError]):
        super().__init__(gettext_lazy("The file has errors; nothing was saved."), code="import")
        self.errors = errors


@dataclass
class ImportResult:
    meetings: int = 0
    questions: int = 0
    ids: list[int] = field(default_factory=list)


COUNT_GROUPS = {
    "broadcasts": ONLINE_CHANNELS,
    "participants": ("offline", *ONLINE_CHANNELS),
    "media": MEDIA_KINDS,
    "officials_present": OFFICIAL_KINDS,
}
KNOWN_KEYS = {
    "territory",
    "kind",
    "status",
    "planned_on",
    "held_on",
    "place",
    "speakers",
    "questions",
    "title",
    "minutes",
    "broadcast_url",
    *COUNT_GROUPS,
}


def _parse_date(value, name: str, errors: list[str], *, required: bool) -> dt.date | None:
    if value is None:
        if required:
            errors.append(_("“%(name)s” is required") % {"name": name})
        return None
    parsed = None
    if isinstance(value, str) and len(value) == 10:
        try:
            parsed = dt.date.fromisoformat(value)
        except ValueError:
            parsed = None
    if parsed is None:
        errors.append(
            _("“%(name)s” must be a date YYYY-MM-DD, not %(value)s")
            % {"name": name, "value": json.dumps(value, ensure_ascii=False)}
        )
    return parsed


def _count(value, name: str, errors: list[str]) -> int:
    if value is None:
        return 0
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        errors.append(
            _("“%(name)s” must be a whole number, zero or more, not %(value)s")
            % {"name": name, "value": json.dumps(value, ensure_ascii=False)}
        )
        return 0
    return value


def _check_object(raw, territories, topics, today) -> tuple[dict | None, list[str]]:
    errors: list[str] = []
    if not isinstance(raw, dict):
        return None, [_("must be an object")]
    unknown = sorted(set(raw) - KNOWN_KEYS)
    if unknown:
        errors.append(_("unknown keys: %(keys)s") % {"keys": ", ".join(unknown)})
    code = raw.get("territory")
    territory = territories.get(str(code)) if code is not None else None
    if code is None:
        errors.append(_("“territory” is required"))
    elif territory is None:
        errors.append(_("unknown territory code %(code)s") % {"code": code})
    elif territory.office is None:
        errors.append(_("no akimat office serves territory %(code)s") % {"code": code})
    kind = raw.get("kind")
    if kind not in MeetingKind.values:
        errors.append(
            _("unknown kind %(kind)s; expected one of: %(kinds)s")
            % {"kind": json.dumps(kind, ensure_ascii=False), "kinds": ", ".join(MeetingKind.values)}
        )
    status = raw.get("status")
    if status not in MeetingStatus.values:
        errors.append(
            _("unknown status %(status)s; expected one of: %(statuses)s")
            % {
                "status": json.dumps(status, ensure_ascii=False),
                "statuses": ", ".join(MeetingStatus.values),
            }
        )
    planned_on = _parse_date(raw.get("planned_on"), "planned_on", errors, required=True)
    held_on = _parse_date(raw.get("held_on"), "held_on", errors, required=status == "held")
    if held_on and status != MeetingStatus.HELD:
        errors.append(_("“held_on” is given but the status is not “held”"))
    if held_on and held_on > today:
        errors.append(_("“held_on” is in the future"))
    place = raw.get("place") or ""
    if not isinstance(place, str):
        errors.append(_("“place” must be text"))
        place = ""
    counts = {"speakers": _count(raw.get("speakers"), "speakers", errors)}
    for group, keys in COUNT_GROUPS.items():
        value = raw.get(group)
        if value is None:
            value = {}
        if not isinstance(value, dict):
            errors.append(_("“%(name)s” must be an object") % {"name": group})
            continue
        extra = sorted(set(value) - set(keys))
        if extra:
            errors.append(
                _("unknown keys in “%(name)s”: %(keys)s")
                % {"name": group, "keys": ", ".join(extra)}
            )
        prefix = "officials" if group == "officials_present" else group
        for key in keys:
            counts[f"{prefix}_{key}"] = _count(value.get(key), f"{group}.{key}", errors)
    questions = []
    raw_questions = raw.get("questions") or []
    if not isinstance(raw_questions, list):
        errors.append(_("“questions” must be a list"))
        raw_questions = []
    if raw_questions and status != MeetingStatus.HELD:
        errors.append(_("only a held meeting can have questions"))
    for number, q in enumerate(raw_questions):
        where = f"questions[{number}]"
        if not isinstance(q, dict):
            errors.append(_("%(where)s must be an object") % {"where": where})
            continue
        topic = topics.get(q.get("topic"))
        if topic is None:
            errors.append(
                _("%(where)s: unknown topic %(topic)s")
                % {"where": where, "topic": json.dumps(q.get("topic"), ensure_ascii=False)}
            )
        text = q.get("text")
        if not isinstance(text, str) or not text.strip():
            errors.append(_("%(where)s: the text is empty") % {"where": where})
        repeated = q.get("repeated", False)
        if not isinstance(repeated, bool):
            errors.append(_("%(where)s: “repeated” must be true or false") % {"where": where})
        critical_of = q.get("critical_of")
        if critical_of is not None and str(critical_of) not in {"1", "2", "3", "4", "5", "6"}:
            errors.append(
                _("%(where)s: “critical_of” must be an akim level “1”…“6” or null, not %(value)s")
                % {"where": where, "value": json.dumps(critical_of, ensure_ascii=False)}
            )
            critical_of = None
        questions.append(
            {
                "topic": topic,
                "text": text.strip() if isinstance(text, str) else "",
                "repeated": bool(repeated),
                "critical_of": int(critical_of) if critical_of is not None else None,
            }
        )
    if errors:
        return None, errors
    return {
        "territory": territory,
        "office": territory.office,
        "kind": kind,
        "status": status,
        "planned_on": planned_on,
        "held_on": held_on,
        "place": place.strip(),
        "title": str(raw.get("title") or ""),
        "minutes": str(raw.get("minutes") or ""),
        "broadcast_url": str(raw.get("broadcast_url") or ""),
        "counts": counts,
        "questions": questions,
    }, []


def meetings_import(*, data, by=None) -> ImportResult:
    """Import meetings from parsed JSON (a list of objects, see issue 4 point 5).

    All-or-nothing: if any object is bad, :class:`ImportFailed` lists every bad object with
    its index (from 0) and reasons, and nothing is saved.
    """
    if not isinstance(data, list):
        raise ImportFailed([ObjectError(0, _("the file must hold a JSON list of meetings"))])
    codes = {str(o.get("territory")) for o in data if isinstance(o, dict) and o.get("territory")}
    territories = {t.code: t for t in Territory.objects.filter(code__in=codes)}
    for territory in territories.values():
        try:
            territory.office = office_serving(territory=territory)
        except Office.DoesNotExist:
            territory.office = None
    topics = {t.code: t for t in Topic.objects.all()}
    today = _today()
    checked, errors = [], []
    for index, raw in enumerate(data):
        clean, problems = _check_object(raw, territories, topics, today)
        errors.extend(ObjectError(index, p) for p in problems)
        checked.append(clean)
    if errors:
        raise ImportFailed(errors)
    result = ImportResult()
    with transaction.atomic(), set_actor(by) if by else _nullcontext():
        for item in checked:
            meeting = Meeting.objects.create(
                office=item["office"],
                territory=item["territory"],
                akim_level=item["office"].territory.akim_level,
                kind=item["kind"],
                status=item["status"],
                planned_on=item["planned_on"],
                held_on=item["held_on"],
                place=item["place"],
                title=item["title"],
                minutes=item["minutes"],
                broadcast_url=item["broadcast_url"],
                created_by=by,
                **item["counts"],
            )
            Question.objects.bulk_create(Question(meeting=meeting, **q) for q in item["questions"])
            result.meetings += 1
            result.questions += len(item["questions"])
            result.ids.append(meeting.pk)
    return result
