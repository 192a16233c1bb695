from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AppealsConfig(AppConfig):
    name = "tyndau.appeals"
    verbose_name = _("Appeals")

    def ready(self):
        from tyndau.core.audit import track

        from .models import Appeal, Attachment, Rating, RiskRule, RiskSettings, Topic

        track(Appeal, exclude_fields=["updated_at", "version"], m2m_fields={"co_executors"})
        for model in (Attachment, Rating, RiskRule, RiskSettings, Topic):
            track(model)
