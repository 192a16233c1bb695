"""Role × action × territory matrix of the territory rules."""

import pytest

from tyndau.territory.models import Office, Role, Territory
from tyndau.territory.selectors import office_serving, territory_list_visible_to

ALL_ROLES = [r.value for r in Role]

# action → roles allowed (inside their own subtree)
ALLOWED = {
    "territory.view_territory": set(ALL_ROLES),
    "territory.change_territory": {Role.ADMINISTRATOR},
    "territory.view_office": set(ALL_ROLES),
    "territory.change_office": {Role.ADMINISTRATOR},
    "territory.manage_staff": {Role.ADMINISTRATOR},
    "territory.view_reports": {Role.AKIM, Role.DEPUTY, Role.ANALYST, Role.ADMINISTRATOR},
}

# where the object is, seen from a user of the Krasnoyarsk rural district office
PLACES = {
    "own": "111033000",
    "below": "111033100",
    "beside": "114645000",
    "above": "111000000",
}


@pytest.mark.parametrize("role", ALL_ROLES)
@pytest.mark.parametrize("action", sorted(ALLOWED))
@pytest.mark.parametrize("place", sorted(PLACES))
def test_permission_matrix(make_staff, office, tree, role, action, place):
    user = make_staff(role, office)
    territory = tree[PLACES[place]]
    expected = role in ALLOWED[action] and place in {"own", "below"}
    assert user.has_perm(action, territory) is expected
    office_obj = Office.objects.filter(territory=territory).first()
    if office_obj and action.endswith("_office"):
        assert user.has_perm(action, office_obj) is expected


def test_anonymous_and_outsiders_have_no_permissions(tree, django_user_model):
    from django.contrib.auth.models import AnonymousUser

    outsider = django_user_model.objects.create_user("resident", password="x-12345678")
    for user in (AnonymousUser(), outsider):
        assert not user.has_perm("territory.view_territory", tree["111033000"])


def test_an_oblast_analyst_sees_everything_below_the_oblast(make_staff, tree):
    oblast_office = Office.objects.get(territory__code="110000000")
    analyst = make_staff(Role.ANALYST, oblast_office)
    assert analyst.has_perm("territory.view_reports", tree["114645100"])
    assert territory_list_visible_to(user=analyst).count() == Territory.objects.count()


def test_a_user_sees_own_subtree_only(make_staff, office, tree):
    clerk = make_staff(Role.CLERK, office)
    codes = set(territory_list_visible_to(user=clerk).values_list("code", flat=True))
    assert codes == {"111033000", "111033100", "111033200"}


def test_roles_in_two_offices_do_not_mix(make_staff, office, neighbour_office, tree):
    user = make_staff(Role.ADMINISTRATOR, office)
    from tyndau.territory.models import Membership

    Membership.objects.create(user=user, office=neighbour_office, role=Role.CLERK)
    user = type(user).objects.get(pk=user.pk)  # forget the cached memberships
    assert user.has_perm("territory.change_territory", tree["111033100"])
    assert user.has_perm("territory.view_territory", tree["114645100"])
    assert not user.has_perm("territory.change_territory", tree["114645100"])


def test_a_village_in_a_rural_district_is_served_by_the_rural_district_office(tree):
    assert office_serving(territory=tree["111033200"]).territory.code == "111033000"
    assert office_serving(territory=tree["111033000"]).territory.code == "111033000"
