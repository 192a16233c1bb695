"""Meetings with residents: plan, update, hold, cancel, attach the protocol and photos."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping

from auditlog.context import set_actor
from django.db import transaction
from django.utils.translation import gettext as _

from tyndau.core.errors import DomainError, TransitionError
from tyndau.core.locking import save_versioned
from tyndau.territory.models import Office, Territory
from tyndau.territory.selectors import office_serving

from ..models import COUNT_FIELDS, Meeting, MeetingKind, MeetingPhoto, MeetingStatus
from .common import _nullcontext, _today

# ---------------------------------------------------------------------------- meetings


def _check_counts(counts: Mapping[str, int]) -> dict[str, int]:
    clean = {}
    for name, value in counts.items():
        if name not in COUNT_FIELDS:
            raise DomainError(_("Unknown figure “%(name)s”.") % {"name": name})
        if value is None:
            value = 0
        if not isinstance(value, int) or isinstance(value, bool) or value < 0:
            raise DomainError(
                _("“%(name)s” must be a whole number, zero or more.") % {"name": name}
            )
        clean[name] = value
    return clean


@transaction.atomic
def meeting_plan(
    *,
    territory: Territory,
    kind: str,
    planned_on: dt.date,
    place: str = "",
    title: str = "",
    title_kk: str = "",
    title_en: str = "",
    starts_at: dt.time | None = None,
    broadcast_url: str = "",
    by=None,
) -> Meeting:
    """Plan a meeting where it will be held; the office serving that territory holds it."""
    if kind not in MeetingKind.values:
        raise DomainError(_("Unknown kind of meeting."))
    try:
        office = office_serving(territory=territory)
    except Office.DoesNotExist as exc:
        raise DomainError(_("No akimat office serves this territory.")) from exc
    with set_actor(by) if by else _nullcontext():
        return Meeting.objects.create(
            office=office,
            territory=territory,
            akim_level=office.territory.akim_level,
            kind=kind,
            planned_on=planned_on,
            starts_at=starts_at,
            place=place,
            title=title,
            title_kk=title_kk,
            title_en=title_en,
            broadcast_url=broadcast_url,
            created_by=by,
        )


@transaction.atomic
def meeting_update(
    *,
    meeting: Meeting,
    by,
    expected_version: int | None = None,
    kind: str | None = None,
    planned_on: dt.date | None = None,
    starts_at: dt.time | None = None,
    place: str | None = None,
    title: str | None = None,
    title_kk: str | None = None,
    title_en: str | None = None,
    broadcast_url: str | None = None,
) -> Meeting:
    if meeting.status == MeetingStatus.CANCELLED:
        raise TransitionError(_("A cancelled meeting cannot be changed."))
    changes = {
        k: v
        for k, v in {
            "kind": kind,
            "planned_on": planned_on,
            "starts_at": starts_at,
            "place": place,
            "title": title,
            "title_kk": title_kk,
            "title_en": title_en,
            "broadcast_url": broadcast_url,
        }.items()
        if v is not None
    }
    if "kind" in changes and changes["kind"] not in MeetingKind.values:
        raise DomainError(_("Unknown kind of meeting."))
    with set_actor(by):
        save_versioned(meeting, expected_version, **changes)
    return meeting


@transaction.atomic
def meeting_hold(
    *,
    meeting: Meeting,
    held_on: dt.date,
    by,
    expected_version: int | None = None,
    minutes: str | None = None,
    broadcast_url: str | None = None,
    **counts: int,
) -> Meeting:
    """Mark a meeting held and record its attendance, broadcasts, media and officials.

    A held meeting may be corrected again (the counts are replaced).
    """
    if meeting.status == MeetingStatus.CANCELLED:
        raise TransitionError(_("A cancelled meeting cannot be marked as held."))
    if held_on > _today():
        raise DomainError(_("A meeting cannot be held in the future."))
    changes: dict = {"held_on": held_on, "status": MeetingStatus.HELD, **_check_counts(counts)}
    if minutes is not None:
        changes["minutes"] = minutes
    if broadcast_url is not None:
        changes["broadcast_url"] = broadcast_url
    with set_actor(by):
        save_versioned(meeting, expected_version, **changes)
    return meeting


@transaction.atomic
def meeting_cancel(
    *, meeting: Meeting, reason: str, by, expected_version: int | None = None
) -> Meeting:
    if meeting.status != MeetingStatus.PLANNED:
        raise TransitionError(_("Only a planned meeting can be cancelled."))
    if not reason.strip():
        raise DomainError(_("Say why the meeting is cancelled."))
    with set_actor(by):
        save_versioned(
            meeting,
            expected_version,
            status=MeetingStatus.CANCELLED,
            cancel_reason=reason.strip(),
        )
    return meeting


@transaction.atomic
def meeting_attach_files(*, meeting: Meeting, by, protocol=None, photos: Iterable = ()) -> Meeting:
    """Attach the protocol (PDF) and photos of a meeting."""
    if protocol is not None:
        name = getattr(protocol, "name", "")
        if not name.lower().endswith(".pdf"):
            raise DomainError(_("The protocol must be a PDF file."))
        with set_actor(by):
            meeting.protocol = protocol
            meeting.save(update_fields=["protocol", "updated_at"])
    for photo in photos:
        MeetingPhoto.objects.create(meeting=meeting, file=photo)
    return meeting
