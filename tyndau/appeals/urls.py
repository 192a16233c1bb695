from django.urls import path

from . import lifecycle, views

app_name = "appeals"
urlpatterns = [
    path("", views.inbox, name="inbox"),
    path("mine/", views.inbox, {"mine": True}, name="mine"),
    path("export/", views.inbox_export, name="export"),
    path("mine/export/", views.inbox_export, {"mine": True}, name="mine-export"),
    path("default-view/", views.inbox_view_save, name="default-view"),
    path("new/", views.register, name="register"),
    path("bulk-assign/", views.bulk_assign, name="bulk-assign"),
    path("risk-map/", views.risk_map, name="risk-map"),
    path("ratings/", views.ratings, name="ratings"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/slip/", views.slip, name="slip"),
    *[
        path(f"<int:pk>/{name}/", views.act, {"action": name}, name=name)
        for name in lifecycle.ACTIONS
    ],
    path("<int:pk>/attachments/<int:attachment_id>/", views.attachment, name="attachment"),
]
