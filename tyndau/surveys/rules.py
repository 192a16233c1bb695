"""Who may do what with surveys (inside the user's territory).

| permission | object | who |
| --- | --- | --- |
| surveys.enter_paper_response | Survey | clerk, akim, deputy |
"""

import rules

from tyndau.territory.models import Role
from tyndau.territory.rules import role_in_scope

rules.add_perm("surveys.enter_paper_response", role_in_scope(Role.CLERK, Role.AKIM, Role.DEPUTY))
