"""An existing Open311 client from PyPI (``georeport``) reads Tyndau over a live server."""

import importlib

import pytest
import requests
from django.apps import apps
from georeport import GeoReport
from rest_framework.authtoken.models import Token

from tyndau.appeals.models import Appeal, Topic
from tyndau.privacy import services as privacy

pytestmark = pytest.mark.live


@pytest.fixture
def topics(transactional_db):
    """The default topics (a flush by an earlier live test removes migration data)."""
    if not Topic.objects.exists():
        migration = importlib.import_module(
            "tyndau.appeals.migrations.0002_default_topics_and_risk_rules"
        )
        migration.load(apps, None)


@pytest.mark.parametrize("fmt", ["json", "xml"])
def test_the_georeport_client_reads_services_and_requests(
    live_server, topics, register, clerk, fmt
):
    appeal = register()
    client = GeoReport(f"{live_server.url}/open311/v2", output_format=fmt)

    services = client.get_service_list()
    codes = {s["service_code"] for s in services}
    assert {"water_supply", "roads"} <= codes

    definition = client.get_service_definition("roads")
    assert definition["service_code"] == "roads"

    found = client.get_service_requests(service_code="water_supply", status="open")
    if isinstance(found, dict):  # xmltodict gives a dict for a single element
        found = [found]
    assert [r["service_request_id"] for r in found] == [appeal.number]

    one = client.get_service_request(appeal.number)
    assert one["service_request_id"] == appeal.number
    assert one["status"] == "open"
    assert "791028302728" not in str(one)


def test_a_civic_app_files_and_follows_a_request(live_server, topics, clerk, tree):
    key = Token.objects.create(user=clerk).key
    root = f"{live_server.url}/open311/v2"
    response = requests.post(
        f"{root}/requests.json",
        data={
            "api_key": key,
            "jurisdiction_id": "111033000",
            "service_code": "roads",
            "address_string": "ул. Мира",
            "description": "Яма на дороге",
            "first_name": "Айгерим",
        },
        timeout=10,
    )
    assert response.status_code == 201, response.text
    (created,) = response.json()
    number = created["service_request_id"]
    # nothing is public before a clerk looks (issue 17): the client cannot follow it yet
    waiting = requests.get(f"{root}/requests/{number}.json", timeout=10)
    assert waiting.status_code == 404
    appeal = Appeal.objects.get(number=number)
    privacy.publication_publish(
        publication=appeal.publication,
        text=privacy.publication_text_for(appeal, publication=appeal.publication),
        by=clerk,
    )
    one = GeoReport(root).get_service_request(number)
    assert one["service_code"] == "roads"
    assert "Айгерим" not in str(one)
