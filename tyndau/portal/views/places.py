"""Public pages of a place: home, a territory's profile and statistics, the public appeals
and "this affects me too"."""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tyndau.appeals import services as appeal_services
from tyndau.appeals.lifecycle import follow_refusal
from tyndau.core.actions import FAILED, attempt
from tyndau.territory import selectors as territory_selectors
from tyndau.territory.models import Office, Territory

from .. import selectors
from ..forms import PublicFilterForm
from .common import _safe_next, _territory_centre, map_settings


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
    if request.POST.get("follow") == "0":
        change = appeal_services.appeal_unfollow
        done = _("You no longer support this appeal.")
    else:
        change = appeal_services.appeal_follow
        done = _("Thank you: the akimat sees that this appeal affects you too.")
    if attempt(request, lambda: change(appeal=appeal, user=request.user)) is not FAILED:
        messages.success(request, done)
    return redirect(_safe_next(request, here))
