"""The report forms, computed in the database from records.

Every figure of a form is a ``Figure``: a source (appeals, meetings or questions raised at
meetings), a filter and what to aggregate (a count, or a sum of a field); the drill-down
list of a figure is the same source filtered by the same ``Q``, so a figure and its records
always reconcile. A report reads each source once or twice: most figures come from a
``Grouping`` (one GROUP BY of a source by quarter, level, channel, topic…, adding up the
few aggregated groups each figure is made of), the rest from one query of conditional
aggregates per source. The tests check every figure against its drill-down records.

Semantics (shown on every report page):

- records belong to the territory where they happened (``appeal.territory``,
  ``meeting.territory``); a report for a territory counts its whole subtree;
- *received* = registered within the period;
- *considered*, *redirected* and each outcome = decided within the period, whenever the
  appeal was registered (carried-over appeals count);
- *pending at end* = registered by the end of the period and not decided on that date;
- Decree 826 figures are cumulative from 1 January of the quarter's year to the quarter's
  end (or to the end of the period, if earlier); meetings planned count by planned date,
  held by held date; social appeals are appeals with channel "social" registered in that
  window; receptions are the days on which an office received citizens at a personal
  reception (appeals with channel "personal reception"), citizens the appeals themselves;
  by-level figures use the akim level of the office that holds the meeting or receives
  the appeal; critical remarks count by the level they are aimed at.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial

from django.apps import apps
from django.db.models import Case, CharField, Count, F, IntegerField, Q, Sum, Value, When
from django.db.models.functions import Cast, Coalesce, Concat, TruncDate
from django.utils.translation import gettext as _

from tyndau.appeals.models import (
    OPEN_STATUSES,
    Appeal,
    ApplicantType,
    Channel,
    Outcome,
    Status,
)
from tyndau.core.errors import DomainError
from tyndau.territory.querysets import within_q

from .definitions import (
    AKIM_LEVELS,
    APPEAL_OUTCOMES,
    APPEAL_TOPICS,
    COLUMNS,
    CRITICAL_LEVELS,
    DECREE_826,
    DEFAULT_SCOPE,
    FORMS,
    ONLINE_CHANNELS,
    OWN,
    PERSONAL_RECEPTION,
    REPORTING_MEETINGS,
    SCOPES,
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
    # A visit to the personal reception belongs where its questions were registered (the
    # appeals made of them carry the territory); ``held_day`` is its local date.
    session = apps.get_model("meetings", "ReceptionSession")
    asked = apps.get_model("meetings", "ReceptionQuestion").objects.filter(
        _place("appeal__territory", territory, scope)
    )
    return session.objects.filter(pk__in=asked.values("session_id")).annotate(
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


def appeal_outcome_figures(date_from, date_to) -> list[Figure]:
    received = _between("registered_on", date_from, date_to)
    decided = _between("decided_on", date_from, date_to)
    reception = Q(channel=Channel.PERSONAL_RECEPTION)
    considered = decided & ~Q(outcome="")
    # Decided after the end, or not decided at all and still open (an anonymous appeal left
    # without consideration, closed or not, is never pending).
    pending = Q(registered_on__lte=date_to) & (
        Q(decided_on__gt=date_to) | Q(decided_on__isnull=True, status__in=OPEN_STATUSES)
    )
    figures = [
        Figure("received", APPEALS, received),
        Figure(
            "received_by_source.individual",
            APPEALS,
            received & ~reception & Q(applicant_type=ApplicantType.INDIVIDUAL),
        ),
        Figure(
            "received_by_source.legal_entity",
            APPEALS,
            received & ~reception & Q(applicant_type=ApplicantType.LEGAL_ENTITY),
        ),
        Figure("received_by_source.personal_reception", APPEALS, received & reception),
        Figure(
            "received_by_source.anonymous",
            APPEALS,
            received & ~reception & Q(applicant_type=ApplicantType.ANONYMOUS),
        ),
        Figure("considered", APPEALS, considered),
        Figure(
            "redirected",
            APPEALS,
            decided & Q(outcome="") & Q(status__in=[Status.REDIRECTED, Status.CLOSED]),
        ),
    ]
    for name, outcome in [
        ("satisfied", Outcome.SATISFIED),
        ("refused", Outcome.REFUSED),
        ("explained", Outcome.EXPLAINED),
        ("terminated", Outcome.TERMINATED),
    ]:
        figures.append(Figure(name, APPEALS, decided & Q(outcome=outcome)))
    figures += [
        Figure("repeated", APPEALS, received & Q(repeated=True)),
        Figure("considered_repeatedly", APPEALS, considered & Q(repeated=True)),
        Figure("pending_at_end", APPEALS, pending),
    ]
    return figures


def appeal_topic_figures(date_from, date_to) -> list[Figure]:
    received = _between("registered_on", date_from, date_to)
    by_topic = Grouping("received", received, (("g_topic", F("topic_id")),))
    columns = topic_columns(APPEAL_TOPICS)
    return [
        Figure("total", APPEALS, received, grouping=by_topic, match=lambda row: True)
    ] + column_figures(columns, "topics.{column}", APPEALS, received, by_topic, lambda row: True)


def personal_reception_figures(date_from, date_to) -> list[Figure]:
    reception = Q(channel=Channel.PERSONAL_RECEPTION)
    received = _between("registered_on", date_from, date_to) & reception
    decided = _between("decided_on", date_from, date_to) & reception
    grouping = Grouping(
        "reception",
        reception,
        (
            ("g_topic", F("topic_id")),
            ("g_outcome", F("outcome")),
            ("g_received", _flag(received)),
            ("g_decided", _flag(decided)),
        ),
    )

    def was_received(row):
        return row["g_received"] == 1

    def decided_as(outcome):
        return lambda row: row["g_decided"] == 1 and row["g_outcome"] == outcome

    columns = topic_columns(PERSONAL_RECEPTION)
    return (
        [Figure("total", APPEALS, received, grouping=grouping, match=was_received)]
        + column_figures(columns, "categories.{column}", APPEALS, received, grouping, was_received)
        + [
            Figure(
                name,
                APPEALS,
                decided & Q(outcome=outcome),
                grouping=grouping,
                match=decided_as(outcome),
            )
            for name, outcome in [
                ("satisfied", Outcome.SATISFIED),
                ("explained", Outcome.EXPLAINED),
                ("rejected", Outcome.REFUSED),
            ]
        ]
    )


def _fields(group: str, keys=None) -> list[str]:
    return [meeting_field(group, key) for key in keys or MEETING_COUNTS[group]]


def _sum_of(group: str, keys=None):
    expression = None
    for name in _fields(group, keys):
        term = Coalesce(F(name), 0)
        expression = term if expression is None else expression + term
    return expression


def _level(level: str, field_name: str = "office__territory__akim_level") -> Q:
    return Q(**{field_name: int(level)})


# Every count field of a meeting, summed per group of a meeting grouping.
MEETING_SUMS = _sums([name for group in MEETING_COUNTS for name in _fields(group)])


def _meeting_count_figures(
    prefix: str, held: Q, group: str, grouping: Grouping, match: Callable[[dict], bool]
) -> list[Figure]:
    """The total and each count of a group of meeting counts (broadcasts, participants…)
    of the meetings matching ``held``, from a meeting grouping with MEETING_SUMS."""
    figures = [
        Figure(
            f"{prefix}{group}.total",
            MEETINGS,
            held,
            sum_of=_sum_of(group),
            grouping=grouping,
            match=match,
            measures=tuple(_fields(group)),
        )
    ]
    for key in MEETING_COUNTS[group]:
        figures.append(
            Figure(
                f"{prefix}{group}.{key}",
                MEETINGS,
                held,
                sum_of=_sum_of(group, [key]),
                grouping=grouping,
                match=match,
                measures=tuple(_fields(group, [key])),
            )
        )
    return figures


def decree_826_figures(date_from, date_to) -> list[Figure]:
    """Each cumulative window is the union of the disjoint windows of its quarter and the
    earlier quarters of its year, so each source is grouped once by quarter (and level or
    topic) and a quarter's figure adds up the groups of its window.

    Meetings with heads of organisations are not meetings with residents: rows 1–5 and
    8–10 leave them out, and they are counted apart (``organisation_meetings``)."""
    from . import aggregated

    quarters = quarters_in(date_from, date_to)
    windows = quarter_windows(quarters)
    level = F("office__territory__akim_level")
    residents = ~Q(kind=ORGANISATIONS)
    residents_q = ~Q(meeting__kind=ORGANISATIONS)
    reception_day = Concat(
        Cast("office_id", CharField()), Value(":"), Cast("held_day", CharField())
    )
    appeals = Grouping(
        "826-appeals",
        Q(channel__in=ONLINE_CHANNELS),
        (("g_window", _window_of("registered_on", windows)), ("g_level", level)),
        tally=partial(aggregated.decree_appeal_rows, windows),
    )
    receptions = Grouping(
        "826-receptions",
        Q(),
        (("g_window", _window_of("held_day", windows)), ("g_level", level)),
        # An office's reception day lies in one window and the office has one level, so
        # the distinct days of the groups add up to the distinct days of their union.
        (("n", Count("pk")), ("days", Count(reception_day, distinct=True))),
    )
    meetings = Grouping(
        "826-meetings",
        Q(),
        (
            ("g_planned", _window_of("planned_on", windows)),
            ("g_held", _window_of("held_on", windows, Q(status="held"))),
            ("g_level", level),
            ("g_org", _flag(Q(kind=ORGANISATIONS))),
        ),
        (("n", Count("pk")),) + MEETING_SUMS,
        tally=partial(aggregated.decree_meeting_rows, windows),
    )
    questions = Grouping(
        "826-questions",
        residents_q,
        (
            ("g_held", _window_of("meeting__held_on", windows, Q(meeting__status="held"))),
            ("g_topic", F("topic_id")),
            ("g_critical", F("critical_of")),
        ),
        tally=partial(aggregated.decree_question_rows, windows),
    )
    columns = topic_columns(DECREE_826)

    def within(dimension, upto, **equal):
        return lambda row: row[dimension] in upto and all(row[k] == v for k, v in equal.items())

    figures = []
    for index, quarter in enumerate(quarters):
        p = f"quarters.{index}."
        start, end = quarter["from"], quarter["to"]
        upto = frozenset(i for i in range(index + 1) if quarters[i]["year"] == quarter["year"])
        planned = residents & _between("planned_on", start, end)
        held = residents & Q(status="held") & _between("held_on", start, end)
        raised = residents_q & Q(meeting__status="held") & _between("meeting__held_on", start, end)
        online = Q(channel__in=ONLINE_CHANNELS) & _between("registered_on", start, end)
        received = _between("held_day", start, end)
        critical = raised & Q(critical_of__isnull=False)
        for name, source, q, grouping, dimension, equal in [
            ("meetings_planned", MEETINGS, planned, meetings, "g_planned", {"g_org": 0}),
            ("meetings_held", MEETINGS, held, meetings, "g_held", {"g_org": 0}),
            ("social_appeals", APPEALS, online, appeals, "g_window", {}),
        ]:
            figures.append(
                Figure(
                    f"{p}{name}.total",
                    source,
                    q,
                    grouping=grouping,
                    match=within(dimension, upto, **equal),
                )
            )
            for level_ in AKIM_LEVELS:
                figures.append(
                    Figure(
                        f"{p}{name}.by_level.{level_}",
                        source,
                        q & _level(level_),
                        grouping=grouping,
                        match=within(dimension, upto, g_level=int(level_), **equal),
                    )
                )
        figures.append(
            Figure(
                f"{p}receptions.total",
                RECEPTIONS,
                received,
                distinct=reception_day,
                grouping=receptions,
                match=within("g_window", upto),
                measures=("days",),
            )
        )
        for level_ in AKIM_LEVELS:
            figures.append(
                Figure(
                    f"{p}receptions.by_level.{level_}",
                    RECEPTIONS,
                    received & _level(level_),
                    distinct=reception_day,
                    grouping=receptions,
                    match=within("g_window", upto, g_level=int(level_)),
                    measures=("days",),
                )
            )
        figures.append(
            Figure(
                f"{p}receptions.citizens",
                RECEPTIONS,
                received,
                grouping=receptions,
                match=within("g_window", upto),
            )
        )
        was_held = within("g_held", upto, g_org=0)
        figures += _meeting_count_figures(p, held, "broadcasts", meetings, was_held)
        figures += _meeting_count_figures(p, held, "participants", meetings, was_held)
        online_channels = ["instagram", "facebook", "videoconference", "tv"]
        figures.append(
            Figure(
                f"{p}participants.online",
                MEETINGS,
                held,
                sum_of=_sum_of("participants", online_channels),
                grouping=meetings,
                match=was_held,
                measures=tuple(_fields("participants", online_channels)),
            )
        )
        was_raised = within("g_held", upto)
        figures.append(
            Figure(f"{p}questions.total", QUESTIONS, raised, grouping=questions, match=was_raised)
        )
        figures += column_figures(
            columns, p + "questions.by_topic.{column}", QUESTIONS, raised, questions, was_raised
        )
        figures.append(
            Figure(
                f"{p}critical_remarks.total",
                QUESTIONS,
                critical,
                grouping=questions,
                match=lambda row, was_raised=was_raised: (
                    was_raised(row) and row["g_critical"] is not None
                ),
            )
        )
        for level_ in AKIM_LEVELS:
            figures.append(
                Figure(
                    f"{p}critical_remarks.by_level.{level_}",
                    QUESTIONS,
                    critical & Q(critical_of=level_),
                    grouping=questions,
                    match=within("g_held", upto, g_critical=int(level_)),
                )
            )
        figures += _meeting_count_figures(p, held, "media", meetings, was_held)
        figures += _meeting_count_figures(p, held, "officials_present", meetings, was_held)
        # Listed apart: meetings with heads of organisations (not with residents).
        with_organisations = Q(kind=ORGANISATIONS)
        figures += [
            Figure(
                f"{p}organisation_meetings.planned",
                MEETINGS,
                with_organisations & _between("planned_on", start, end),
                grouping=meetings,
                match=within("g_planned", upto, g_org=1),
            ),
            Figure(
                f"{p}organisation_meetings.held",
                MEETINGS,
                with_organisations & Q(status="held") & _between("held_on", start, end),
                grouping=meetings,
                match=within("g_held", upto, g_org=1),
            ),
        ]
    return figures


def reporting_meeting_figures(date_from, date_to) -> list[Figure]:
    from . import aggregated

    reporting = Q(kind="reporting")
    planned = reporting & _between("planned_on", date_from, date_to)
    held = reporting & Q(status="held") & _between("held_on", date_from, date_to)
    raised = (
        Q(meeting__kind="reporting")
        & Q(meeting__status="held")
        & _between("meeting__held_on", date_from, date_to)
    )
    online = Q()
    for key in MEETING_COUNTS["broadcasts"]:
        online |= Q(**{f"{meeting_field('broadcasts', key)}__gt": 0})
    critical = raised & Q(critical_of__isnull=False)
    meetings = Grouping(
        "reporting-meetings",
        reporting,
        (
            ("g_planned", _flag(planned)),
            ("g_held", _flag(held)),
            ("g_online", _flag(held & online)),
        ),
        (("n", Count("pk")),) + MEETING_SUMS + _sums(["speakers"]),
        tally=partial(aggregated.reporting_meeting_rows, date_from, date_to),
    )
    # Every question figure counts questions raised at a held reporting meeting.
    questions = Grouping(
        "reporting-questions",
        raised,
        (
            ("g_topic", F("topic_id")),
            ("g_repeated", F("repeated")),
            ("g_critical", F("critical_of")),
        ),
        tally=partial(aggregated.reporting_question_rows, date_from, date_to),
    )

    def was_held(row):
        return row["g_held"] == 1

    def was_raised(row):
        return True

    def was_repeated(row):
        return bool(row["g_repeated"])

    def aimed_at(levels):
        return lambda row: row["g_critical"] in levels

    figures = [
        Figure(
            "planned",
            MEETINGS,
            planned,
            grouping=meetings,
            match=lambda row: row["g_planned"] == 1,
        ),
        Figure("held", MEETINGS, held, grouping=meetings, match=was_held),
        Figure(
            "held_online",
            MEETINGS,
            held & online,
            grouping=meetings,
            match=lambda row: row["g_online"] == 1,
        ),
        Figure(
            "present",
            MEETINGS,
            held,
            sum_of=_sum_of("participants"),
            grouping=meetings,
            match=was_held,
            measures=tuple(_fields("participants")),
        ),
        Figure(
            "speakers",
            MEETINGS,
            held,
            sum_of=Coalesce(F("speakers"), 0),
            grouping=meetings,
            match=was_held,
            measures=("speakers",),
        ),
        Figure(
            "critical_remarks.total",
            QUESTIONS,
            critical,
            grouping=questions,
            match=lambda row: row["g_critical"] is not None,
        ),
    ]
    for name, levels in CRITICAL_LEVELS.items():
        figures.append(
            Figure(
                f"critical_remarks.by_level.{name}",
                QUESTIONS,
                critical & Q(critical_of__in=levels),
                grouping=questions,
                match=aimed_at(levels),
            )
        )
    figures += [
        Figure("proposals.total", QUESTIONS, raised, grouping=questions, match=was_raised),
        Figure(
            "proposals.repeated",
            QUESTIONS,
            raised & Q(repeated=True),
            grouping=questions,
            match=was_repeated,
        ),
    ]
    columns = topic_columns(REPORTING_MEETINGS)
    figures += column_figures(
        columns,
        "proposals.by_category.{column}.total",
        QUESTIONS,
        raised,
        questions,
        was_raised,
    )
    figures += column_figures(
        columns,
        "proposals.by_category.{column}.repeated",
        QUESTIONS,
        raised & Q(repeated=True),
        questions,
        was_repeated,
    )
    # The sheet's two media rows are central and local; the total also counts coverage in
    # social networks (as the seed's sheet, whose one item of coverage was on Instagram).
    figures += [
        item
        for item in _meeting_count_figures("", held, "media", meetings, was_held)
        if item.key != "media.social"
    ]
    figures += _meeting_count_figures("", held, "officials_present", meetings, was_held)
    return figures


def prefilters(form: str, date_from, date_to) -> dict[str, Q]:
    """A WHERE clause per source that every figure of the form implies, so the database
    reads only the rows that can count (by the date indexes) before the conditional counts."""
    received = _between("registered_on", date_from, date_to)
    decided = _between("decided_on", date_from, date_to)
    if form == APPEAL_OUTCOMES:
        # Received, decided in the period, or still undecided (pending) at its end.
        return {
            APPEALS: Q(registered_on__lte=date_to)
            & (Q(decided_on__gte=date_from) | Q(decided_on__isnull=True) | received)
        }
    if form == APPEAL_TOPICS:
        return {APPEALS: received}
    if form == PERSONAL_RECEPTION:
        return {APPEALS: Q(channel=Channel.PERSONAL_RECEPTION) & (received | decided)}
    if form == DECREE_826:
        quarters = quarters_in(date_from, date_to)
        start, end = quarters[0]["from"], quarters[-1]["to"]
        return {
            APPEALS: Q(channel__in=ONLINE_CHANNELS) & _between("registered_on", start, end),
            RECEPTIONS: _between("held_day", start, end),
            MEETINGS: _between("planned_on", start, end) | _between("held_on", start, end),
            QUESTIONS: _between("meeting__held_on", start, end),
        }
    return {
        MEETINGS: Q(kind="reporting")
        & (_between("planned_on", date_from, date_to) | _between("held_on", date_from, date_to)),
        QUESTIONS: Q(meeting__kind="reporting") & _between("meeting__held_on", date_from, date_to),
    }


FIGURES = {
    APPEAL_OUTCOMES: appeal_outcome_figures,
    APPEAL_TOPICS: appeal_topic_figures,
    PERSONAL_RECEPTION: personal_reception_figures,
    DECREE_826: decree_826_figures,
    REPORTING_MEETINGS: reporting_meeting_figures,
}


# --- computing ---------------------------------------------------------------------------


def scope_of(form: str, scope: str | None) -> str:
    """The scope asked for, or the form's official default; a clear error if unknown."""
    if scope in (None, ""):
        return DEFAULT_SCOPE.get(form, SUBTREE)
    if scope not in SCOPES:
        raise ReportError(
            _("Unknown scope “%(scope)s”. Scopes: %(scopes)s.")
            % {"scope": scope, "scopes": ", ".join(SCOPES)},
            code="unknown_scope",
        )
    return scope


def _check(form: str, date_from, date_to) -> None:
    if form not in FORMS:
        raise ReportError(
            _("Unknown report form “%(form)s”. Forms: %(forms)s.")
            % {"form": form, "forms": ", ".join(FORMS)},
            code="unknown_form",
        )
    if not isinstance(date_from, dt.date) or not isinstance(date_to, dt.date):
        raise ReportError(_("Give the start and the end of the period."), code="bad_period")
    if date_from > date_to:
        raise ReportError(
            _("The period starts after it ends: %(start)s > %(end)s.")
            % {"start": date_from.isoformat(), "end": date_to.isoformat()},
            code="bad_period",
        )


def _aggregate(figure: Figure):
    if figure.sum_of is not None:
        return Coalesce(Sum(figure.sum_of, filter=figure.q), 0)
    if figure.distinct is not None:
        return Count(figure.distinct, filter=figure.q, distinct=True)
    return Count("pk", filter=figure.q)


def figures_compute(
    figures: list[Figure],
    territory,
    where: dict[str, Q] | None = None,
    scope: str = SUBTREE,
    tallied: bool = False,
) -> dict[str, int]:
    """{figure key: value}: per source, one GROUP BY query per grouping and one aggregate
    query for the figures without one (each optionally prefiltered); ``tallied``: the
    groupings that have a tally read it instead of the records."""
    by_source: dict[str, list[Figure]] = defaultdict(list)
    for figure in figures:
        by_source[figure.source].append(figure)
    values: dict[str, int] = {}
    for source, all_items in by_source.items():
        queryset = source_queryset(source, territory, scope)
        if where and source in where:
            queryset = queryset.filter(where[source])
        groupings: dict[str, tuple[Grouping, list[Figure]]] = {}
        items = []
        for figure in all_items:
            if figure.grouping is None:
                items.append(figure)
            else:
                groupings.setdefault(figure.grouping.name, (figure.grouping, []))[1].append(figure)
        for grouping, members in groupings.values():
            dimensions = dict(grouping.by)
            if tallied and grouping.tally is not None:
                rows = grouping.tally(territory, scope)
            else:
                rows = list(
                    queryset.filter(grouping.base)
                    .annotate(**dimensions)
                    .order_by()
                    .values(*dimensions)
                    .annotate(**dict(grouping.measures))
                )
            # A few dozen aggregated groups: add up those each figure is made of.
            for figure in members:
                values[figure.key] = int(
                    sum(
                        row[measure] or 0
                        for row in rows
                        if figure.match(row)
                        for measure in figure.measures
                    )
                )
        if not items:
            continue
        aliases = {f"f{i}": figure for i, figure in enumerate(items)}
        row = queryset.aggregate(**{alias: _aggregate(figure) for alias, figure in aliases.items()})
        for alias, figure in aliases.items():
            values[figure.key] = int(row[alias] or 0)
    return values


def _nest(values: dict[str, int]) -> dict:
    data: dict = {}
    for key, value in values.items():
        node = data
        parts = key.split(".")
        for part in parts[:-1]:
            node = node.setdefault(part, {})
        node[parts[-1]] = value
    return data


def report_values(
    *, form: str, territory, date_from: dt.date, date_to: dt.date, scope: str, raw: bool = False
) -> dict[str, int]:
    """{figure key: value} of a form: for the country and the tallied territories, from
    the maintained tallies (unless ``raw``): the appeal forms wholly, Decree 826 and the
    reporting-meeting sheet but for the visits to the personal reception (row 7, read from
    the records); the other territories' (a few thousand records each) and ``raw`` from
    the records themselves."""
    from .aggregated import TALLY_FORMS, tally_compute
    from .tally import covers

    tallied = not raw and covers(territory)
    if form in TALLY_FORMS and tallied:
        return tally_compute(
            form=form, territory=territory, scope=scope, date_from=date_from, date_to=date_to
        )
    return figures_compute(
        FIGURES[form](date_from, date_to),
        territory,
        prefilters(form, date_from, date_to),
        scope,
        tallied=tallied,
    )


def report_build(
    *,
    form: str,
    territory,
    date_from: dt.date,
    date_to: dt.date,
    scope: str | None = None,
    raw: bool = False,
) -> dict:
    """The figures of one report form as plain data (the JSON contract of issue 5), for the
    territory's own records or its subtree (``scope``; None: the form's default)."""
    _check(form, date_from, date_to)
    scope = scope_of(form, scope)
    data = _nest(
        report_values(
            form=form,
            territory=territory,
            date_from=date_from,
            date_to=date_to,
            scope=scope,
            raw=raw,
        )
    )
    if form == DECREE_826:
        quarters = []
        for index, quarter in enumerate(quarters_in(date_from, date_to)):
            item = data.get("quarters", {}).get(str(index), {})
            quarters.append(
                {
                    "quarter": quarter["quarter"],
                    "year": quarter["year"],
                    "from": quarter["from"].isoformat(),
                    "to": quarter["to"].isoformat(),
                    **item,
                }
            )
        data["quarters"] = quarters
    data["form"] = form
    if territory is None:
        data["territory"] = {"code": "", "name": _("Republic of Kazakhstan")}
    else:
        data["territory"] = {"code": territory.code, "name": territory.name}
    data["period"] = {"from": date_from.isoformat(), "to": date_to.isoformat()}
    data["scope"] = scope
    return data


def report_records(
    *,
    form: str,
    figure: str,
    territory,
    date_from: dt.date,
    date_to: dt.date,
    scope: str | None = None,
):
    """(source, queryset): the records behind one figure of a report (the drill-down)."""
    _check(form, date_from, date_to)
    scope = scope_of(form, scope)
    for item in FIGURES[form](date_from, date_to):
        if item.key == figure:
            return item.source, source_queryset(item.source, territory, scope).filter(item.q)
    raise ReportError(_("This report has no such figure."), code="unknown_figure")


def report_figure_keys(*, form: str, date_from: dt.date, date_to: dt.date) -> list[str]:
    return [item.key for item in FIGURES[form](date_from, date_to)]
