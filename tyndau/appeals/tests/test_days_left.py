"""Every list and page with a deadline says how many working days are left."""

import datetime as dt

import time_machine

from tyndau.appeals.models import Appeal

from .conftest import ALMATY


def _on(day: dt.date):
    return time_machine.travel(dt.datetime(day.year, day.month, day.day, 11, tzinfo=ALMATY))


def test_working_days_left_count_only_working_days(register):
    appeal = register()  # registered Monday 2 November 2026, due 23 November (15 working days)
    assert appeal.due_on == dt.date(2026, 11, 23)
    with _on(dt.date(2026, 11, 20)):  # Friday: Monday 23 is one working day away
        assert Appeal.objects.get(pk=appeal.pk).working_days_left == 1
    with _on(dt.date(2026, 11, 23)):
        assert Appeal.objects.get(pk=appeal.pk).working_days_left == 0
    with _on(dt.date(2026, 11, 26)):  # Thursday after: three working days late
        assert Appeal.objects.get(pk=appeal.pk).working_days_left == -3


def test_the_inbox_shows_days_left_and_overdue_in_red(client, clerk, register):
    appeal = register()
    client.force_login(clerk)
    with _on(dt.date(2026, 11, 20)):
        page = client.get("/ru/staff/appeals/").content.decode()
    assert 'data-days-left="1"' in page and "осталось 1 раб. дн." in page
    with _on(dt.date(2026, 11, 26)):
        page = client.get("/kk/staff/appeals/").content.decode()
    assert 'class="days-left overdue" data-days-left="-3"' in page
    assert "3 жұмыс күні кешіктірілді" in page
    assert appeal.number in page


def test_an_answered_appeal_shows_no_days_left(client, clerk, register, executor):
    from tyndau.appeals import services

    appeal = register()
    services.appeal_assign(appeal=appeal, executor=executor, by=clerk)
    services.appeal_answer(
        appeal=Appeal.objects.get(pk=appeal.pk), outcome="explained", text="Разъяснено.", by=clerk
    )
    assert Appeal.objects.get(pk=appeal.pk).working_days_left is None
