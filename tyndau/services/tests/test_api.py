import pytest
from rest_framework.test import APIClient

from tyndau.services import services
from tyndau.services.models import QueueEntry

pytestmark = pytest.mark.django_db


def test_register_of_services_is_public(db):
    data = APIClient().get("/api/v1/public-services/").json()
    codes = {row["code"] for row in data["results"]}
    assert "land-queue" in codes and len(codes) == 5


def test_land_queue_api_shows_positions_and_dates_only(apply, queue_service, clerk, iins, office):
    application = apply(queue_service, iin=iins[0], queue_action="join", queue_purpose="farming")
    services.application_render(application=application, by=clerk)
    response = APIClient().get(f"/api/v1/land-queue/?office={office.pk}&purpose=farming")
    assert response.json() == [{"position": 1, "joined_on": "2026-11-02"}]
    assert QueueEntry.objects.get().number not in response.content.decode()
    assert APIClient().get("/api/v1/land-queue/?office=x&purpose=farming").status_code == 400


def test_applications_api_hides_the_iin_from_an_analyst(apply, service, make_staff, office, clerk):
    apply(service)
    api = APIClient()
    api.force_authenticate(make_staff("analyst", office))
    row = api.get("/api/v1/service-applications/").json()["results"][0]
    assert row["iin"] is None and row["applicant_name"] is None
    api.force_authenticate(clerk)
    assert api.get("/api/v1/service-applications/").json()["results"][0]["iin"] == "791028302728"


def test_schema_lists_the_service_endpoints(db):
    schema = APIClient().get("/api/schema/").content.decode()
    for path in (
        "/api/v1/public-services/",
        "/api/v1/land-queue/",
        "/api/v1/service-applications/",
    ):
        assert path in schema
