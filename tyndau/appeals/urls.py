from django.urls import path

from . import views

app_name = "appeals"
urlpatterns = [
    path("", views.inbox, name="inbox"),
    path("mine/", views.inbox, {"mine": True}, name="mine"),
    path("new/", views.register, name="register"),
    path("bulk-assign/", views.bulk_assign, name="bulk-assign"),
    path("risk-map/", views.risk_map, name="risk-map"),
    path("ratings/", views.ratings, name="ratings"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/slip/", views.slip, name="slip"),
    path("<int:pk>/assign/", views.assign, name="assign"),
    path("<int:pk>/answer/", views.answer, name="answer"),
    path("<int:pk>/extend/", views.extend, name="extend"),
    path("<int:pk>/redirect/", views.redirect, name="redirect"),
    path("<int:pk>/close/", views.close, name="close"),
    path("<int:pk>/attachments/<int:attachment_id>/", views.attachment, name="attachment"),
]
