from django.urls import path

from . import views

app_name = "reports"
urlpatterns = [
    path("", views.report_page, name="report"),
    path("export/", views.report_export_view, name="export"),
    path("records/", views.report_records_view, name="records"),
    path("dashboard/", views.dashboard_page, name="dashboard"),
    path("assignments/", views.assignment_register_page, name="assignments"),
    path("assignments/export/", views.assignment_register_export, name="assignments-export"),
    path("protocol/<int:pk>/", views.meeting_protocol, name="protocol"),
]
