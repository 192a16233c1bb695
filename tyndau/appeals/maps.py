"""The staff maps of appeals: the resident's pin on the appeal page, the open appeals of the
inbox's filter, and the pin picker of the registration page (``static/maps/map.js``).

A pin is exact for the staff of the appeal's own office (the privacy policy's
``EXACT_PIN``); others (the office above, say) see it about 100 m off, as the public does.
"""

from __future__ import annotations

from django.db.models import BooleanField, ExpressionWrapper, QuerySet
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from tyndau.core.maps import centre_of, map_settings
from tyndau.privacy import policy
from tyndau.territory.selectors import territory_centres

from .querysets import open_q

MAX_POINTS = 500


def _rounded(lat: float, lon: float) -> list[float]:
    return [round(lat, 3), round(lon, 3)]


def appeal_pin(*, appeal, parts) -> dict | None:
    """The map of the appeal page, or None when the resident put no pin."""
    if appeal.latitude is None or appeal.longitude is None:
        return None
    exact = policy.Part.EXACT_PIN in parts
    centre = (
        [appeal.latitude, appeal.longitude]
        if exact
        else _rounded(appeal.latitude, appeal.longitude)
    )
    return {
        **map_settings(),
        "centre": centre,
        "zoom": 17 if exact else 15,
        "exact": exact,
        "marker_title": _("The place of the problem"),
    }


def open_appeals_map(*, user, appeals: QuerySet, centre: list[float]) -> dict:
    """The inbox's map: the open appeals of the current filter that have a pin (at most
    ``MAX_POINTS``, the most urgent first), coloured by risk band."""
    exact = ExpressionWrapper(policy.exact_pin_q(user=user), output_field=BooleanField())
    rows = (
        appeals.filter(open_q())
        .annotate(exact_pin=exact)
        .exclude(latitude=None)
        .exclude(longitude=None)
        .order_by("due_on", "id")
        .values(
            "pk",
            "number",
            "latitude",
            "longitude",
            "risk_band",
            "exact_pin",
            "status",
            "topic__name_ru",
            "topic__name_kk",
            "topic__name_en",
        )[:MAX_POINTS]
    )
    from .models import Status

    labels = dict(Status.choices)
    lang = (get_language() or "ru")[:2]
    points = []
    for row in rows:
        if row["exact_pin"]:  # the policy's EXACT_PIN, asked for the whole list at once
            lat, lon = row["latitude"], row["longitude"]
        else:
            lat, lon = _rounded(row["latitude"], row["longitude"])
        points.append(
            {
                "lat": lat,
                "lon": lon,
                "number": row["number"],
                "topic": row.get(f"topic__name_{lang}") or row["topic__name_ru"],
                "status": str(labels.get(row["status"], row["status"])),
                "band": row["risk_band"],
                "url": reverse("appeals:detail", args=[row["pk"]]),
            }
        )
    return {**map_settings(), "centre": centre, "zoom": 12, "points": points}


def pin_config(form, *, territories, chosen=None, empty_message=None) -> dict:
    """Settings of the map-first pin picker (the filing form, the clerk's registration)."""
    return {
        **map_settings(),
        "centre": centre_of(chosen),
        "zoom": 15 if chosen is not None else 11,
        "place_zoom": 15,
        "centres": territory_centres(territories=territories),
        "territory_input": form["territory"].id_for_label,
        "address_input": form["address"].id_for_label,
        "street_input": form["street"].id_for_label if "street" in form.fields else "",
        "lat_input": form["latitude"].id_for_label,
        "lon_input": form["longitude"].id_for_label,
        "status": "pin-status",
        "clear": "pin-clear",
        "centre_button": "pin-centre",
        "locate_button": "pin-locate",
        "search_input": "street-search",
        "search_results": "street-results",
        "search_url": reverse("portal:streets"),
        "placed": _("Pin placed:"),
        "empty": empty_message
        or _("No pin yet: tap the map where the problem is, or find the street below."),
        "marker_title": _("The place of the problem"),
    }
