from django.utils.translation import gettext_lazy as _

from tyndau.core import appconfig


class BudgetConfig(appconfig.AuditedAppConfig):
    name = "tyndau.budget"
    verbose_name = _("Budget of the rural district")
    audited = "Budget Programme BudgetLine BudgetVersion"
