"""Who may do what with an appeal (django-rules), always inside the user's territory.

- view: any staff member of an office whose territory contains the appeal's territory;
- register (object: an Office): clerks, akims, deputies, administrators of that office;
- assign: akim, deputy, clerk; extend: akim, deputy;
- answer: the appeal's executor or a co-executor, or the akim or a deputy;
- redirect: akim, deputy, clerk;
- close: akim, deputy, clerk;
- personal data (IIN, phone, address, name): akim, deputy, clerk, and the appeal's
  executors; analysts see figures, not people.
"""

import rules

from tyndau.territory.models import Role
from tyndau.territory.rules import STAFF, role_in_scope


@rules.predicate
def is_executor_of_appeal(user, appeal) -> bool:
    if appeal is None or not getattr(user, "is_authenticated", False):
        return False
    if appeal.executor_id == user.pk:
        return True
    return appeal.co_executors.filter(pk=user.pk).exists()


in_scope = role_in_scope(*STAFF)
leaders = role_in_scope(Role.AKIM, Role.DEPUTY)
registrars = role_in_scope(Role.CLERK, Role.AKIM, Role.DEPUTY, Role.ADMINISTRATOR)
dispatchers = role_in_scope(Role.AKIM, Role.DEPUTY, Role.CLERK)

rules.add_perm("appeals.view_appeal", in_scope)
rules.add_perm("appeals.register_appeal", registrars)
rules.add_perm("appeals.assign_appeal", dispatchers)
rules.add_perm("appeals.extend_appeal", leaders)
rules.add_perm("appeals.answer_appeal", leaders | (in_scope & is_executor_of_appeal))
rules.add_perm("appeals.redirect_appeal", dispatchers)
rules.add_perm("appeals.close_appeal", dispatchers)
rules.add_perm("appeals.view_personal_data", dispatchers | (in_scope & is_executor_of_appeal))
