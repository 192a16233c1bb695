"""Object permissions of territories and offices, as named rules.

A staff member acts only inside the subtree of their office's territory: never beside
it or above it. ``role_in_scope(*roles)`` is the building block every app uses: the
user must hold one of the roles in an office whose territory contains the object.
"""

import rules

from .models import Role
from .selectors import is_in_scope


def territory_of(obj):
    """The territory an object belongs to (a territory, an office or anything with one)."""
    if obj is None:
        return None
    if hasattr(obj, "path") and hasattr(obj, "akim_level"):
        return obj
    territory = getattr(obj, "territory", None)
    return territory


def role_in_scope(*roles: str):
    role_set = set(roles) if roles else None
    name = "role_in_scope:" + ",".join(roles or ["any"])

    @rules.predicate(name=name)
    def predicate(user, obj=None) -> bool:
        if obj is None:
            return False
        return is_in_scope(user=user, territory=territory_of(obj), roles=role_set)

    return predicate


STAFF = (Role.AKIM, Role.DEPUTY, Role.CLERK, Role.EXECUTOR, Role.ANALYST, Role.ADMINISTRATOR)
LEADERS = (Role.AKIM, Role.DEPUTY)

is_staff_in_scope = role_in_scope(*STAFF)
is_admin_in_scope = role_in_scope(Role.ADMINISTRATOR)
can_report_in_scope = role_in_scope(Role.AKIM, Role.DEPUTY, Role.ANALYST, Role.ADMINISTRATOR)

rules.add_perm("territory.view_territory", is_staff_in_scope)
rules.add_perm("territory.change_territory", is_admin_in_scope)
rules.add_perm("territory.view_office", is_staff_in_scope)
rules.add_perm("territory.change_office", is_admin_in_scope)
rules.add_perm("territory.manage_staff", is_admin_in_scope)
rules.add_perm("territory.view_reports", can_report_in_scope)
