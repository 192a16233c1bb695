from django.urls import path

from . import views

app_name = "library"
urlpatterns = [
    path("", views.entry_list, name="list"),
    path("new/", views.entry_new, name="new"),
    path("<int:pk>/", views.entry_edit, name="edit"),
]
