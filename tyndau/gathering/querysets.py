"""What "serving", "present", "quorum" and "the votes" mean for the local community
gathering, once, and computed in the database.

- A member *serves* on a day when they were delegated on or before it and had not left
  by then (``left_on`` is the first day they no longer serve).
- A session's *roll* is the members of its territory serving on the day it is held; it
  *has a quorum* when those present are at least ``TYNDAU_GATHERING_QUORUM`` of the roll
  (by default one half: the Law on local government, art. 39-3, counts a session
  competent when at least half of the members take part).
- An agenda item's votes are counted from the members' recorded votes.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db.models import (
    BooleanField,
    Case,
    Count,
    F,
    IntegerField,
    OuterRef,
    Q,
    Subquery,
    When,
)
from django.db.models.functions import Coalesce

from tyndau.territory.querysets import TerritoryScopedQuerySet


def quorum_fraction() -> tuple[int, int]:
    """(numerator, denominator) of the share of the roll that makes a quorum."""
    numerator, denominator = getattr(settings, "TYNDAU_GATHERING_QUORUM", (1, 2))
    return int(numerator), int(denominator)


def serving_q(*, on, prefix: str = "") -> Q:
    """Members serving on ``on`` (a date or an expression such as ``OuterRef``)."""
    return Q(**{f"{prefix}delegated_on__lte": on}) & (
        Q(**{f"{prefix}left_on__isnull": True}) | Q(**{f"{prefix}left_on__gt": on})
    )


class MemberQuerySet(TerritoryScopedQuerySet):
    def serving(self, *, on: dt.date):
        return self.filter(serving_q(on=on))


def _count(queryset, *, by: str) -> Coalesce:
    """A correlated ``COUNT(*)`` of ``queryset`` (grouped by ``by``, the column the outer
    query correlates on) as an integer expression, 0 when empty."""
    return Coalesce(
        Subquery(
            queryset.order_by().values(by).annotate(n=Count("pk")).values("n")[:1],
            output_field=IntegerField(),
        ),
        0,
    )


class SessionQuerySet(TerritoryScopedQuerySet):
    def with_attendance(self):
        """Annotate ``roll`` (members serving that day), ``present`` and ``has_quorum``."""
        from .models import Attendance, Member

        numerator, denominator = quorum_fraction()
        roll = Member.objects.filter(
            serving_q(on=OuterRef("held_on")), territory=OuterRef("territory")
        )
        present = Attendance.objects.filter(session=OuterRef("pk"))
        return (
            self.annotate(roll=_count(roll, by="territory"), present=_count(present, by="session"))
            .annotate(_present_share=F("present") * denominator, _roll_share=F("roll") * numerator)
            .annotate(
                has_quorum=Case(
                    When(Q(roll__gt=0) & Q(_present_share__gte=F("_roll_share")), then=True),
                    default=False,
                    output_field=BooleanField(),
                )
            )
        )

    def public(self):
        from .models import SessionStatus

        return self.exclude(status=SessionStatus.CANCELLED)


class AgendaItemQuerySet(TerritoryScopedQuerySet):
    territory_field = "session__territory"

    def with_votes(self):
        """Annotate ``votes_for``, ``votes_against``, ``votes_abstained`` from the votes."""
        from .models import VoteChoice

        return self.annotate(
            votes_for=Count("votes", filter=Q(votes__choice=VoteChoice.FOR)),
            votes_against=Count("votes", filter=Q(votes__choice=VoteChoice.AGAINST)),
            votes_abstained=Count("votes", filter=Q(votes__choice=VoteChoice.ABSTAIN)),
        )


class DecisionQuerySet(TerritoryScopedQuerySet):
    territory_field = "agenda_item__session__territory"

    def public(self):
        """Decisions of sessions that are closed (their minutes are final)."""
        from .models import SessionStatus

        return self.filter(agenda_item__session__status=SessionStatus.CLOSED)
