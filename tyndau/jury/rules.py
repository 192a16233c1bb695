"""Who may do what with a citizens' jury (django-rules), inside the user's territory.

- view the pool (names, contacts): akim, deputy, clerk, administrator of the territory;
- manage (create, import, quotas, draw, verdict): akim, deputy, administrator;
- the public page shows no personal data beyond first names and villages by consent.
"""

import rules

from tyndau.territory.models import Role
from tyndau.territory.rules import role_in_scope

managers = role_in_scope(Role.AKIM, Role.DEPUTY, Role.ADMINISTRATOR)
pool_readers = role_in_scope(Role.AKIM, Role.DEPUTY, Role.CLERK, Role.ADMINISTRATOR)

rules.add_perm("jury.manage_jury", managers)
rules.add_perm("jury.view_pool", pool_readers)
