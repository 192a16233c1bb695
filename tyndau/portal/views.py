from django.shortcuts import get_object_or_404, render

from tyndau.territory import selectors
from tyndau.territory.models import Office, Territory


def home(request):
    offices = Office.objects.select_related("territory").order_by("territory__path")
    return render(request, "portal/home.html", {"offices": offices})


def territory_profile(request, code):
    territory = get_object_or_404(Territory, code=code)
    return render(
        request, "portal/territory_profile.html", selectors.territory_profile(territory=territory)
    )
