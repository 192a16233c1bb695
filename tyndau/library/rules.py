"""Who may do what with the answer library (inside the user's territory).

| permission | object | who |
| --- | --- | --- |
| library.publish_entry | Office, Appeal or Entry | akim, deputy, clerk |
| library.view_entry | Office or Entry | any staff role in scope |
"""

import rules

from tyndau.territory.models import Role
from tyndau.territory.rules import STAFF, role_in_scope

publishers = role_in_scope(Role.AKIM, Role.DEPUTY, Role.CLERK)


def _entry_scope(predicate):
    @rules.predicate(name=f"entry:{predicate.name}")
    def check(user, obj=None) -> bool:
        target = getattr(obj, "office", obj)
        return predicate.test(user, target)

    return check


rules.add_perm("library.publish_entry", _entry_scope(publishers))
rules.add_perm("library.view_entry", _entry_scope(role_in_scope(*STAFF)))
