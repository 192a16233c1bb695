"""What "open", "overdue" and "in this territory" mean for assignments from meetings,
once (see ``tyndau.appeals.querysets`` for appeals). "Today" is
:func:`tyndau.core.calendar.today`."""

from __future__ import annotations

import datetime as dt

from django.db.models import Q

from tyndau.core import calendar
from tyndau.territory.querysets import TerritoryScopedQuerySet


def assignment_open_q() -> Q:
    from .models import AssignmentStatus

    return Q(status=AssignmentStatus.IN_PROGRESS)


def assignment_overdue_q(*, on: dt.date | None = None) -> Q:
    return assignment_open_q() & Q(due_on__lt=on or calendar.today())


class AssignmentQuerySet(TerritoryScopedQuerySet):
    def open(self):
        return self.filter(assignment_open_q())

    def overdue(self, *, on: dt.date | None = None):
        return self.filter(assignment_overdue_q(on=on))

    def done(self):
        from .models import AssignmentStatus

        return self.filter(status=AssignmentStatus.DONE)


class MeetingQuerySet(TerritoryScopedQuerySet):
    pass


class QuestionQuerySet(TerritoryScopedQuerySet):
    territory_field = "meeting__territory"
