"""Who may do what with the budget (django-rules), inside the territory.

| permission | object | who |
| --- | --- | --- |
| budget.view_budget | Budget, Territory | any staff role in scope |
| budget.manage_budget | Budget, Territory (create, import, approve) | akim, deputy, clerk, admin |
"""

import rules

from tyndau.territory.models import Role
from tyndau.territory.rules import STAFF, role_in_scope

rules.add_perm("budget.view_budget", role_in_scope(*STAFF))
rules.add_perm(
    "budget.manage_budget", role_in_scope(Role.AKIM, Role.DEPUTY, Role.CLERK, Role.ADMINISTRATOR)
)
