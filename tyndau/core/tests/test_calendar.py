import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from tyndau.core import calendar
from tyndau.core.models import CalendarOverride

ALMATY = ZoneInfo("Asia/Almaty")
D = dt.date

pytestmark = pytest.mark.django_db


def at(y, m, d, hh=10, mm=0):
    return dt.datetime(y, m, d, hh, mm, tzinfo=ALMATY)


def test_weekends_are_not_working_days():
    assert calendar.is_working_day(D(2026, 11, 27))  # Friday
    assert not calendar.is_working_day(D(2026, 11, 28))  # Saturday
    assert not calendar.is_working_day(D(2026, 11, 29))  # Sunday


def test_new_year_days_are_off():
    assert not calendar.is_working_day(D(2026, 1, 1))
    assert not calendar.is_working_day(D(2026, 1, 2))
    # Registered on 31 Dec 2025 (Wed): 1-2 Jan holidays, 3-4 Jan weekend, 5 Jan first day.
    assert calendar.add_working_days(D(2025, 12, 31), 1) == D(2026, 1, 5)


def test_nauryz_and_its_weekend_carry_over():
    # 2026: 21-22 March fall on Sat-Sun, so 23-25 March (Mon-Wed) are all days off.
    for day in (21, 22, 23, 24, 25):
        assert not calendar.is_working_day(D(2026, 3, day)), day
    assert calendar.is_working_day(D(2026, 3, 26))
    # Registered Friday 20 March: the term's first working day is Thursday 26 March.
    assert calendar.add_working_days(D(2026, 3, 20), 1) == D(2026, 3, 26)
    assert calendar.add_working_days(D(2026, 3, 20), 2) == D(2026, 3, 27)


def test_holiday_on_a_weekend_moves_to_monday():
    # Republic Day, 25 Oct 2026, is a Sunday: Monday 26 Oct is off instead.
    assert not calendar.is_working_day(D(2026, 10, 26))
    assert calendar.add_working_days(D(2026, 10, 23), 1) == D(2026, 10, 27)


def test_substituted_saturday_from_the_holidays_package_is_a_working_day():
    # 2025: Friday 3 Jan was given off in exchange for Sunday 5 Jan.
    assert not calendar.is_working_day(D(2025, 1, 3))
    assert calendar.is_working_day(D(2025, 1, 5))


def test_decree_moved_days_from_the_admin_table_win():
    saturday, wednesday = D(2026, 12, 19), D(2026, 12, 30)
    assert not calendar.is_working_day(saturday)
    assert calendar.is_working_day(wednesday)
    CalendarOverride.objects.create(date=saturday, kind=CalendarOverride.Kind.WORKING_DAY)
    CalendarOverride.objects.create(date=wednesday, kind=CalendarOverride.Kind.DAY_OFF)
    assert calendar.is_working_day(saturday)
    assert not calendar.is_working_day(wednesday)
    # Friday 18 Dec + 1 working day is now the Saturday.
    assert calendar.add_working_days(D(2026, 12, 18), 1) == saturday
    assert calendar.add_working_days(D(2026, 12, 29), 1) == D(2026, 12, 31)


def test_deleting_a_moved_day_restores_the_calendar():
    override = CalendarOverride.objects.create(
        date=D(2026, 12, 19), kind=CalendarOverride.Kind.WORKING_DAY
    )
    assert calendar.is_working_day(D(2026, 12, 19))
    override.delete()
    assert not calendar.is_working_day(D(2026, 12, 19))


def test_term_starts_the_day_after_registration():
    # Registered Monday 2 Nov 2026: 15 working days end Monday 23 Nov.
    assert calendar.add_working_days(D(2026, 11, 2), 15) == D(2026, 11, 23)
    # 15 working days across 16 Dec (Independence Day, Wed).
    assert calendar.add_working_days(D(2026, 12, 1), 15) == D(2026, 12, 23)


def test_term_must_be_positive():
    with pytest.raises(ValueError):
        calendar.add_working_days(D(2026, 11, 2), 0)


def test_registration_during_office_hours_is_the_same_day():
    assert calendar.registration_date(at(2026, 11, 27, 17, 59)) == D(2026, 11, 27)


def test_registration_after_hours_moves_to_the_next_working_day():
    # Friday evening → Monday.
    assert calendar.registration_date(at(2026, 11, 27, 19, 0)) == D(2026, 11, 30)


def test_registration_on_a_holiday_moves_past_it():
    assert calendar.registration_date(at(2026, 3, 21, 11)) == D(2026, 3, 26)
    assert calendar.registration_date(at(2025, 12, 31, 23, 30)) == D(2026, 1, 5)


def test_registration_uses_local_time():
    # 13:00 UTC is 18:00 in Almaty (UTC+5): still within hours.
    utc = dt.datetime(2026, 11, 27, 13, 0, tzinfo=dt.UTC)
    assert calendar.registration_date(utc) == D(2026, 11, 27)
    late = dt.datetime(2026, 11, 27, 14, 0, tzinfo=dt.UTC)  # 19:00 local
    assert calendar.registration_date(late) == D(2026, 11, 30)


def test_working_days_between_counts_both_ways():
    assert calendar.working_days_between(D(2026, 11, 27), D(2026, 11, 30)) == 1
    assert calendar.working_days_between(D(2026, 11, 30), D(2026, 11, 27)) == -1
    assert calendar.working_days_between(D(2026, 11, 30), D(2026, 11, 30)) == 0


def test_months_later_clamps_to_month_end():
    assert calendar.months_later(D(2026, 12, 31), 2) == D(2027, 2, 28)
    assert calendar.months_later(D(2026, 11, 15), 2) == D(2027, 1, 15)
