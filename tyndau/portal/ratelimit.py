"""A small per-address rate limit on the Django cache (no external captcha)."""

from __future__ import annotations

from django.core.cache import cache


def client_address(request) -> str:
    return request.META.get("REMOTE_ADDR") or "unknown"


def _key(scope: str, request) -> str:
    return f"tyndau:portal:rl:{scope}:{client_address(request)}"


def is_limited(request, *, scope: str, limit: int) -> bool:
    """True when this address has used up ``limit`` hits of ``scope`` in the window."""
    return (cache.get(_key(scope, request)) or 0) >= limit


def hit(request, *, scope: str, window_seconds: int) -> int:
    """Count one hit of ``scope`` for this address; the window starts at the first hit."""
    key = _key(scope, request)
    if cache.add(key, 1, timeout=window_seconds):
        return 1
    try:
        return cache.incr(key)
    except ValueError:  # expired between add() and incr()
        cache.set(key, 1, timeout=window_seconds)
        return 1
