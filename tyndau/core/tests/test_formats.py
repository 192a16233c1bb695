"""Dates and numbers read as the active language writes them; the project's words win."""

import datetime as dt

import pytest
from django.template import Context, Template
from django.utils import formats, translation
from django.utils.translation import gettext

DAY = dt.date(2026, 12, 2)


@pytest.mark.parametrize("language", ["kk", "ru"])
def test_dates_are_day_month_year_with_dots(language):
    with translation.override(language):
        assert formats.date_format(DAY, "SHORT_DATE_FORMAT") == "02.12.2026"
        assert Template("{{ day|date:'SHORT_DATE_FORMAT' }}").render(Context({"day": DAY})) == (
            "02.12.2026"
        )


def test_a_kazakh_page_shows_no_us_date():
    with translation.override("kk"):
        assert formats.date_format(DAY) == "02.12.2026"
        assert formats.date_format(dt.datetime(2026, 12, 2, 9, 5), "DATETIME_FORMAT") == (
            "02.12.2026 09:05"
        )


@pytest.mark.parametrize("language", ["kk", "ru"])
def test_numbers_have_a_decimal_comma(language):
    with translation.override(language):
        rendered = Template("{% load l10n %}{{ x|floatformat:1 }}").render(Context({"x": 4.0}))
        assert rendered == "4,0"
        assert formats.number_format(1234567, force_grouping=True) == "1\xa0234\xa0567"


def test_kazakh_date_input_reads_day_first():
    from django import forms

    with translation.override("kk"):
        assert forms.DateField().clean("02.12.2026") == DAY


def test_the_projects_catalogue_wins_over_djangos_for_the_same_msgid():
    with translation.override("kk"):
        assert gettext("Home") == "Басты бет"  # the admin's own catalogue says "Негізгі"
