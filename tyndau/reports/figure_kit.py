"""The pieces every report form is made of: the sources (appeals, meetings, questions,
receptions), ``Figure`` and ``Grouping``, the territory scope of a source, the columns of
topics, and the quarter windows of Decree 826. The forms' figures are in
``appeal_figures`` and ``meeting_figures``; ``services`` computes and builds a form."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field

from django.apps import apps
from django.db.models import Case, Count, IntegerField, Q, Sum, Value, When
from django.db.models.functions import TruncDate
from django.utils.translation import gettext as _

from tyndau.appeals.models import (
    Appeal,
)
from tyndau.core.errors import DomainError
from tyndau.territory.querysets import within_q

from .definitions import (
    COLUMNS,
    OWN,
    SUBTREE,
)

APPEALS = "appeals"
MEETINGS = "meetings"
QUESTIONS = "questions"
RECEPTIONS = "receptions"  # visits to the personal reception (meetings.ReceptionSession)

# Meetings with heads of organisations are listed apart from meetings with residents.
ORGANISATIONS = "organisations"

# The count fields of a meeting (issue 4's import format), by group and key.
MEETING_COUNTS = {
    "broadcasts": ["instagram", "facebook", "videoconference", "tv"],
    "participants": ["offline", "instagram", "facebook", "videoconference", "tv"],
    "media": ["central", "local", "social"],
    "officials_present": ["government", "parliament", "state_bodies"],
}


def meeting_field(group: str, key: str) -> str:
    """The model field holding one count of a meeting, e.g. ``broadcasts_instagram``,
    ``officials_government`` (``tyndau.meetings.models.Meeting``)."""
    if group == "officials_present":
        group = "officials"
    return f"{group}_{key}"


class ReportError(DomainError):
    """A report cannot be built as asked (unknown form, bad period, missing module)."""


@dataclass(frozen=True)
class Grouping:
    """One GROUP BY query of a source shared by several figures: the records matching
    ``base`` grouped by a few dimensions (``by``: alias → expression), with a few
    aggregates per group (``measures``: alias → aggregate). A figure then adds up the
    aggregated values of the groups it ``match``-es, a handful of numbers: never rows."""

    name: str
    base: Q
    by: tuple[tuple[str, object], ...]
    measures: tuple[tuple[str, object], ...] = (("n", Count("pk")),)
    # The same rows from a maintained tally, for the territories it covers:
    # (territory, scope) → [row] (``aggregated``); None: always from the records.
    tally: Callable | None = None


@dataclass
class Figure:
    key: str  # dotted path in the report data, e.g. "received_by_source.individual"
    source: str  # APPEALS, MEETINGS or QUESTIONS
    q: Q = field(default_factory=Q)
    sum_of: object = None  # None: count the records; else an expression to sum
    distinct: object = None  # count distinct values of this expression
    # What the figure means is ``q`` with ``sum_of``/``distinct``: the drill-down lists the
    # records matching ``q``, and a figure without a grouping is that conditional
    # aggregate. A figure with a grouping is computed instead from the GROUP BY: the sum of
    # ``measures`` over the groups that ``match`` (the groups ``q`` selects), so that a
    # form reads its rows once whatever the number of its cells. The tests check that both
    # ways give the same value for every figure of every form.
    grouping: Grouping | None = None
    match: Callable[[dict], bool] | None = None
    measures: tuple[str, ...] = ("n",)


# --- sources -----------------------------------------------------------------------------


def meeting_models():
    """(Meeting, Question) from the meetings app, or a clear error if they are not there."""
    try:
        return apps.get_model("meetings", "Meeting"), apps.get_model("meetings", "Question")
    except LookupError:
        raise ReportError(
            _("Meeting records are not available: the meetings module is not installed."),
            code="meetings_unavailable",
        ) from None


def _place(prefix: str, territory, scope: str) -> Q:
    """The records of the territory itself (own) or of its subtree, by the territory
    field reached through ``prefix`` (e.g. "territory", "meeting__territory");
    ``territory`` None is the whole country."""
    if territory is None:
        return Q()
    if scope == OWN:
        return Q(**{f"{prefix}_id": territory.pk})
    return within_q(territory, field=prefix)


def source_queryset(source: str, territory, scope: str = SUBTREE):
    """The records of a source that belong to the territory (own) or to its subtree."""
    if source == APPEALS:
        return Appeal.objects.filter(_place("territory", territory, scope))
    meeting, question = meeting_models()
    if source == MEETINGS:
        return meeting.objects.filter(_place("territory", territory, scope))
    if source == QUESTIONS:
        return question.objects.filter(_place("meeting__territory", territory, scope))
    # A visit to the personal reception belongs where its questions were registered
    # (``place``: the territory of the appeals made of them); ``held_day`` is its local date.
    session = apps.get_model("meetings", "ReceptionSession")
    return session.objects.filter(_place("place", territory, scope)).annotate(
        held_day=TruncDate("held_at")
    )


# --- topic columns -----------------------------------------------------------------------


def column_ids(form: str) -> tuple[dict[str, list[int]], list[int]]:
    """({column: topic ids}, every mapped topic id) of a mapped form."""
    from .models import FormTopicMapping

    ids: dict[str, list[int]] = defaultdict(list)
    for column, topic_id in (
        FormTopicMapping.objects.filter(form=form).order_by().values_list("column", "topic_id")
    ):
        ids[column].append(topic_id)
    return ids, [i for values in ids.values() for i in values]


def topic_columns(form: str) -> dict[str, tuple[Q, Callable[[object], bool]]]:
    """{column: (Q on the topic, the same test of a topic id)} for a mapped form, in the
    form's order; unmapped topics fall into "other"."""
    ids, mapped = column_ids(form)
    all_mapped = frozenset(mapped)

    def among(values: frozenset):
        # An empty IN never matches; "IS NULL" says the same for a required topic.
        if values:
            return Q(topic_id__in=sorted(values)), values.__contains__
        return Q(topic_id=None), lambda topic: topic is None

    columns = {column: among(frozenset(ids.get(column, []))) for column, _label in COLUMNS[form]}
    if mapped:
        q, test = columns["other"]
        columns["other"] = (
            q | ~Q(topic_id__in=sorted(all_mapped)),
            lambda topic, test=test: test(topic) or topic not in all_mapped,
        )
    else:
        columns["other"] = (Q(), lambda topic: True)
    return columns


def column_figures(
    columns: dict, key: str, source: str, q: Q, grouping: Grouping, match: Callable[[dict], bool]
) -> list[Figure]:
    """One figure per topic column (``key`` has ``{column}``) of the records matching ``q``,
    from a grouping by topic (``g_topic``) whose groups ``match`` say the same as ``q``."""
    return [
        Figure(
            key.format(column=column),
            source,
            q & column_q,
            grouping=grouping,
            match=lambda row, test=test: match(row) and test(row["g_topic"]),
        )
        for column, (column_q, test) in columns.items()
    ]


# --- periods -----------------------------------------------------------------------------


def _between(name: str, start: dt.date, end: dt.date) -> Q:
    return Q(**{f"{name}__gte": start, f"{name}__lte": end})


def quarters_in(date_from: dt.date, date_to: dt.date) -> list[dict]:
    """The quarters overlapping the period, each with its cumulative window."""
    result = []
    year, quarter = date_from.year, (date_from.month - 1) // 3 + 1
    while True:
        q_start = dt.date(year, 3 * quarter - 2, 1)
        if q_start > date_to:
            break
        next_start = dt.date(year + (quarter == 4), 1 if quarter == 4 else 3 * quarter + 1, 1)
        q_end = next_start - dt.timedelta(days=1)
        result.append(
            {
                "year": year,
                "quarter": quarter,
                "from": dt.date(year, 1, 1),
                "to": min(q_end, date_to),
            }
        )
        year, quarter = next_start.year, (next_start.month - 1) // 3 + 1
    return result


def quarter_windows(quarters: list[dict]) -> list[tuple[dt.date, dt.date]]:
    """Disjoint windows, one per quarter, whose union up to a quarter (within its year) is
    that quarter's cumulative window: the first quarter of a year in the period starts on
    1 January, the next ones the day after the previous quarter's end."""
    windows = []
    for index, quarter in enumerate(quarters):
        start = quarter["from"]
        if index and quarters[index - 1]["year"] == quarter["year"]:
            start = quarters[index - 1]["to"] + dt.timedelta(days=1)
        windows.append((start, quarter["to"]))
    return windows


# --- group dimensions --------------------------------------------------------------------


def _flag(q: Q) -> Case:
    """1 for the rows matching ``q``, else 0: a dimension saying whether a row counts."""
    return Case(When(q, then=Value(1)), default=Value(0), output_field=IntegerField())


def _window_of(name: str, windows, when: Q | None = None) -> Case:
    """The index of the window holding the date ``name`` (and matching ``when``), else
    NULL: a dimension putting each row in its quarter."""
    return Case(
        *[
            When((when or Q()) & _between(name, start, end), then=Value(index))
            for index, (start, end) in enumerate(windows)
        ],
        default=Value(None),
        output_field=IntegerField(),
    )


def _sums(fields: list[str]) -> tuple[tuple[str, object], ...]:
    """A sum per field (count fields of a meeting: never NULL) for a grouping's measures."""
    return tuple((name, Sum(name)) for name in fields)


# --- the forms ---------------------------------------------------------------------------
