from django.urls import path

from . import views

app_name = "opendata"
urlpatterns = [
    path("", views.index, name="index"),
    path("catalog.jsonld", views.catalogue, name="catalogue"),
    path("<slug:slug>.<str:fmt>", views.download, name="download"),
]
