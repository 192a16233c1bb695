from django.urls import path

from . import views

app_name = "gathering_public"
urlpatterns = [
    path("", views.public_index, name="index"),
    path("<int:pk>/", views.public_session, name="session"),
]
