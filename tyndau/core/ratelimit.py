"""Rate limits shared by every worker: counters in the Django cache (Redis when
REDIS_URL is set, a database table otherwise), keyed on the client's address as the
trusted reverse proxy reports it (tyndau.core.clientip), so they survive a restart and
do not lump every resident behind nginx together.

Limits (per hour, settings): filing on the portal is generous and never refused (past the
limit an SMS code is asked, see tyndau.core.onetime); tracking guesses, reception
bookings and API/Open311 writes are strict.
"""

from __future__ import annotations

from django.conf import settings
from django.core.cache import cache

from .clientip import client_ip

LIMITS = {  # scope: (setting, default per hour)
    "appeal": ("TYNDAU_PORTAL_APPEALS_PER_HOUR", 5),
    "track": ("TYNDAU_PORTAL_TRACK_FAILURES_PER_HOUR", 20),
    "booking": ("TYNDAU_RECEPTION_BOOKINGS_PER_HOUR", 3),
    "api_write": ("TYNDAU_API_WRITES_PER_HOUR", 600),
    "sms": ("TYNDAU_SMS_CODES_PER_HOUR", 3),
}


def limit_of(scope: str) -> int:
    name, default = LIMITS[scope]
    return int(getattr(settings, name, default))


def _key(scope: str, who: str) -> str:
    return f"tyndau:rl:{scope}:{who}"


def count(*, scope: str, who: str) -> int:
    return int(cache.get(_key(scope, who)) or 0)


def is_limited_for(*, scope: str, who: str, limit: int | None = None) -> bool:
    return count(scope=scope, who=who) >= (limit_of(scope) if limit is None else limit)


def hit_for(*, scope: str, who: str, window_seconds: int = 3600) -> int:
    """Count one hit; the window starts at the first hit. The counter is atomic and keeps
    its expiry (INCR on Redis, tyndau.core.cache on the database), so it is tried first:
    one write for every hit but the first of a window."""
    key = _key(scope, who)
    try:
        return cache.incr(key)
    except ValueError:  # no counter in this window yet
        pass
    if cache.add(key, 1, timeout=window_seconds):
        return 1
    try:
        return cache.incr(key)  # another worker started the window meanwhile
    except ValueError:  # and it expired at once
        cache.set(key, 1, timeout=window_seconds)
        return 1


def is_limited(request, *, scope: str, limit: int | None = None) -> bool:
    return is_limited_for(scope=scope, who=client_ip(request), limit=limit)


def hit(request, *, scope: str, window_seconds: int = 3600) -> int:
    return hit_for(scope=scope, who=client_ip(request), window_seconds=window_seconds)
