import pytest
from auditlog.models import LogEntry
from django.contrib import admin
from django.urls import reverse

from tyndau.appeals.tests.factories import register_appeal
from tyndau.core.audit import history_of
from tyndau.territory.models import Role

pytestmark = pytest.mark.django_db


def test_root_redirects_to_russian_by_default(client):
    response = client.get("/")
    assert response.status_code == 302
    assert response.headers["Location"] == "/ru/"


@pytest.mark.parametrize(
    ("lang", "text"),
    [("ru", "Ваш акимат слушает"), ("kk", "Әкімдік сізді тыңдайды"), ("en", "Your akimat listens")],
)
def test_public_home_speaks_three_languages(client, tree, lang, text):
    response = client.get(f"/{lang}/")
    assert response.status_code == 200
    body = response.content.decode()
    assert text in body
    assert f'<html lang="{lang}">' in body


def test_language_switcher_keeps_the_page(client, tree):
    response = client.post(
        reverse("set_language"), {"language": "kk", "next": "/ru/territories/111033000/"}
    )
    assert response.status_code == 302
    assert response.headers["Location"] == "/kk/territories/111033000/"


def test_login_and_staff_home_show_roles(client, make_staff, office):
    make_staff(Role.CLERK, office, username="dina")
    response = client.post("/ru/accounts/login/", {"username": "dina", "password": "pass-12345"})
    assert response.status_code == 302
    page = client.get("/ru/staff/").content.decode()
    assert "Специалист канцелярии" in page or "специалист канцелярии" in page.lower()
    assert "Красноярский сельский округ" in page
    assert "Зерендинский район" not in page


def test_wrong_password_gets_a_clear_message_in_russian(client, tree):
    response = client.post("/ru/accounts/login/", {"username": "x", "password": "y"})
    assert "Неверное имя пользователя или пароль" in response.content.decode()


def test_staff_home_needs_login(client):
    response = client.get("/ru/staff/")
    assert response.status_code == 302
    assert "/ru/accounts/login/" in response.headers["Location"]


def test_logout_returns_to_public_home(client, make_staff, office):
    user = make_staff(Role.CLERK, office)
    client.force_login(user)
    response = client.post("/ru/accounts/logout/")
    assert response.status_code == 302


def test_territory_profile_shows_seed_figures(client):
    from tyndau.core.demo import seed_demo

    seed_demo(log=lambda *_: None)
    page = client.get("/ru/territories/111033000/").content.decode()
    assert "Красноярский сельский округ" in page
    assert "12\xa0405" in page  # Russian groups thousands with a no-break space
    assert "24,065" in page
    kk = client.get("/kk/territories/111033000/").content.decode()
    assert "Су құбыры желілері" in kk


def test_every_model_has_an_admin_page(admin_client, tree):
    from django.apps import apps

    ours = [m for m in apps.get_models() if m.__module__.startswith("tyndau.")]
    assert ours
    for model in ours:
        assert admin.site.is_registered(model), model
        url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
        assert admin_client.get(url).status_code == 200, url


def test_changes_are_audited_with_the_actor(admin_client, tree, admin_user):
    territory = tree["111033100"]
    url = reverse("admin:territory_territory_change", args=[territory.pk])
    data = {
        "code": territory.code,
        "parent": territory.parent_id,
        "level": territory.level,
        "name_ru": "село Красный Яр (изм.)",
        "name_kk": territory.name_kk,
        "name_en": territory.name_en,
        "population": 12400,
    }
    response = admin_client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    entry = history_of(territory).last()
    assert entry.action == LogEntry.Action.UPDATE
    assert entry.actor == admin_user
    assert "name_ru" in entry.changes_dict


def test_seed_demo_is_idempotent():
    from tyndau.core.demo import seed_demo
    from tyndau.territory.models import Membership, ProfileFigure, Territory

    seed_demo(log=lambda *_: None)
    counts = (Territory.objects.count(), Membership.objects.count(), ProfileFigure.objects.count())
    seed_demo(log=lambda *_: None)
    assert counts == (
        Territory.objects.count(),
        Membership.objects.count(),
        ProfileFigure.objects.count(),
    )
    assert Territory.objects.get(code="111033100").population == 12361
    assert Territory.objects.get(code="111033200").population == 44
    roles = set(Membership.objects.values_list("role", flat=True))
    assert roles == {r.value for r in Role}


def test_staff_home_shows_appeal_headlines(client, make_staff, office):

    clerk = make_staff(Role.CLERK, office)
    register_appeal(
        office=office,
        channel="phone",
        applicant_type="individual",
        kind="statement",
        topic="roads",
        text="Яма",
        applicant_name="Петров",
        threat_to_life=True,
    )
    client.force_login(clerk)
    response = client.get("/ru/staff/")
    assert response.context["summary"]["open"] == 1
    assert response.context["summary"]["red"] == 1
    assert 'data-stat="open">1<' in response.content.decode()


@pytest.mark.parametrize(
    ("role", "shown"), [(Role.AKIM, True), (Role.ANALYST, True), (Role.CLERK, False)]
)
def test_reports_link_only_for_those_who_may_report(client, make_staff, office, role, shown):
    client.force_login(make_staff(role, office))
    page = client.get("/ru/staff/").content.decode()
    assert ("/ru/staff/reports/dashboard/" in page) is shown
