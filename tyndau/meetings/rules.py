"""Who may do what with meetings, assignments and the personal reception.

Every rule is scoped to the territory: a role counts only in an office whose territory
contains the meeting (or the office, booking or assignment).

| permission | object | who |
| --- | --- | --- |
| meetings.view_meeting | Meeting, Office, Territory | any staff role in scope |
| meetings.plan_meeting | Office or Territory | akim, deputy, clerk |
| meetings.hold_meeting | Meeting (mark held, questions, files, cancel) | akim, deputy, clerk |
| meetings.give_assignment | Meeting or Question | akim, deputy |
| meetings.register_appeal_from_question | Question | akim, deputy, clerk |
| meetings.view_assignment | Assignment | any staff role in scope |
| meetings.complete_assignment | Assignment | its executor (in scope), akim, deputy (*) |
| meetings.control_assignment | Assignment (special control on/off) | akim |

(*) On the akim's special control (``Assignment.special_control``) only the akim.
| meetings.book_reception | Office | clerk, akim, deputy |
| meetings.record_reception | Office | clerk, akim, deputy |
| meetings.manage_reception_schedule | Office | akim, deputy, administrator |
"""

import rules

from tyndau.territory.models import Role
from tyndau.territory.rules import LEADERS, STAFF, role_in_scope

OFFICE_WORKERS = (Role.AKIM, Role.DEPUTY, Role.CLERK)

is_staff = role_in_scope(*STAFF)
is_leader = role_in_scope(*LEADERS)
is_office_worker = role_in_scope(*OFFICE_WORKERS)
is_akim = role_in_scope(Role.AKIM)


@rules.predicate
def on_special_control(user, obj) -> bool:
    return bool(getattr(obj, "special_control", False))


@rules.predicate
def is_its_executor(user, assignment) -> bool:
    return assignment is not None and assignment.executor_id == getattr(user, "pk", None)


rules.add_perm("meetings.view_meeting", is_staff)
rules.add_perm("meetings.plan_meeting", is_office_worker)
rules.add_perm("meetings.hold_meeting", is_office_worker)
rules.add_perm("meetings.give_assignment", is_leader)
rules.add_perm("meetings.register_appeal_from_question", is_office_worker)
rules.add_perm("meetings.view_assignment", is_staff)
rules.add_perm(
    "meetings.complete_assignment",
    ((is_its_executor & is_staff) | is_leader) & (~on_special_control | is_akim),
)
rules.add_perm("meetings.control_assignment", is_akim)
rules.add_perm("meetings.book_reception", is_office_worker)
rules.add_perm("meetings.record_reception", is_office_worker)
rules.add_perm(
    "meetings.manage_reception_schedule", role_in_scope(Role.AKIM, Role.DEPUTY, Role.ADMINISTRATOR)
)
