"""Residents following a public appeal ("this affects me too")."""

from __future__ import annotations

from django.db import transaction
from django.db.models import F
from django.utils.translation import gettext as _

from tyndau.core.errors import DomainError

from .. import lifecycle
from ..models import OPEN_STATUSES, Appeal, AppealFollow
from .common import _lock, _refresh_risk


def _supporters_changed(appeal: Appeal, delta: int) -> Appeal:
    """Move the appeal's count of supporters by ``delta`` and re-score its risk, in the
    caller's transaction. Not a staff edit: the version stays, so a clerk's open form is
    not refused because a resident followed."""
    Appeal.objects.filter(pk=appeal.pk).update(supporters=F("supporters") + delta)
    appeal.supporters = Appeal.objects.filter(pk=appeal.pk).values_list("supporters", flat=True)[0]
    if appeal.status in OPEN_STATUSES:
        _refresh_risk(appeal)
    return appeal


@transaction.atomic
def appeal_follow(*, appeal: Appeal, user) -> AppealFollow:
    """A signed-in resident says a public appeal affects them too: once per account."""
    appeal = _lock(appeal)
    refusal = lifecycle.follow_refusal(user, appeal)
    if refusal:
        raise DomainError(refusal, code="follow")
    if AppealFollow.objects.filter(appeal=appeal, user=user).exists():
        raise DomainError(_("You already support this appeal."), code="followed")
    follow = AppealFollow.objects.create(appeal=appeal, user=user)  # audited (apps.py)
    _supporters_changed(appeal, +1)
    return follow


@transaction.atomic
def appeal_unfollow(*, appeal: Appeal, user) -> Appeal:
    """Withdraw "this affects me too"."""
    appeal = _lock(appeal)
    follow = AppealFollow.objects.filter(appeal=appeal, user=user).first()
    if follow is None:
        raise DomainError(_("You do not support this appeal."), code="not_followed")
    follow.delete()
    return _supporters_changed(appeal, -1)
