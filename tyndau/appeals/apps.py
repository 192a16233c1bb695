from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AppealsConfig(AppConfig):
    name = "tyndau.appeals"
    verbose_name = _("Appeals")

    def ready(self):
        from django.db.models.signals import post_delete, post_save

        from tyndau.core.audit import track

        from .models import Appeal, AppealFollow, Attachment, Rating, RiskRule, RiskSettings, Topic
        from .risk import risk_config_forget

        for model in (RiskRule, RiskSettings):
            post_save.connect(risk_config_forget, sender=model, dispatch_uid=f"risk-{model}")
            post_delete.connect(risk_config_forget, sender=model, dispatch_uid=f"risk-{model}-d")

        track(Appeal, exclude_fields=["updated_at", "version"], m2m_fields={"co_executors"})
        for model in (AppealFollow, Attachment, Rating, RiskRule, RiskSettings, Topic):
            track(model)
