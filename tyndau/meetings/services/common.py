"""What the services of the meetings app share: terms, the counts of a meeting, today."""

from __future__ import annotations

import contextlib
import datetime as dt

from django.utils.translation import gettext as _

from tyndau.appeals.models import Topic
from tyndau.core import calendar
from tyndau.core.errors import ConflictError, DomainError

from ..models import (
    MEDIA_KINDS,
    OFFICIAL_KINDS,
    ONLINE_CHANNELS,
)

ASSIGNMENT_TERM_DAYS = 15  # working days, unless a deadline is given
REMIND_DAYS_BEFORE = (3, 1)  # working days before the deadline

# The counts recorded when a meeting is held, as the Decree 826 form names them.
COUNT_FIELDS = (
    [f"broadcasts_{c}" for c in ONLINE_CHANNELS]
    + ["participants_offline"]
    + [f"participants_{c}" for c in ONLINE_CHANNELS]
    + ["speakers"]
    + [f"media_{m}" for m in MEDIA_KINDS]
    + [f"officials_{o}" for o in OFFICIAL_KINDS]
)


def _today() -> dt.date:
    return calendar.today()


def _save_versioned(obj, expected_version: int | None, **changes) -> None:
    """Save ``changes`` on ``obj`` only if nobody changed it since ``expected_version``
    (optimistic locking: the version is claimed with ``UPDATE ... WHERE version=``)."""
    version = obj.version if expected_version is None else expected_version
    claimed = type(obj).objects.filter(pk=obj.pk, version=version).update(version=version + 1)
    if not claimed:
        raise ConflictError(
            _("Someone else changed this record while you were editing. Reload and try again.")
        )
    for name, value in changes.items():
        setattr(obj, name, value)
    obj.version = version + 1
    obj.save()


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
