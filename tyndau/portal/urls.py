from django.urls import path

from . import views

app_name = "portal"
urlpatterns = [
    path("", views.home, name="home"),
    path("appeal/new/", views.appeal_new, name="appeal-new"),
    path("places/streets/", views.streets, name="streets"),
    path("track/", views.track, name="track"),
    path("track/mine/", views.my_appeals, name="my-appeals"),
    path("track/resend/", views.track_resend, name="track-resend"),
    path("sign-in/", views.sign_in, name="sign-in"),
    path("sign-in/code/", views.sign_in_code, name="sign-in-code"),
    path("track/<str:number>/<str:code>/", views.track_detail, name="track-detail"),
    path("track/<str:number>/<str:code>/rate/", views.track_rate, name="track-rate"),
    path("track/<str:number>/<str:code>/challenge/", views.track_challenge, name="track-challenge"),
    path("appeals/", views.appeals_public, name="appeals"),
    path("appeals/<int:pk>/", views.appeal_public, name="appeal-public"),
    path("appeals/<int:pk>/follow/", views.appeal_follow, name="appeal-follow"),
    path("territories/<str:code>/", views.territory_profile, name="territory-profile"),
    path("territories/<str:code>/stats/", views.territory_stats, name="territory-stats"),
]
