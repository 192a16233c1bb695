"""The report forms, computed in the database from records.

Every figure of a form is a ``Figure``: a source (appeals, meetings or questions raised at
meetings), a filter and what to aggregate (a count, or a sum of a field). One aggregate
query per source computes all the figures of a report; the drill-down list of a figure is
the same source filtered by the same ``Q``, so a figure and its records always reconcile.

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
from dataclasses import dataclass, field

from django.apps import apps
from django.db.models import CharField, Count, F, Q, Sum, Value
from django.db.models.functions import Cast, Coalesce, Concat
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

from .definitions import (
    AKIM_LEVELS,
    APPEAL_OUTCOMES,
    APPEAL_TOPICS,
    COLUMNS,
    DECREE_826,
    FORMS,
    PERSONAL_RECEPTION,
    REPORTING_MEETINGS,
)

APPEALS = "appeals"
MEETINGS = "meetings"
QUESTIONS = "questions"

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


@dataclass
class Figure:
    key: str  # dotted path in the report data, e.g. "received_by_source.individual"
    source: str  # APPEALS, MEETINGS or QUESTIONS
    q: Q = field(default_factory=Q)
    sum_of: object = None  # None: count the records; else an expression to sum
    distinct: object = None  # count distinct values of this expression
    # A count by topic column: computed from one GROUP BY topic of ``base`` shared by the
    # columns of a form (``q`` says the same for the drill-down).
    base: Q | None = None
    group: str = ""
    topic_ids: frozenset = frozenset()
    other_than: frozenset | None = None  # for "other": also every topic not in this set
    all_topics: bool = False  # the total of the group


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


def source_queryset(source: str, territory):
    """The records of a source that belong to the territory's subtree."""
    if source == APPEALS:
        return Appeal.objects.filter(territory__path__startswith=territory.path)
    meeting, question = meeting_models()
    if source == MEETINGS:
        return meeting.objects.filter(territory__path__startswith=territory.path)
    return question.objects.filter(meeting__territory__path__startswith=territory.path)


# --- topic columns -----------------------------------------------------------------------


def column_ids(form: str) -> tuple[dict[str, list[int]], list[int]]:
    """({column: topic ids}, every mapped topic id) of a mapped form."""
    from .models import FormTopicMapping

    ids: dict[str, list[int]] = defaultdict(list)
    for column, topic_id in FormTopicMapping.objects.filter(form=form).values_list(
        "column", "topic_id"
    ):
        ids[column].append(topic_id)
    return ids, [i for values in ids.values() for i in values]


def column_figures(form: str, key: str, source: str, base: Q, group: str) -> list[Figure]:
    """One figure per topic column of a form (``key`` has ``{column}``), counted from one
    GROUP BY topic of the records matching ``base``."""
    ids, mapped = column_ids(form)
    filters = column_filters(form)
    return [
        Figure(
            key.format(column=column),
            source,
            base & filters[column],
            base=base,
            group=group,
            topic_ids=frozenset(ids.get(column, [])),
            other_than=frozenset(mapped) if column == "other" else None,
        )
        for column, _label in COLUMNS[form]
    ]


def column_filters(form: str, *, topic_field: str = "topic_id") -> dict[str, Q]:
    """{column: Q on the topic} for a mapped form; unmapped topics fall into "other"."""
    ids, mapped = column_ids(form)

    def among(values):
        # An empty IN never matches; "IS NULL" says the same for a required topic.
        return Q(**{f"{topic_field}__in": values}) if values else Q(**{f"{topic_field}": None})

    filters = {}
    for column, _label in COLUMNS[form]:
        filters[column] = among(ids.get(column, []))
    if mapped:
        filters["other"] = filters["other"] | ~Q(**{f"{topic_field}__in": mapped})
    else:
        filters["other"] = Q()
    return filters


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
    total = Figure("total", APPEALS, received, base=received, group="received", all_topics=True)
    return [total] + column_figures(APPEAL_TOPICS, "topics.{column}", APPEALS, received, "received")


def personal_reception_figures(date_from, date_to) -> list[Figure]:
    reception = Q(channel=Channel.PERSONAL_RECEPTION)
    received = _between("registered_on", date_from, date_to) & reception
    decided = _between("decided_on", date_from, date_to) & reception
    return (
        [Figure("total", APPEALS, received, base=received, group="received", all_topics=True)]
        + column_figures(PERSONAL_RECEPTION, "categories.{column}", APPEALS, received, "received")
        + [
            Figure("satisfied", APPEALS, decided & Q(outcome=Outcome.SATISFIED)),
            Figure("explained", APPEALS, decided & Q(outcome=Outcome.EXPLAINED)),
            Figure("rejected", APPEALS, decided & Q(outcome=Outcome.REFUSED)),
        ]
    )


def _sum_of(group: str, keys=None):
    keys = keys or MEETING_COUNTS[group]
    expression = None
    for key in keys:
        term = Coalesce(F(meeting_field(group, key)), 0)
        expression = term if expression is None else expression + term
    return expression


def _level(level: str, field_name: str = "office__territory__akim_level") -> Q:
    return Q(**{field_name: int(level)})


def _meeting_count_figures(prefix: str, held: Q, group: str) -> list[Figure]:
    figures = [Figure(f"{prefix}{group}.total", MEETINGS, held, sum_of=_sum_of(group))]
    for key in MEETING_COUNTS[group]:
        figures.append(
            Figure(f"{prefix}{group}.{key}", MEETINGS, held, sum_of=_sum_of(group, [key]))
        )
    return figures


def decree_826_figures(date_from, date_to) -> list[Figure]:
    figures = []
    for index, quarter in enumerate(quarters_in(date_from, date_to)):
        p = f"quarters.{index}."
        start, end = quarter["from"], quarter["to"]
        planned = _between("planned_on", start, end)
        held = Q(status="held") & _between("held_on", start, end)
        raised = Q(meeting__status="held") & _between("meeting__held_on", start, end)
        social = Q(channel=Channel.SOCIAL) & _between("registered_on", start, end)
        reception = Q(channel=Channel.PERSONAL_RECEPTION) & _between("registered_on", start, end)
        reception_day = Concat(
            Cast("office_id", CharField()), Value(":"), Cast("registered_on", CharField())
        )
        critical = raised & Q(critical_of__isnull=False)
        for name, source, q in [
            ("meetings_planned", MEETINGS, planned),
            ("meetings_held", MEETINGS, held),
            ("social_appeals", APPEALS, social),
        ]:
            figures.append(Figure(f"{p}{name}.total", source, q))
            for level in AKIM_LEVELS:
                figures.append(Figure(f"{p}{name}.by_level.{level}", source, q & _level(level)))
        figures.append(Figure(f"{p}receptions.total", APPEALS, reception, distinct=reception_day))
        for level in AKIM_LEVELS:
            figures.append(
                Figure(
                    f"{p}receptions.by_level.{level}",
                    APPEALS,
                    reception & _level(level),
                    distinct=reception_day,
                )
            )
        figures.append(Figure(f"{p}receptions.citizens", APPEALS, reception))
        figures += _meeting_count_figures(p, held, "broadcasts")
        figures += _meeting_count_figures(p, held, "participants")
        figures.append(
            Figure(
                f"{p}participants.online",
                MEETINGS,
                held,
                sum_of=_sum_of("participants", ["instagram", "facebook", "videoconference", "tv"]),
            )
        )
        figures.append(Figure(f"{p}questions.total", QUESTIONS, raised))
        figures += column_figures(
            DECREE_826, p + "questions.by_topic.{column}", QUESTIONS, raised, f"q{index}"
        )
        figures.append(Figure(f"{p}critical_remarks.total", QUESTIONS, critical))
        for level in AKIM_LEVELS:
            figures.append(
                Figure(
                    f"{p}critical_remarks.by_level.{level}",
                    QUESTIONS,
                    critical & Q(critical_of=level),
                )
            )
        figures += _meeting_count_figures(p, held, "media")
        figures += _meeting_count_figures(p, held, "officials_present")
    return figures


def reporting_meeting_figures(date_from, date_to) -> list[Figure]:
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
    figures = [
        Figure("planned", MEETINGS, planned),
        Figure("held", MEETINGS, held),
        Figure("held_online", MEETINGS, held & online),
        Figure("present", MEETINGS, held, sum_of=_sum_of("participants")),
        Figure("speakers", MEETINGS, held, sum_of=Coalesce(F("speakers"), 0)),
        Figure("critical_remarks.total", QUESTIONS, critical),
    ]
    for level in AKIM_LEVELS:
        figures.append(
            Figure(f"critical_remarks.by_level.{level}", QUESTIONS, critical & Q(critical_of=level))
        )
    figures += [
        Figure("proposals.total", QUESTIONS, raised),
        Figure("proposals.repeated", QUESTIONS, raised & Q(repeated=True)),
    ]
    figures += column_figures(
        REPORTING_MEETINGS, "proposals.by_category.{column}.total", QUESTIONS, raised, "raised"
    )
    figures += column_figures(
        REPORTING_MEETINGS,
        "proposals.by_category.{column}.repeated",
        QUESTIONS,
        raised & Q(repeated=True),
        "repeated",
    )
    figures += _meeting_count_figures("", held, "media")
    figures += _meeting_count_figures("", held, "officials_present")
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
            APPEALS: Q(channel__in=[Channel.SOCIAL, Channel.PERSONAL_RECEPTION])
            & _between("registered_on", start, end),
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
    figures: list[Figure], territory, where: dict[str, Q] | None = None
) -> dict[str, int]:
    """{figure key: value}: one aggregate query per source (optionally prefiltered)."""
    by_source: dict[str, list[Figure]] = defaultdict(list)
    for figure in figures:
        by_source[figure.source].append(figure)
    values: dict[str, int] = {}
    for source, all_items in by_source.items():
        queryset = source_queryset(source, territory)
        if where and source in where:
            queryset = queryset.filter(where[source])
        groups: dict[str, list[Figure]] = defaultdict(list)
        for figure in all_items:
            if figure.group:
                groups[figure.group].append(figure)
        for members in groups.values():
            counts = dict(
                queryset.filter(members[0].base)
                .order_by()
                .values_list("topic_id")
                .annotate(n=Count("pk"))
                .values_list("topic_id", "n")
            )
            for figure in members:
                values[figure.key] = sum(
                    n
                    for topic_id, n in counts.items()
                    if figure.all_topics
                    or topic_id in figure.topic_ids
                    or (figure.other_than is not None and topic_id not in figure.other_than)
                )
        items = [figure for figure in all_items if not figure.group]
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


def report_build(*, form: str, territory, date_from: dt.date, date_to: dt.date) -> dict:
    """The figures of one report form as plain data (the JSON contract of issue 5)."""
    _check(form, date_from, date_to)
    data = _nest(
        figures_compute(
            FIGURES[form](date_from, date_to),
            territory,
            prefilters(form, date_from, date_to),
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
    data["territory"] = {"code": territory.code, "name": territory.name}
    data["period"] = {"from": date_from.isoformat(), "to": date_to.isoformat()}
    return data


def report_records(*, form: str, figure: str, territory, date_from: dt.date, date_to: dt.date):
    """(source, queryset): the records behind one figure of a report (the drill-down)."""
    _check(form, date_from, date_to)
    for item in FIGURES[form](date_from, date_to):
        if item.key == figure:
            return item.source, source_queryset(item.source, territory).filter(item.q)
    raise ReportError(_("This report has no such figure."), code="unknown_figure")


def report_figure_keys(*, form: str, date_from: dt.date, date_to: dt.date) -> list[str]:
    return [item.key for item in FIGURES[form](date_from, date_to)]
