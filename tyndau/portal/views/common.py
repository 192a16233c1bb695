"""What the portal's pages share: the tracking link of an appeal, a safe "next" address, the map."""

from __future__ import annotations

from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme

from tyndau.appeals.models import Appeal
from tyndau.core import maps

map_settings = maps.map_settings
_territory_centre = maps.centre_of


def _tracking_url(appeal: Appeal) -> str:
    return reverse("portal:track-detail", args=[appeal.number, appeal.tracking_code])


def _safe_next(request, default: str) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return default
