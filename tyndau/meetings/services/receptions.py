"""The akim's personal reception: schedule, slots, bookings and the record of a session."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from auditlog.context import set_actor
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tyndau.appeals.models import Channel, Kind, Topic
from tyndau.core import calendar
from tyndau.core.errors import DomainError, TransitionError
from tyndau.core.locking import save_versioned
from tyndau.territory.models import Office, Territory

from ..models import (
    BookingStatus,
    ReceptionBooking,
    ReceptionQuestion,
    ReceptionSchedule,
    ReceptionSession,
)
from .common import _nullcontext, _topic

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
        save_versioned(
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
    from tyndau.appeals import intake

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
        visitor = intake.Applicant(name=visitor_name, iin=iin, phone=phone)
        place = intake.Place(office=office, territory=territory, address=address)
        registered = []
        for asked in questions:
            topic = _topic(asked.topic)
            draft = intake.AppealDraft(
                channel=Channel.PERSONAL_RECEPTION,
                kind=Kind.STATEMENT,
                topic=topic,
                text=asked.text,
                applicant=visitor,
                place=place,
                received_at=held_at,
            )
            # The reception's own rule (meetings.record_reception) was checked.
            appeal = intake.appeal_register(draft=draft, by=by, permission=None).appeal
            registered.append((topic, asked.text.strip(), appeal))
        session = ReceptionSession.objects.create(
            office=office,
            booking=booking,
            # The visit is counted where its questions are registered (one place for all).
            place_id=registered[0][2].territory_id,
            held_at=held_at,
            visitor_name=visitor_name.strip(),
            iin=iin.strip(),
            phone=phone.strip(),
            address=address.strip(),
            received_by=by,
        )
        for topic, text, appeal in registered:
            ReceptionQuestion.objects.create(session=session, topic=topic, text=text, appeal=appeal)
        if booking is not None:
            booking.status = BookingStatus.CAME
            booking.save(update_fields=["status"])
    return session
