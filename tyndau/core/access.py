"""What a view checks before it shows or changes a record: that it was found (a
selector answers None for a record the user may not see, which is a 404 like one that
does not exist), and that the user holds the permission on it (else a 403)."""

from __future__ import annotations

from typing import TypeVar

from django.core.exceptions import PermissionDenied
from django.http import Http404

T = TypeVar("T")


def found(obj: T | None) -> T:
    """``obj``, or a 404 when the selector found nothing."""
    if obj is None:
        raise Http404
    return obj


def require(user, perm: str, obj) -> None:
    """A 403 unless ``user`` holds ``perm`` on ``obj``."""
    if not user.has_perm(perm, obj):
        raise PermissionDenied


def found_and_allowed(user, perm: str, obj: T | None) -> T:
    """``obj`` found (else a 404) and ``perm`` held on it (else a 403)."""
    require(user, perm, found(obj))
    return obj
