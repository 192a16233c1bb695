from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ServicesConfig(AppConfig):
    name = "tyndau.services"
    label = "services"
    verbose_name = _("Public services")

    def ready(self):
        from tyndau.core.audit import track

        from .models import Application, PublicService, QueueEntry, RefusalReason

        for model in (PublicService, RefusalReason, Application, QueueEntry):
            track(model)
