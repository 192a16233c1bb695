"""Background jobs of triage."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.utils import timezone

from tyndau.core.jobs import periodic

from .models import TopicLabel, TopicModel


@periodic(minutes=24 * 60)
def topic_model_retrain_if_due() -> bool:
    """Retrain the topic model once a day at most, when clerks gave enough new labels
    since the last version (``TRIAGE_RETRAIN_MIN_NEW_LABELS``, default 20)."""
    from .services import topic_model_retrain

    last = TopicModel.objects.order_by("-trained_at").first()
    if last and timezone.now() - last.trained_at < dt.timedelta(hours=23):
        return False
    new = TopicLabel.objects.filter(at__gt=last.trained_at) if last else TopicLabel.objects
    if new.count() < getattr(settings, "TRIAGE_RETRAIN_MIN_NEW_LABELS", 20):
        return False
    topic_model_retrain()
    return True
