"""Which office takes an appeal about a place."""

from __future__ import annotations

from django.utils.translation import gettext as _

from tyndau.core.errors import DomainError
from tyndau.territory.models import Office
from tyndau.territory.selectors import memberships_of, office_serving

from .draft import REGISTER_PERM, NoServingOffice, Place


def office_for(*, place: Place, by=None) -> Office:
    """The office that registers an appeal about ``place``: the one the entry point names,
    else the one serving the territory, else the only office ``by`` registers for."""
    if place.office is not None:
        return place.office
    if place.territory is not None:
        try:
            return office_serving(territory=place.territory)
        except Office.DoesNotExist:
            raise NoServingOffice(
                _("No akimat serves this place yet. Choose another one."), code="no_office"
            ) from None
    offices = {
        m.office.pk: m.office
        for m in memberships_of(user=by)
        if by.has_perm(REGISTER_PERM, m.office)
    }
    if len(offices) != 1:
        raise DomainError(
            _("Say which office registers the appeal (office or territory)."), code="office"
        )
    return next(iter(offices.values()))
