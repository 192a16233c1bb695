"""The office's own place names, which the anonymiser must not take for people.

Villages, districts and streets are often named after people («Кенес», «Малика
Габдуллина», «Сейфуллина»), and the anonymiser would hide «в Кенесе» as a given name. Their
names are public (the territory tree, the street of every public appeal), so the
anonymiser keeps them, in any case form, unless they stand next to a person's name
(«Кенес Ахметов»), and never when they are the applicant's own name.

Read from the database once and kept in memory: the territory names until a territory is
saved or deleted (a signal clears them), the streets of an office's appeals for
``STREETS_TTL`` seconds.
"""

from __future__ import annotations

import re
import threading
import time

from django.db import DatabaseError
from django.db.models.signals import post_delete, post_save

STREETS_TTL = 900

_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")
_lock = threading.Lock()
_territory_names: frozenset[str] | None = None
_street_names: dict[str, tuple[float, frozenset[str]]] = {}


def _proper_part(name: str) -> set[str]:
    """The proper name in a place's name: «село Красный Яр» → «Красный Яр»; the level
    words («село», «ауылы», «сельский округ») are lower-case and stay out."""
    words = [w for w in _WORD.findall(name or "") if w[:1].isupper()]
    return {" ".join(words)} if words else set()


def territory_names() -> frozenset[str]:
    """The proper names of every territory, in Russian, Kazakh and English («Кенес»,
    «Малика Габдуллина»: the anonymiser keeps a name of several words only whole)."""
    global _territory_names
    words = _territory_names
    if words is None:
        from tyndau.territory.models import Territory

        found: set[str] = set()
        try:
            for row in Territory.objects.values_list("name_ru", "name_kk", "name_en"):
                for name in row:
                    found |= _proper_part(name)
        except DatabaseError:  # no tables yet (a fresh database, a migration)
            return frozenset()
        words = frozenset(found)
        with _lock:
            _territory_names = words
    return words


def street_names(territory) -> frozenset[str]:
    """The street names of the appeals filed in ``territory``'s subtree (their public
    part: without house or flat numbers)."""
    if territory is None:
        return frozenset()
    now = time.monotonic()
    cached = _street_names.get(territory.path)
    if cached and now - cached[0] < STREETS_TTL:
        return cached[1]
    from tyndau.appeals.models import Appeal

    from .anonymiser import street_only

    found: set[str] = set()
    try:
        streets = (
            Appeal.objects.filter(territory__path__startswith=territory.path)
            .exclude(street="")
            .values_list("street", flat=True)
            .distinct()
        )
        for street in streets.iterator():
            found |= _proper_part(street_only(street))
    except DatabaseError:
        return frozenset()
    words = frozenset(found)
    with _lock:
        _street_names[territory.path] = (now, words)
    return words


def place_names(territory=None) -> frozenset[str]:
    """The place names the anonymiser keeps: all territories' names, and, for an office's
    ``territory``, the streets of its appeals."""
    return territory_names() | street_names(territory)


def forget(**_kwargs) -> None:
    """Drop what is kept in memory (a territory changed; tests)."""
    global _territory_names
    with _lock:
        _territory_names = None
        _street_names.clear()


def connect_signals() -> None:
    from tyndau.territory.models import Territory

    post_save.connect(forget, sender=Territory, dispatch_uid="privacy-places-save")
    post_delete.connect(forget, sender=Territory, dispatch_uid="privacy-places-delete")
