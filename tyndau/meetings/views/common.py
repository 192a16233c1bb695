"""What every staff page of meetings needs: the meeting found and viewable, the territories."""

from __future__ import annotations

from tyndau.core.access import found_and_allowed
from tyndau.territory.models import Territory
from tyndau.territory.selectors import offices_visible_to, scope_q

from .. import selectors


def _meeting_or_404(request, pk):
    meeting = selectors.meeting_get_visible_to(user=request.user, pk=pk)
    return found_and_allowed(request.user, "meetings.view_meeting", meeting)


def _plannable_territories(user):
    return Territory.objects.filter(scope_q(user=user, field="path")).order_by("path")


def _can_plan_anywhere(user) -> bool:
    return any(user.has_perm("meetings.plan_meeting", o) for o in offices_visible_to(user=user))
