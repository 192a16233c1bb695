"""Optimistic locking: save a change only if nobody changed the record since it was read.

A model that takes part has an integer ``version`` field. The version is claimed with
``UPDATE … SET version = version + 1 WHERE pk = … AND version = <expected>``, so of two
edits made from the same version only the first succeeds; the second gets a
``ConflictError`` with a translated message and changes nothing.
"""

from __future__ import annotations

from django.utils.translation import gettext as _

from .errors import ConflictError


def save_versioned(obj, expected_version: int | None, **changes) -> None:
    """Set ``changes`` on ``obj`` and save it, if its version is still ``expected_version``
    (``None``: the version ``obj`` was read with)."""
    version = obj.version if expected_version is None else expected_version
    claimed = type(obj).objects.filter(pk=obj.pk, version=version).update(version=version + 1)
    if not claimed:
        raise ConflictError(
            _("Someone else changed this record while you were editing. Reload and try again.")
        )
    for name, value in changes.items():
        setattr(obj, name, value)
    obj.version = version + 1
    obj.save()
