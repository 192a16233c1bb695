"""The audit trail: django-auditlog records who changed what and when, append-only.

Every model with state registers here (or in its own app's ``audit.py``) through
:func:`track`. Services add context (the reason of a transition) with :func:`note`.
"""

from contextlib import nullcontext

from auditlog.context import set_actor
from auditlog.models import LogEntry
from auditlog.registry import auditlog
from django.contrib.contenttypes.models import ContentType

__all__ = ["acting", "track", "history_of", "set_actor"]


def acting(by):
    """A context in which the audit entries written are ``by``'s; with no ``by``, they stay
    those of whoever is acting already (the request's user, or nobody)."""
    return set_actor(by) if by is not None else nullcontext()


def track(model, **options):
    """Register a model with the audit trail (idempotent).

    Reverse relations (another model's foreign key or one-to-one pointing here) are left
    out: they are not this object's state, and auditlog would read each reverse
    one-to-one with a query on every save.
    """
    if not auditlog.contains(model):
        reverse = [f.name for f in model._meta.get_fields() if f.auto_created and not f.concrete]
        options["exclude_fields"] = [*options.get("exclude_fields", ()), *reverse]
        auditlog.register(model, **options)
    return model


def history_of(obj):
    """The audit entries of one object, oldest first."""
    return (
        LogEntry.objects.filter(
            content_type=ContentType.objects.get_for_model(type(obj)), object_pk=str(obj.pk)
        )
        .select_related("actor")
        .order_by("timestamp", "pk")
    )
