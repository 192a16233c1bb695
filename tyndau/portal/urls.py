from django.urls import path

from . import views

app_name = "portal"
urlpatterns = [
    path("", views.home, name="home"),
    path("territories/<str:code>/", views.territory_profile, name="territory-profile"),
]
