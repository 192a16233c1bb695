"""Reads of triage: the model in use, suggestions for a text, the executors who answered
such appeals before, the open appeals that look like the same problem, the largest open
problems. Suggestions only: nothing here changes an appeal."""

from __future__ import annotations

import math
import time
from dataclasses import dataclass
from pathlib import Path

from django.contrib.auth import get_user_model
from django.db.models import Count, Q, QuerySet, Sum
from django.utils import timezone

from tyndau.appeals.models import DECIDED_STATUSES, OPEN_STATUSES, Appeal, Topic
from tyndau.appeals.services import EXECUTOR_ROLES
from tyndau.appeals.streets import normalise_street

from . import ml
from .models import Problem, ProblemAppeal, TopicModel

CHECK_SECONDS = 60.0  # how long a process keeps using the model it loaded before re-checking
NEAR_METRES = 300.0  # pins this close are "the same place"
SIMILAR_MIN = 0.3  # text similarity (cosine of character n-grams) worth showing
SIMILAR_CANDIDATES = 300
_current: tuple[float, str] | None = None


def topic_model_current() -> dict:
    """The model in use (the active version, else the base model), loaded once per process
    and re-checked every minute, so a retrain reaches every worker."""
    global _current
    now = time.monotonic()
    if _current is None or now - _current[0] > CHECK_SECONDS:
        active = TopicModel.objects.filter(status=TopicModel.Status.ACTIVE).first()
        path = str(ml.model_dir() / active.file) if active else ""
        if path and not Path(path).exists():
            path = ""
        _current = (now, path)
    return ml.load(Path(_current[1])) if _current[1] else ml.base_model()


def topic_model_forget() -> None:
    global _current
    _current = None


@dataclass
class TopicSuggestion:
    topic: Topic
    confidence: float
    words: list[tuple[str, float]]
    alternatives: list[tuple[Topic, float]]
    model_version: int

    @property
    def percent(self) -> int:
        return round(self.confidence * 100)


def topic_suggest(*, text: str) -> TopicSuggestion | None:
    """The suggested topic of a text, or None for an empty text or an unknown topic code."""
    if not (text or "").strip():
        return None
    raw = ml.suggest(topic_model_current(), text)
    topics = Topic.objects.in_bulk(
        [raw.topic, *[code for code, _ in raw.alternatives]], field_name="code"
    )
    if raw.topic not in topics:
        return None
    return TopicSuggestion(
        topic=topics[raw.topic],
        confidence=raw.confidence,
        words=raw.words,
        alternatives=[(topics[c], p) for c, p in raw.alternatives if c in topics],
        model_version=raw.model_version,
    )


def topic_codes_for(texts: list[str]) -> list[str]:
    """One topic code per text, in order (for ``suggest_topic``)."""
    return ml.predict_codes(topic_model_current(), texts) if texts else []


# --- executors ---------------------------------------------------------------------------


def executor_suggestions(*, office, topic: Topic, territory=None, street: str = "", limit=5):
    """The office's executors, those who answered appeals of this topic in this place
    first, then of this topic anywhere in the office; each with their open appeals
    (``load``) and how many of those are overdue. One query."""
    today = timezone.localdate()
    executed = "appeals_executed"
    answered = Q(
        **{
            f"{executed}__office": office,
            f"{executed}__topic": topic,
            f"{executed}__status__in": DECIDED_STATUSES,
        }
    )
    place = Q(**{f"{executed}__territory": territory or office.territory})
    street = normalise_street(street)
    if street:
        place |= Q(**{f"{executed}__street": street})
    is_open = Q(**{f"{executed}__status__in": OPEN_STATUSES, f"{executed}__office": office})
    return list(
        get_user_model()
        .objects.filter(memberships__office=office, memberships__role__in=EXECUTOR_ROLES)
        .annotate(
            answered_here=Count(executed, filter=answered & place, distinct=True),
            answered_topic=Count(executed, filter=answered, distinct=True),
            load=Count(executed, filter=is_open, distinct=True),
            overdue=Count(
                executed,
                filter=is_open & Q(**{f"{executed}__due_on__lt": today}),
                distinct=True,
            ),
        )
        .filter(answered_topic__gt=0)
        .order_by("-answered_here", "-answered_topic", "overdue", "load", "pk")[:limit]
    )


# --- similar appeals ---------------------------------------------------------------------


def _metres(lat1, lon1, lat2, lon2) -> float:
    r = 6_371_000.0
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * r * math.asin(math.sqrt(a))


@dataclass
class SimilarAppeal:
    appeal: Appeal
    similarity: float
    same_street: bool
    metres: float | None
    problem_id: int | None

    @property
    def percent(self) -> int:
        return round(self.similarity * 100)


def similar_open_appeals(
    *,
    office,
    text: str,
    topic: Topic | None = None,
    street: str = "",
    latitude: float | None = None,
    longitude: float | None = None,
    exclude_id: int | None = None,
    limit: int = 5,
) -> list[SimilarAppeal]:
    """Open appeals of the office that look like the same problem: the same street, a pin
    within 300 m, or the same topic, whose text is similar (cosine of the model's
    character n-grams of the normalised text); the same place counts for more."""
    if not (text or "").strip():
        return []
    street = normalise_street(street)
    near = Q(topic=topic) if topic else Q(pk__in=[])
    if street:
        near |= Q(street=street)
    if latitude is not None and longitude is not None:
        d_lat = NEAR_METRES / 111_000 * 2
        d_lon = d_lat / max(math.cos(math.radians(latitude)), 0.01)
        near |= Q(
            latitude__range=(latitude - d_lat, latitude + d_lat),
            longitude__range=(longitude - d_lon, longitude + d_lon),
        )
    candidates = list(
        Appeal.objects.filter(near, office=office, status__in=OPEN_STATUSES)
        .exclude(pk=exclude_id)
        .select_related("topic", "problem_link")
        .only(
            "id", "number", "text", "street", "latitude", "longitude", "registered_on",
            "status", "topic__code", "topic__name_ru", "topic__name_kk", "topic__name_en",
            "problem_link__problem_id",
        )
        .order_by("-registered_on", "-id")[:SIMILAR_CANDIDATES]
    )  # fmt: skip
    if not candidates:
        return []
    chars = topic_model_current()["pipeline"].named_steps["features"].transformer_list[0][1]
    matrix = chars.transform([text, *[c.text for c in candidates]])
    similarity = (matrix[1:] @ matrix[0].T).toarray().ravel()
    found = []
    for appeal, sim in zip(candidates, similarity, strict=True):
        metres = None
        if None not in (latitude, longitude, appeal.latitude, appeal.longitude):
            metres = _metres(latitude, longitude, appeal.latitude, appeal.longitude)
        same_street = bool(street) and appeal.street == street
        same_place = same_street or (metres is not None and metres <= NEAR_METRES)
        score = float(sim) + (0.15 if same_place else 0.0)
        if sim >= SIMILAR_MIN and (same_place or sim >= 2 * SIMILAR_MIN):
            link = getattr(appeal, "problem_link", None)
            problem_id = link.problem_id if link else None
            found.append(SimilarAppeal(appeal, min(score, 1.0), same_street, metres, problem_id))
    found.sort(key=lambda s: s.similarity, reverse=True)
    return found[:limit]


# --- problems ----------------------------------------------------------------------------


def problem_sizes(problems: QuerySet[Problem]) -> QuerySet[Problem]:
    """Problems with ``appeal_count``, ``open_count`` and ``size`` (the signatories of every
    linked appeal: each appeal's applicant and the co-signatories who support it)."""
    return problems.annotate(
        appeal_count=Count("links", distinct=True),
        open_count=Count("links", filter=Q(links__appeal__status__in=OPEN_STATUSES)),
        size=Sum("links__appeal__signatories"),
    )


def problem_list_largest_open(*, territory=None, offices=None, limit: int = 10):
    """The open problems (at least one linked appeal still open) with the most people
    behind them, within a territory's subtree or a set of offices."""
    problems = Problem.objects.select_related("topic", "office__territory")
    if territory is not None:
        problems = problems.filter(office__territory__path__startswith=territory.path)
    if offices is not None:
        problems = problems.filter(office__in=offices)
    return list(
        problem_sizes(problems)
        .filter(open_count__gt=0)
        .order_by("-size", "-appeal_count", "pk")[:limit]
    )


def problem_of(appeal: Appeal) -> Problem | None:
    link = ProblemAppeal.objects.filter(appeal=appeal).select_related("problem").first()
    return link.problem if link else None


def problem_appeals(problem: Problem) -> QuerySet[Appeal]:
    return Appeal.objects.filter(problem_link__problem=problem).select_related("topic")


def problem_size_of(appeal: Appeal) -> int:
    """The size of the appeal's problem (0 if it has none): one query."""
    if not appeal.pk:
        return 0
    return (
        ProblemAppeal.objects.filter(problem__links__appeal_id=appeal.pk).aggregate(
            n=Sum("appeal__signatories")
        )["n"]
        or 0
    )


def problem_size_by_appeal(appeals: QuerySet[Appeal]) -> dict[int, int]:
    """{appeal id: size of its problem} for the appeals that belong to one: two queries."""
    links = dict(
        ProblemAppeal.objects.filter(appeal__in=appeals).values_list("appeal_id", "problem_id")
    )
    if not links:
        return {}
    sizes = dict(
        ProblemAppeal.objects.filter(problem_id__in=set(links.values()))
        .values("problem_id")
        .annotate(n=Sum("appeal__signatories"))
        .values_list("problem_id", "n")
    )
    return {appeal_id: sizes.get(problem_id, 0) for appeal_id, problem_id in links.items()}
