"""Staff pages of the personal reception: schedule, bookings, visits."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tyndau.core import calendar
from tyndau.core.access import require
from tyndau.core.actions import FAILED, attempt, form_page, post_action, with_version
from tyndau.territory.models import Office
from tyndau.territory.selectors import offices_visible_to

from .. import selectors, services
from ..forms import (
    AskedFormSet,
    BookingForm,
    ScheduleForm,
    VisitorForm,
)
from ..models import ReceptionBooking, ReceptionSchedule


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
    require(request.user, "meetings.manage_reception_schedule", office)
    schedule = services.reception_schedule_of(office=office)

    return form_page(
        request,
        ScheduleForm(request.POST or None, initial=ScheduleForm.initial_for(schedule)),
        with_version(services.reception_schedule_set, office=office, by=request.user),
        template="meetings/form.html",
        context={"title": _("Reception schedule: %(office)s") % {"office": office}},
        success=_("The reception schedule is saved."),
        done=reverse("meetings:reception"),
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

    def book(data):
        data = dict(data)
        return services.reception_book(
            office=office, starts_at=data.pop("slot"), by=request.user, **data
        )

    return form_page(
        request,
        BookingForm(request.POST or None, slots=slots),
        book,
        template="meetings/reception_book.html",
        context={"offices": offices, "office": office},
        success=lambda booking: (
            _("Booked for %(time)s.")
            % {"time": f"{timezone.localtime(booking.starts_at):%d.%m.%Y %H:%M}"}
        ),
        done=reverse("meetings:reception"),
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
        require(request.user, "meetings.record_reception", office)
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
        session = attempt(
            visitor,
            lambda: services.reception_record(
                office=office,
                booking=booking,
                questions=questions,
                by=request.user,
                **visitor.cleaned_data,
            ),
        )
        if session is not FAILED:
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
    require(request.user, "meetings.book_reception", booking)
    return post_action(
        request,
        lambda data: services.reception_cancel(booking=booking, by=request.user),
        success=_("The booking is cancelled."),
        done=reverse("meetings:reception"),
    )
