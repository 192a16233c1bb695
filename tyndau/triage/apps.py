from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TriageConfig(AppConfig):
    name = "tyndau.triage"
    verbose_name = _("Triage")

    def ready(self):
        from tyndau.core.audit import track

        from . import handlers, tasks  # noqa: F401  (signal receivers, periodic job)
        from .models import Problem, ProblemAppeal, TopicLabel, TopicModel

        for model in (TopicLabel, TopicModel, Problem, ProblemAppeal):
            track(model)
