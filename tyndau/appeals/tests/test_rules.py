"""Role × territory matrix of the appeal rules that do not depend on the status (the
lifecycle actions, which do, are in test_lifecycle.py)."""

import pytest

from tyndau.appeals import services
from tyndau.territory.models import Office, Role

ROLES = [r.value for r in Role]
ALLOWED = {
    "appeals.view_appeal": set(ROLES),
    "appeals.view_personal_data": {Role.AKIM, Role.DEPUTY, Role.CLERK},
}
# Where the user's office is, relative to the appeal (registered in Krasny Yar village).
PLACES = {"own": "111033000", "above": "111000000", "beside": "114645000"}


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("action", sorted(ALLOWED))
@pytest.mark.parametrize("place", sorted(PLACES))
def test_appeal_permission_matrix(register, make_staff, tree, role, action, place):
    appeal = register()
    user = make_staff(role, Office.objects.get(territory__code=PLACES[place]))
    # personal data: the own office only (the one policy, tyndau.privacy.policy): an office
    # above sees the appeal, never its applicant
    places = {"own", "above"} if action == "appeals.view_appeal" else {"own"}
    expected = role in ALLOWED[action] and place in places
    assert user.has_perm(action, appeal) is expected


@pytest.mark.parametrize("action", ["appeals.answer_appeal", "appeals.view_personal_data"])
def test_the_assigned_executor_may_answer_and_see_the_applicant(
    register, executor, make_staff, office, clerk, action
):
    appeal = register()
    other_executor = make_staff(Role.EXECUTOR, office)
    assert not executor.has_perm(action, appeal)
    appeal = services.appeal_assign(
        appeal=appeal, executor=executor, co_executors=[other_executor], by=clerk
    )
    assert executor.has_perm(action, appeal)
    assert other_executor.has_perm(action, appeal)  # co-executor


def test_register_permission_is_checked_on_the_office(make_staff, office, neighbour_office):
    clerk = make_staff(Role.CLERK, office)
    assert clerk.has_perm("appeals.register_appeal", office)
    assert not clerk.has_perm("appeals.register_appeal", neighbour_office)
    executor = make_staff(Role.EXECUTOR, office)
    assert not executor.has_perm("appeals.register_appeal", office)
