"""The staff home (/staff/): the user's offices, territories and appeal headlines. It
lives here, at the top, because it reads several apps; ``core`` imports none of them."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from tyndau.appeals.selectors import appeal_summary
from tyndau.territory.selectors import memberships_of, territory_list_visible_to


@login_required
def staff_home(request):
    memberships = memberships_of(user=request.user)
    territories = territory_list_visible_to(user=request.user)
    summary = appeal_summary(user=request.user) if memberships else None
    return render(
        request,
        "core/staff_home.html",
        {"memberships": memberships, "territories": territories, "summary": summary},
    )
