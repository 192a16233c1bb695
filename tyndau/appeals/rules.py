"""Who may do what with an appeal (django-rules), always inside the user's territory.

The staff actions (assign, answer, extend, redirect, close) and the statuses they are
allowed from are declared once, in ``lifecycle.ACTIONS``; this module registers them:
``appeals.<action>_appeal`` is the role and the status, ``appeals.<action>_appeal_role``
the role alone. Besides:

- view: any staff member of an office whose territory contains the appeal's territory;
- register (object: an Office): clerks, akims, deputies, administrators of that office;
- personal data (IIN, phone, address, name): what the one policy says
  (``tyndau.privacy.policy``): the own office's akim, deputy and clerk, and the appeal's
  executors; offices above and analysts see figures, not people;
- follow ("this affects me too", ``lifecycle.RESIDENT_ACTIONS``): a signed-in resident, not
  the applicant, on a public appeal that is open or answered.
"""

import rules

from .lifecycle import (
    ACTIONS,
    control_allows,
    follow_refusal,
    in_scope,
    registrars,
    status_allows,
)

rules.add_perm("appeals.view_appeal", in_scope)
rules.add_perm("appeals.register_appeal", registrars)
for _action in ACTIONS.values():
    rules.add_perm(
        _action.perm,
        _action.who & status_allows(_action.name) & control_allows(_action.name),
    )
    rules.add_rule(_action.role_rule, _action.who)


@rules.predicate
def sees_the_applicant(user, appeal) -> bool:
    from tyndau.privacy.policy import Part, can_see

    return appeal is not None and can_see(user, appeal, Part.APPLICANT)


rules.add_perm("appeals.view_personal_data", sees_the_applicant)


@rules.predicate
def may_follow(user, appeal) -> bool:
    return appeal is not None and follow_refusal(user, appeal) is None


rules.add_perm("appeals.follow_appeal", may_follow)
