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

from django.db.models import Count, Q, Sum
from django.db.models.functions import Coalesce
from django.utils.translation import gettext as _

from tyndau.appeals.models import (
    Channel,
)

from .appeal_figures import (
    appeal_outcome_figures,
    appeal_topic_figures,
    personal_reception_figures,
)
from .definitions import (
    APPEAL_OUTCOMES,
    APPEAL_TOPICS,
    DECREE_826,
    DEFAULT_SCOPE,
    FORMS,
    ONLINE_CHANNELS,
    PERSONAL_RECEPTION,
    REPORTING_MEETINGS,
    SCOPES,
    SUBTREE,
)
from .figure_kit import (
    APPEALS,
    MEETINGS,
    QUESTIONS,
    RECEPTIONS,
    Figure,
    Grouping,
    ReportError,
    _between,
    quarters_in,
    source_queryset,
)
from .meeting_figures import decree_826_figures, reporting_meeting_figures


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
    the maintained tallies (unless ``raw``): the appeal forms, Decree 826 (row 7 from the
    tally of reception visits and reception days too) and the reporting-meeting sheet; the
    other territories' (a few thousand records each) and ``raw`` from the records
    themselves."""
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
