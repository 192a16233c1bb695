"""Public pages of development plans (/<lang>/plan/): the plan as a list and on a map,
each item with its progress, money, late flag, timeline and the (anonymised) appeals it
answers; residents may follow an item."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tyndau.core.access import found
from tyndau.core.actions import FAILED, attempt, flash_errors

from . import selectors, services
from .forms import FollowForm
from .models import Plan


def plan_index(request):
    plans = list(selectors.plan_list_public().order_by("territory__path", "-first_year"))
    if len(plans) == 1:
        return redirect("plans_public:plan", pk=plans[0].pk)
    return render(request, "plans/public/index.html", {"plans": plans})


def plan_detail(request, pk: int):
    plan = get_object_or_404(selectors.plan_list_public(), pk=pk)
    items = list(selectors.plan_items(plan=plan))
    points = [
        {
            "lat": i.latitude,
            "lon": i.longitude,
            "title": str(i),
            "progress": float(i.progress),
            "late": bool(i.is_late),
            "url": i.pk,
        }
        for i in items
        if i.latitude is not None
    ]
    totals = plan.items.filter(depth=0).values_list("planned_total", "spent_total")
    planned = sum(p for p, _s in totals)
    spent = sum(s for _p, s in totals)
    return render(
        request,
        "plans/public/plan.html",
        {
            "plan": plan,
            "items": items,
            "points": points,
            "map_config": {
                "centre": [plan.territory.latitude or 53.33, plan.territory.longitude or 69.25],
                "zoom": 13,
                "tile_url": settings.TYNDAU_TILE_URL,
                "attribution": "© OpenStreetMap",
                "item_url": reverse("plans_public:item", kwargs={"pk": 0}),
            },
            "planned": planned,
            "spent": spent,
            "late_count": sum(1 for i in items if i.is_late),
            "versions": plan.versions.select_related("decision__agenda_item__session"),
            "diff": selectors.plan_version_diff(plan=plan),
        },
    )


def item_detail(request, pk: int):
    item = found(selectors.item_get_public(pk=pk))
    return render(
        request,
        "plans/public/item.html",
        {
            **selectors.item_page(item=item),
            "appeals": selectors.item_public_appeals(item=item),
            "form": FollowForm(),
        },
    )


@require_POST
def follow(request, pk: int):
    item = found(selectors.item_get_public(pk=pk))
    form = FollowForm(request.POST)
    if not form.is_valid():
        flash_errors(request, form)
        return redirect("plans_public:item", pk=item.pk)
    follower = attempt(
        request,
        lambda: services.follower_add(
            item=item,
            email=form.cleaned_data.get("email") or "",
            phone=form.cleaned_data.get("phone") or "",
            language=get_language() or "ru",
        ),
    )
    if follower is not FAILED and follower.confirmed_at is None:
        messages.success(
            request, _("We sent you an e-mail: open its link to confirm that you follow it.")
        )
    elif follower is not FAILED:
        messages.success(request, _("You will be told of each new progress entry."))
    return redirect("plans_public:item", pk=item.pk)


def unfollow(request, token: str):
    if request.method == "POST":
        services.follower_remove(token=token)
        messages.success(request, _("You no longer follow this item."))
        return redirect("plans_public:index")
    return render(request, "plans/public/unfollow.html", {"token": token})


def confirm_follow(request, token: str):
    """The link sent to a follower's e-mail: a page with a button (a mail scanner that
    opens links confirms nothing)."""
    if request.method == "POST":
        if services.follower_confirm(token=token):
            messages.success(request, _("You will be told of each new progress entry."))
        else:
            messages.error(request, _("This link is not valid any more."))
        return redirect("plans_public:index")
    return render(request, "plans/public/confirm.html", {"token": token})


__all__ = [
    "Plan",
    "confirm_follow",
    "follow",
    "item_detail",
    "plan_detail",
    "plan_index",
    "unfollow",
]
