from django.urls import path

from . import views

app_name = "triage"

urlpatterns = [
    path("register-panel/", views.register_panel, name="register_panel"),
    path("appeals/<int:pk>/label/", views.label, name="label"),
    path("appeals/<int:pk>/link/", views.link, name="link"),
    path("appeals/<int:pk>/unlink/", views.unlink, name="unlink"),
    path("problems/", views.problems, name="problems"),
    path("problems/<int:pk>/", views.problem_detail, name="problem"),
]
