from django.urls import path

from . import views

app_name = "surveys"
urlpatterns = [
    path("", views.survey_list, name="list"),
    path("<int:pk>/results/", views.results, name="results"),
    path("<int:pk>/paper/", views.paper_entry, name="paper"),
]
