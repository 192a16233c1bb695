"""Role × action × territory matrix of the meetings rules."""

import datetime as dt

import pytest
from django.contrib.auth.models import AnonymousUser

from tyndau.meetings import services
from tyndau.territory.models import Role
from tyndau.territory.selectors import office_serving

ALL_ROLES = [r.value for r in Role]
OFFICE_WORKERS = {Role.AKIM, Role.DEPUTY, Role.CLERK}

# action → (object kind, roles allowed inside their own subtree)
ALLOWED = {
    "meetings.view_meeting": ("meeting", set(ALL_ROLES)),
    "meetings.plan_meeting": ("territory", OFFICE_WORKERS),
    "meetings.hold_meeting": ("meeting", OFFICE_WORKERS),
    "meetings.give_assignment": ("meeting", {Role.AKIM, Role.DEPUTY}),
    "meetings.register_appeal_from_question": ("meeting", OFFICE_WORKERS),
    "meetings.view_assignment": ("assignment", set(ALL_ROLES)),
    "meetings.complete_assignment": ("assignment", {Role.AKIM, Role.DEPUTY}),
    "meetings.book_reception": ("office", OFFICE_WORKERS),
    "meetings.record_reception": ("office", OFFICE_WORKERS),
    "meetings.manage_reception_schedule": ("office", {Role.AKIM, Role.DEPUTY, Role.ADMINISTRATOR}),
}

# where the object is, seen from a user of the Krasnoyarsk rural district office
PLACES = {"own": "111033000", "below": "111033100", "beside": "114645000", "above": "111000000"}


def _object(kind, territory, make_staff):
    office = office_serving(territory=territory)
    if kind == "territory":
        return territory
    if kind == "office":
        return office
    meeting = services.meeting_plan(
        territory=territory, kind="gathering", planned_on=dt.date(2026, 2, 3)
    )
    if kind == "meeting":
        return meeting
    services.meeting_hold(meeting=meeting, held_on=dt.date(2026, 2, 3), by=None)
    question = services.question_add(meeting=meeting, topic="roads", text="Дорога")
    other_executor = make_staff(Role.EXECUTOR, office)
    return services.assignment_give(question=question, executor=other_executor, by=None)


@pytest.mark.parametrize("role", ALL_ROLES)
@pytest.mark.parametrize("action", sorted(ALLOWED))
@pytest.mark.parametrize("place", sorted(PLACES))
def test_permission_matrix(make_staff, office, tree, role, action, place):
    user = make_staff(role, office)
    kind, roles = ALLOWED[action]
    obj = _object(kind, tree[PLACES[place]], make_staff)
    if kind == "office" and place == "below":  # a village has no office: its office is "own"
        place = "own"
    expected = role in roles and place in {"own", "below"}
    assert user.has_perm(action, obj) is expected


@pytest.mark.parametrize("place", sorted(PLACES))
def test_the_executor_completes_own_assignment_only_in_scope(make_staff, tree, place):
    territory = tree[PLACES[place]]
    office = office_serving(territory=territory)
    meeting = services.meeting_plan(
        territory=territory, kind="field", planned_on=dt.date(2026, 2, 3)
    )
    services.meeting_hold(meeting=meeting, held_on=dt.date(2026, 2, 3), by=None)
    question = services.question_add(meeting=meeting, topic="roads", text="Дорога")
    executor = make_staff(Role.EXECUTOR, office)
    assignment = services.assignment_give(question=question, executor=executor, by=None)
    assert executor.has_perm("meetings.complete_assignment", assignment)
    colleague = make_staff(Role.EXECUTOR, office)
    assert not colleague.has_perm("meetings.complete_assignment", assignment)


def test_anonymous_and_outsiders_have_no_permissions(tree, django_user_model, office):
    outsider = django_user_model.objects.create_user("resident", password="x-12345678")
    meeting = services.meeting_plan(
        territory=tree["111033000"], kind="field", planned_on=dt.date(2026, 2, 3)
    )
    for user in (AnonymousUser(), outsider):
        for action, (kind, _roles) in ALLOWED.items():
            obj = {"meeting": meeting, "territory": tree["111033000"], "office": office}.get(kind)
            if obj is not None:
                assert not user.has_perm(action, obj)
