from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "tyndau.reports"
    verbose_name = _("Reports")

    def ready(self):
        from tyndau.core.audit import track

        from .models import FormTopicMapping

        track(FormTopicMapping)
