"""What the services of the meetings app share: terms, today."""

from __future__ import annotations

import contextlib
import datetime as dt

from django.utils.translation import gettext as _

from tyndau.appeals.models import Topic
from tyndau.core import calendar
from tyndau.core.errors import DomainError

ASSIGNMENT_TERM_DAYS = 15  # working days, unless a deadline is given
REMIND_DAYS_BEFORE = (3, 1)  # working days before the deadline


def _today() -> dt.date:
    return calendar.today()


def _nullcontext():
    """No audit actor to set (a change made by the system)."""
    return contextlib.nullcontext()


def _topic(topic: Topic | str) -> Topic:
    if isinstance(topic, Topic):
        return topic
    try:
        return Topic.objects.get(code=topic)
    except Topic.DoesNotExist as exc:
        raise DomainError(_("Unknown topic “%(topic)s”.") % {"topic": topic}) from exc
