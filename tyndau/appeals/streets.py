"""The street of an appeal: one parser and one spelling, for every channel (the
registration service, its batch form, repeat detection and triage)."""

from __future__ import annotations

import re

# Words naming the kind of street stay lower-case ("Абай көшесі", not "Абай Көшесі").
_STREET_KIND_WORDS = {
    "көшесі", "көше", "даңғылы", "даңғыл", "тұйығы", "шағынауданы", "ықшамауданы", "алаңы",
    "ул", "ул.", "улица", "пер", "пер.", "переулок", "пр", "пр.", "проспект", "мкр", "мкр.",
    "микрорайон", "бульвар", "шоссе", "площадь", "тупик",
}  # fmt: skip
# Words before a house or flat number: "д. 12", "кв 3", "үй 7".
_HOUSE_WORDS = {"д", "дом", "кв", "үй", "house"}
_MAX_STREET = 128


def normalise_street(street: str) -> str:
    """One spelling per street, so "абая" and "Абая " match on every database."""
    words = (street or "").split()
    return " ".join(w.lower() if w.lower() in _STREET_KIND_WORDS else w.title() for w in words)


def street_of(address: str) -> str:
    """The street of an address without house or flat numbers ("ул. Мира, 12" → "ул. Мира")."""
    first = (address or "").split(",", 1)[0]
    words = [
        w
        for w in first.split()
        if not re.search(r"\d", w) and w.lower().strip(".") not in _HOUSE_WORDS
    ]
    return " ".join(words)[:_MAX_STREET]


def street_for(place) -> str:
    """The street an appeal is filed under: the one given, else the address's."""
    return normalise_street(place.street or street_of(place.address))[:_MAX_STREET]
