"""A spreadsheet cell as the importers read it: openpyxl gives Python values, the importers
check text (and dates). Shared by the appeals and the development-plan imports."""

from __future__ import annotations

import datetime as dt


def cell_value(value):
    """``""`` for an empty cell, a date for a date or date-time cell, a whole float as its
    digits ("12", not "12.0": numbers and codes typed into Excel), anything else as its
    text without surrounding spaces."""
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()
