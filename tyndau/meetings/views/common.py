"""What every staff page of meetings needs: the permission check and the lookups."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404

from tyndau.territory.models import Territory
from tyndau.territory.selectors import offices_visible_to, scope_q

from .. import selectors


def _require(user, perm, obj):
    if not user.has_perm(perm, obj):
        raise PermissionDenied


def _meeting_or_404(request, pk):
    meeting = selectors.meeting_get_visible_to(user=request.user, pk=pk)
    if meeting is None:
        raise Http404
    _require(request.user, "meetings.view_meeting", meeting)
    return meeting


def _plannable_territories(user):
    return Territory.objects.filter(scope_q(user=user, field="path")).order_by("path")


def _can_plan_anywhere(user) -> bool:
    return any(user.has_perm("meetings.plan_meeting", o) for o in offices_visible_to(user=user))
