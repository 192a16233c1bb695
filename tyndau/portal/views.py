"""Public pages: home, filing and tracking an appeal, public appeals, territory profile."""

from __future__ import annotations

import logging
import uuid

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login as auth_login
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tyndau.accounts import services as account_services
from tyndau.appeals import intake
from tyndau.appeals import maps as appeal_maps
from tyndau.appeals import services as appeal_services
from tyndau.appeals.lifecycle import follow_refusal
from tyndau.appeals.models import Appeal, ApplicantType, Channel, Status
from tyndau.appeals.selectors import appeal_get_for_tracking
from tyndau.core import maps
from tyndau.core.errors import DomainError
from tyndau.library import services as library_services
from tyndau.territory import selectors as territory_selectors
from tyndau.territory.models import Office, Territory

from . import ratelimit, selectors
from .forms import (
    AppealForm,
    ChallengeForm,
    PublicFilterForm,
    RatingForm,
    ResendLinkForm,
    SignInCodeForm,
    SignInForm,
    TrackForm,
)

log = logging.getLogger(__name__)

# Limits per address and hour: TYNDAU_PORTAL_APPEALS_PER_HOUR (5; past it an SMS code is
# asked, never a refusal) and TYNDAU_PORTAL_TRACK_FAILURES_PER_HOUR (20): tyndau.core.ratelimit
RESEND_PER_HOUR = getattr(settings, "TYNDAU_PORTAL_RESEND_PER_HOUR", 5)


map_settings = maps.map_settings
_territory_centre = maps.centre_of


def home(request):
    offices = Office.objects.select_related("territory").order_by("territory__path")
    recent = selectors.appeal_list_recently_answered(limit=5)
    for appeal in recent:
        appeal.public_text = selectors.appeal_public_text(appeal)
        appeal.public_answer = selectors.appeal_public_answer(appeal)
        appeal.public_street = selectors.appeal_public_street(appeal)
    return render(
        request,
        "portal/home.html",
        {
            "offices": offices,
            "recent": recent,
            "meetings_url": f"/{get_language()}/meetings/",
        },
    )


def territory_profile(request, code):
    territory = get_object_or_404(Territory, code=code)
    context = territory_selectors.territory_profile(territory=territory)
    context["stats"] = selectors.territory_appeal_stats(territory=territory)
    context["meetings_url"] = f"/{get_language()}/meetings/"
    return render(request, "portal/territory_profile.html", context)


def territory_stats(request, code):
    territory = get_object_or_404(Territory, code=code)
    by_topic = selectors.territory_appeal_stats_by_topic(territory=territory)
    lang = (get_language() or "ru")[:2]
    for row in by_topic:
        row["topic_name"] = row.get(f"topic__name_{lang}") or row["topic__name_ru"]
        row["satisfaction"] = (
            round(row["satisfaction"], 1) if row["satisfaction"] is not None else None
        )
    return render(
        request,
        "portal/territory_stats.html",
        {
            "territory": territory,
            "ancestors": territory.ancestors(),
            "stats": selectors.territory_appeal_stats(territory=territory),
            "by_topic": by_topic,
        },
    )


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
    try:
        earlier = intake.appeal_replayed(draft=draft)
    except DomainError as exc:
        form.add_error(None, str(exc))
        return _render_appeal_form(request, form, status=422)
    if earlier is not None:  # the same form sent twice: show the appeal it created
        return redirect(_tracking_url(earlier))
    # The law forbids refusing an appeal: past the limit, an SMS code confirms a person.
    limited = ratelimit.is_limited(request, scope="appeal")
    if limited and not _confirmed_by_sms(request, form):
        return _render_appeal_form(request, form, status=200, sms_step=True)

    try:
        registration = intake.appeal_register(draft=draft)
        appeal = registration.appeal
    except intake.NoServingOffice as exc:
        form.add_error("territory", str(exc))
        return _render_appeal_form(request, form, status=422)
    except DomainError as exc:
        form.add_error(None, str(exc))
        return _render_appeal_form(request, form, status=422)

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


def _tracking_url(appeal: Appeal) -> str:
    return reverse("portal:track-detail", args=[appeal.number, appeal.tracking_code])


def track(request):
    form = TrackForm(request.GET or None)
    if form.is_bound and form.is_valid():
        if ratelimit.is_limited(request, scope="track"):
            messages.error(request, _("Too many attempts. Please try again in an hour."))
        else:
            appeal = appeal_get_for_tracking(
                number=form.cleaned_data["number"], code=form.cleaned_data["code"]
            )
            if appeal is not None:
                return redirect(_tracking_url(appeal))
            ratelimit.hit(request, scope="track", window_seconds=3600)
            form.add_error(None, _("No appeal has this number and code. Check both and try again."))
    mine = (
        selectors.appeal_list_for_resident(user=request.user)
        if request.user.is_authenticated
        else None
    )
    return render(request, "portal/track.html", {"form": form, "mine": mine})


def _get_tracked(request, number: str, code: str) -> Appeal:
    """The tracked appeal, or 404; wrong links count against the same limit as the form."""
    if ratelimit.is_limited(request, scope="track"):
        raise Http404(_("Too many attempts. Please try again in an hour."))
    appeal = appeal_get_for_tracking(number=number, code=code)
    if appeal is None:
        ratelimit.hit(request, scope="track", window_seconds=3600)
        raise Http404(_("No appeal has this number and code."))
    return appeal


def track_detail(request, number, code):
    appeal = _get_tracked(request, number, code)
    if (number, code) != (appeal.number, appeal.tracking_code):
        query = "?new=1" if request.GET.get("new") == "1" else ""
        return redirect(_tracking_url(appeal) + query)  # the link as typed, made canonical
    return _render_tracked(request, appeal)


def _render_tracked(request, appeal, *, challenge_form=None, status=200):
    rating = getattr(appeal, "rating", None)
    can_rate = appeal.status in (Status.ANSWERED, Status.CLOSED) and rating is None
    challenge = appeal.challenges.select_related("office").first()
    refusal = appeal_services.appeal_challenge_refusal(appeal=appeal) if not challenge else None
    if challenge_form is None and appeal.outcome and not challenge and not refusal:
        challenge_form = ChallengeForm()
    return render(
        request,
        "portal/track_detail.html",
        {
            "appeal": appeal,
            "events": selectors.appeal_timeline(appeal=appeal),
            "rating": rating,
            "rating_form": RatingForm() if can_rate else None,
            "is_new": request.GET.get("new") == "1",
            "tracking_link": request.build_absolute_uri(_tracking_url(appeal)),
            "challenge": challenge,
            "challenge_url": _tracking_url(challenge) if challenge else "",
            "challenge_form": challenge_form,
            "challenge_office": appeal_services.office_above(appeal) if challenge_form else None,
            "challenged_url": _tracking_url(appeal.challenged) if appeal.challenged_id else "",
        },
        status=status,
    )


@require_POST
def track_challenge(request, number, code):
    """The applicant challenges the answer (обжалование): a complaint to the office above."""
    appeal = _get_tracked(request, number, code)
    form = ChallengeForm(request.POST)
    if not form.is_valid():
        return _render_tracked(request, appeal, challenge_form=form, status=422)
    try:
        complaint = appeal_services.appeal_challenge(
            appeal=appeal,
            reason=form.cleaned_data["reason"],
            language=(get_language() or "ru")[:2],
        )
    except DomainError as exc:
        form.add_error(None, str(exc))
        return _render_tracked(
            request, Appeal.objects.get(pk=appeal.pk), challenge_form=form, status=422
        )
    messages.success(
        request,
        _(
            "Your complaint is registered under number %(number)s with %(office)s. We sent "
            "its link to your phone or e-mail."
        )
        % {"number": complaint.number, "office": complaint.office.name},
    )
    return redirect(_tracking_url(appeal) + "#challenged")


@require_POST
def track_rate(request, number, code):
    appeal = _get_tracked(request, number, code)
    form = RatingForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose a score from 1 to 5."))
        return redirect(_tracking_url(appeal))
    try:
        appeal_services.appeal_rate(
            appeal=appeal, score=form.cleaned_data["score"], comment=form.cleaned_data["comment"]
        )
    except DomainError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("Thank you! Your rating helps the akimat work better."))
    return redirect(_tracking_url(appeal))


def track_resend(request):
    """ "I lost my link": the link is sent again to the phone or e-mail given with the appeal.

    The answer is the same whether or not anything was sent, so the page confirms neither
    numbers nor contacts; tries are limited per address.
    """
    form = ResendLinkForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if ratelimit.is_limited(request, scope="resend", limit=RESEND_PER_HOUR):
            form.add_error(None, _("Too many attempts. Please try again in an hour."))
        else:
            ratelimit.hit(request, scope="resend", window_seconds=3600)
            appeal_services.appeal_send_link(
                number=form.cleaned_data["number"], contact=form.cleaned_data["contact"]
            )
            messages.success(
                request,
                _(
                    "If the number and the contact match an appeal, the link has been sent "
                    "there. It may take a few minutes."
                ),
            )
            return redirect("portal:track")
    return render(request, "portal/track_resend.html", {"form": form})


def sign_in(request):
    """A resident signs in with a one-time code sent to their phone or e-mail."""
    form = SignInForm(request.POST or None)
    if request.GET.get("next"):
        request.session["signin_next"] = _safe_next(request, "")
    if request.method == "POST" and form.is_valid():
        contact = form.cleaned_data["contact"]
        try:
            account_services.resident_code_send(contact=contact, language=get_language())
        except DomainError as exc:
            form.add_error("contact", str(exc))
        else:
            request.session["signin_contact"] = contact
            return redirect("portal:sign-in-code")
    return render(request, "portal/sign_in.html", {"form": form})


def sign_in_code(request):
    contact = request.session.get("signin_contact")
    if not contact:
        return redirect("portal:sign-in")
    form = SignInCodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            user = account_services.resident_sign_in(
                contact=contact, code=form.cleaned_data["code"], language=request.LANGUAGE_CODE
            )
        except DomainError as exc:
            form.add_error("code", str(exc))
        else:
            auth_login(request, user, backend="django.contrib.auth.backends.ModelBackend")
            request.session.pop("signin_contact", None)
            target = request.session.pop("signin_next", "") or reverse("portal:my-appeals")
            return redirect(target)
    return render(request, "portal/sign_in_code.html", {"form": form, "contact": contact})


@login_required(login_url="portal:sign-in")
def my_appeals(request):
    return render(
        request,
        "portal/my_appeals.html",
        {
            "appeals": selectors.appeal_list_for_resident(user=request.user),
            "followed": selectors.appeal_list_followed_by(user=request.user),
        },
    )


def appeals_public(request):
    form = PublicFilterForm(request.GET or None)
    filters = {}
    if form.is_bound and form.is_valid():
        filters = {
            "topic": form.cleaned_data["topic"],
            "status": form.cleaned_data["status"],
            "territory": form.cleaned_data["village"],
        }
    qs = selectors.appeal_list_public_filtered(**filters)
    page = Paginator(qs, 20).get_page(request.GET.get("page"))
    for appeal in page:
        appeal.public_text = selectors.appeal_public_text(appeal)
        appeal.public_answer = selectors.appeal_public_answer(appeal)
        appeal.public_street = selectors.appeal_public_street(appeal)
    points = []
    for appeal in qs.exclude(latitude=None).exclude(longitude=None)[:500]:
        point = selectors.public_point(appeal)
        points.append(
            {
                "lat": point[0],
                "lon": point[1],
                "number": appeal.number,
                "topic": appeal.topic.plain,
                "status": appeal.get_status_display(),
                "url": reverse("portal:appeal-public", args=[appeal.pk]),
            }
        )
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "portal/appeals_public.html",
        {
            "form": form,
            "page": page,
            "query": query.urlencode(),
            "map_config": {
                **map_settings(),
                "centre": _territory_centre(filters.get("territory")),
                "zoom": 12,
                "points": points,
            },
        },
    )


def appeal_public(request, pk):
    appeal = get_object_or_404(selectors.appeal_list_public(), pk=pk)
    appeal.public_text = selectors.appeal_public_text(appeal)
    appeal.public_answer = selectors.appeal_public_answer(appeal)
    appeal.public_street = selectors.appeal_public_street(appeal)
    user = request.user
    return render(
        request,
        "portal/appeal_public.html",
        {
            "appeal": appeal,
            "following": selectors.appeal_is_followed_by(appeal=appeal, user=user),
            "follow_refusal": follow_refusal(user, appeal) if user.is_authenticated else None,
        },
    )


@require_POST
def appeal_follow(request, pk):
    """ "This affects me too" (``follow=1``) or withdrawing it (``follow=0``)."""
    appeal = get_object_or_404(selectors.appeal_list_public(), pk=pk)
    here = reverse("portal:appeal-public", args=[appeal.pk])
    if not request.user.is_authenticated:
        return redirect(f"{reverse('portal:sign-in')}?{urlencode({'next': here})}")
    try:
        if request.POST.get("follow") == "0":
            appeal_services.appeal_unfollow(appeal=appeal, user=request.user)
            messages.success(request, _("You no longer support this appeal."))
        else:
            appeal_services.appeal_follow(appeal=appeal, user=request.user)
            messages.success(
                request,
                _("Thank you: the akimat sees that this appeal affects you too."),
            )
    except DomainError as exc:
        messages.error(request, str(exc))
    return redirect(_safe_next(request, here))


def _safe_next(request, default: str) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return default
