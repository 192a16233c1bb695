from django.urls import path

from . import public_views as views

app_name = "plans_public"
urlpatterns = [
    path("", views.plan_index, name="index"),
    path("<int:pk>/", views.plan_detail, name="plan"),
    path("items/<int:pk>/", views.item_detail, name="item"),
    path("items/<int:pk>/follow/", views.follow, name="follow"),
    path("unfollow/<str:token>/", views.unfollow, name="unfollow"),
    path("follow/confirm/<str:token>/", views.confirm_follow, name="confirm"),
]
