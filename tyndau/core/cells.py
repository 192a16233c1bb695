"""A spreadsheet cell as the importers read it: openpyxl gives Python values, the importers
check text (and dates). Shared by the appeals and the development-plan imports."""

from __future__ import annotations

import datetime as dt
import re

from django.utils.translation import gettext as _

_ISO = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_DOTTED = re.compile(r"^\d{1,2}\.\d{1,2}\.\d{4}$")


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


def cell_date(value, column: str, errors: list[str]) -> dt.date | None:
    """A date cell: a date as it is; text as YYYY-MM-DD or DD.MM.YYYY (a time after the
    date is ignored); an empty cell is None. Anything else is None, and a message naming
    ``column`` is added to ``errors``."""
    if isinstance(value, dt.date):
        return value
    value = (value or "").strip()
    if not value:
        return None
    value = value.split(" ", 1)[0].split("T", 1)[0]
    try:
        if _ISO.match(value):
            return dt.date.fromisoformat(value)
        if _DOTTED.match(value):
            day, month, year = value.split(".")
            return dt.date(int(year), int(month), int(day))
    except ValueError:
        pass
    errors.append(
        _("%(column)s “%(value)s” is not a date (expected YYYY-MM-DD or DD.MM.YYYY)")
        % {"column": column, "value": value}
    )
    return None
