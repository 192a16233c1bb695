"""The working-day calendar of Kazakhstan: the one place every legal deadline comes from.

A day is a working day unless it is a Saturday or Sunday, or a public holiday (with the
weekend carry-over and the substituted days that the ``holidays`` package knows for KZ),
and then a :class:`~tyndau.core.models.CalendarOverride` set in the admin has the last
word (a Saturday made a working day, a weekday made a day off by government decree).

Rules of the Administrative Procedural-Process Code (АППК) applied here:

- a term counted in working days starts on the day after the registration date, so
  ``add_working_days(registered_on, 15)`` is the 15th working day after it;
- an appeal that arrives after office hours or on a non-working day is registered on the
  next working day (:func:`registration_date`).
"""

from __future__ import annotations

import datetime as dt
import time
from functools import lru_cache

import holidays
from django.conf import settings
from django.utils import timezone

LOCAL_TIME_ZONE = "Asia/Almaty"


def today() -> dt.date:
    """Today's date in Kazakhstan (Asia/Almaty), whatever the server's or the request's
    time zone: the one "today" that deadlines, "overdue" and reports compare with."""
    from zoneinfo import ZoneInfo

    return timezone.localtime(timezone.now(), ZoneInfo(LOCAL_TIME_ZONE)).date()


_OVERRIDES_TTL = 60.0  # seconds; a save in this process clears the cache at once
_overrides: dict[dt.date, bool] | None = None
_overrides_loaded_at = 0.0


@lru_cache(maxsize=64)
def _public_holidays(year: int) -> holidays.HolidayBase:
    return holidays.country_holidays("KZ", years=year)


def _load_overrides() -> dict[dt.date, bool]:
    global _overrides, _overrides_loaded_at
    now = time.monotonic()
    if _overrides is None or now - _overrides_loaded_at > _OVERRIDES_TTL:
        from .models import CalendarOverride

        _overrides = {
            row.date: row.kind == CalendarOverride.Kind.WORKING_DAY
            for row in CalendarOverride.objects.all()
        }
        _overrides_loaded_at = now
    return _overrides


def clear_cache() -> None:
    """Forget the moved days read from the database (called when one is saved)."""
    global _overrides
    _overrides = None


def is_working_day(day: dt.date) -> bool:
    overrides = _load_overrides()
    if day in overrides:
        return overrides[day]
    return _public_holidays(day.year).is_working_day(day)


def holiday_name(day: dt.date) -> str | None:
    """The public holiday on ``day``, if any (for showing in the calendar)."""
    return _public_holidays(day.year).get(day)


def next_working_day(day: dt.date) -> dt.date:
    """The first working day strictly after ``day``."""
    day += dt.timedelta(days=1)
    while not is_working_day(day):
        day += dt.timedelta(days=1)
    return day


def working_day_on_or_after(day: dt.date) -> dt.date:
    return day if is_working_day(day) else next_working_day(day)


def add_working_days(start: dt.date, days: int) -> dt.date:
    """The ``days``-th working day after ``start`` (the term starts the next day).

    ``days`` must be positive: a legal term is at least one day.
    """
    if days < 1:
        raise ValueError("a term in working days must be at least 1 day")
    day = start
    for _ in range(days):
        day = next_working_day(day)
    return day


def working_days_between(start: dt.date, end: dt.date) -> int:
    """How many working days lie after ``start`` up to and including ``end``.

    Negative when ``end`` is before ``start`` (a deadline already past).
    """
    if end == start:
        return 0
    sign = 1
    if end < start:
        start, end, sign = end, start, -1
    count = 0
    day = start
    while day < end:
        day += dt.timedelta(days=1)
        if is_working_day(day):
            count += 1
    return sign * count


class WorkingDaysFrom:
    """``working_days_between(start, day)`` for many days at once (an export of a million
    appeals): the count is kept for every day walked, so each day is looked at once.

    >>> left = WorkingDaysFrom(today()); left(appeal.due_on)
    """

    def __init__(self, start: dt.date):
        self.start = start
        self._rank = {start: 0}
        self._hi = self._lo = start

    def __call__(self, day: dt.date) -> int:
        rank = self._rank
        while day > self._hi:
            after = self._hi + dt.timedelta(days=1)
            rank[after] = rank[self._hi] + (1 if is_working_day(after) else 0)
            self._hi = after
        while day < self._lo:
            before = self._lo - dt.timedelta(days=1)
            rank[before] = rank[self._lo] - (1 if is_working_day(self._lo) else 0)
            self._lo = before
        return rank[day]


def _hours(value: str) -> dt.time:
    hours, minutes = value.split(":")
    return dt.time(int(hours), int(minutes))


def registration_date(received_at: dt.datetime) -> dt.date:
    """The legal registration date of something received at ``received_at``.

    Within office hours of a working day it is that day; after hours or on a non-working
    day it is the next working day. Times are taken in the local time zone.
    """
    local = timezone.localtime(received_at) if timezone.is_aware(received_at) else received_at
    day = local.date()
    end = _hours(settings.TYNDAU_WORKDAY_END)
    if is_working_day(day) and local.time() < end:
        return day
    return next_working_day(day)


def months_later(day: dt.date, months: int) -> dt.date:
    """The same day ``months`` calendar months later (clamped to the month's last day)."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    for candidate in (31, 30, 29, 28):
        try:
            return dt.date(year, month, min(day.day, candidate))
        except ValueError:
            continue
    raise AssertionError("unreachable")
