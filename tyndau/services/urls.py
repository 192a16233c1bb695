from django.urls import path

from . import views

app_name = "services"
urlpatterns = [
    path("", views.application_list, name="list"),
    path("new/", views.application_register, name="register"),
    path("<int:pk>/", views.application_detail, name="detail"),
    path("<int:pk>/<str:outcome>/", views.application_decide, name="decide"),
    path("report/", views.report, name="report"),
    path("register/", views.catalogue, name="catalogue"),
    path("register/<slug:code>/term/", views.service_term, name="term"),
]
