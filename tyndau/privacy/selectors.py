"""Reads of publications and the access log that depend on who asks."""

from __future__ import annotations

from django.db.models import Count, Q, QuerySet

from tyndau.appeals.models import Appeal
from tyndau.territory.models import Role
from tyndau.territory.selectors import memberships_of, scope_q

from .models import AccessRecord, Publication
from .policy import WORKERS

NEVER_PUBLIC = Q(applicant_type="anonymous") | Q(crime_report=True)


def moderator_office_ids(*, user) -> list[int]:
    """Offices in which ``user`` moderates (akim, deputy, clerk: who read the raw text)."""
    return [m.office_id for m in memberships_of(user=user) if m.role in WORKERS]


def moderation_queue(*, user) -> QuerySet[Appeal]:
    """Appeals of the user's own offices waiting for a clerk to publish or keep private."""
    offices = moderator_office_ids(user=user)
    if getattr(user, "is_superuser", False):
        q = Q()
    elif not offices:
        return Appeal.objects.none()
    else:
        q = Q(office_id__in=offices)
    return (
        Appeal.objects.filter(q)
        .exclude(NEVER_PUBLIC)
        .filter(Q(publication__isnull=True) | Q(publication__state=Publication.State.PENDING))
        .select_related("topic", "territory", "office", "publication")
        .order_by("registered_on", "id")
    )


def moderation_counts(*, user) -> dict:
    """Waiting, published and kept private in the user's own offices: one query."""
    offices = moderator_office_ids(user=user)
    if getattr(user, "is_superuser", False):
        base = Appeal.objects.all()
    elif not offices:
        return {"pending": 0, "published": 0, "private": 0}
    else:
        base = Appeal.objects.filter(office_id__in=offices)
    pending = ~NEVER_PUBLIC & (
        Q(publication__isnull=True) | Q(publication__state=Publication.State.PENDING)
    )
    return base.aggregate(
        pending=Count("id", filter=pending),
        published=Count("id", filter=Q(publication__state=Publication.State.PUBLISHED)),
        private=Count("id", filter=Q(publication__state=Publication.State.PRIVATE) | NEVER_PUBLIC),
    )


# --- access log ---------------------------------------------------------------------------

LOG_READERS = {Role.AKIM, Role.ADMINISTRATOR}


def may_read_access_log(*, user) -> bool:
    return getattr(user, "is_superuser", False) or any(
        m.role in LOG_READERS for m in memberships_of(user=user)
    )


def access_log_visible_to(*, user) -> QuerySet[AccessRecord]:
    """Access records of appeals in the territory of the offices where ``user`` is the akim
    or the administrator."""
    if not may_read_access_log(user=user):
        return AccessRecord.objects.none()
    q = scope_q(user=user, field="appeal__territory__path", roles=LOG_READERS)
    return AccessRecord.objects.filter(q).select_related("user", "appeal").order_by("-at", "-id")


def access_log_by_staff(*, user) -> list[dict]:
    """Per staff member: how many reads and of how many appeals (in the database)."""
    return list(
        access_log_visible_to(user=user)
        .values("user_id", "user__username", "user__last_name", "user__first_name")
        .annotate(reads=Count("id"), appeals=Count("appeal_id", distinct=True))
        .order_by("-reads", "user_id")
    )
