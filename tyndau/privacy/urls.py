from django.urls import path

from . import views

app_name = "privacy"
urlpatterns = [
    path("moderation/", views.moderation, name="moderation"),
    path("moderation/<int:pk>/publish/", views.decide, {"decision": "publish"}, name="publish"),
    path("moderation/<int:pk>/private/", views.decide, {"decision": "private"}, name="private"),
    path("access-log/", views.access_log, name="access-log"),
]
