"""Staff pages of meetings, assignments and the personal reception (/<lang>/staff/meetings/)."""

from __future__ import annotations

import calendar as pycalendar
import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tyndau.core import calendar
from tyndau.core.audit import history_of
from tyndau.core.errors import DomainError
from tyndau.territory.models import Office, Territory
from tyndau.territory.selectors import offices_visible_to, scope_q

from . import selectors, services
from .forms import (
    AskedFormSet,
    AssignForm,
    BookingForm,
    CancelForm,
    CompleteForm,
    FilesForm,
    HoldForm,
    MeetingForm,
    QuestionAppealForm,
    QuestionForm,
    ScheduleForm,
    VisitorForm,
)
from .models import MeetingKind, MeetingStatus, Question, ReceptionBooking, ReceptionSchedule


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


# ---------------------------------------------------------------------------- meetings


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
    meetings = selectors.meeting_plan_of_year(
        meetings=selectors.meeting_list_visible_to(user=request.user), year=year
    )
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
            "public": False,
        },
    )


@login_required
def meeting_create(request):
    territories = _plannable_territories(request.user)
    form = MeetingForm(request.POST or None, territories=territories)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        _require(request.user, "meetings.plan_meeting", data["territory"])
        try:
            meeting = services.meeting_plan(
                territory=data["territory"],
                kind=data["kind"],
                planned_on=data["planned_on"],
                starts_at=data["starts_at"],
                place=data["place"],
                title=data["title"],
                broadcast_url=data["broadcast_url"],
                by=request.user,
            )
        except DomainError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("The meeting is planned."))
            return redirect("meetings:detail", pk=meeting.pk)
    elif request.method != "POST" and not _can_plan_anywhere(request.user):
        raise PermissionDenied
    return render(
        request, "meetings/form.html", {"form": form, "title": _("Plan a meeting with residents")}
    )


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
    _require(request.user, "meetings.hold_meeting", meeting)
    territories = _plannable_territories(request.user).filter(pk=meeting.territory_id)
    form = MeetingForm(
        request.POST or None,
        territories=territories,
        initial={
            "territory": meeting.territory,
            "kind": meeting.kind,
            "planned_on": meeting.planned_on,
            "starts_at": meeting.starts_at,
            "place": meeting.place,
            "title": meeting.title,
            "broadcast_url": meeting.broadcast_url,
            "version": meeting.version,
        },
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.meeting_update(
                meeting=meeting,
                by=request.user,
                expected_version=data["version"],
                kind=data["kind"],
                planned_on=data["planned_on"],
                starts_at=data["starts_at"],
                place=data["place"],
                title=data["title"],
                broadcast_url=data["broadcast_url"],
            )
        except DomainError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("The meeting is saved."))
            return redirect("meetings:detail", pk=meeting.pk)
    return render(
        request,
        "meetings/form.html",
        {"form": form, "title": _("Edit the meeting"), "meeting": meeting},
    )


@login_required
def meeting_hold(request, pk: int):
    meeting = _meeting_or_404(request, pk)
    _require(request.user, "meetings.hold_meeting", meeting)
    form = HoldForm(request.POST or None, initial=HoldForm.initial_for(meeting))
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            services.meeting_hold(
                meeting=meeting,
                by=request.user,
                expected_version=data.pop("version"),
                held_on=data.pop("held_on"),
                minutes=data.pop("minutes"),
                broadcast_url=data.pop("broadcast_url"),
                **data,
            )
        except DomainError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("The meeting is recorded as held."))
            return redirect("meetings:detail", pk=meeting.pk)
    return render(request, "meetings/hold.html", {"form": form, "meeting": meeting})


@login_required
@require_POST
def meeting_cancel(request, pk: int):
    meeting = _meeting_or_404(request, pk)
    _require(request.user, "meetings.hold_meeting", meeting)
    form = CancelForm(request.POST)
    if form.is_valid():
        try:
            services.meeting_cancel(
                meeting=meeting,
                reason=form.cleaned_data["reason"],
                by=request.user,
                expected_version=form.cleaned_data["version"],
            )
        except DomainError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, _("The meeting is cancelled."))
    else:
        messages.error(request, _("Say why the meeting is cancelled."))
    return redirect("meetings:detail", pk=meeting.pk)


@login_required
@require_POST
def meeting_files(request, pk: int):
    meeting = _meeting_or_404(request, pk)
    _require(request.user, "meetings.hold_meeting", meeting)
    form = FilesForm(request.POST, request.FILES)
    if form.is_valid():
        photo = form.cleaned_data["photo"]
        try:
            services.meeting_attach_files(
                meeting=meeting,
                by=request.user,
                protocol=form.cleaned_data["protocol"],
                photos=[photo] if photo else [],
            )
        except DomainError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, _("The files are attached."))
    else:
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
    return redirect("meetings:detail", pk=meeting.pk)


@login_required
@require_POST
def question_add(request, pk: int):
    meeting = _meeting_or_404(request, pk)
    _require(request.user, "meetings.hold_meeting", meeting)
    form = QuestionForm(request.POST)
    if form.is_valid():
        try:
            services.question_add(meeting=meeting, by=request.user, **form.cleaned_data)
        except DomainError as exc:
            form.add_error(None, str(exc))
        else:
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
    _require(request.user, "meetings.view_meeting", question.meeting)
    return question


@login_required
def question_assign(request, pk: int):
    question = _question_or_404(request, pk)
    meeting = question.meeting
    _require(request.user, "meetings.give_assignment", meeting)
    form = AssignForm(request.POST or None, office=meeting.office, initial={"text": question.text})
    if request.method == "POST" and form.is_valid():
        try:
            assignment = services.assignment_give(
                question=question, by=request.user, **form.cleaned_data
            )
        except DomainError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(
                request,
                _("Assignment given; deadline %(date)s.")
                % {"date": f"{assignment.due_on:%d.%m.%Y}"},
            )
            return redirect("meetings:detail", pk=meeting.pk)
    return render(
        request,
        "meetings/form.html",
        {"form": form, "title": _("Give an assignment"), "question": question, "meeting": meeting},
    )


@login_required
def question_appeal(request, pk: int):
    question = _question_or_404(request, pk)
    meeting = question.meeting
    _require(request.user, "meetings.register_appeal_from_question", meeting)
    form = QuestionAppealForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            appeal = services.question_to_appeal(
                question=question, by=request.user, **form.cleaned_data
            )
        except DomainError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(
                request, _("Registered as appeal %(number)s.") % {"number": appeal.number}
            )
            return redirect("meetings:detail", pk=meeting.pk)
    return render(
        request,
        "meetings/form.html",
        {
            "form": form,
            "title": _("Register the resident's personal matter as an appeal"),
            "question": question,
            "meeting": meeting,
        },
    )


# ---------------------------------------------------------------------------- assignments


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
    _require(request.user, "meetings.view_assignment", assignment)
    can_complete = request.user.has_perm("meetings.complete_assignment", assignment)
    form = CompleteForm(request.POST or None, initial={"version": assignment.version})
    if request.method == "POST":
        _require(request.user, "meetings.complete_assignment", assignment)
        if form.is_valid():
            try:
                services.assignment_complete(
                    assignment=assignment,
                    result=form.cleaned_data["result"],
                    by=request.user,
                    expected_version=form.cleaned_data["version"],
                )
            except DomainError as exc:
                form.add_error(None, str(exc))
            else:
                messages.success(request, _("The assignment is done."))
                return redirect("meetings:assignment", pk=assignment.pk)
    return render(
        request,
        "meetings/assignment_detail.html",
        {
            "assignment": assignment,
            "form": form,
            "can_complete": can_complete and not assignment.is_done,
            "history": history_of(assignment),
            "overdue": assignment.is_overdue(),
        },
    )


# ---------------------------------------------------------------------------- reception


def _offices_where(user, perm) -> list[Office]:
    return [o for o in offices_visible_to(user=user) if user.has_perm(perm, o)]


@login_required
def reception(request):
    offices = list(offices_visible_to(user=request.user))
    if not offices:
        raise PermissionDenied
    schedules = {s.office_id: s for s in ReceptionSchedule.objects.filter(office__in=offices[:20])}
    return render(
        request,
        "meetings/reception.html",
        {
            "bookings": selectors.booking_list_visible_to(user=request.user),
            "sessions": selectors.session_list_visible_to(user=request.user)[:50],
            "schedules": [(o, schedules.get(o.pk) or ReceptionSchedule(office=o)) for o in offices][
                :20
            ],
            "can_book": bool(_offices_where(request.user, "meetings.book_reception")),
            "schedule_offices": _offices_where(request.user, "meetings.manage_reception_schedule"),
        },
    )


@login_required
def reception_schedule(request, office_pk: int):
    office = get_object_or_404(Office.objects.select_related("territory"), pk=office_pk)
    _require(request.user, "meetings.manage_reception_schedule", office)
    schedule = services.reception_schedule_of(office=office)
    form = ScheduleForm(request.POST or None, initial=ScheduleForm.initial_for(schedule))
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            services.reception_schedule_set(
                office=office, by=request.user, expected_version=data.pop("version"), **data
            )
        except DomainError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("The reception schedule is saved."))
            return redirect("meetings:reception")
    return render(
        request,
        "meetings/form.html",
        {"form": form, "title": _("Reception schedule: %(office)s") % {"office": office}},
    )


def _office_from(request, perm) -> tuple[list[Office], Office]:
    offices = _offices_where(request.user, perm)
    if not offices:
        raise PermissionDenied
    wanted = request.POST.get("office") or request.GET.get("office")
    office = next((o for o in offices if str(o.pk) == wanted), offices[0])
    return offices, office


@login_required
def reception_book(request):
    """A clerk books a reception slot for a resident who phoned."""
    offices, office = _office_from(request, "meetings.book_reception")
    slots = services.reception_slots(office=office, start=calendar.today())
    form = BookingForm(request.POST or None, slots=slots)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            booking = services.reception_book(
                office=office,
                starts_at=data["slot"],
                name=data["name"],
                phone=data["phone"],
                email=data["email"],
                topic=data["topic"],
                summary=data["summary"],
                by=request.user,
            )
        except DomainError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(
                request,
                _("Booked for %(time)s.")
                % {"time": f"{timezone.localtime(booking.starts_at):%d.%m.%Y %H:%M}"},
            )
            return redirect("meetings:reception")
    return render(
        request,
        "meetings/reception_book.html",
        {"form": form, "offices": offices, "office": office},
    )


@login_required
def reception_record(request):
    """Record a visit: who came and what they asked; each question becomes an appeal."""
    booking = None
    if request.GET.get("booking") or request.POST.get("booking"):
        booking = get_object_or_404(
            ReceptionBooking, pk=request.GET.get("booking") or request.POST.get("booking")
        )
        office = booking.office
        offices = [office]
        _require(request.user, "meetings.record_reception", office)
    else:
        offices, office = _office_from(request, "meetings.record_reception")
    initial = {}
    if booking:
        initial = {"visitor_name": booking.name, "phone": booking.phone}
    visitor = VisitorForm(request.POST or None, initial=initial)
    asked = AskedFormSet(
        request.POST or None,
        initial=[{"topic": booking.topic, "text": booking.summary}] if booking else None,
    )
    if request.method == "POST" and visitor.is_valid() and asked.is_valid():
        questions = [
            services.AskedQuestion(topic=f.cleaned_data["topic"], text=f.cleaned_data["text"])
            for f in asked
            if f.cleaned_data.get("text")
        ]
        try:
            session = services.reception_record(
                office=office,
                booking=booking,
                questions=questions,
                by=request.user,
                **visitor.cleaned_data,
            )
        except DomainError as exc:
            visitor.add_error(None, str(exc))
        else:
            numbers = ", ".join(q.appeal.number for q in session.questions.select_related("appeal"))
            messages.success(
                request,
                _("The visit is recorded; appeals registered: %(numbers)s.") % {"numbers": numbers},
            )
            return redirect("meetings:reception")
    return render(
        request,
        "meetings/reception_record.html",
        {
            "visitor": visitor,
            "asked": asked,
            "booking": booking,
            "offices": offices,
            "office": office,
        },
    )


@login_required
@require_POST
def reception_cancel(request, pk: int):
    booking = get_object_or_404(ReceptionBooking.objects.select_related("office__territory"), pk=pk)
    _require(request.user, "meetings.book_reception", booking)
    try:
        services.reception_cancel(booking=booking, by=request.user)
    except DomainError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("The booking is cancelled."))
    return redirect(reverse("meetings:reception"))
