import pytest
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from tyndau.appeals.models import Appeal
from tyndau.triage.models import TopicLabel

pytestmark = pytest.mark.django_db


def _api(user):
    client = APIClient(HTTP_ACCEPT_LANGUAGE="ru")
    token, _ = Token.objects.get_or_create(user=user)
    client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    return client


def test_an_appeal_in_the_api_carries_its_topic_suggestion(register, clerk):
    appeal = register()
    data = _api(clerk).get(f"/api/v1/appeals/{appeal.pk}/").json()
    assert data["topic_suggestion"]["topic"] == "water_supply"
    assert 0 < data["topic_suggestion"]["confidence"] <= 1
    assert data["topic_suggestion"]["words"]


def test_suggest_and_label_over_the_api(register, clerk, office):
    appeal = register(topic="roads")
    api = _api(clerk)
    suggested = api.post(
        "/api/v1/triage/suggest/",
        {"text": "нет воды на Ленина", "office": office.pk, "street": "Ленина"},
        format="json",
    ).json()
    assert suggested["topic_suggestion"]["topic"] == "water_supply"
    assert [s["id"] for s in suggested["similar"]] == [appeal.pk]
    response = api.post(
        f"/api/v1/triage/appeals/{appeal.pk}/label/",
        {"topic": "water_supply", "suggested_topic": "water_supply", "version": appeal.version},
        format="json",
    )
    assert response.status_code == 200 and response.json()["accepted"] is True
    assert Appeal.objects.get(pk=appeal.pk).topic.code == "water_supply"


def test_a_stale_label_over_the_api_is_409_and_changes_nothing(register, clerk):
    appeal = register()
    response = _api(clerk).post(
        f"/api/v1/triage/appeals/{appeal.pk}/label/", {"topic": "roads", "version": 50},
        format="json",
    )  # fmt: skip
    assert response.status_code == 409
    assert Appeal.objects.get(pk=appeal.pk).topic.code == "water_supply"
    assert not TopicLabel.objects.exists()


def test_an_appeal_of_another_district_is_404(register, make_staff, neighbour_office):
    appeal = register()
    stranger = make_staff("clerk", neighbour_office)
    assert _api(stranger).get(f"/api/v1/triage/appeals/{appeal.pk}/").status_code == 404
