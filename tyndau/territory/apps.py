from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TerritoryConfig(AppConfig):
    name = "tyndau.territory"
    verbose_name = _("Territories and offices")

    def ready(self):
        from tyndau.core.audit import track

        from .models import Membership, Office, ProfileFigure, Street, Territory

        track(Territory)
        track(Office)
        track(Membership)
        track(ProfileFigure)
        track(Street)
