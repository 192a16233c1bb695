"""The forms read from the maintained tallies (``AppealTally``, ``MeetingTally``) instead
of the raw rows: a handful of indexed range reads of month rows (whole months of the period) and day
rows (its ragged ends), grouped by the few dimensions a form needs, then added up by the
same definitions as the raw figures (``services``). ``report_verify`` compares both."""

from __future__ import annotations

import datetime as dt

from django.db.models import Case, IntegerField, Q, Sum, Value, When

from tyndau.appeals.models import Channel, Outcome

from .definitions import APPEAL_OUTCOMES, APPEAL_TOPICS, OWN, PERSONAL_RECEPTION
from .figure_kit import ORGANISATIONS, topic_columns
from .models import MEETING_TALLY_SUMS

SUMS = MEETING_TALLY_SUMS
REPORTING = "reporting"

TALLY_FORMS = (APPEAL_OUTCOMES, APPEAL_TOPICS, PERSONAL_RECEPTION)
RECEPTION = Channel.PERSONAL_RECEPTION


def _next_month(day: dt.date) -> dt.date:
    return dt.date(day.year + (day.month == 12), 1 if day.month == 12 else day.month + 1, 1)


def period_q(start: dt.date | None, end: dt.date) -> Q:
    """Tally rows covering exactly the days from ``start`` (None: the beginning) to
    ``end``: month rows for the whole months inside, day rows for the rest."""
    first_month = start if start is None or start.day == 1 else _next_month(start)
    after_end = end + dt.timedelta(days=1)
    last_month_end = after_end.replace(day=1)  # months before this one are whole
    whole = Q(grain="m", day__lt=last_month_end)
    if first_month is not None:
        whole &= Q(day__gte=first_month)
    if first_month is not None and first_month >= last_month_end:
        # No whole month: days only.
        return Q(grain="d", day__gte=start, day__lte=end)
    q = whole | Q(grain="d", day__gte=last_month_end, day__lte=end)
    if start is not None and start < first_month:
        q |= Q(grain="d", day__gte=start, day__lt=first_month)
    return q


def _rows(
    territory,
    scope: str,
    parts: dict[str, tuple[str, Q]],
    dims: list[str],
    model=None,
    sums: list[str] = (),
) -> dict:
    """One query of a tally (``model``; the appeal tally by default): for each part
    (name → (event, Q of its rows)), the rows grouped by ``dims`` with their ``total`` (and
    the sum of each of ``sums``): {part: [row]}."""
    from .models import AppealTally

    model = model or AppealTally
    matches = Q(pk__in=[])
    flags = {}
    for name, (event, when) in parts.items():
        part = Q(event=event) & when
        matches |= part
        flags[f"in_{name}"] = Case(When(part, then=Value(1)), default=Value(0))
    rows = list(
        model.objects.filter(
            matches,
            territory_id=territory.pk if territory is not None else 0,
            # The country has no records of its own: both scopes are everything.
            own=1 if scope == OWN and territory is not None else 0,
        )
        .annotate(**flags)
        .order_by()
        .values(*flags, *dims)
        .annotate(total=Sum("n"), **{f"sum_{name}": Sum(name) for name in sums})
    )
    return {name: [row for row in rows if row[f"in_{name}"]] for name in parts}


def _sum(rows, test=lambda row: True) -> int:
    return int(sum(row["total"] for row in rows if test(row)))


def tally_compute(*, form: str, territory, scope: str, date_from, date_to) -> dict[str, int]:
    """{figure key: value} of an appeal form from the tally (``territory`` None: the
    whole country)."""
    period = period_q(date_from, date_to)
    values: dict[str, int] = {}
    if form == APPEAL_OUTCOMES:
        upto = period_q(None, date_to)
        parts = _rows(
            territory,
            scope,
            {
                "received": ("r", period),
                "decided": ("d", period),
                "registered": ("r", upto),
                "settled": ("s", upto),
            },
            ["event", "channel", "applicant_type", "outcome", "flag", "repeated"],
        )
        received, decided = parts["received"], parts["decided"]
        registered, settled = parts["registered"], parts["settled"]
        values["received"] = _sum(received)
        for key in ("individual", "legal_entity", "anonymous"):
            values[f"received_by_source.{key}"] = _sum(
                received, lambda r, k=key: r["channel"] != RECEPTION and r["applicant_type"] == k
            )
        values["received_by_source.personal_reception"] = _sum(
            received, lambda r: r["channel"] == RECEPTION
        )
        values["considered"] = _sum(decided, lambda r: r["outcome"] != "")
        values["redirected"] = _sum(decided, lambda r: r["outcome"] == "" and r["flag"] == 1)
        for name, outcome in [
            ("satisfied", Outcome.SATISFIED),
            ("refused", Outcome.REFUSED),
            ("explained", Outcome.EXPLAINED),
            ("terminated", Outcome.TERMINATED),
        ]:
            values[name] = _sum(decided, lambda r, o=outcome: r["outcome"] == o)
        values["repeated"] = _sum(received, lambda r: r["repeated"] == 1)
        values["considered_repeatedly"] = _sum(
            decided, lambda r: r["outcome"] != "" and r["repeated"] == 1
        )
        values["pending_at_end"] = _sum(registered, lambda r: r["flag"] == 0) - _sum(settled)
        return values
    if form == APPEAL_TOPICS:
        received = _rows(territory, scope, {"received": ("r", period)}, ["topic_id"])["received"]
        values["total"] = _sum(received)
        for column, (_q, test) in topic_columns(APPEAL_TOPICS).items():
            values[f"topics.{column}"] = _sum(received, lambda r, t=test: t(r["topic_id"]))
        return values
    # Personal reception.
    reception = period & Q(channel=RECEPTION)
    parts = _rows(
        territory,
        scope,
        {"received": ("r", reception), "decided": ("d", reception)},
        ["event", "topic_id", "outcome"],
    )
    received, decided = parts["received"], parts["decided"]
    values["total"] = _sum(received)
    for column, (_q, test) in topic_columns(PERSONAL_RECEPTION).items():
        values[f"categories.{column}"] = _sum(received, lambda r, t=test: t(r["topic_id"]))
    for name, outcome in [
        ("satisfied", Outcome.SATISFIED),
        ("explained", Outcome.EXPLAINED),
        ("rejected", Outcome.REFUSED),
    ]:
        values[name] = _sum(decided, lambda r, o=outcome: r["outcome"] == o)
    return values


# --- Decree 826 and the reporting-meeting sheet ------------------------------------------
# Each returns rows shaped like the rows of the raw grouping it stands for (``services``:
# the same dimension and measure names), so that every figure adds them up by the same
# ``match``. A raw row may hold a meeting planned in one window and held in another; here
# planned and held are separate rows, and each figure's ``match`` tests one of the two.


def _level_of(level: int):
    return level or None  # 0: no office level (the raw grouping's NULL)


def _meeting_row(row, event: str, planned, held, **dims) -> dict:
    measures = {name: row[f"sum_{name}"] if event == "h" else 0 for name in MEETING_TALLY_SUMS}
    return {"g_planned": planned, "g_held": held, **dims, "n": int(row["total"]), **measures}


def _by_window(windows, territory, scope, events, dims, model, sums=(), when=None) -> list[dict]:
    """One read of a tally for all the windows (contiguous, each after the first starting
    on a month's first day, as ``quarter_windows`` makes them, so that a month row lies in
    one window): the rows of ``events`` matching ``when`` over the windows' whole span, a
    plain range of the key's leading columns (territory, scope, grain, day) instead of an
    OR of a range per window and event, grouped by the window holding each row's day (its
    month's first day for a month row) and by ``dims``."""
    window = Case(
        *[
            When(day__gte=start, day__lte=end, then=Value(i))
            for i, (start, end) in enumerate(windows)
        ],
        default=Value(None),
        output_field=IntegerField(),
    )
    return list(
        model.objects.filter(
            period_q(windows[0][0], windows[-1][1]),
            when or Q(),
            event__in=events,
            territory_id=territory.pk if territory is not None else 0,
            own=1 if scope == OWN and territory is not None else 0,
        )
        .annotate(window=window)
        .order_by()
        .values("window", "event", *dims)
        .annotate(total=Sum("n"), **{f"sum_{name}": Sum(name) for name in sums})
    )


def decree_appeal_rows(windows, territory, scope) -> list[dict]:
    """826-appeals: online appeals by window (registered) and the office's level."""
    from .models import AppealTally

    return [
        {"g_window": row["window"], "g_level": _level_of(row["level"]), "n": int(row["total"])}
        for row in _by_window(windows, territory, scope, ["o"], ["level"], AppealTally)
    ]


def decree_meeting_rows(windows, territory, scope) -> list[dict]:
    """826-meetings: meetings by planned window, held window, level and organisations."""
    from .models import MeetingTally

    rows = _by_window(windows, territory, scope, ["p", "h"], ["level", "kind"], MeetingTally, SUMS)
    return [
        _meeting_row(
            row,
            row["event"],
            *((row["window"], None) if row["event"] == "p" else (None, row["window"])),
            g_level=_level_of(row["level"]),
            g_org=int(row["kind"] == ORGANISATIONS),
        )
        for row in rows
    ]


def decree_reception_rows(windows, territory, scope) -> list[dict]:
    """826-receptions: visits to the personal reception (``n``, citizens received) and
    receptions held (``days``, an office's reception days) by window and the office's
    level."""
    from .models import MeetingTally

    grouped: dict[tuple, dict] = {}
    for row in _by_window(windows, territory, scope, ["v", "e"], ["level"], MeetingTally):
        key = (row["window"], _level_of(row["level"]))
        counts = grouped.setdefault(key, {"n": 0, "days": 0})
        counts["n" if row["event"] == "v" else "days"] += int(row["total"])
    return [
        {"g_window": window, "g_level": level, **counts}
        for (window, level), counts in grouped.items()
    ]


def decree_question_rows(windows, territory, scope) -> list[dict]:
    """826-questions: questions raised at held meetings with residents, by window, topic
    and the level a critical remark is aimed at."""
    from .models import MeetingTally

    rows = _by_window(
        windows,
        territory,
        scope,
        ["q"],
        ["topic_id", "critical_of"],
        MeetingTally,
        when=~Q(kind=ORGANISATIONS),
    )
    return [
        {
            "g_held": row["window"],
            "g_topic": row["topic_id"],
            "g_critical": row["critical_of"] or None,
            "n": int(row["total"]),
        }
        for row in rows
    ]


def reporting_meeting_rows(date_from, date_to, territory, scope) -> list[dict]:
    """reporting-meetings: reporting meetings planned, held and held online in the period."""
    from .models import MeetingTally

    rows = _by_window(
        [(date_from, date_to)],
        territory,
        scope,
        ["p", "h"],
        ["online"],
        MeetingTally,
        SUMS,
        when=Q(kind=REPORTING),
    )
    return [
        _meeting_row(row, "p", 1, 0, g_online=0)
        if row["event"] == "p"
        else _meeting_row(row, "h", 0, 1, g_online=row["online"])
        for row in rows
    ]


def reporting_question_rows(date_from, date_to, territory, scope) -> list[dict]:
    """reporting-questions: questions raised at reporting meetings held in the period."""
    from .models import MeetingTally

    rows = _by_window(
        [(date_from, date_to)],
        territory,
        scope,
        ["q"],
        ["topic_id", "repeated", "critical_of"],
        MeetingTally,
        when=Q(kind=REPORTING),
    )
    return [
        {
            "g_topic": row["topic_id"],
            "g_repeated": bool(row["repeated"]),
            "g_critical": row["critical_of"] or None,
            "n": int(row["total"]),
        }
        for row in rows
    ]
