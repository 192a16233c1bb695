"""Who may see and keep the gathering's record: role × territory."""

import pytest

from tyndau.territory.models import Role

PERMS = ("gathering.view_gathering", "gathering.manage_gathering", "gathering.conduct_session")
EXPECTED = {
    Role.AKIM: (True, True, True),
    Role.DEPUTY: (True, True, True),
    Role.CLERK: (True, True, True),
    Role.EXECUTOR: (True, False, False),
    Role.ANALYST: (True, False, False),
    Role.ADMINISTRATOR: (True, False, False),
}


@pytest.mark.parametrize("role", list(EXPECTED))
def test_roles_in_the_district_and_outside_it(role, make_staff, office, neighbour_office, session):
    inside = make_staff(role, office)
    outside = make_staff(role, neighbour_office)
    assert tuple(inside.has_perm(p, session) for p in PERMS) == EXPECTED[role]
    assert not any(outside.has_perm(p, session) for p in PERMS)
