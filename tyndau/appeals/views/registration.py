"""Registering an appeal from the staff form: the form mapped onto one intake draft."""

from __future__ import annotations

import uuid

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils.translation import gettext as _

from tyndau.core.actions import form_page
from tyndau.territory.selectors import offices_visible_to

from .. import intake, maps
from ..forms import RegisterForm
from ..models import Appeal
from ..signals import registration_form_saved
from .common import _staff_required


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
    else:
        form = RegisterForm(
            office=office,
            initial={
                "client_key": uuid.uuid4().hex,
                "language": (request.LANGUAGE_CODE or "ru")[:2],
                "channel": request.GET.get("channel", "written"),
            },
        )

    def registered(data: dict) -> Appeal:
        appeal = intake.appeal_register(draft=_draft_from(data, office), by=request.user).appeal
        registration_form_saved.send(
            sender=Appeal, appeal=appeal, data=request.POST, user=request.user
        )
        return appeal

    def page() -> dict:
        pin = maps.pin_config(
            form,
            territories=form.fields["territory"].queryset,
            chosen=office.territory,
            empty_message=_("No pin: tap the map, find the street, or leave it without a place."),
        )
        return {"office": office, "offices": offices, "pin_config": pin}

    return form_page(
        request,
        form,
        registered,
        template="appeals/register.html",
        done=lambda appeal: reverse("appeals:detail", args=[appeal.pk]),
        success=lambda appeal: _("Appeal %(number)s is registered.") % {"number": appeal.number},
        context=page,
    )


def _draft_from(data: dict, office) -> intake.AppealDraft:
    """The form's fields carry the draft's own names, but for the applicant's type and
    name, the moment of receipt and the submission's key."""

    def fields(*names) -> dict:
        return {name: data[name] for name in names}

    return intake.AppealDraft(
        **fields("channel", "kind", "topic", "text", "signatories", "language"),
        **fields("against_official", "threat_to_life", "crime_report"),
        **fields("social_assistance_recipient"),
        applicant=intake.Applicant(
            type=data["applicant_type"],
            name=data["applicant_name"],
            **fields("iin", "bin", "phone", "email"),
        ),
        place=intake.Place(
            office=office, **fields("territory", "address", "street", "latitude", "longitude")
        ),
        received_at=data["received_at"] or None,
        attachments=tuple(data["attachments"]),
        idempotency_key=data["client_key"],
    )
