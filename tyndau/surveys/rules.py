"""Who may do what with surveys (inside the user's territory).

| permission | object | who |
| --- | --- | --- |
| surveys.manage_survey | Survey, or the Territory of a new one | akim, deputy, clerk |
| surveys.enter_paper_response | Survey | clerk, akim, deputy |

Managing is setting a survey up: its texts, dates, traits and questions, publishing and
closing it (``tyndau.surveys.services``). What may still change once there are answers is
the services' rule, not a permission.
"""

import rules

from tyndau.territory.models import Role
from tyndau.territory.rules import role_in_scope

managers = role_in_scope(Role.AKIM, Role.DEPUTY, Role.CLERK)

rules.add_perm("surveys.manage_survey", managers)
rules.add_perm("surveys.enter_paper_response", role_in_scope(Role.CLERK, Role.AKIM, Role.DEPUTY))
