"""Public reads for the portal: anonymised appeals and statistics, computed in the database.

Built on ``tyndau.appeals.selectors`` (the public list and its anonymisation). The
portal shows appeals only through these functions, so a name, an IIN, a phone number,
an e-mail address or a house number cannot reach a public page unless the resident agreed
to publish (``publish_consent``).
"""

from __future__ import annotations

from datetime import timedelta

from django.db import models
from django.db.models import (
    Avg,
    Count,
    DurationField,
    ExpressionWrapper,
    F,
    Q,
    QuerySet,
)
from django.db.models.functions import Greatest, Replace

from tyndau.appeals import selectors as appeals_selectors
from tyndau.appeals.models import Appeal, AppealEvent, AppealFollow, Status
from tyndau.appeals.querysets import open_q
from tyndau.territory.models import Territory

HIDDEN = "[…]"

# Timeline steps a resident sees; internal ones (reminders, escalations, edits) stay inside.
PUBLIC_EVENT_KINDS = (
    AppealEvent.Kind.REGISTERED,
    AppealEvent.Kind.ASSIGNED,
    AppealEvent.Kind.EXTENDED,
    AppealEvent.Kind.ANSWERED,
    AppealEvent.Kind.REDIRECTED,
    AppealEvent.Kind.NOT_CONSIDERED,
    AppealEvent.Kind.CLOSED,
    AppealEvent.Kind.RATED,
    AppealEvent.Kind.CHALLENGED,
    AppealEvent.Kind.CHALLENGE_FILED,
)

# Anonymisation (IINs, phones, e-mail, names, house and flat numbers) lives in the appeals
# selectors, so the portal, the API and Open311 hide the same things.
hide_house_numbers = appeals_selectors.hide_house_numbers
appeal_public_text = appeals_selectors.appeal_public_text
appeal_public_answer = appeals_selectors.appeal_public_answer
appeal_public_street = appeals_selectors.appeal_public_street


def appeal_list_public() -> QuerySet[Appeal]:
    return appeals_selectors.appeal_list_public()


def appeal_list_public_filtered(*, topic=None, status=None, territory=None) -> QuerySet[Appeal]:
    qs = appeal_list_public()
    if topic is not None:
        qs = qs.filter(topic=topic)
    if status:
        qs = qs.filter(status=status)
    if territory is not None:
        qs = qs.within(territory)
    return qs.order_by("-registered_on", "-id")


def appeal_list_recently_answered(*, limit: int = 5) -> list[Appeal]:
    return list(
        appeal_list_public()
        .exclude(outcome="")
        .exclude(answer_text="")
        .order_by("-decided_on", "-id")[:limit]
    )


def public_point(appeal: Appeal) -> tuple[float, float] | None:
    """Map position: exact if the resident agreed to publish, else about 100 m off."""
    if appeal.latitude is None or appeal.longitude is None:
        return None
    if appeal.publish_consent:
        return appeal.latitude, appeal.longitude
    return round(appeal.latitude, 3), round(appeal.longitude, 3)


def _phone_digits_expression():
    """Appeal.phone as typed, without the usual separators (both databases)."""
    expression = models.F("phone")
    for ch in (" ", "-", "(", ")", "+", "\u00a0"):
        expression = Replace(expression, models.Value(ch), models.Value(""))
    return expression


def appeal_list_for_resident(*, user) -> QuerySet[Appeal]:
    """The appeals of a signed-in resident: filed from the account, or with the phone or
    e-mail the resident proved with a one-time code (also before the account existed)."""
    if not getattr(user, "is_authenticated", False):
        return Appeal.objects.none()
    mine = models.Q(applicant_user=user)
    appeals = Appeal.objects.all()
    if user.verified_email:
        mine |= models.Q(email__iexact=user.verified_email)
    if user.verified_phone:
        appeals = appeals.alias(phone_digits=_phone_digits_expression())
        mine |= models.Q(phone_digits__endswith=user.verified_phone)
    return (
        appeals.filter(mine)
        .select_related("topic", "office", "territory")
        .order_by("-received_at", "-id")
    )


def appeal_is_followed_by(*, appeal: Appeal, user) -> bool:
    if not getattr(user, "is_authenticated", False):
        return False
    return AppealFollow.objects.filter(appeal=appeal, user=user).exists()


def appeal_list_followed_by(*, user) -> QuerySet[Appeal]:
    """The public appeals a resident supports, newest support first (public fields only)."""
    if not getattr(user, "is_authenticated", False):
        return Appeal.objects.none()
    return appeal_list_public().filter(follows__user=user).order_by("-follows__created_at", "-id")


def appeal_timeline(*, appeal: Appeal) -> QuerySet[AppealEvent]:
    return appeal.events.filter(kind__in=PUBLIC_EVENT_KINDS).order_by("at", "id")


def territory_appeal_stats(*, territory: Territory) -> dict:
    """Received, answered, answered on time, average days to answer and satisfaction for a
    territory and everything below it, in one query."""
    answered = ~Q(outcome="") & Q(decided_on__isnull=False)
    row = (
        appeals_selectors.appeal_list_counted()
        .within(territory)
        .aggregate(
            received=Count("id"),
            answered=Count("id", filter=answered),
            on_time=Count("id", filter=answered & Q(decided_on__lte=F("due_on"))),
            redirected=Count("id", filter=Q(status=Status.REDIRECTED)),
            open=Count("id", filter=open_q()),
            avg_duration=Avg(
                # an appeal answered before its (next working day) registration date
                # counts as answered the same day
                ExpressionWrapper(
                    Greatest(F("decided_on"), F("registered_on")) - F("registered_on"),
                    output_field=DurationField(),
                ),
                filter=answered,
            ),
            rated=Count("rating"),
            satisfaction=Avg("rating__score"),
        )
    )
    avg = row.pop("avg_duration")
    if isinstance(avg, timedelta):
        row["avg_days"] = round(avg.total_seconds() / 86400, 1)
    elif avg is not None:  # some backends give microseconds
        row["avg_days"] = round(float(avg) / 86_400_000_000, 1)
    else:
        row["avg_days"] = None
    row["on_time_share"] = (
        round(100 * row["on_time"] / row["answered"]) if row["answered"] else None
    )
    if row["satisfaction"] is not None:
        row["satisfaction"] = round(row["satisfaction"], 1)
    return row


def territory_appeal_stats_by_topic(*, territory: Territory) -> list[dict]:
    answered = ~Q(outcome="") & Q(decided_on__isnull=False)
    return list(
        appeals_selectors.appeal_list_counted()
        .within(territory)
        .values("topic__code", "topic__name_ru", "topic__name_kk", "topic__name_en")
        .annotate(
            received=Count("id"),
            answered=Count("id", filter=answered),
            on_time=Count("id", filter=answered & Q(decided_on__lte=F("due_on"))),
            satisfaction=Avg("rating__score"),
        )
        .order_by("-received", "topic__code")
    )
