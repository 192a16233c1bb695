"""Staff pages of assignments (поручения) given at meetings."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tyndau.core import calendar
from tyndau.core.access import require
from tyndau.core.actions import form_page, post_action, with_version
from tyndau.core.audit import history_of

from .. import selectors, services
from ..forms import (
    CompleteForm,
    ControlForm,
)


@login_required
def assignment_list(request):
    mine = request.GET.get("mine") == "1"
    assignments = selectors.assignment_list_visible_to(user=request.user, mine=mine)
    state = request.GET.get("state", "open")
    today = calendar.today()
    counts = selectors.assignment_counts(assignments=assignments, today=today)
    if state == "open":
        assignments = assignments.open()
    elif state == "overdue":
        assignments = assignments.overdue(on=today)
    elif state == "done":
        assignments = assignments.done()
    return render(
        request,
        "meetings/assignment_list.html",
        {
            "assignments": assignments[:300],
            "mine": mine,
            "state": state,
            "counts": counts,
            "today": today,
        },
    )


@login_required
def assignment_detail(request, pk: int):
    assignment = get_object_or_404(selectors.assignment_list_visible_to(user=request.user), pk=pk)
    require(request.user, "meetings.view_assignment", assignment)
    can_complete = request.user.has_perm("meetings.complete_assignment", assignment)
    can_control = request.user.has_perm("meetings.control_assignment", assignment)
    if request.method == "POST":
        require(request.user, "meetings.complete_assignment", assignment)
    return form_page(
        request,
        CompleteForm(request.POST or None, initial={"version": assignment.version}),
        with_version(services.assignment_complete, assignment=assignment, by=request.user),
        template="meetings/assignment_detail.html",
        context={
            "assignment": assignment,
            "can_complete": can_complete and not assignment.is_done,
            "can_control": can_control and not assignment.is_done,
            "control_form": ControlForm(
                initial={"version": assignment.version, "on": not assignment.special_control}
            ),
            "history": history_of(assignment),
            "overdue": assignment.is_overdue(),
        },
        success=_("The assignment is done."),
        done=reverse("meetings:assignment", args=[assignment.pk]),
    )


@login_required
@require_POST
def assignment_control(request, pk: int):
    """The akim puts the assignment on special control (особый контроль) or takes it off."""
    assignment = get_object_or_404(selectors.assignment_list_visible_to(user=request.user), pk=pk)
    require(request.user, "meetings.control_assignment", assignment)
    return post_action(
        request,
        with_version(services.assignment_control, assignment=assignment, by=request.user),
        form=ControlForm(request.POST),
        success=lambda result: (
            _("The assignment is on special control.")
            if result.special_control
            else _("The assignment is taken off special control.")
        ),
        done=reverse("meetings:assignment", args=[assignment.pk]),
    )
