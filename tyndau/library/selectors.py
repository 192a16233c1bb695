"""Reads of the answer library: the public FAQ, suggestions, and the counters for staff."""

from __future__ import annotations

from django.db.models import Case, Count, Exists, IntegerField, OuterRef, Q, QuerySet, Value, When

from tyndau.appeals.models import Appeal, Outcome, Status
from tyndau.appeals.selectors import appeal_list_visible_to
from tyndau.territory.models import Territory

from . import search
from .models import Entry, Impression

SUGGESTIONS = 3
MIN_TEXT_FOR_SUGGESTIONS = 12


def entry_list_public() -> QuerySet[Entry]:
    return Entry.objects.filter(is_published=True).select_related("topic", "office__territory")


def entry_search_public(*, text: str = "", topic=None):
    qs = entry_list_public()
    if topic is not None:
        qs = qs.filter(topic=topic)
    if text and search.words_of(text):
        return search.search(qs, text, mode="all")
    return qs


def entry_suggestions(*, text: str, limit: int = SUGGESTIONS) -> list[Entry]:
    """Up to three entries that may answer what the resident is typing."""
    if len((text or "").strip()) < MIN_TEXT_FOR_SUGGESTIONS:
        return []
    return list(search.search(entry_list_public(), text, mode="any", limit=limit))


def entry_list_visible_to(*, user) -> QuerySet[Entry]:
    from tyndau.territory.selectors import scope_q

    return Entry.objects.filter(scope_q(user=user, field="office__territory__path")).select_related(
        "topic", "source_appeal"
    )


def library_counters(*, territory: Territory) -> dict:
    """For the akim's dashboard: per entry of offices in the territory's subtree, how often
    it was suggested and how often the resident then did not file."""
    rows = (
        Entry.objects.filter(office__territory__path__startswith=territory.path)
        .annotate(
            shown=Count("impressions"),
            not_filed=Count("impressions", filter=Q(impressions__filed=False)),
        )
        .filter(shown__gt=0)
        .select_related("topic")
        .order_by("-shown", "-not_filed", "id")
    )
    totals = Impression.objects.filter(
        entry__office__territory__path__startswith=territory.path
    ).aggregate(shown=Count("id"), not_filed=Count("id", filter=Q(filed=False)))
    return {"rows": list(rows[:10]), "totals": totals}


def appeals_to_publish(*, user) -> QuerySet[Appeal]:
    """Answered appeals in the user's scope not yet in the library, *explained* first."""
    published = Entry.objects.filter(source_appeal=OuterRef("pk"))
    return (
        appeal_list_visible_to(user=user)
        .filter(status__in=[Status.ANSWERED, Status.CLOSED])
        .exclude(answer_text="")
        .annotate(in_library=Exists(published))
        .filter(in_library=False)
        .annotate(
            later=Case(
                When(outcome=Outcome.EXPLAINED, then=Value(0)),
                default=Value(1),
                output_field=IntegerField(),
            )
        )
        .order_by("later", "-decided_on", "-id")
    )
