"""The figures of the meeting forms: Decree 826 and the reporting-meeting sheet, each a
``Figure`` of ``figure_kit``."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from django.db.models import CharField, Count, F, Q, Value
from django.db.models.functions import Cast, Coalesce, Concat

from .definitions import (
    AKIM_LEVELS,
    CRITICAL_LEVELS,
    DECREE_826,
    ONLINE_CHANNELS,
    REPORTING_MEETINGS,
)
from .figure_kit import (
    APPEALS,
    MEETING_COUNTS,
    MEETINGS,
    ORGANISATIONS,
    QUESTIONS,
    RECEPTIONS,
    Figure,
    Grouping,
    _between,
    _flag,
    _sums,
    _window_of,
    column_figures,
    meeting_field,
    quarter_windows,
    quarters_in,
    topic_columns,
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
        tally=partial(aggregated.decree_reception_rows, windows),
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
