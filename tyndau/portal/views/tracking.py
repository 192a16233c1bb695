"""Following an appeal with its number and code: the page, rating, challenging the answer,
resending the link."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tyndau.appeals import services as appeal_services
from tyndau.appeals.models import Appeal, Status
from tyndau.appeals.selectors import appeal_get_for_tracking
from tyndau.core.actions import FAILED, attempt, post_action

from .. import ratelimit, selectors
from ..forms import ChallengeForm, RatingForm, ResendLinkForm, TrackForm
from .common import _tracking_url

# Limits per address and hour: TYNDAU_PORTAL_APPEALS_PER_HOUR (5; past it an SMS code is
# asked, never a refusal) and TYNDAU_PORTAL_TRACK_FAILURES_PER_HOUR (20): tyndau.core.ratelimit
RESEND_PER_HOUR = getattr(settings, "TYNDAU_PORTAL_RESEND_PER_HOUR", 5)


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
    complaint = attempt(
        form,
        lambda: appeal_services.appeal_challenge(
            appeal=appeal,
            reason=form.cleaned_data["reason"],
            language=(get_language() or "ru")[:2],
        ),
    )
    if complaint is FAILED:
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
    return post_action(
        request,
        lambda data: appeal_services.appeal_rate(
            appeal=appeal, score=data["score"], comment=data["comment"]
        ),
        form=RatingForm(request.POST),
        invalid=_("Choose a score from 1 to 5."),
        success=_("Thank you! Your rating helps the akimat work better."),
        done=_tracking_url(appeal),
    )


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
