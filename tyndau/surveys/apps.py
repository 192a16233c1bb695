from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SurveysConfig(AppConfig):
    name = "tyndau.surveys"
    label = "surveys"
    verbose_name = _("Surveys")

    def ready(self):
        from tyndau.core.audit import track

        from .models import Choice, Question, Response, Survey, Trait, TraitOption

        for model in (Survey, Trait, TraitOption, Question, Choice):
            track(model)
        track(Response, exclude_fields=["respondent_key"])
