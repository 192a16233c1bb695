"""The appeal page and its actions (one page per action of ``lifecycle.ACTIONS``), the slip,
attachments."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from tyndau.core import calendar
from tyndau.core.errors import ConflictError, DomainError
from tyndau.privacy import policy
from tyndau.privacy.services import access_record

from .. import lifecycle, maps, selectors, services
from ..forms import (
    AnswerForm,
    ApproveForm,
    AssignForm,
    CloseForm,
    ControlForm,
    ExtendForm,
    RedirectForm,
    ReturnForm,
)
from ..models import Appeal, AppealEvent, RiskRule, Status
from ..tracking import tracking_link
from .common import _get_appeal


def _call(service, *fields):
    """The service of an action called with the form's ``fields`` (each under its own
    name), the appeal, the user and the version the form was read at."""

    def call(request, appeal, data):
        service(
            appeal=appeal,
            by=request.user,
            expected_version=data["version"],
            **{name: data[name] for name in fields},
        )

    return call


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


def _call_control(request, appeal, data):
    appeal = services.appeal_control(
        appeal=appeal, on=data["on"], by=request.user, expected_version=data["version"]
    )
    if appeal.special_control:
        return _("The appeal is on special control.")
    return _("The appeal is taken off special control.")


# The page of each action of ``lifecycle.ACTIONS``: its form, the service call and the
# message on success (unless the call returns its own). ``urls.py`` loops over the same
# table.
ACTION_PAGES = {
    "assign": (
        AssignForm,
        _call(services.appeal_assign, "executor", "co_executors"),
        gettext_lazy("The executor is assigned."),
    ),
    "answer": (
        AnswerForm,
        _call_answer,
        gettext_lazy("The answer is saved and sent to the applicant."),
    ),
    "extend": (
        ExtendForm,
        _call(services.appeal_extend, "until", "reason"),
        gettext_lazy("The deadline is extended; the applicant is notified."),
    ),
    "redirect": (
        RedirectForm,
        _call(services.appeal_redirect, "to", "reason"),
        gettext_lazy("The appeal is redirected; the applicant is notified."),
    ),
    "approve": (
        ApproveForm,
        _call(services.appeal_approve),
        gettext_lazy("The answer is signed off and sent to the applicant."),
    ),
    "return": (
        ReturnForm,
        _call(services.appeal_return, "comment"),
        gettext_lazy("The answer is returned to the executor with your comment."),
    ),
    "close": (CloseForm, _call(services.appeal_close), gettext_lazy("The appeal is closed.")),
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
