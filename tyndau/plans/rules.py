"""Who may do what with development plans (django-rules), always inside the territory.

| permission | object | who |
| --- | --- | --- |
| plans.view_plan | Plan, PlanItem, Territory | any staff role in scope |
| plans.manage_plan | Plan, PlanItem, Territory (edit, import) | akim, deputy, clerk, admin |
| plans.report_progress | PlanItem | its responsible staff member, akim, deputy, clerk |
| plans.link_item | PlanItem | akim, deputy, clerk |
"""

import rules

from tyndau.territory.models import Role
from tyndau.territory.rules import STAFF, role_in_scope

is_staff = role_in_scope(*STAFF)
is_manager = role_in_scope(Role.AKIM, Role.DEPUTY, Role.CLERK, Role.ADMINISTRATOR)
is_office_worker = role_in_scope(Role.AKIM, Role.DEPUTY, Role.CLERK)


@rules.predicate
def is_responsible(user, item) -> bool:
    return (
        item is not None
        and getattr(item, "responsible_user_id", None) is not None
        and item.responsible_user_id == getattr(user, "pk", None)
    )


rules.add_perm("plans.view_plan", is_staff)
rules.add_perm("plans.manage_plan", is_manager)
rules.add_perm("plans.report_progress", is_office_worker | (is_staff & is_responsible))
rules.add_perm("plans.link_item", is_office_worker)
