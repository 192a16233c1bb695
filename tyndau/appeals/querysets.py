"""What "open", "overdue", "considered", "public", "in this territory" and "visible to"
mean for appeals: written once here, read by reports, the portal, the dashboard, the API
filters, the tasks and the templates (``appeal.is_overdue``).

The ``*_q`` functions give the same meanings as ``Q`` objects for conditional aggregates
(``Count("pk", filter=overdue_q(on=today))``). "Today" is always
:func:`tyndau.core.calendar.today` (the date in Asia/Almaty).
"""

from __future__ import annotations

import datetime as dt

from django.db.models import Q

from tyndau.core import calendar
from tyndau.territory.querysets import TerritoryScopedQuerySet


def open_q() -> Q:
    """Registered, in progress or extended: not yet decided."""
    from .models import OPEN_STATUSES

    return Q(status__in=OPEN_STATUSES)


def overdue_q(*, on: dt.date | None = None) -> Q:
    """Open and past the deadline on the day ``on`` (today by default)."""
    return open_q() & Q(due_on__lt=on or calendar.today())


def considered_q(start: dt.date, end: dt.date) -> Q:
    """Decided (answered, redirected or closed with an outcome) between the two dates,
    inclusive, whenever the appeal was registered."""
    return Q(decided_on__gte=start, decided_on__lte=end)


def public_q() -> Q:
    """What the public may see: not anonymous (not considered) appeals, not crime reports
    (those go to the police, not to a public page)."""
    from .models import PUBLIC_STATUSES

    return Q(status__in=PUBLIC_STATUSES) & ~Q(applicant_type="anonymous") & ~Q(crime_report=True)


class AppealQuerySet(TerritoryScopedQuerySet):
    def open(self):
        return self.filter(open_q())

    def overdue(self, *, on: dt.date | None = None):
        return self.filter(overdue_q(on=on))

    def considered_between(self, start: dt.date, end: dt.date):
        return self.filter(considered_q(start, end))

    def counted(self):
        """Counted in public statistics (figures only, never texts)."""
        return self.filter(public_q())

    def public(self):
        """Readable by the public: counted, and published by a clerk after moderation
        (issue 17, ``tyndau.privacy``: nothing is public before a person looks)."""
        return self.filter(public_q(), publication__state="published")


class RatingQuerySet(TerritoryScopedQuerySet):
    territory_field = "appeal__territory"
