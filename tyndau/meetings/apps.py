from django.utils.translation import gettext_lazy as _

from tyndau.core import appconfig


class MeetingsConfig(appconfig.AuditedAppConfig):
    name = "tyndau.meetings"
    verbose_name = _("Meetings and receptions")
    audited = "Meeting Question Assignment ReceptionSchedule ReceptionBooking ReceptionSession"
