"""Optimistic locking: save a change only if nobody changed the record since it was read.

A model that takes part has an integer ``version`` field. The version is claimed with
``UPDATE … SET version = version + 1 WHERE pk = … AND version = <expected>``, so of two
edits made from the same version only the first succeeds; the second gets a
``ConflictError`` with a translated message and changes nothing. This module is the one
home of that rule: every app's services call ``save_versioned`` (a model saved as a whole,
signals and audit as usual) or ``update_versioned`` (one UPDATE that writes the fields in
the same statement that claims the version).
"""

from __future__ import annotations

from django.db.models import F
from django.utils.translation import gettext as _

from .errors import ConflictError


def _conflict(message: str | None) -> ConflictError:
    return ConflictError(
        message
        or _("Someone else changed this record while you were editing. Reload and try again.")
    )


def update_versioned(obj, expected_version: int | None, *, message: str | None = None, **fields):
    """Write ``fields`` on ``obj`` in the UPDATE that claims its version (``None``: the
    version ``obj`` was read with) and set them on ``obj``. No model signals fire: a caller
    that needs an audit entry writes it. Returns the values ``obj`` had before."""
    version = obj.version if expected_version is None else expected_version
    claimed = (
        type(obj)
        ._base_manager.filter(pk=obj.pk, version=version)
        .update(**fields, version=F("version") + 1)
    )
    if not claimed:
        raise _conflict(message)
    before = {name: getattr(obj, name) for name in fields}
    for name, value in fields.items():
        setattr(obj, name, value)
    obj.version = version + 1
    return before


def save_versioned(obj, expected_version: int | None, *, message: str | None = None, **changes):
    """Set ``changes`` on ``obj`` and save it, if its version is still ``expected_version``
    (``None``: the version ``obj`` was read with)."""
    update_versioned(obj, expected_version, message=message)
    for name, value in changes.items():
        setattr(obj, name, value)
    obj.save()
