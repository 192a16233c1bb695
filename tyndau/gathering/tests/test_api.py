"""The REST API reads the gathering's public record: counts and decisions, no names."""

from rest_framework.test import APIClient

from tyndau.gathering.tests.factories import approve_by_gathering


def test_sessions_are_read_through_the_api_without_names(db, clerk, budget, members):
    decision = approve_by_gathering(budget=budget, by=clerk)
    session = decision.agenda_item.session
    api = APIClient()
    api.force_authenticate(clerk)
    listed = api.get("/api/v1/gathering-sessions/").json()["results"]
    assert listed[0]["id"] == session.pk and listed[0]["has_quorum"] is True
    assert listed[0]["roll"] == 7 and listed[0]["present"] == 7
    detail = api.get(f"/api/v1/gathering-sessions/{session.pk}/")
    item = detail.json()["agenda"][0]
    assert item["kind"] == "budget" and item["budget"] == budget.pk
    assert item["decision"]["votes_for"] == 7 and item["decision"]["budget_version"] == 1
    for member in members:
        assert member.full_name not in detail.content.decode()
    assert api.get("/api/v1/gathering-sessions/999999/").status_code == 404


def test_the_schema_lists_the_gathering_endpoints(db):
    schema = APIClient().get("/api/schema/", HTTP_ACCEPT="application/json").json()
    assert "/api/v1/gathering-sessions/" in schema["paths"]
    assert "/api/v1/gathering-sessions/{id}/" in schema["paths"]
