"""What every map of the site needs from the server: the tiles, their attribution, and the
titles of the map's controls in the page's language (Leaflet's own are English).

The maps themselves are ``static/maps/map.js`` (Leaflet, no build step, no inline script).
"""

from __future__ import annotations

from django.conf import settings
from django.utils.translation import gettext as _

DEFAULT_CENTRE = [53.28, 69.39]  # Kokshetau, when no territory above has a centre


def map_settings() -> dict:
    """Settings of a map for ``json_script``: tiles may be empty (the map still takes a pin)."""
    return {
        "tile_url": settings.TYNDAU_TILE_URL,
        "attribution": getattr(settings, "TYNDAU_MAP_ATTRIBUTION", "© OpenStreetMap contributors"),
        "labels": {
            "zoom_in": _("Zoom in"),
            "zoom_out": _("Zoom out"),
            "locating": _("Finding where you are…"),
            "locate_failed": _(
                "Your location is not available: allow it in the browser, or tap the map."
            ),
            "no_streets": _("No street of this akimat has this name."),
            "street_chosen": _("Street:"),
        },
    }


def centre_of(territory) -> list[float]:
    """The centre of a territory, or of the nearest territory above it that has one."""
    if territory is None:
        return list(DEFAULT_CENTRE)
    for t in [territory, *reversed(list(territory.ancestors()))]:
        if t.latitude is not None and t.longitude is not None:
            return [t.latitude, t.longitude]
    return list(DEFAULT_CENTRE)
