from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BudgetConfig(AppConfig):
    name = "tyndau.budget"
    verbose_name = _("Budget of the rural district")

    def ready(self):
        from tyndau.core.audit import track

        from . import models, rules  # noqa: F401  (registers the permissions)

        for model in (models.Budget, models.Programme, models.BudgetLine, models.BudgetVersion):
            track(model)
