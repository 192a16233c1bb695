"""The audit trail: django-auditlog records who changed what and when, append-only.

Every model with state registers here (or in its own app's ``audit.py``) through
:func:`track`. Services add context (the reason of a transition) with :func:`note`.
"""

from auditlog.context import set_actor
from auditlog.models import LogEntry
from auditlog.registry import auditlog
from django.contrib.contenttypes.models import ContentType

__all__ = ["track", "history_of", "set_actor"]


def track(model, **options):
    """Register a model with the audit trail (idempotent)."""
    if not auditlog.contains(model):
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
