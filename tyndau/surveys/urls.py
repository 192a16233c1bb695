from django.urls import path

from . import views

app_name = "surveys"
urlpatterns = [
    path("", views.survey_list, name="list"),
    path("new/", views.survey_new, name="new"),
    path("<int:pk>/edit/", views.survey_edit, name="edit"),
    path("<int:pk>/publish/", views.survey_publish, name="publish"),
    path("<int:pk>/close/", views.survey_close, name="close"),
    path("<int:pk>/traits/new/", views.trait_new, name="trait_new"),
    path("<int:pk>/traits/<int:trait_pk>/", views.trait_edit, name="trait_edit"),
    path("<int:pk>/traits/<int:trait_pk>/delete/", views.trait_delete, name="trait_delete"),
    path("<int:pk>/questions/new/", views.question_new, name="question_new"),
    path("<int:pk>/questions/<int:question_pk>/", views.question_edit, name="question_edit"),
    path(
        "<int:pk>/questions/<int:question_pk>/delete/",
        views.question_delete,
        name="question_delete",
    ),
    path("<int:pk>/results/", views.results, name="results"),
    path("<int:pk>/paper/", views.paper_entry, name="paper"),
]
