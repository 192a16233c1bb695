"""Staff pages of appeals: inbox, registration, the appeal page and its actions, risk map.

Views are thin: they check permissions, validate a form and call a service or selector.
"""

from __future__ import annotations

import uuid

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse, HttpResponseRedirect, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from tyndau.core import calendar
from tyndau.core.errors import ConflictError, DomainError
from tyndau.core.maps import centre_of
from tyndau.privacy import policy
from tyndau.privacy.services import access_record
from tyndau.territory.selectors import (
    memberships_of,
    offices_visible_to,
    territory_list_visible_to,
)

from . import intake, lifecycle, maps, selectors, services
from .forms import (
    AnswerForm,
    ApproveForm,
    AssignForm,
    CloseForm,
    ControlForm,
    ExtendForm,
    InboxFilterForm,
    RedirectForm,
    RegisterForm,
    ReturnForm,
)
from .models import Appeal, AppealEvent, RiskBand, RiskRule, SavedInboxView, Status, Topic
from .signals import registration_form_saved
from .tracking import tracking_link

PAGE_SIZE = 50


def _staff_required(request):
    if not (request.user.is_superuser or memberships_of(user=request.user)):
        raise PermissionDenied(_("You have no role in an akimat office."))


def _get_appeal(request, pk, perm="appeals.view_appeal") -> Appeal:
    appeal = get_object_or_404(
        Appeal.objects.select_related("office__territory", "territory", "topic", "executor"),
        pk=pk,
    )
    if not request.user.has_perm("appeals.view_appeal", appeal):
        raise Http404  # do not reveal that it exists
    if perm != "appeals.view_appeal" and not request.user.has_perm(perm, appeal):
        raise PermissionDenied(_("You may not do this with this appeal."))
    return appeal


# --- inbox --------------------------------------------------------------------------------


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
    try:
        services.inbox_view_save(user=request.user, query=query)
    except DomainError as error:
        messages.error(request, str(error))
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

    from . import register

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


def _safe_next(request) -> str:
    """``next`` only if it stays on this site (no open redirect to another host)."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return ""


# --- registration -------------------------------------------------------------------------


@login_required
def register(request):
    _staff_required(request)
    offices = [
        o
        for o in offices_visible_to(user=request.user)
        if request.user.has_perm("appeals.register_appeal", o)
    ]
    if not offices:
        raise PermissionDenied(_("You may not register appeals."))
    office = offices[0]
    if request.GET.get("office") or request.POST.get("office"):
        wanted = request.GET.get("office") or request.POST.get("office")
        office = next((o for o in offices if str(o.pk) == wanted), office)
    if request.method == "POST":
        form = RegisterForm(request.POST, request.FILES, office=office)
        if form.is_valid():
            try:
                draft = _draft_from(form, office)
                appeal = intake.appeal_register(draft=draft, by=request.user).appeal
            except DomainError as error:
                form.add_error(None, str(error))
            else:
                registration_form_saved.send(
                    sender=Appeal, appeal=appeal, data=request.POST, user=request.user
                )
                messages.success(
                    request, _("Appeal %(number)s is registered.") % {"number": appeal.number}
                )
                return HttpResponseRedirect(reverse("appeals:detail", args=[appeal.pk]))
    else:
        form = RegisterForm(
            office=office,
            initial={
                "client_key": uuid.uuid4().hex,
                "language": (request.LANGUAGE_CODE or "ru")[:2],
                "channel": request.GET.get("channel", "written"),
            },
        )
    pin = maps.pin_config(
        form,
        territories=form.fields["territory"].queryset,
        chosen=office.territory,
        empty_message=_("No pin: tap the map, find the street, or leave it without a place."),
    )
    return render(
        request,
        "appeals/register.html",
        {"form": form, "office": office, "offices": offices, "pin_config": pin},
    )


def _draft_from(form: RegisterForm, office) -> intake.AppealDraft:
    data = form.cleaned_data
    return intake.AppealDraft(
        channel=data["channel"],
        kind=data["kind"],
        topic=data["topic"],
        text=data["text"],
        applicant=intake.Applicant(
            type=data["applicant_type"],
            name=data["applicant_name"],
            iin=data["iin"],
            bin=data["bin"],
            phone=data["phone"],
            email=data["email"],
        ),
        place=intake.Place(
            office=office,
            territory=data["territory"],
            address=data["address"],
            street=data["street"],
            latitude=data["latitude"],
            longitude=data["longitude"],
        ),
        received_at=data["received_at"] or None,
        signatories=data["signatories"],
        language=data["language"],
        against_official=data["against_official"],
        threat_to_life=data["threat_to_life"],
        crime_report=data["crime_report"],
        social_assistance_recipient=data["social_assistance_recipient"],
        attachments=tuple(data["attachments"]),
        idempotency_key=data["client_key"],
    )


# --- the appeal page and its actions --------------------------------------------------------


def _call_assign(request, appeal, data):
    services.appeal_assign(
        appeal=appeal,
        executor=data["executor"],
        co_executors=data["co_executors"],
        by=request.user,
        expected_version=data["version"],
    )


def _call_answer(request, appeal, data):
    appeal = services.appeal_answer(
        appeal=appeal,
        outcome=data["outcome"],
        text=data["text"],
        by=request.user,
        expected_version=data["version"],
    )
    if data.get("file"):
        services.attachment_add(appeal=appeal, file=data["file"], by=request.user, is_answer=True)
    if appeal.status == Status.FOR_SIGN_OFF:
        return _(
            "The answer is sent for sign-off; the applicant gets it once the akim or a "
            "deputy approves it."
        )
    return None


def _call_approve(request, appeal, data):
    services.appeal_approve(appeal=appeal, by=request.user, expected_version=data["version"])


def _call_return(request, appeal, data):
    services.appeal_return(
        appeal=appeal, comment=data["comment"], by=request.user, expected_version=data["version"]
    )


def _call_control(request, appeal, data):
    appeal = services.appeal_control(
        appeal=appeal, on=data["on"], by=request.user, expected_version=data["version"]
    )
    if appeal.special_control:
        return _("The appeal is on special control.")
    return _("The appeal is taken off special control.")


def _call_extend(request, appeal, data):
    services.appeal_extend(
        appeal=appeal,
        until=data["until"],
        reason=data["reason"],
        by=request.user,
        expected_version=data["version"],
    )


def _call_redirect(request, appeal, data):
    services.appeal_redirect(
        appeal=appeal,
        to=data["to"],
        reason=data["reason"],
        by=request.user,
        expected_version=data["version"],
    )


def _call_close(request, appeal, data):
    services.appeal_close(appeal=appeal, by=request.user, expected_version=data["version"])


# The page of each action of ``lifecycle.ACTIONS``: its form, the service call and the
# message on success (unless the call returns its own). ``urls.py`` loops over the same
# table.
ACTION_PAGES = {
    "assign": (AssignForm, _call_assign, gettext_lazy("The executor is assigned.")),
    "answer": (
        AnswerForm,
        _call_answer,
        gettext_lazy("The answer is saved and sent to the applicant."),
    ),
    "extend": (
        ExtendForm,
        _call_extend,
        gettext_lazy("The deadline is extended; the applicant is notified."),
    ),
    "redirect": (
        RedirectForm,
        _call_redirect,
        gettext_lazy("The appeal is redirected; the applicant is notified."),
    ),
    "approve": (
        ApproveForm,
        _call_approve,
        gettext_lazy("The answer is signed off and sent to the applicant."),
    ),
    "return": (
        ReturnForm,
        _call_return,
        gettext_lazy("The answer is returned to the executor with your comment."),
    ),
    "close": (CloseForm, _call_close, gettext_lazy("The appeal is closed.")),
    "control": (ControlForm, _call_control, gettext_lazy("Saved.")),
}
# The heading of each action's card and the label of its button.
ACTION_LABELS = {
    "assign": (gettext_lazy("Assign an executor"), gettext_lazy("Assign")),
    "answer": (gettext_lazy("Answer"), gettext_lazy("Send the answer")),
    "extend": (gettext_lazy("Extend the deadline"), gettext_lazy("Extend")),
    "redirect": (gettext_lazy("Redirect to the competent body"), gettext_lazy("Redirect")),
    "approve": (gettext_lazy("Sign off the answer"), gettext_lazy("Approve and send")),
    "return": (gettext_lazy("Return the answer for rework"), gettext_lazy("Return")),
    "close": (gettext_lazy("Close the appeal"), gettext_lazy("Close")),
    "control": (gettext_lazy("Special control"), None),
}
assert set(ACTION_PAGES) == set(lifecycle.ACTIONS), "every action of the lifecycle has a page"


def _form_kwargs(name: str, appeal: Appeal) -> dict:
    if name == "assign":
        return {"candidates": services.executor_candidates(office=appeal.office)}
    return {}


def _initial(name: str, appeal: Appeal) -> dict:
    if name == "assign":
        return {"executor": appeal.executor_id}
    if name == "answer":  # an answer returned for rework comes back to be corrected
        return {"outcome": appeal.draft_outcome, "text": appeal.draft_answer}
    if name == "control":
        return {"on": not appeal.special_control}
    return {}


def _action_cards(forms: dict, appeal: Appeal) -> list[tuple]:
    cards = []
    for name, form in forms.items():
        heading, button = ACTION_LABELS[name]
        if name == "control":
            button = (
                _("Take off special control")
                if appeal.special_control
                else _("Put on special control")
            )
        cards.append((name, form, heading, button))
    return cards


def _last_return_comment(appeal: Appeal) -> str:
    """The comment of the last return, while the executor reworks the answer."""
    if appeal.status not in (Status.IN_PROGRESS, Status.EXTENDED) or not appeal.draft_answer:
        return ""
    kinds = [AppealEvent.Kind.SUBMITTED, AppealEvent.Kind.RETURNED]
    last = appeal.events.filter(kind__in=kinds).order_by("-at", "-id").first()
    return last.note if last and last.kind == AppealEvent.Kind.RETURNED else ""


def _action_forms(request, appeal: Appeal) -> dict:
    initial = {"version": appeal.version}
    forms = {}
    for action in lifecycle.available(request.user, appeal):
        form_class = ACTION_PAGES[action.name][0]
        extra = _initial(action.name, appeal)
        forms[action.name] = form_class(
            initial={**initial, **extra}, **_form_kwargs(action.name, appeal)
        )
    return forms


@login_required
def detail(request, pk, forms_override=None):
    appeal = _get_appeal(request, pk)
    rules = {r.code: r for r in RiskRule.objects.all()}
    reasons = [
        {"name": rules[r["code"]].name if r["code"] in rules else r["code"], "points": r["points"]}
        for r in appeal.risk_reasons
    ]
    forms = _action_forms(request, appeal)
    forms.update(forms_override or {})
    parts = policy.parts_for(request.user, appeal)
    access_record(user=request.user, appeal=appeal, channel="page", parts=parts)
    context = {
        "appeal": appeal,
        "parts": {p.value: p in parts for p in policy.Part},
        "personal": policy.Part.APPLICANT in parts,
        "shown_text": appeal.text
        if policy.Part.RAW_TEXT in parts
        else selectors.appeal_anonymised_text(appeal),
        "shown_answer": appeal.answer_text
        if policy.Part.ANSWER in parts
        else selectors.appeal_public_answer(appeal),
        "events": appeal.events.select_related("actor"),
        "attachments": appeal.attachments.all() if policy.Part.ATTACHMENTS in parts else [],
        "repeats": appeal.repeats.all(),
        "similar": selectors.appeal_similar(appeal),
        "reasons": reasons,
        "forms": forms,
        "action_cards": _action_cards(forms, appeal),
        "returned_comment": _last_return_comment(appeal),
        "co_executors": appeal.co_executors.all(),
        "redirect_due_on": services.redirect_due_on(appeal),
        "today": calendar.today(),
        "rating": getattr(appeal, "rating", None),
        "pin_map": maps.appeal_pin(appeal=appeal, parts=parts),
        "challenges": appeal.challenges.select_related("office"),
        "challenged_visible": appeal.challenged_id
        and request.user.has_perm("appeals.view_appeal", appeal.challenged),
    }
    return render(request, "appeals/detail.html", context)


@login_required
@require_POST
def act(request, pk, action: str):
    """POST of one action's form: the role is checked here, the status by the service."""
    appeal = _get_appeal(request, pk)
    lifecycle.check_role(request.user, action, appeal)
    form_class, call, success = ACTION_PAGES[action]
    form = form_class(request.POST, request.FILES, **_form_kwargs(action, appeal))
    conflict = False
    if form.is_valid():
        try:
            said = call(request, appeal, form.cleaned_data)
        except ConflictError as error:
            conflict = True
            form.add_error(None, str(error))
        except DomainError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, said or success)
            return HttpResponseRedirect(reverse("appeals:detail", args=[appeal.pk]))
    response = detail(request, pk, forms_override={action: form})
    response.status_code = 409 if conflict else 400
    return response


@login_required
def slip(request, pk):
    """The registration slip (талон) to print and hand to the applicant."""
    appeal = _get_appeal(request, pk)
    parts = policy.parts_for(request.user, appeal)
    if policy.Part.SLIP not in parts:
        raise PermissionDenied(
            _("The slip with the tracking code is for the office that works on the appeal.")
        )
    access_record(user=request.user, appeal=appeal, channel="slip", parts=parts)
    return render(
        request,
        "appeals/slip.html",
        {
            "appeal": appeal,
            "personal": policy.Part.APPLICANT in parts,
            "tracking_link": tracking_link(appeal, language=appeal.language),
        },
    )


@login_required
def attachment(request, pk, attachment_id):
    from django.http import FileResponse

    appeal = _get_appeal(request, pk)
    if not policy.can_see(request.user, appeal, policy.Part.ATTACHMENTS):
        raise PermissionDenied(_("Attachments are for the office that works on the appeal."))
    item = get_object_or_404(appeal.attachments, pk=attachment_id)
    access_record(
        user=request.user, appeal=appeal, channel="attachment", parts=[policy.Part.ATTACHMENTS]
    )
    return FileResponse(item.file.open("rb"), filename=item.name, content_type=item.content_type)


# --- risk map -------------------------------------------------------------------------------


@login_required
def risk_map(request):
    _staff_required(request)
    counts, points = selectors.risk_map_data(user=request.user)
    if request.GET.get("format") == "json":
        return JsonResponse({"counts": counts, "points": points})
    bands = [(value, label, counts.get(value, 0)) for value, label in RiskBand.choices]
    return render(
        request, "appeals/risk_map.html", {"bands": bands, "points": points, "counts": counts}
    )


@login_required
def ratings(request):
    """How residents rate the answers, by executor and by topic."""
    _staff_required(request)
    summary = selectors.rating_summary(user=request.user)
    topics = {t.code: t.name for t in Topic.objects.all()}
    for row in summary["by_topic"]:
        row["name"] = topics.get(row["appeal__topic__code"], row["appeal__topic__code"])
    return render(request, "appeals/ratings.html", summary)
