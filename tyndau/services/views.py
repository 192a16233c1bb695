"""Staff pages of state services (/<lang>/staff/services/): applications with the overdue
flag, registering one at the office, rendering or refusing it, the monthly report, and the
register of services with their legal terms."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from tyndau.core.actions import form_page, post_action, with_version
from tyndau.core.errors import DomainError
from tyndau.territory.models import Territory
from tyndau.territory.selectors import offices_visible_to, scope_q

from . import exports, selectors, services
from .forms import ApplicationForm, MonthForm, RefuseForm, RenderForm, TermForm
from .models import ApplicationChannel, ApplicationStatus, PublicService


def _registrar_offices(user):
    return [
        o
        for o in offices_visible_to(user=user)
        if user.has_perm("services.register_application", o)
    ]


def _report_territories(user):
    return [
        t
        for t in Territory.objects.filter(scope_q(user=user, field="path")).order_by("path")
        if user.has_perm("services.view_report", t)
    ]


@login_required
def application_list(request):
    qs = selectors.application_list_visible_to(user=request.user)
    status = request.GET.get("status", "")
    if status in ApplicationStatus.values:
        qs = qs.filter(status=status)
    if request.GET.get("overdue"):
        qs = qs.filter(is_overdue=True)
    if code := request.GET.get("service"):
        qs = qs.filter(service__code=code)
    page = Paginator(qs.order_by("due_on", "id"), 50).get_page(request.GET.get("page"))
    return render(
        request,
        "services/staff/list.html",
        {
            "page": page,
            "statuses": ApplicationStatus.choices,
            "services": PublicService.objects.all(),
            "can_register": bool(_registrar_offices(request.user)),
            "can_report": bool(_report_territories(request.user)),
        },
    )


@login_required
def catalogue(request):
    """The register of services: names, documents, legal term and fee. Every member of
    staff may read it; whoever administers every office may change a term here."""
    if not offices_visible_to(user=request.user):
        raise PermissionDenied
    can_change = request.user.has_perm("services.change_term")
    return render(
        request,
        "services/staff/catalogue.html",
        {
            "services": PublicService.objects.filter(is_active=True),
            "can_change": can_change,
        },
    )


@login_required
@require_POST
def service_term(request, code):
    service = PublicService.objects.filter(code=code, is_active=True).first()
    if service is None:
        raise Http404
    if not request.user.has_perm("services.change_term"):
        raise PermissionDenied
    return post_action(
        request,
        lambda data: services.service_set_term(
            service=service,
            term_days=data["term_days"],
            expected_term=data["expected_term"],
        ),
        form=TermForm(request.POST),
        done="services:catalogue",
        success=lambda _result: (
            ngettext(
                "The term of “%(service)s” is now %(days)s working day.",
                "The term of “%(service)s” is now %(days)s working days.",
                service.term_days,
            )
            % {"service": service.name, "days": service.term_days}
        ),
    )


@login_required
def application_register(request):
    offices = _registrar_offices(request.user)
    if not offices:
        raise PermissionDenied
    service = None
    if code := (request.POST.get("service") or request.GET.get("service")):
        service = PublicService.objects.filter(code=code, is_active=True).first()
    if service is None:
        return render(
            request,
            "services/staff/choose.html",
            {"services": selectors.service_list_public()},
        )

    def register(data):
        if data["office"] not in offices:
            raise DomainError(_("You may not register applications for this place."))
        return services.application_register(
            service=service, channel=ApplicationChannel.OFFICE, registered_by=request.user, **data
        )

    return form_page(
        request,
        ApplicationForm(request.POST or None, service=service),
        register,
        template="services/staff/register.html",
        done=lambda application: reverse("services:detail", args=[application.pk]),
        success=lambda application: (
            _("Application %(number)s is registered; due on %(due)s.")
            % {"number": application.number, "due": f"{application.due_on:%d.%m.%Y}"}
        ),
        context={"service": service},
        failed_status=422,
    )


def _application_or_404(request, pk):
    application = selectors.application_list_visible_to(user=request.user).filter(pk=pk).first()
    if application is None or not request.user.has_perm("services.view_application", application):
        raise Http404
    return application


@login_required
def application_detail(request, pk):
    application = _application_or_404(request, pk)
    can_decide = application.is_open and request.user.has_perm(
        "services.decide_application", application
    )
    return render(
        request,
        "services/staff/detail.html",
        {
            "application": application,
            "show_personal": request.user.has_perm("services.view_personal_data", application),
            "render_form": RenderForm(initial={"version": application.version})
            if can_decide
            else None,
            "refuse_form": RefuseForm(
                initial={"version": application.version}, service=application.service
            )
            if can_decide
            else None,
        },
    )


@login_required
@require_POST
def application_decide(request, pk, outcome):
    if outcome not in ("render", "refuse"):
        raise Http404
    application = _application_or_404(request, pk)
    if not request.user.has_perm("services.decide_application", application):
        raise PermissionDenied
    if outcome == "render":
        form, decide = RenderForm(request.POST), services.application_render
    else:
        form = RefuseForm(request.POST, service=application.service)
        decide = services.application_refuse

    return post_action(
        request,
        with_version(decide, application=application, by=request.user),
        form=form,
        done=reverse("services:detail", args=[pk]),
        success=_("The decision is saved."),
    )


@login_required
def report(request):
    territories = _report_territories(request.user)
    if not territories:
        raise PermissionDenied
    form = MonthForm(request.GET or None, territories=territories)
    data = None
    if form.is_bound and form.is_valid():
        territory = next(t for t in territories if t.code == form.cleaned_data["territory"])
        year, month = form.cleaned_data["month"]
        data = selectors.service_monthly_report(territory=territory, year=year, month=month)
        fmt = request.GET.get("format")
        if fmt in ("csv", "xlsx"):
            content = exports.report_csv(data) if fmt == "csv" else exports.report_xlsx(data)
            response = HttpResponse(
                content, content_type=exports.CSV if fmt == "csv" else exports.XLSX
            )
            response["Content-Disposition"] = (
                f'attachment; filename="services_{territory.code}_{year}-{month:02d}.{fmt}"'
            )
            return response
    return render(
        request,
        "services/staff/report.html",
        {
            "form": form,
            "data": data,
            "query": request.GET.urlencode(),
            "list_url": reverse("services:list"),
        },
    )
