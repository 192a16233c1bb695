from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GatheringConfig(AppConfig):
    name = "tyndau.gathering"
    verbose_name = _("Local community gathering")

    def ready(self):
        from tyndau.core.audit import track

        from . import models, rules  # noqa: F401  (registers the permissions)

        for model in (
            models.Member,
            models.Session,
            models.Attendance,
            models.AgendaItem,
            models.Vote,
            models.Decision,
        ):
            track(model)

        from .opendata import register

        register()
