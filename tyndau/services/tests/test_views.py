import datetime as dt

import pytest

from tyndau.services import services
from tyndau.services.models import Application, ApplicationStatus, QueueEntry

pytestmark = pytest.mark.django_db


def test_resident_applies_on_the_portal_and_follows_the_application(client, office, service):
    response = client.post(
        f"/kk/services/{service.code}/",
        {
            "territory": office.territory.children.get(code="111033100").pk,
            "applicant_name": "Серикова Айгерим",
            "iin": "791028302728",
            "phone": "+77015551234",
        },
    )
    application = Application.objects.get()
    assert application.channel == "portal"
    assert response.status_code == 302
    page = client.get(response["Location"])
    assert application.number in page.content.decode()
    assert "791028302728" not in page.content.decode()


def test_portal_application_with_a_bad_iin_is_refused_in_the_users_language(
    client, office, service
):
    response = client.post(
        f"/ru/services/{service.code}/",
        {
            "territory": office.territory.pk,
            "applicant_name": "Серикова Айгерим",
            "iin": "791028302729",
        },
    )
    assert response.status_code == 422
    assert "ИИН" in response.content.decode()
    assert Application.objects.count() == 0


def test_clerk_refuses_with_a_reason_from_the_page(client, clerk, apply, service):
    application = apply(service)
    client.force_login(clerk)
    reason = service.reasons.first()
    response = client.post(
        f"/ru/staff/services/{application.pk}/refuse/",
        {"version": application.version, "reason": reason.pk, "text": "Нет схемы участка."},
    )
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.status == ApplicationStatus.REFUSED and application.refusal_reason == reason


def test_analyst_may_not_decide(client, make_staff, office, apply, service):
    application = apply(service)
    client.force_login(make_staff("analyst", office))
    response = client.post(f"/ru/staff/services/{application.pk}/render/", {"version": 1})
    assert response.status_code == 403
    assert Application.objects.get(pk=application.pk).status == ApplicationStatus.REGISTERED


def test_neighbour_clerk_does_not_see_the_application(
    client, make_staff, neighbour_office, apply, service
):
    application = apply(service)
    client.force_login(make_staff("clerk", neighbour_office))
    assert client.get(f"/ru/staff/services/{application.pk}/").status_code == 404
    assert application.number not in client.get("/ru/staff/services/").content.decode()


def test_staff_list_flags_overdue(client, clerk, apply, service, time_machine):
    apply(service)
    time_machine.move_to(dt.datetime(2026, 11, 30, 12))
    client.force_login(clerk)
    assert 'data-overdue="1"' in client.get("/ru/staff/services/?overdue=on").content.decode()


def test_public_queue_shows_positions_and_dates_only(client, apply, queue_service, clerk, iins):
    application = apply(
        queue_service, iin=iins[0], queue_action="join", queue_purpose="individual_housing"
    )
    services.application_render(application=application, by=clerk)
    entry = QueueEntry.objects.get()
    html = client.get("/ru/services/queue/?purpose=individual_housing").content.decode()
    assert "02.11.2026" in html
    assert entry.number not in html and iins[0] not in html and "Серикова" not in html


def test_queue_lookup_page_with_a_wrong_suffix_shows_nothing(
    client, apply, queue_service, clerk, iins
):
    application = apply(
        queue_service, iin=iins[0], queue_action="join", queue_purpose="individual_housing"
    )
    services.application_render(application=application, by=clerk)
    entry = QueueEntry.objects.get()
    right = client.post(
        "/kk/services/queue/lookup/", {"number": entry.number, "iin_last4": iins[0][-4:]}
    )
    assert 'id="queue-position">1<' in right.content.decode()
    wrong = client.post(
        "/kk/services/queue/lookup/",
        {"number": entry.number, "iin_last4": "0000" if iins[0][-4:] != "0000" else "1111"},
    )
    html = wrong.content.decode()
    assert "queue-place" not in html and "02.11.2026" not in html
