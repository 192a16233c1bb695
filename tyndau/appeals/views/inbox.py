"""The inbox: filters, the saved default view, the streamed register export, bulk assignment."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tyndau.core import calendar
from tyndau.core.actions import FAILED, attempt
from tyndau.core.errors import DomainError
from tyndau.core.maps import centre_of
from tyndau.territory.selectors import (
    offices_visible_to,
    territory_list_visible_to,
)

from .. import lifecycle, maps, selectors, services
from ..forms import (
    InboxFilterForm,
)
from ..models import RiskBand, SavedInboxView, Status
from .common import _safe_next, _staff_required

PAGE_SIZE = 50


def _inbox_query(request, mine: bool):
    """The inbox's filter form and the filters it gives, for the page and the export."""
    offices = list(offices_visible_to(user=request.user))
    User = get_user_model()
    executors = (
        User.objects.filter(
            memberships__office__in=offices, memberships__role__in=services.EXECUTOR_ROLES
        )
        .distinct()
        .order_by("last_name")
    )
    territories = territory_list_visible_to(user=request.user)
    data = request.GET.copy()
    data.pop("page", None)
    data.pop("format", None)
    if mine:
        data["executor"] = "me"
    form = InboxFilterForm(data or None, executors=executors, territories=territories)
    filters = form.filters() if data else {}
    if mine:
        filters["executor"] = "me"
    return form, filters, offices, executors


@login_required
def inbox(request, mine: bool = False):
    _staff_required(request)
    htmx = request.headers.get("HX-Request") == "true"
    saved = SavedInboxView.objects.filter(user=request.user).first()
    if saved and not request.GET and not mine and not htmx:
        # The user's default view: the filters they saved, in the address bar.
        return HttpResponseRedirect(f"{reverse('appeals:inbox')}?{saved.query}")
    form, filters, offices, executors = _inbox_query(request, mine)
    qs, counts = selectors.appeal_inbox(user=request.user, filters=filters)
    page = Paginator(qs, PAGE_SIZE).get_page(request.GET.get("page"))
    query = _query_without_page(request)
    context = {
        "form": form,
        "page": page,
        "counts": counts,
        "mine": mine,
        "today": calendar.today(),
        "statuses": Status.choices,
        "bands": RiskBand.choices,
        "query": query,
        "saved_view": saved,
        "is_saved_view": bool(saved) and saved.query == query,
        "filters_active": any(v not in (None, "", False) for k, v in filters.items()),
        "can_assign": any(request.user.has_perm("appeals.assign_appeal", o) for o in offices),
        "can_register": any(request.user.has_perm("appeals.register_appeal", o) for o in offices),
        "assign_candidates": executors,
        "open_map": maps.open_appeals_map(
            user=request.user,
            appeals=qs,
            centre=centre_of(offices[0].territory if offices else None),
        ),
    }
    template = "appeals/_inbox_results.html" if htmx else "appeals/inbox.html"
    return render(request, template, context)


@login_required
@require_POST
def inbox_view_save(request):
    """Keep the inbox's current filters as the user's default view (or forget it)."""
    _staff_required(request)
    query = "" if request.POST.get("clear") else request.POST.get("query", "")
    if attempt(request, lambda: services.inbox_view_save(user=request.user, query=query)) is FAILED:
        return HttpResponseRedirect(reverse("appeals:inbox") + "?" + query)
    if query:
        messages.success(request, _("These filters are now your default view of the appeals."))
        return HttpResponseRedirect(reverse("appeals:inbox") + "?" + query)
    messages.success(request, _("Your default view is cleared."))
    return HttpResponseRedirect(reverse("appeals:inbox") + "?status=open")


EXPORT_FORMATS = ("csv", "xlsx")


@login_required
def inbox_export(request, mine: bool = False):
    """The filtered inbox as the register staff keep in Excel (``?format=csv|xlsx``),
    streamed: memory stays flat whatever the number of appeals (``register.py``)."""
    from django.http import FileResponse, StreamingHttpResponse
    from django.utils import translation

    from .. import register

    _staff_required(request)
    fmt = request.GET.get("format", "xlsx")
    if fmt not in EXPORT_FORMATS:
        return HttpResponse(_("Choose CSV or XLSX."), status=400)
    form, filters, _offices, _executors = _inbox_query(request, mine)
    if form.is_bound and not form.is_valid():
        return HttpResponse(_("Correct the filters first."), status=400)
    qs = selectors.appeal_inbox(user=request.user, filters=filters, with_counts=False)
    name = f"{_('Register of appeals')} {calendar.today():%d.%m.%Y}"
    language = translation.get_language()
    user = request.user

    def rows():
        # The CSV is written while the server sends it: keep the request's language.
        with translation.override(language):
            yield from register.register_rows(queryset=qs, user=user)

    if fmt == "csv":

        def lines():
            with translation.override(language):
                yield from register.register_csv(rows())

        response = StreamingHttpResponse(lines(), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = _attachment(f"{name}.csv")
        return response
    workbook = register.register_xlsx(rows(), title=_("Register of appeals"))
    return FileResponse(
        workbook,
        as_attachment=True,
        filename=f"{name}.xlsx",
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )


def _attachment(filename: str) -> str:
    from django.utils.http import content_disposition_header

    return content_disposition_header(as_attachment=True, filename=filename)


def _query_without_page(request) -> str:
    query = request.GET.copy()
    query.pop("page", None)
    return query.urlencode()


@login_required
@require_POST
def bulk_assign(request):
    _staff_required(request)
    raw_executor = (request.POST.get("executor") or "").strip()
    ids = request.POST.getlist("appeal")
    bad = [i for i in ids if not i.strip().isdigit() or int(i) > 2**63 - 1]
    if not raw_executor.isdigit() or int(raw_executor) > 2**63 - 1:
        return HttpResponse(_("Choose an executor from the list."), status=400)
    if bad or not ids:
        return HttpResponse(_("Choose appeals from the list: their ids are numbers."), status=400)
    executor = get_user_model().objects.filter(pk=int(raw_executor)).first()
    if executor is None:
        return HttpResponse(_("Choose an executor from the list."), status=400)
    done, failed = 0, []
    # Appeals the user may not see behave as if they did not exist: the same message as
    # for ids that match nothing, without their numbers.
    visible = list(
        selectors.appeal_list_visible_to(user=request.user).filter(pk__in=[int(i) for i in ids])
    )
    missing = len(set(int(i) for i in ids)) - len(visible)
    if missing:
        failed.append(_("Not found: %(n)s.") % {"n": missing})
    for appeal in visible:
        if not lifecycle.role_allows(request.user, "assign", appeal):
            failed.append(_("%(number)s: not allowed") % {"number": appeal.number})
            continue
        try:
            services.appeal_assign(appeal=appeal, executor=executor, by=request.user)
            done += 1
        except DomainError as error:
            failed.append(f"{appeal.number}: {error}")
    if done:
        messages.success(request, _("Assigned: %(n)s.") % {"n": done})
    for line in failed:
        messages.error(request, line)
    return HttpResponseRedirect(_safe_next(request) or reverse("appeals:inbox"))
