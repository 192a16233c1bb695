"""Who may do what with service applications, always inside the user's territory.

| permission | object | who |
| --- | --- | --- |
| services.view_application | Application, Office | any staff role in scope |
| services.register_application | Office | clerk, akim, deputy, administrator |
| services.decide_application | Application | clerk, executor, akim, deputy |
| services.view_personal_data | Application, Office | clerk, executor, akim, deputy |
| services.view_report | Territory | akim, deputy, analyst, administrator, clerk |
| services.change_term | (none) | an administrator of every root territory (one register for all) |
"""

import rules

from tyndau.territory.models import Role, Territory
from tyndau.territory.rules import STAFF, role_in_scope
from tyndau.territory.selectors import is_in_scope

is_staff = role_in_scope(*STAFF)
registrars = role_in_scope(Role.CLERK, Role.AKIM, Role.DEPUTY, Role.ADMINISTRATOR)
deciders = role_in_scope(Role.CLERK, Role.EXECUTOR, Role.AKIM, Role.DEPUTY)
reporters = role_in_scope(Role.AKIM, Role.DEPUTY, Role.ANALYST, Role.ADMINISTRATOR, Role.CLERK)

rules.add_perm("services.view_application", is_staff)
rules.add_perm("services.register_application", registrars)
rules.add_perm("services.decide_application", deciders)
rules.add_perm("services.view_personal_data", deciders)
rules.add_perm("services.view_report", reporters)


@rules.predicate
def administers_every_office(user) -> bool:
    roots = list(Territory.objects.filter(parent__isnull=True))
    return bool(roots) and all(
        is_in_scope(user=user, territory=root, roles={Role.ADMINISTRATOR}) for root in roots
    )


rules.add_perm("services.change_term", administers_every_office)
