from django.urls import path

from . import views

app_name = "budget_public"
urlpatterns = [
    path("", views.public_index, name="index"),
    path("<int:pk>/", views.public_detail, name="detail"),
    path("<int:pk>/versions/<int:number>/", views.public_version, name="version"),
]
