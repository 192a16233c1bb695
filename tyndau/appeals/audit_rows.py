"""Audit entries for rows written in bulk: the entries django-auditlog writes when a
tracked model is saved one by one, built from the rows' values and inserted in bulk.

``changes`` of a created row is what :func:`auditlog.diff.model_instance_diff` gives for
the saved instance (the test ``test_intake_batch`` compares them field by field): every
tracked field whose value is not ``None``, as ``["None", value as text]``; date-times in
UTC without a zone, JSON with sorted keys, a foreign key as its id.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from datetime import UTC

from auditlog.cid import get_cid
from auditlog.diff import model_instance_diff
from auditlog.models import LogEntry
from auditlog.registry import auditlog
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db.models import DateTimeField, JSONField
from django.utils import timezone
from django.utils.encoding import smart_str

from .bulk import insert_rows

LOG_FIELDS = [
    "content_type_id",
    "object_pk",
    "object_id",
    "object_repr",
    "action",
    "changes",
    "changes_text",
    "actor_id",
    "actor_email",
    "cid",
    "timestamp",
]


def fields_of(model) -> list[str]:
    """The attnames of the model's concrete fields but the primary key."""
    return [f.attname for f in model._meta.concrete_fields if not f.primary_key]


def complete(model, values: dict) -> dict:
    """``values`` with every field the caller left out set to its default, so the row
    inserted and its audit entry hold the same values."""
    for f in _defaults(model):
        if f.attname not in values:
            values[f.attname] = f.get_default()
    return values


_DEFAULTS: dict = {}


def _defaults(model) -> list:
    if model not in _DEFAULTS:
        _DEFAULTS[model] = [f for f in model._meta.concrete_fields if not f.primary_key]
    return _DEFAULTS[model]


def _as_text(f) -> Callable:
    """How auditlog writes a value of field ``f`` in ``changes`` (as its diff does)."""
    if isinstance(f, DateTimeField):

        def text(value):
            if value is not None and settings.USE_TZ and not timezone.is_naive(value):
                value = timezone.make_naive(value, timezone=UTC)
            return smart_str(value)

        return text
    if isinstance(f, JSONField):
        return lambda value, encoder=f.encoder: json.dumps(value, sort_keys=True, cls=encoder)
    return smart_str


def _tracked(model) -> list[tuple[str, str, Callable, bool]]:
    """(name in changes, attname, to text, always) of each field auditlog tracks on
    ``model``; ``always``: written even when None (auditlog's diff of a foreign key
    compares "None" with None, so a foreign key is always in the changes)."""
    options = auditlog.get_model_fields(model)
    include, exclude = options["include_fields"], options["exclude_fields"]
    if options["mask_fields"] or settings.AUDITLOG_STORE_JSON_CHANGES:
        raise NotImplementedError("masked fields and JSON changes are not written in bulk")
    out = []
    for f in model._meta.concrete_fields:
        if (include and f.name not in include) or f.name in exclude:
            continue
        out.append((f.name, f.attname, _as_text(f), f.many_to_one or f.one_to_one))
    return out


def created_changes(model, values: dict, pk: int, tracked=None) -> dict:
    """The ``changes`` auditlog writes for a row created with ``values`` and ``pk``."""
    changes = {}
    for name, attname, text, always in tracked or _tracked(model):
        value = text(pk if attname == model._meta.pk.attname else values.get(attname))
        if always or value != "None":
            changes[name] = ["None", value]
    return changes


def insert_created(
    model, records: list[dict], pks: list[int], *, by=None, repr_of: Callable = str
) -> None:
    """One "create" entry for each row inserted (``records`` and their ``pks`` in order);
    ``repr_of(values)`` is the object's text, as ``str()`` of the saved object gives it."""
    if not records:
        return
    tracked = _tracked(model)
    content_type = ContentType.objects.get_for_model(model).pk
    now = timezone.now()
    actor_id, actor_email, cid = _actor(by), getattr(by, "email", None) or None, get_cid()
    pk_name = model._meta.pk.attname

    def rows() -> Iterable[dict]:
        for values, pk in zip(records, pks, strict=True):
            row = {**values, pk_name: pk}
            yield {
                "content_type_id": content_type,
                "object_pk": str(pk),
                "object_id": pk,
                "object_repr": repr_of(row),
                "action": int(LogEntry.Action.CREATE),
                "changes": created_changes(model, values, pk, tracked),
                "changes_text": "",
                "actor_id": actor_id,
                "actor_email": actor_email,
                "cid": cid,
                "timestamp": now,
            }

    insert_rows(LogEntry, LOG_FIELDS, rows())


def insert_updated(changed: list[tuple[object, dict]], *, by=None) -> None:
    """One "update" entry for each (saved object, its values before by name)."""
    if not changed:
        return
    entries = []
    actor_email, cid = getattr(by, "email", None) or None, get_cid()
    for obj, before in changed:
        old = type(obj)(**{f.attname: getattr(obj, f.attname) for f in obj._meta.concrete_fields})
        for name, value in before.items():
            setattr(old, name, value)
        changes = model_instance_diff(old, obj, fields_to_check=list(before))
        if changes:
            entries.append(
                LogEntry(
                    content_type=ContentType.objects.get_for_model(obj),
                    object_pk=str(obj.pk),
                    object_id=obj.pk,
                    object_repr=str(obj),
                    action=LogEntry.Action.UPDATE,
                    changes=changes,
                    actor_id=_actor(by),
                    actor_email=actor_email,
                    cid=cid,
                )
            )
    LogEntry.objects.bulk_create(entries, batch_size=1000)


def _actor(by):
    return by.pk if by is not None else None
