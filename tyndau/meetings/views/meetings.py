"""Staff pages of meetings with residents and their questions."""

from __future__ import annotations

import calendar as pycalendar
import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tyndau.core import calendar
from tyndau.core.access import require
from tyndau.core.actions import FAILED, attempt, form_page, post_action, with_version

from .. import selectors, services
from ..forms import (
    AssignForm,
    CancelForm,
    FilesForm,
    HoldForm,
    MeetingForm,
    QuestionAppealForm,
    QuestionForm,
)
from ..models import MeetingKind, MeetingStatus, Question
from .common import _can_plan_anywhere, _meeting_or_404, _plannable_territories


@login_required
def meeting_list(request):
    meetings = selectors.meeting_list_visible_to(user=request.user)
    status = request.GET.get("status", "")
    if status in MeetingStatus.values:
        meetings = meetings.filter(status=status)
    kind = request.GET.get("kind", "")
    if kind in MeetingKind.values:
        meetings = meetings.filter(kind=kind)
    today = calendar.today()
    return render(
        request,
        "meetings/list.html",
        {
            "meetings": meetings.order_by("-planned_on", "-id")[:200],
            "statuses": MeetingStatus.choices,
            "kinds": MeetingKind.choices,
            "status": status,
            "kind": kind,
            "year": today.year,
            "can_plan": _can_plan_anywhere(request.user),
        },
    )


def month_grid(*, meetings, year: int, month: int) -> list[list[dict]]:
    by_day: dict[dt.date, list] = {}
    for meeting in meetings:
        by_day.setdefault(meeting.date, []).append(meeting)
    weeks = pycalendar.Calendar(firstweekday=0).monthdatescalendar(year, month)
    return [
        [{"day": day, "in_month": day.month == month, "meetings": by_day.get(day, [])} for day in w]
        for w in weeks
    ]


def _month_from(request) -> tuple[int, int]:
    today = calendar.today()
    try:
        year, month = (int(x) for x in request.GET.get("month", "").split("-"))
        dt.date(year, month, 1)
    except ValueError:
        year, month = today.year, today.month
    return year, month


def calendar_context(*, meetings, year: int, month: int) -> dict:
    first = dt.date(year, month, 1)
    last = first.replace(day=pycalendar.monthrange(year, month)[1])
    in_month = meetings.filter(
        planned_on__lte=last + dt.timedelta(days=7), planned_on__gte=first - dt.timedelta(days=7)
    ) | meetings.filter(held_on__range=(first, last))
    prev = (first - dt.timedelta(days=1)).replace(day=1)
    nxt = last + dt.timedelta(days=1)
    return {
        "weeks": month_grid(meetings=in_month.distinct(), year=year, month=month),
        "month": first,
        "prev": f"{prev:%Y-%m}",
        "next": f"{nxt:%Y-%m}",
    }


def plan_page(request, *, meetings, year: int, public: bool):
    """The yearly plan of ``meetings`` month by month, with its totals (staff and public)."""
    meetings = selectors.meeting_plan_of_year(meetings=meetings, year=year)
    return render(
        request,
        "meetings/plan.html",
        {
            "year": year,
            "months": selectors.meetings_by_month(meetings),
            "totals": meetings.order_by().aggregate(
                planned=Count("pk"),
                held=Count("pk", filter=Q(status=MeetingStatus.HELD)),
                cancelled=Count("pk", filter=Q(status=MeetingStatus.CANCELLED)),
            ),
            "public": public,
        },
    )


@login_required
def meeting_calendar(request):
    year, month = _month_from(request)
    meetings = selectors.meeting_list_visible_to(user=request.user).exclude(
        status=MeetingStatus.CANCELLED
    )
    context = calendar_context(meetings=meetings, year=year, month=month)
    return render(request, "meetings/calendar.html", {**context, "public": False})


@login_required
def meeting_plan_current(request):
    return redirect("meetings:plan", year=calendar.today().year)


@login_required
def meeting_plan_year(request, year: int):
    meetings = selectors.meeting_list_visible_to(user=request.user)
    return plan_page(request, meetings=meetings, year=year, public=False)


@login_required
def meeting_create(request):
    territories = _plannable_territories(request.user)
    form = MeetingForm(request.POST or None, territories=territories)
    if request.method != "POST" and not _can_plan_anywhere(request.user):
        raise PermissionDenied

    def plan(data):
        require(request.user, "meetings.plan_meeting", data["territory"])
        return services.meeting_plan(
            territory=data["territory"], by=request.user, **_meeting_fields(data)
        )

    return form_page(
        request,
        form,
        plan,
        template="meetings/form.html",
        context={"title": _("Plan a meeting with residents")},
        success=_("The meeting is planned."),
        done=lambda meeting: reverse("meetings:detail", args=[meeting.pk]),
    )


MEETING_FIELDS = (
    "kind",
    "planned_on",
    "starts_at",
    "place",
    "title",
    "title_kk",
    "title_en",
    "broadcast_url",
)


def _meeting_fields(data) -> dict:
    return {name: data[name] for name in MEETING_FIELDS}


@login_required
def meeting_detail(request, pk: int):
    meeting = _meeting_or_404(request, pk)
    user = request.user
    return render(
        request,
        "meetings/detail.html",
        {
            "meeting": meeting,
            "questions": meeting.questions.all(),
            "question_form": QuestionForm(),
            "files_form": FilesForm(),
            "cancel_form": CancelForm(initial={"version": meeting.version}),
            "can_hold": user.has_perm("meetings.hold_meeting", meeting),
            "can_assign": user.has_perm("meetings.give_assignment", meeting),
            "can_appeal": user.has_perm("meetings.register_appeal_from_question", meeting),
        },
    )


@login_required
def meeting_edit(request, pk: int):
    meeting = _meeting_or_404(request, pk)
    require(request.user, "meetings.hold_meeting", meeting)
    territories = _plannable_territories(request.user).filter(pk=meeting.territory_id)
    initial = {name: getattr(meeting, name) for name in MEETING_FIELDS}
    form = MeetingForm(
        request.POST or None,
        territories=territories,
        initial={**initial, "territory": meeting.territory, "version": meeting.version},
    )
    return form_page(
        request,
        form,
        lambda data: services.meeting_update(
            meeting=meeting,
            by=request.user,
            expected_version=data["version"],
            **_meeting_fields(data),
        ),
        template="meetings/form.html",
        context={"title": _("Edit the meeting"), "meeting": meeting},
        success=_("The meeting is saved."),
        done=reverse("meetings:detail", args=[meeting.pk]),
    )


@login_required
def meeting_hold(request, pk: int):
    meeting = _meeting_or_404(request, pk)
    require(request.user, "meetings.hold_meeting", meeting)
    form = HoldForm(request.POST or None, initial=HoldForm.initial_for(meeting))
    return form_page(
        request,
        form,
        with_version(services.meeting_hold, meeting=meeting, by=request.user),
        template="meetings/hold.html",
        context={"meeting": meeting},
        success=_("The meeting is recorded as held."),
        done=reverse("meetings:detail", args=[meeting.pk]),
    )


@login_required
@require_POST
def meeting_cancel(request, pk: int):
    meeting = _meeting_or_404(request, pk)
    require(request.user, "meetings.hold_meeting", meeting)
    return post_action(
        request,
        with_version(services.meeting_cancel, meeting=meeting, by=request.user),
        form=CancelForm(request.POST),
        invalid=_("Say why the meeting is cancelled."),
        success=_("The meeting is cancelled."),
        done=reverse("meetings:detail", args=[meeting.pk]),
    )


@login_required
@require_POST
def meeting_files(request, pk: int):
    meeting = _meeting_or_404(request, pk)
    require(request.user, "meetings.hold_meeting", meeting)
    return post_action(
        request,
        lambda data: services.meeting_attach_files(
            meeting=meeting,
            by=request.user,
            protocol=data["protocol"],
            photos=[data["photo"]] if data["photo"] else [],
        ),
        form=FilesForm(request.POST, request.FILES),
        success=_("The files are attached."),
        done=reverse("meetings:detail", args=[meeting.pk]),
    )


@login_required
@require_POST
def question_add(request, pk: int):
    meeting = _meeting_or_404(request, pk)
    require(request.user, "meetings.hold_meeting", meeting)
    form = QuestionForm(request.POST)
    if form.is_valid():
        added = attempt(
            form,
            lambda: services.question_add(meeting=meeting, by=request.user, **form.cleaned_data),
        )
        if added is not FAILED:
            form = QuestionForm()
    context = {
        "meeting": meeting,
        "questions": meeting.questions.select_related("topic", "appeal", "assignment__executor"),
        "question_form": form,
        "can_hold": True,
        "can_assign": request.user.has_perm("meetings.give_assignment", meeting),
        "can_appeal": request.user.has_perm("meetings.register_appeal_from_question", meeting),
    }
    if request.headers.get("HX-Request"):
        return render(request, "meetings/partials/questions.html", context)
    if form.errors:
        for error in form.non_field_errors() or [_("Check the question form.")]:
            messages.error(request, error)
    return redirect("meetings:detail", pk=meeting.pk)


def _question_or_404(request, pk) -> Question:
    question = get_object_or_404(
        Question.objects.select_related("meeting__territory", "meeting__office", "topic"), pk=pk
    )
    require(request.user, "meetings.view_meeting", question.meeting)
    return question


@login_required
def question_assign(request, pk: int):
    question = _question_or_404(request, pk)
    meeting = question.meeting
    require(request.user, "meetings.give_assignment", meeting)
    form = AssignForm(request.POST or None, office=meeting.office, initial={"text": question.text})
    return form_page(
        request,
        form,
        lambda data: services.assignment_give(question=question, by=request.user, **data),
        template="meetings/form.html",
        context={"title": _("Give an assignment"), "question": question, "meeting": meeting},
        success=lambda assignment: (
            _("Assignment given; deadline %(date)s.") % {"date": f"{assignment.due_on:%d.%m.%Y}"}
        ),
        done=reverse("meetings:detail", args=[meeting.pk]),
    )


@login_required
def question_appeal(request, pk: int):
    question = _question_or_404(request, pk)
    meeting = question.meeting
    require(request.user, "meetings.register_appeal_from_question", meeting)
    return form_page(
        request,
        QuestionAppealForm(request.POST or None),
        lambda data: services.question_to_appeal(question=question, by=request.user, **data),
        template="meetings/form.html",
        context={
            "title": _("Register the resident's personal matter as an appeal"),
            "question": question,
            "meeting": meeting,
        },
        success=lambda appeal: _("Registered as appeal %(number)s.") % {"number": appeal.number},
        done=reverse("meetings:detail", args=[meeting.pk]),
    )
