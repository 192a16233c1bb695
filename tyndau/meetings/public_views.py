"""Public pages (/<lang>/meetings/): upcoming and past meetings, the plan and calendar,
and booking a personal reception. Only public selectors are used: no personal data."""

from __future__ import annotations

from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _

from tyndau.core import calendar as workdays
from tyndau.core import ratelimit
from tyndau.core.access import found
from tyndau.core.actions import form_page
from tyndau.territory.models import Office

from . import selectors, services
from .forms import BookingForm
from .models import ReceptionBooking
from .views import _month_from, calendar_context, plan_page


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
    meeting = found(selectors.meeting_get_public(pk=pk))
    return render(
        request,
        "meetings/public/detail.html",
        {"meeting": meeting, "questions": meeting.questions.all()},
    )


def plan(request, year: int):
    return plan_page(request, meetings=selectors.meeting_list_public(), year=year, public=True)


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
    template = "meetings/public/reception_office.html"
    context = {
        "office": office,
        "schedule": schedule,
        "has_slots": bool(form.fields["slot"].choices),
    }
    if request.method == "POST" and ratelimit.is_limited(request, scope="booking"):
        form.is_valid()
        form.add_error(
            None,
            _("Too many bookings from your connection in the last hour. Please call the office."),
        )
        return render(request, template, {"form": form, **context}, status=429)

    def book(data: dict):
        booking = services.reception_book(
            office=office,
            starts_at=data["slot"],
            **{name: data[name] for name in ("name", "phone", "email", "topic", "summary")},
        )
        ratelimit.hit(request, scope="booking")
        return booking

    return form_page(
        request,
        form,
        book,
        template=template,
        done=lambda booking: reverse("meetings_public:booked", kwargs={"code": booking.code}),
        success=_("Your visit is booked."),
        context=context,
    )


def booked(request, code: str):
    booking = get_object_or_404(
        ReceptionBooking.objects.select_related("office__territory"), code=code
    )
    return render(request, "meetings/public/booked.html", {"booking": booking})
