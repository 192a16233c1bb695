"""Public pages of state services (/<lang>/services/): the register, applying, following an
application, the land-plot queue (positions and dates only) and a resident's own place."""

from __future__ import annotations

from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from tyndau.core.access import found
from tyndau.core.actions import form_page
from tyndau.portal import ratelimit
from tyndau.territory.models import Office

from . import selectors, services
from .forms import ApplicationForm, QueueLookupForm, TrackForm
from .models import ApplicationChannel, QueueEntry, QueuePurpose

LOOKUP_FAILURES_PER_HOUR = 20


def _queue_offices():
    return Office.objects.select_related("territory").order_by("territory__path")


def index(request):
    return render(
        request,
        "services/public/index.html",
        {"services": selectors.service_list_public(), "track_form": TrackForm()},
    )


def detail(request, code):
    service = get_object_or_404(selectors.service_list_public(), code=code)
    return form_page(
        request,
        ApplicationForm(request.POST or None, service=service),
        lambda data: services.application_register(
            service=service, channel=ApplicationChannel.PORTAL, **data
        ),
        template="services/public/detail.html",
        done=lambda application: reverse(
            "services_public:track-detail",
            args=[application.number, application.tracking_code],
        ),
        success=lambda application: (
            _("Your application is registered under number %(number)s.")
            % {"number": application.number}
        ),
        context={"service": service},
        failed_status=422,
    )


def track(request):
    form = TrackForm(request.GET or None)
    if form.is_bound and form.is_valid():
        application = selectors.application_get_for_tracking(
            number=form.cleaned_data["number"], code=form.cleaned_data["code"]
        )
        if application is not None:
            return redirect(
                reverse(
                    "services_public:track-detail",
                    args=[application.number, application.tracking_code],
                )
            )
        form.add_error(None, _("No application has this number and code."))
    return render(request, "services/public/track.html", {"form": form})


def track_detail(request, number, code):
    application = found(selectors.application_get_for_tracking(number=number, code=code))
    return render(request, "services/public/track_detail.html", {"application": application})


def queue(request):
    offices = list(_queue_offices())
    office = next((o for o in offices if str(o.pk) == request.GET.get("office")), None)
    if office is None and offices:  # the first office that keeps a queue, else the first
        keeping = QueueEntry.objects.values_list("office_id", flat=True).first()
        office = next((o for o in offices if o.pk == keeping), offices[0])
    purpose = request.GET.get("purpose") or QueuePurpose.INDIVIDUAL_HOUSING
    if purpose not in QueuePurpose.values:
        purpose = QueuePurpose.INDIVIDUAL_HOUSING
    return render(
        request,
        "services/public/queue.html",
        {
            "offices": offices,
            "office": office,
            "purpose": purpose,
            "purposes": QueuePurpose.choices,
            "summary": selectors.queue_summary(office=office) if office else [],
            "positions": selectors.queue_public(office=office, purpose=purpose) if office else [],
            "lookup_form": QueueLookupForm(),
        },
    )


def queue_lookup(request):
    form = QueueLookupForm(request.POST or None)
    found = None
    status = 200
    if request.method == "POST":
        if ratelimit.is_limited(request, scope="queue", limit=LOOKUP_FAILURES_PER_HOUR):
            form.add_error(None, _("Too many attempts. Please try again in an hour."))
            status = 429
        elif form.is_valid():
            found = selectors.queue_lookup(
                number=form.cleaned_data["number"], iin_last4=form.cleaned_data["iin_last4"]
            )
            if found is None:
                ratelimit.hit(request, scope="queue", window_seconds=3600)
                form.add_error(
                    None,
                    _("No place in the queue has this number and these digits. Check both."),
                )
                status = 200
        else:
            status = 422
    return render(
        request, "services/public/lookup.html", {"form": form, "found": found}, status=status
    )
