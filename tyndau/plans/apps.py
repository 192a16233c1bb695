from django.utils.translation import gettext_lazy as _

from tyndau.core import appconfig


class PlansConfig(appconfig.AuditedAppConfig):
    name = "tyndau.plans"
    verbose_name = _("Development plans")
    audited = "ItemStatus Plan PlanItem FinancingLine ProgressEntry PlanLink PlanVersion"
