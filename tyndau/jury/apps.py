from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class JuryConfig(AppConfig):
    name = "tyndau.jury"
    verbose_name = _("Citizens' juries")
