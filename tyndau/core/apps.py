from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "tyndau.core"
    verbose_name = _("Core")

    def ready(self):
        from . import signals  # noqa: F401
        from .audit import track
        from .models import CalendarOverride

        track(CalendarOverride)
