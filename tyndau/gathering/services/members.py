"""The gathering's members: registering and changing them."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils.translation import gettext as _

from tyndau.core.audit import acting
from tyndau.core.errors import DomainError
from tyndau.core.locking import save_versioned
from tyndau.territory.models import Territory

from ..models import Member
from .common import _check_territory, _clean


def _check_village(territory: Territory, village: Territory) -> None:
    if village.parent_id != territory.pk:
        raise DomainError(
            _("%(village)s is not a village of %(district)s.")
            % {"village": village, "district": territory}
        )


@transaction.atomic
def member_add(
    *,
    territory: Territory,
    village: Territory,
    full_name: str,
    delegated_on: dt.date,
    basis: str = "",
    by=None,
) -> Member:
    """Record a village's representative delegated by its сход."""
    _check_territory(territory)
    _check_village(territory, village)
    if not _clean(full_name):
        raise DomainError(_("Give the member's full name."))
    if delegated_on is None:
        raise DomainError(_("Give the date the village gathering delegated the member."))
    with acting(by):
        return Member.objects.create(
            territory=territory,
            village=village,
            full_name=_clean(full_name)[:255],
            delegated_on=delegated_on,
            basis=_clean(basis)[:255],
        )


@transaction.atomic
def member_update(
    *,
    member: Member,
    by=None,
    expected_version: int | None = None,
    full_name: str | None = None,
    village: Territory | None = None,
    delegated_on: dt.date | None = None,
    basis: str | None = None,
    left_on: dt.date | None = None,
) -> Member:
    """Correct a member's record, or record the day they left (``left_on``)."""
    changes: dict = {}
    if full_name is not None:
        if not _clean(full_name):
            raise DomainError(_("Give the member's full name."))
        changes["full_name"] = _clean(full_name)[:255]
    if village is not None:
        _check_village(member.territory, village)
        changes["village"] = village
    if delegated_on is not None:
        changes["delegated_on"] = delegated_on
    if basis is not None:
        changes["basis"] = _clean(basis)[:255]
    if left_on is not None:
        changes["left_on"] = left_on
    start = changes.get("delegated_on", member.delegated_on)
    end = changes.get("left_on", member.left_on)
    if end is not None and end <= start:
        raise DomainError(_("A member leaves after the day they were delegated."))
    with acting(by):
        save_versioned(member, expected_version, **changes)
    return member
