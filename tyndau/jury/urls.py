from django.urls import path

from . import views

app_name = "jury"
urlpatterns = [
    path("<int:pk>/", views.jury_public, name="public"),
    path("<int:pk>/record.json", views.jury_record, name="record"),
    path("<int:pk>/volunteer/", views.jury_volunteer, name="volunteer"),
    path("staff/", views.jury_staff_list, name="staff_list"),
    path("staff/<int:pk>/", views.jury_staff_detail, name="staff_detail"),
    path("staff/<int:pk>/pool/", views.jury_pool_upload, name="pool_upload"),
    path("staff/<int:pk>/quotas/", views.jury_quotas, name="quotas"),
    path("staff/<int:pk>/shares/", views.jury_shares, name="shares"),
    path("staff/<int:pk>/draw/", views.jury_draw, name="draw"),
    path("staff/<int:pk>/draw/status/", views.jury_draw_status, name="draw_status"),
    path("staff/<int:pk>/verdict/", views.jury_verdict, name="verdict"),
]
