"""Dates in the tallies' SQL, written for PostgreSQL and SQLite alike: the first day of a
date's month, and the local date of a stored moment. On SQLite both use SQLite's own date
functions only, so that the triggers that call them work for any client writing the
tables (a plain ``sqlite3`` shell, a backup tool), not only on Django's connections."""

from __future__ import annotations

import datetime as dt
import functools
from zoneinfo import ZoneInfo


def month_start(expr: str, vendor: str) -> str:
    if vendor == "postgresql":
        return f"CAST(date_trunc('month', {expr}) AS date)"
    return f"date({expr}, 'start of month')"


@functools.lru_cache
def utc_offsets(zone: str, first_year: int = 1970, last_year: int = 2100) -> list:
    """The UTC offsets of ``zone`` as spans: [(first UTC moment 'YYYY-MM-DD HH:MM:SS' of the
    span, or None for the first span; offset in seconds)], from ``first_year`` to
    ``last_year``, read from the time-zone database (Asia/Almaty: +6 h, and +5 h from
    1 March 2024; summer time until 2004)."""
    tz = ZoneInfo(zone)

    def offset(second: int) -> int:
        moment = dt.datetime.fromtimestamp(second, tz)
        return int(moment.utcoffset().total_seconds())

    start = int(dt.datetime(first_year, 1, 1, tzinfo=dt.UTC).timestamp())
    end = int(dt.datetime(last_year, 1, 1, tzinfo=dt.UTC).timestamp())
    spans = [(None, offset(start))]
    day = 86_400
    for t in range(start, end, day):
        if offset(t + day) != spans[-1][1]:
            lo, hi = t, t + day  # the first second of the new offset lies in (lo, hi]
            while hi - lo > 1:
                mid = (lo + hi) // 2
                lo, hi = (mid, hi) if offset(mid) == spans[-1][1] else (lo, mid)
            moment = dt.datetime.fromtimestamp(hi, dt.UTC)
            spans.append((f"{moment:%Y-%m-%d %H:%M:%S}", offset(hi)))
    return spans


def local_day(expr: str, vendor: str) -> str:
    """The local date (``settings.TIME_ZONE``, as the raw reports' ``TruncDate``) of the
    stored moment ``expr``."""
    from django.conf import settings

    zone = settings.TIME_ZONE
    if vendor == "postgresql":
        return f"CAST(({expr} AT TIME ZONE '{zone}') AS date)"
    # SQLite's own date functions only, so that any client can write the visits (Django's
    # ``django_datetime_cast_date`` exists on Django's connections alone): the stored UTC
    # moment (``datetime()`` also reads an ISO "T" or an offset a plain client may write)
    # moved by the zone's offset of its span, the newest spans first.
    spans = utc_offsets(zone)
    cases = " ".join(
        f"WHEN datetime({expr}) >= '{since}' THEN '{seconds:+d} seconds'"
        for since, seconds in reversed(spans[1:])
    )
    shift = (
        f"CASE {cases} ELSE '{spans[0][1]:+d} seconds' END"
        if cases
        else (f"'{spans[0][1]:+d} seconds'")
    )
    return f"date({expr}, {shift})"
