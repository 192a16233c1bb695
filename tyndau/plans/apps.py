from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlansConfig(AppConfig):
    name = "tyndau.plans"
    verbose_name = _("Development plans")

    def ready(self):
        from tyndau.core.audit import track

        from . import models, rules  # noqa: F401  (registers the permissions)

        for model in (
            models.ItemStatus,
            models.Plan,
            models.PlanItem,
            models.FinancingLine,
            models.ProgressEntry,
            models.PlanLink,
            models.PlanVersion,
        ):
            track(model)
