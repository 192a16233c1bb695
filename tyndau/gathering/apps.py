from django.utils.translation import gettext_lazy as _

from tyndau.core import appconfig


class GatheringConfig(appconfig.AuditedAppConfig):
    name = "tyndau.gathering"
    verbose_name = _("Local community gathering")
    audited = "Member Session Attendance AgendaItem Vote Decision"

    def ready(self):
        super().ready()

        from .opendata import register

        register()
