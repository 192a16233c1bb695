from django.urls import path

from . import views

app_name = "surveys"
TRAIT, QUESTION = {"kind": "trait"}, {"kind": "question"}
urlpatterns = [
    path("", views.survey_list, name="list"),
    path("new/", views.survey_new, name="new"),
    path("<int:pk>/edit/", views.survey_edit, name="edit"),
    path("<int:pk>/publish/", views.survey_publish, name="publish"),
    path("<int:pk>/close/", views.survey_close, name="close"),
    # The traits and the questions of a survey: one form and one delete button each.
    path("<int:pk>/traits/new/", views.part_form, TRAIT, name="trait_new"),
    path("<int:pk>/traits/<int:part_pk>/", views.part_form, TRAIT, name="trait_edit"),
    path("<int:pk>/traits/<int:part_pk>/delete/", views.part_delete, TRAIT, name="trait_delete"),
    path("<int:pk>/questions/new/", views.part_form, QUESTION, name="question_new"),
    path("<int:pk>/questions/<int:part_pk>/", views.part_form, QUESTION, name="question_edit"),
    path(
        "<int:pk>/questions/<int:part_pk>/delete/",
        views.part_delete,
        QUESTION,
        name="question_delete",
    ),
    path("<int:pk>/results/", views.results, name="results"),
    path("<int:pk>/paper/", views.paper_entry, name="paper"),
]
