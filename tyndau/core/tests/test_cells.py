"""The importers' one reading of a date cell (appeals and development plans)."""

import datetime as dt

import pytest
from django.utils import translation

from tyndau.core.cells import cell_date


@pytest.mark.parametrize(
    "value",
    [
        dt.date(2025, 3, 4),
        "2025-03-04",
        "4.3.2025",
        "04.03.2025",
        " 2025-03-04 ",
        "2025-03-04T10:30",
    ],
)
def test_a_date_is_read_from_a_date_cell_or_either_written_form(value):
    errors = []
    assert cell_date(value, "due_on", errors) == dt.date(2025, 3, 4)
    assert errors == []


def test_an_empty_cell_is_no_date_and_no_error():
    errors = []
    assert cell_date("  ", "due_on", errors) is None
    assert errors == []


@pytest.mark.parametrize("value", ["2025-02-30", "03/04/2025", "soon"])
def test_anything_else_is_refused_with_the_column_named(value):
    errors = []
    with translation.override("en"):
        assert cell_date(value, "due_on", errors) is None
    assert errors == [f"due_on “{value}” is not a date (expected YYYY-MM-DD or DD.MM.YYYY)"]


def test_the_refusal_is_in_the_reader_s_language():
    errors = []
    with translation.override("ru"):
        cell_date("soon", "due_on", errors)
    with translation.override("kk"):
        cell_date("soon", "due_on", errors)
    assert errors == [
        "due_on: «soon» — не дата (ожидается ГГГГ-ММ-ДД или ДД.ММ.ГГГГ)",
        "due_on: «soon» күн емес (ЖЖЖЖ-АА-КК немесе КК.АА.ЖЖЖЖ күтіледі)",
    ]
