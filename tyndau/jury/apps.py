from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class JuryConfig(AppConfig):
    name = "tyndau.jury"
    verbose_name = _("Citizens' juries")

    def ready(self):
        from tyndau.core.audit import track

        from .models import Jury, Quota, Volunteer

        track(Jury, exclude_fields=["version", "record"])
        track(Volunteer)
        track(Quota)
