"""Who may do what with the local community gathering (django-rules), inside the territory.

The akim convenes the gathering; the office (akim, deputy, clerk) keeps its record: the
members, the sessions and their agenda, and, for the secretary, the attendance, votes and
decisions. Other staff see it.

| permission | object | who |
| --- | --- | --- |
| gathering.view_gathering | Session, Member, Territory | any staff role |
| gathering.manage_gathering | members, sessions, agenda | akim, deputy, clerk |
| gathering.conduct_session | attendance, votes, decisions | akim, deputy, clerk |
"""

import rules

from tyndau.territory.models import Role
from tyndau.territory.rules import STAFF, role_in_scope

is_staff = role_in_scope(*STAFF)
is_office = role_in_scope(Role.AKIM, Role.DEPUTY, Role.CLERK)

rules.add_perm("gathering.view_gathering", is_staff)
rules.add_perm("gathering.manage_gathering", is_office)
rules.add_perm("gathering.conduct_session", is_office)
