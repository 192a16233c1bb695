from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from tyndau.territory.selectors import memberships_of, territory_list_visible_to


@login_required
def staff_home(request):
    memberships = memberships_of(user=request.user)
    territories = territory_list_visible_to(user=request.user)
    return render(
        request,
        "core/staff_home.html",
        {"memberships": memberships, "territories": territories},
    )
