from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MeetingsConfig(AppConfig):
    name = "tyndau.meetings"
    verbose_name = _("Meetings and receptions")
