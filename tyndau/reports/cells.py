"""The cells of a sheet, and the sheet's title: what every form of ``sheets`` is built of.

A cell is a plain dict (header text, body text, a figure with its ``key``, or blank) that
the HTML page, the XLSX and PDF exports all draw alike.
"""

from __future__ import annotations

import datetime as dt

from django.utils import formats
from django.utils.translation import gettext as _

from .definitions import FORMS, OWN


def figure_value(data: dict, key: str) -> int:
    node = data
    for part in key.split("."):
        node = node[int(part)] if isinstance(node, list) else node[part]
    return node


def head(text, colspan=1, rowspan=1) -> dict:
    return {"text": str(text), "colspan": colspan, "rowspan": rowspan}


def text(value, *, bold=False, indent=False, colspan=1) -> dict:
    return {"text": str(value), "bold": bold, "indent": indent, "colspan": colspan}


def fig(data: dict, key: str, *, bold=False) -> dict:
    return {"value": figure_value(data, key), "key": key, "bold": bold, "colspan": 1}


def blank() -> dict:
    return {"text": "", "colspan": 1}


def local_date(value) -> str:
    """A date of the data (ISO in the JSON) as the active language writes it."""
    if isinstance(value, str):
        try:
            value = dt.date.fromisoformat(value)
        except ValueError:
            return value
    return formats.date_format(value, "SHORT_DATE_FORMAT")


def title(form: str, data: dict) -> tuple[str, str]:
    period = data["period"]
    if data.get("scope") == OWN:
        template = _("%(territory)s (own records only), from %(start)s to %(end)s")
    else:
        template = _("%(territory)s with the territories below it, from %(start)s to %(end)s")
    subtitle = template % {
        "territory": data["territory"]["name"],
        "start": local_date(period["from"]),
        "end": local_date(period["to"]),
    }
    return str(FORMS[form]), subtitle
