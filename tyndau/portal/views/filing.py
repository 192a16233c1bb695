"""Filing an appeal from the portal: the form, the SMS step past the limit, the street search."""

from __future__ import annotations

import logging
import uuid

from django.contrib import messages
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from tyndau.appeals import intake
from tyndau.appeals import maps as appeal_maps
from tyndau.appeals.models import ApplicantType, Channel
from tyndau.core.actions import FAILED, attempt
from tyndau.library import services as library_services
from tyndau.territory import selectors as territory_selectors
from tyndau.territory.models import Territory

from .. import ratelimit
from ..forms import AppealForm
from .common import _tracking_url

log = logging.getLogger(__name__)


def appeal_new(request):
    initial = {"client_key": uuid.uuid4().hex}
    if code := request.GET.get("territory"):
        initial["territory"] = Territory.objects.filter(code=code).first()
    if request.method != "POST":
        form = AppealForm(initial=initial)
        return _render_appeal_form(request, form)

    form = AppealForm(request.POST, request.FILES)
    if form.is_bot:
        # Say nothing useful to a robot; keep no data.
        log.info("portal honeypot filled from %s", ratelimit.client_address(request))
        return render(request, "portal/appeal_rejected.html", status=400)
    if not form.is_valid():
        return _render_appeal_form(request, form, status=422)

    data = form.cleaned_data
    draft = _draft_from(form, account=request.user if request.user.is_authenticated else None)
    earlier = attempt(form, lambda: intake.appeal_replayed(draft=draft))
    if earlier is FAILED:
        return _render_appeal_form(request, form, status=422)
    if earlier is not None:  # the same form sent twice: show the appeal it created
        return redirect(_tracking_url(earlier))
    # The law forbids refusing an appeal: past the limit, an SMS code confirms a person.
    limited = ratelimit.is_limited(request, scope="appeal")
    if limited and not _confirmed_by_sms(request, form):
        return _render_appeal_form(request, form, status=200, sms_step=True)

    registration = attempt(
        form,
        lambda: intake.appeal_register(draft=draft),
        field=lambda error: "territory" if isinstance(error, intake.NoServingOffice) else None,
    )
    if registration is FAILED:
        return _render_appeal_form(request, form, status=422)
    appeal = registration.appeal

    ratelimit.hit(request, scope="appeal", window_seconds=3600)
    library_services.impressions_mark_filed(client_key=data["client_key"])
    messages.success(
        request,
        _(
            "Your appeal is registered under number %(number)s. Keep the link of this page: "
            "with it you can follow the appeal."
        )
        % {"number": appeal.number},
    )
    return redirect(_tracking_url(appeal) + "?new=1")


def _confirmed_by_sms(request, form) -> bool:
    """Past the filing limit: True once the resident typed the code sent to their phone;
    otherwise ask for the phone, send a code, or say the code was wrong (never refuse)."""
    from tyndau.core import onetime

    phone = form.cleaned_data.get("phone") or ""
    if not onetime.normalise_phone(phone):
        form.add_error(
            "phone",
            _(
                "Many appeals came from your connection in the last hour. Enter your mobile "
                "number: we will send a one-time code to confirm that a person is filing."
            ),
        )
        return False
    entered = request.POST.get("sms_code", "").strip()
    if entered:
        if onetime.code_check(phone=phone, purpose="appeal", code=entered):
            return True
        form.add_error(None, _("The code is not right, or it has expired. Check the SMS."))
        return False
    if onetime.code_send(phone=phone, purpose="appeal"):
        messages.info(
            request,
            _("We sent a code by SMS to %(phone)s. Type it below to register your appeal.")
            % {"phone": phone},
        )
    elif onetime.code_pending(phone=phone, purpose="appeal"):
        messages.info(request, _("A code was already sent to this number. Type it below."))
    else:
        form.add_error(
            "phone",
            _("Enough codes were sent to this number for an hour; use another number."),
        )
    return False


def _chosen_territory(form) -> Territory | None:
    value = form["territory"].value()
    if isinstance(value, Territory):
        return value
    try:
        return Territory.objects.filter(pk=int(value)).first() if value else None
    except (TypeError, ValueError):
        return None


def _render_appeal_form(request, form, status=200, sms_step=False):
    territories = list(form.fields["territory"].queryset)
    return render(
        request,
        "portal/appeal_new.html",
        {
            "form": form,
            "pin_config": appeal_maps.pin_config(
                form, territories=territories, chosen=_chosen_territory(form)
            ),
            "sms_step": sms_step,
        },
        status=status,
    )


def streets(request):
    """The address search of the maps: streets of the akimat serving the chosen place whose
    name has the typed letters (JSON: name, point, settlement)."""
    territory = None
    raw = request.GET.get("territory") or ""
    if raw.isdigit():
        territory = Territory.objects.filter(pk=int(raw)).first()
    if territory is None:
        return JsonResponse({"results": []})
    found = territory_selectors.street_search(territory=territory, q=request.GET.get("q", ""))
    return JsonResponse(
        {
            "results": [
                {
                    "name": street.name,
                    "lat": street.latitude,
                    "lon": street.longitude,
                    "territory": street.territory_id,
                    "place": street.territory.name if street.territory_id != territory.pk else "",
                    "street": street.name_ru,
                }
                for street in found
            ]
        }
    )


def _draft_from(form: AppealForm, *, account) -> intake.AppealDraft:
    data = form.cleaned_data
    return intake.AppealDraft(
        channel=Channel.PORTAL,
        kind=data["kind"],
        topic=data["topic"],
        text=data["text"],
        applicant=intake.Applicant(
            type=ApplicantType.INDIVIDUAL,
            name=data["applicant_name"],
            iin=data["iin"],
            phone=data["phone"],
            email=data["email"],
            account=account,
        ),
        place=intake.Place(
            territory=data["territory"],
            address=data["address"],
            latitude=data["latitude"],
            longitude=data["longitude"],
        ),
        language=(get_language() or "ru")[:2],
        publish_consent=data["publish_consent"],
        attachments=tuple(data["attachments"]),
        idempotency_key=data["client_key"],
        publication=intake.Publication(
            declined=data["no_publication"], private_terms=data["private_terms"]
        ),
    )
