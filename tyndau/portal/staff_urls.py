from django.urls import path

from . import staff

app_name = "core"  # the URL names stay core:staff-home
urlpatterns = [
    path("", staff.staff_home, name="staff-home"),
]
