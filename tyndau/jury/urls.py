from django.urls import path

from . import views

app_name = "jury"
urlpatterns = [
    path("<int:pk>/", views.jury_public, name="public"),
    path("<int:pk>/volunteer/", views.jury_volunteer, name="volunteer"),
    path("staff/<int:pk>/quotas/", views.jury_quotas, name="quotas"),
]
