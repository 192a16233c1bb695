"""The register of services on a staff page: every member of staff reads the legal terms;
only an administrator of every office changes one, through the service that checks it."""

import datetime as dt

import pytest
from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType

from tyndau.services.models import PublicService
from tyndau.territory.models import Office, Role

pytestmark = pytest.mark.django_db

URL = "/ru/staff/services/register/"


@pytest.fixture
def country_admin(make_staff, tree):
    """An administrator at the root of the tree (Akmola oblast here): every office."""
    return make_staff(Role.ADMINISTRATOR, Office.objects.get(territory__code="110000000"))


def _post(client, service, **data):
    return client.post(f"{URL}{service.code}/term/", data, follow=True)


def test_staff_read_every_service_with_its_term_and_documents(client, clerk, service):
    client.force_login(clerk)
    page = client.get(URL).content.decode()
    for each in PublicService.objects.filter(is_active=True):
        assert each.name_ru in page
    assert f'id="service-{service.code}"' in page
    assert "Изменить срок может только администратор всех акиматов" in page
    assert 'name="term_days"' not in page


def test_the_administrator_of_every_office_changes_a_term_for_new_applications(
    client, country_admin, service, apply
):
    client.force_login(country_admin)
    assert 'name="term_days"' in client.get(URL).content.decode()
    response = _post(client, service, term_days="5", expected_term=str(service.term_days))
    assert "5 рабочих дней" in response.content.decode()
    service.refresh_from_db()
    assert service.term_days == 5
    # registered on Monday 2 November 2026: Tue 3, Wed 4, Thu 5, Fri 6, Mon 9
    assert apply(service).due_on == dt.date(2026, 11, 9)
    entry = LogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(PublicService), object_pk=str(service.pk)
    ).latest("timestamp")
    assert "term_days" in entry.changes_dict


def test_a_district_administrator_may_not_change_the_common_register(
    client, make_staff, office, service
):
    before = service.term_days
    client.force_login(make_staff(Role.ADMINISTRATOR, office))
    response = client.post(
        f"{URL}{service.code}/term/", {"term_days": "2", "expected_term": str(before)}
    )
    assert response.status_code == 403
    service.refresh_from_db()
    assert service.term_days == before


@pytest.mark.parametrize("value", ["0", "366", "пять", "", "2.5"])
def test_a_bad_term_is_refused_in_russian_and_nothing_changes(
    client, country_admin, service, value
):
    before = service.term_days
    client.force_login(country_admin)
    response = _post(client, service, term_days=value, expected_term=str(before))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Срок" in page and "рабоч" in page
    service.refresh_from_db()
    assert service.term_days == before


def test_a_change_made_meanwhile_is_detected_not_overwritten(client, country_admin, service):
    seen = service.term_days
    PublicService.objects.filter(pk=service.pk).update(term_days=21)  # another tab
    client.force_login(country_admin)
    response = _post(client, service, term_days="7", expected_term=str(seen))
    assert "изменил срок этой услуги на 21 рабочий день" in response.content.decode()
    service.refresh_from_db()
    assert service.term_days == 21


def test_the_admin_shows_the_term_but_does_not_edit_it(admin_client, service):
    page = admin_client.get(f"/admin/services/publicservice/{service.pk}/change/")
    assert page.status_code == 200
    assert 'name="term_days"' not in page.content.decode()
    listing = admin_client.get("/admin/services/publicservice/").content.decode()
    assert "form-0-term_days" not in listing
