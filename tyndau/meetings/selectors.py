"""Reads of meetings, assignments and receptions: per user for staff, public for the portal."""

from __future__ import annotations

import datetime as dt
from collections import OrderedDict

from django.db.models import Count, Prefetch, Q, QuerySet

from tyndau.core import calendar
from tyndau.territory.selectors import scope_q

from .models import (
    Assignment,
    AssignmentStatus,
    BookingStatus,
    Meeting,
    MeetingStatus,
    Question,
    ReceptionBooking,
    ReceptionSession,
)
from .querysets import assignment_open_q, assignment_overdue_q


def _with_counts(qs: QuerySet[Meeting]) -> QuerySet[Meeting]:
    return qs.select_related("territory", "office__territory").annotate(
        question_count=Count("questions", distinct=True),
        repeated_count=Count("questions", filter=Q(questions__repeated=True), distinct=True),
    )


def meeting_list_visible_to(*, user) -> QuerySet[Meeting]:
    return _with_counts(Meeting.objects.filter(scope_q(user=user, field="territory__path")))


def meeting_get_visible_to(*, user, pk: int) -> Meeting | None:
    return (
        Meeting.objects.filter(scope_q(user=user, field="territory__path"), pk=pk)
        .select_related("territory", "office__territory")
        .prefetch_related(
            Prefetch(
                "questions",
                queryset=Question.objects.select_related(
                    "topic", "appeal", "assignment__executor"
                ).order_by("id"),
            ),
            "photos",
        )
        .first()
    )


def meetings_by_month(meetings) -> OrderedDict:
    """Group meetings (already ordered by date) by the first day of their month."""
    months: OrderedDict = OrderedDict()
    for meeting in meetings:
        months.setdefault(meeting.date.replace(day=1), []).append(meeting)
    return months


def meeting_plan_of_year(*, meetings: QuerySet[Meeting], year: int) -> QuerySet[Meeting]:
    """The yearly plan: every meeting planned in the year, held or not, by date."""
    return meetings.filter(planned_on__year=year).order_by("planned_on", "starts_at", "id")


# ---------------------------------------------------------------------------- public


def meeting_list_public() -> QuerySet[Meeting]:
    return _with_counts(Meeting.objects.exclude(status=MeetingStatus.CANCELLED))


def meeting_list_upcoming(*, today: dt.date | None = None) -> QuerySet[Meeting]:
    today = today or calendar.today()
    return (
        meeting_list_public()
        .filter(status=MeetingStatus.PLANNED, planned_on__gte=today)
        .order_by("planned_on", "starts_at")
    )


def meeting_list_past() -> QuerySet[Meeting]:
    return meeting_list_public().filter(status=MeetingStatus.HELD).order_by("-held_on", "-id")


def meeting_get_public(*, pk: int) -> Meeting | None:
    """A meeting as the public sees it: questions with what became of each assignment.

    Templates show only topic, text, repeated and the assignment's status, deadline and
    result; a question that became a personal appeal is shown by its topic only.
    """
    return (
        meeting_list_public()
        .filter(pk=pk)
        .prefetch_related(
            Prefetch(
                "questions",
                queryset=Question.objects.select_related("topic", "assignment").order_by("id"),
            ),
            "photos",
        )
        .first()
    )


# ---------------------------------------------------------------------------- assignments


def assignment_list_visible_to(*, user, mine: bool = False) -> QuerySet[Assignment]:
    qs = Assignment.objects.visible_to(user)
    if mine:
        qs = qs.filter(executor=user)
    return qs.select_related("executor", "question__meeting", "question__topic", "territory")


def assignment_counts(*, assignments: QuerySet[Assignment], today: dt.date | None = None) -> dict:
    return assignments.aggregate(
        total=Count("pk"),
        open=Count("pk", filter=assignment_open_q()),
        overdue=Count("pk", filter=assignment_overdue_q(on=today)),
        done=Count("pk", filter=Q(status=AssignmentStatus.DONE)),
    )


# ---------------------------------------------------------------------------- reception


def booking_list_visible_to(*, user, upcoming_only: bool = True) -> QuerySet[ReceptionBooking]:
    qs = ReceptionBooking.objects.filter(
        scope_q(user=user, field="office__territory__path")
    ).select_related("office__territory", "topic")
    if upcoming_only:
        qs = qs.filter(
            status=BookingStatus.BOOKED,
            starts_at__date__gte=calendar.today(),
        )
    return qs.order_by("starts_at")


def session_list_visible_to(*, user) -> QuerySet[ReceptionSession]:
    return (
        ReceptionSession.objects.filter(scope_q(user=user, field="office__territory__path"))
        .select_related("office__territory", "received_by")
        .prefetch_related("questions__appeal", "questions__topic")
        .order_by("-held_at")
    )
