from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MeetingsConfig(AppConfig):
    name = "tyndau.meetings"
    verbose_name = _("Meetings and receptions")

    def ready(self):
        from tyndau.core.audit import track

        from . import models, rules  # noqa: F401  (registers the permissions)

        for model in (
            models.Meeting,
            models.Question,
            models.Assignment,
            models.ReceptionSchedule,
            models.ReceptionBooking,
            models.ReceptionSession,
        ):
            track(model)
