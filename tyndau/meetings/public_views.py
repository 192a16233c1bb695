"""Public pages (/<lang>/meetings/): upcoming and past meetings, the plan and calendar,
and booking a personal reception. Only public selectors are used: no personal data."""

from __future__ import annotations

from django.contrib import messages
from django.db.models import Count, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from tyndau.core import calendar as workdays
from tyndau.core import ratelimit
from tyndau.core.errors import DomainError
from tyndau.territory.models import Office

from . import selectors, services
from .forms import BookingForm
from .models import MeetingStatus, ReceptionBooking
from .views import _month_from, calendar_context


def index(request):
    return render(
        request,
        "meetings/public/index.html",
        {
            "upcoming": selectors.meeting_list_upcoming()[:50],
            "past": selectors.meeting_list_past()[:50],
            "year": workdays.today().year,
        },
    )


def detail(request, pk: int):
    meeting = selectors.meeting_get_public(pk=pk)
    if meeting is None:
        raise Http404
    return render(
        request,
        "meetings/public/detail.html",
        {"meeting": meeting, "questions": meeting.questions.all()},
    )


def plan(request, year: int):
    meetings = selectors.meeting_plan_of_year(meetings=selectors.meeting_list_public(), year=year)
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
            "public": True,
        },
    )


def calendar(request):
    year, month = _month_from(request)
    context = calendar_context(meetings=selectors.meeting_list_public(), year=year, month=month)
    return render(request, "meetings/calendar.html", {**context, "public": True})


def reception(request):
    offices = Office.objects.select_related("territory", "reception_schedule").filter(
        reception_schedule__isnull=False
    )
    return render(request, "meetings/public/reception.html", {"offices": offices})


def reception_office(request, office_pk: int):
    office = get_object_or_404(Office.objects.select_related("territory"), pk=office_pk)
    schedule = services.reception_schedule_of(office=office)
    slots = services.reception_slots(office=office, start=workdays.today())
    form = BookingForm(request.POST or None, slots=slots)
    status = 200
    if request.method == "POST" and ratelimit.is_limited(request, scope="booking"):
        form.is_valid()
        form.add_error(
            None,
            _("Too many bookings from your connection in the last hour. Please call the office."),
        )
        status = 429
    elif request.method == "POST" and form.is_valid():
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
            )
        except DomainError as exc:
            form.add_error(None, str(exc))
        else:
            ratelimit.hit(request, scope="booking")
            messages.success(request, _("Your visit is booked."))
            return redirect("meetings_public:booked", code=booking.code)
    return render(
        request,
        "meetings/public/reception_office.html",
        {
            "office": office,
            "schedule": schedule,
            "form": form,
            "has_slots": bool(form.fields["slot"].choices),
        },
        status=status,
    )


def booked(request, code: str):
    booking = get_object_or_404(
        ReceptionBooking.objects.select_related("office__territory"), code=code
    )
    return render(request, "meetings/public/booked.html", {"booking": booking})
