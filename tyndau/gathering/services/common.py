"""What the gathering's services share: the place a gathering is held in, clean text."""

from __future__ import annotations

from django.utils.translation import gettext as _

from tyndau.core.errors import DomainError
from tyndau.territory.models import Level, Territory

GATHERING_LEVELS = (Level.RURAL_DISTRICT,)


def _check_territory(territory: Territory) -> None:
    if territory.level not in GATHERING_LEVELS:
        raise DomainError(_("A local community gathering is held in a rural district."))


def _clean(value: str | None) -> str:
    return (value or "").strip()
