"""Permissions by role × territory."""

import pytest

from tyndau.territory.models import Role

MATRIX = {
    # role: (view, manage, report progress on an item they are not responsible for, link)
    Role.AKIM: (True, True, True, True),
    Role.DEPUTY: (True, True, True, True),
    Role.CLERK: (True, True, True, True),
    Role.EXECUTOR: (True, False, False, False),
    Role.ANALYST: (True, False, False, False),
    Role.ADMINISTRATOR: (True, True, False, False),
}


@pytest.mark.parametrize("role", list(MATRIX))
def test_roles_in_the_plans_own_office(role, make_staff, office, make_item):
    item = make_item(code="1")
    user = make_staff(role, office)
    got = (
        user.has_perm("plans.view_plan", item.plan),
        user.has_perm("plans.manage_plan", item),
        user.has_perm("plans.report_progress", item),
        user.has_perm("plans.link_item", item),
    )
    assert got == MATRIX[role]


@pytest.mark.parametrize("role", list(MATRIX))
def test_no_role_of_a_neighbouring_office_reaches_the_plan(
    role, make_staff, neighbour_office, make_item
):
    item = make_item(code="1")
    user = make_staff(role, neighbour_office)
    for perm in (
        "plans.view_plan",
        "plans.manage_plan",
        "plans.report_progress",
        "plans.link_item",
    ):
        assert not user.has_perm(perm, item)


def test_the_responsible_executor_may_report_progress(make_staff, office, make_item):
    executor = make_staff(Role.EXECUTOR, office)
    item = make_item(code="1", responsible_user=executor)
    assert executor.has_perm("plans.report_progress", item)
    assert not executor.has_perm("plans.manage_plan", item)


def test_a_city_office_sees_the_rural_plan_below_it(make_staff, tree, make_item):
    from tyndau.territory.models import Office

    city = Office.objects.get(territory__code="111000000")
    analyst = make_staff(Role.ANALYST, city)
    assert analyst.has_perm("plans.view_plan", make_item(code="1"))
