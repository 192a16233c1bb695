"""Moving a territory (from the admin too) re-paths its whole subtree, so scopes and
permissions follow at once; a move under its own subtree is refused and changes nothing."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from tyndau.territory import services
from tyndau.territory.models import Office, Role, Territory

# Expected paths after moving Krasnoyarsk (111033000) from Kokshetau to Zerendi district.
AFTER = {
    "111033000": "/110000000/114600000/111033000/",
    "111033100": "/110000000/114600000/111033000/111033100/",
    "111033200": "/110000000/114600000/111033000/111033200/",
    "111000000": "/110000000/111000000/",
}


def paths():
    return dict(Territory.objects.values_list("code", "path"))


@pytest.fixture
def admin_client(client, db):
    user = get_user_model().objects.create_superuser("root", "root@example.kz", "x")
    client.force_login(user)
    return client


def _form(territory, **changes):
    data = {
        "code": territory.code,
        "parent": territory.parent_id or "",
        "level": territory.level,
        "name_ru": territory.name_ru,
        "name_kk": territory.name_kk,
        "name_en": territory.name_en,
        "population": territory.population or "",
        "latitude": "",
        "longitude": "",
    }
    data.update(changes)
    return data


def test_the_admin_moves_the_whole_subtree(admin_client, tree, make_staff):
    zerendi = tree["114600000"]
    akim_of_zerendi = make_staff(Role.AKIM, Office.objects.get(territory=zerendi))
    assert not akim_of_zerendi.has_perm("territory.view_territory", tree["111033100"])
    url = reverse("admin:territory_territory_change", args=[tree["111033000"].pk])
    r = admin_client.post(url, _form(tree["111033000"], parent=zerendi.pk))
    assert r.status_code == 302, r.content.decode()[:2000]
    assert {code: paths()[code] for code in AFTER} == AFTER
    assert Territory.objects.get(code="111033100").depth == 3
    village = Territory.objects.get(code="111033100")
    fresh = get_user_model().objects.get(pk=akim_of_zerendi.pk)  # no cached memberships
    assert fresh.has_perm("territory.view_territory", village)
    assert zerendi.subtree().filter(code="111033100").exists()


def test_a_move_under_its_own_subtree_is_refused_and_changes_nothing(admin_client, tree):
    before = paths()
    kokshetau = tree["111000000"]
    url = reverse("admin:territory_territory_change", args=[kokshetau.pk])
    r = admin_client.post(url, _form(kokshetau, parent=tree["111033100"].pk))
    assert r.status_code == 200
    assert "cannot be moved" in r.content.decode() or "нельзя" in r.content.decode().lower()
    assert paths() == before


def test_the_service_refuses_a_loop(tree):
    from tyndau.core.errors import DomainError

    before = paths()
    with pytest.raises(DomainError):
        services.territory_move(territory=tree["111033000"], parent=tree["111033200"])
    assert paths() == before
