"""Smaller staff changes: the executors to choose from, the topic, a saved inbox view."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils.translation import gettext as _

from tyndau.core.errors import DomainError
from tyndau.territory.models import Office

from ..intake import resolve_topic
from ..models import Appeal, AppealEvent
from .common import EXECUTOR_ROLES, _event, _lock, _refresh_risk, _save


def executor_candidates(*, office: Office):
    """Users who may execute appeals of an office."""
    return (
        get_user_model()
        .objects.filter(memberships__office=office, memberships__role__in=EXECUTOR_ROLES)
        .distinct()
        .order_by("last_name", "first_name")
    )


@transaction.atomic
def appeal_change_topic(*, appeal: Appeal, topic, by, expected_version=None) -> Appeal:
    """Give an open or decided appeal another topic (a clerk corrects the classification);
    the risk score follows (a topic can be a risk rule)."""
    appeal = _lock(appeal, expected_version)
    topic = resolve_topic(topic)
    if topic.pk == appeal.topic_id:
        if appeal._seen_version != appeal.version:
            _save(appeal, {}, expected_version=appeal._seen_version)  # raises the conflict
        return appeal
    before = appeal.topic
    _save(appeal, {"topic": topic}, expected_version=appeal._seen_version)
    _event(appeal, AppealEvent.Kind.EDITED, actor=by, topic=[before.code, topic.code])
    _refresh_risk(appeal)
    return appeal


def inbox_view_save(*, user, query: str) -> None:
    """Keep ``query`` (the inbox's filters, a query string) as the user's default view;
    an empty query forgets it. Only the inbox's own filter names are kept."""
    from django.http import QueryDict

    from ..forms import InboxFilterForm
    from ..models import SavedInboxView

    given = QueryDict(query or "")
    kept = QueryDict(mutable=True)
    for name in InboxFilterForm.base_fields:
        if name in given and given.get(name) != "":
            kept.setlist(name, given.getlist(name))
    text = kept.urlencode()
    if not text:
        SavedInboxView.objects.filter(user=user).delete()
        return
    if len(text) > 2000:
        raise DomainError(_("These filters are too long to keep."), code="query")
    SavedInboxView.objects.update_or_create(user=user, defaults={"query": text})
