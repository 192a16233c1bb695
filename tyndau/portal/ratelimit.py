"""The portal's rate limits: the shared counters of tyndau.core.ratelimit (the cache,
keyed on the client address from the trusted proxy's header)."""

from __future__ import annotations

from tyndau.core import ratelimit as _shared
from tyndau.core.clientip import client_ip


def client_address(request) -> str:
    return client_ip(request)


def is_limited(request, *, scope: str, limit: int | None = None) -> bool:
    """True when this address has used up ``limit`` hits of ``scope`` in the window
    (by default the limit of the scope's setting, read at each request)."""
    return _shared.is_limited(request, scope=scope, limit=limit)


def hit(request, *, scope: str, window_seconds: int) -> int:
    """Count one hit of ``scope`` for this address; the window starts at the first hit."""
    return _shared.hit(request, scope=scope, window_seconds=window_seconds)
