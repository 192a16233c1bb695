from django.urls import path

from . import views

app_name = "budget"
urlpatterns = [
    path("", views.budget_list, name="list"),
    path("<int:pk>/", views.budget_detail, name="detail"),
    path("<int:pk>/import/", views.budget_import, name="import"),
    path("<int:pk>/export.csv", views.budget_export, name="export"),
]
