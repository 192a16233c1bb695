"""Assignments (поручения) from meetings: give, complete, remind, escalate."""

from __future__ import annotations

import datetime as dt

from auditlog.context import set_actor
from auditlog.models import LogEntry
from django.db import transaction
from django.utils.translation import gettext as _

from tyndau.core import calendar
from tyndau.core.errors import DomainError, TransitionError
from tyndau.core.jobs import enqueue_email
from tyndau.core.locking import save_versioned
from tyndau.territory.models import Membership, Office, Role

from ..models import (
    Assignment,
    AssignmentStatus,
    MeetingStatus,
    Question,
)
from .common import (
    ASSIGNMENT_TERM_DAYS,
    REMIND_DAYS_BEFORE,
    _today,
)

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
    if assignment.special_control and not _is_akim_over(by, assignment):
        raise TransitionError(
            _("This assignment is on the akim's special control: only the akim closes it.")
        )
    if not result.strip():
        raise DomainError(_("Describe what was done."))
    done_on = done_on or _today()
    if done_on > _today() or done_on < assignment.given_on:
        raise DomainError(
            _("The date it was done must lie between %(given)s and today.")
            % {"given": f"{assignment.given_on:%d.%m.%Y}"}
        )
    with set_actor(by):
        save_versioned(
            assignment,
            expected_version,
            status=AssignmentStatus.DONE,
            result=result.strip(),
            done_on=done_on,
        )
    return assignment


def _is_akim_over(user, assignment: Assignment) -> bool:
    from ..rules import is_akim

    return user is not None and is_akim.test(user, assignment)


@transaction.atomic
def assignment_control(
    *, assignment: Assignment, on: bool, by, expected_version: int | None = None
) -> Assignment:
    """Put an assignment on the akim's special control (на особый контроль) or take it
    off: the akim is reminded of it as well as the executor, and only the akim closes it."""
    if not _is_akim_over(by, assignment):
        raise TransitionError(_("Only the akim puts an assignment on special control."))
    if assignment.is_done:
        raise TransitionError(_("This assignment is already done."))
    on = bool(on)
    with set_actor(by):
        save_versioned(
            assignment,
            expected_version,
            special_control=on,
            special_control_since=calendar.today() if on else None,
        )
    return assignment


def _notify(*, to: list[str], subject: str, body: str) -> None:
    # One mail path for the whole project: retried and kept on failure (core.jobs).
    enqueue_email(to=to, subject=subject, body=body)


def _leaders_of(office: Office) -> list[str]:
    return list(
        Membership.objects.filter(office=office, role=Role.AKIM)
        .exclude(user__email="")
        .values_list("user__email", flat=True)
    )


def assignments_remind(*, today: dt.date | None = None) -> int:
    """Remind executors 3 and 1 working days before the deadline, and the akim too for an
    assignment on special control; each reminder once."""
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
            akims = _leaders_of(assignment.office) if assignment.special_control else []
            _notify(
                to=[assignment.executor.email, *akims],
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
