from django.urls import path

from . import public_views as views

app_name = "services_public"
urlpatterns = [
    path("", views.index, name="index"),
    path("track/", views.track, name="track"),
    path("track/<str:number>/<str:code>/", views.track_detail, name="track-detail"),
    path("queue/", views.queue, name="queue"),
    path("queue/lookup/", views.queue_lookup, name="queue-lookup"),
    path("<slug:code>/", views.detail, name="detail"),
]
