"""Point 5: bulk actions, bad ids, ``next``, and filing without a name."""

import pytest
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from tyndau.appeals.models import Appeal


def test_bulk_assign_on_another_districts_appeal_does_not_confirm_its_number(
    client, register, staff
):
    appeal = register()
    client.force_login(staff[("neighbour", "clerk")])
    response = client.post(
        "/ru/staff/appeals/bulk-assign/",
        {"appeal": [appeal.pk], "executor": staff[("neighbour", "executor")].pk},
        follow=True,
    )
    assert appeal.number not in response.content.decode()
    appeal.refresh_from_db()
    assert appeal.executor_id is None


def test_bulk_assign_gives_the_same_message_for_invisible_and_missing_ids(client, register, staff):
    appeal = register()
    client.force_login(staff[("neighbour", "clerk")])
    executor = staff[("neighbour", "executor")]

    def messages_for(pk):
        response = client.post(
            "/ru/staff/appeals/bulk-assign/", {"appeal": [pk], "executor": executor.pk}, follow=True
        )
        return [str(m) for m in response.context["messages"]]

    assert messages_for(appeal.pk) == messages_for(987654)


@pytest.mark.parametrize(
    "data",
    [
        {"appeal": ["1"], "executor": "abc"},
        {"appeal": ["abc"], "executor": "1"},
        {"appeal": ["1"], "executor": "99999999999999999999999"},
        {"executor": "1"},
    ],
)
def test_bulk_assign_with_bad_ids_is_a_400_with_a_message(client, register, clerk, data):
    appeal = register()
    client.force_login(clerk)
    response = client.post("/ru/staff/appeals/bulk-assign/", data)
    assert response.status_code == 400
    assert response.content.decode().strip()
    appeal.refresh_from_db()
    assert appeal.executor_id is None


def test_next_goes_only_to_this_site(client, register, clerk, executor):
    appeal = register()
    client.force_login(clerk)
    out = client.post(
        "/ru/staff/appeals/bulk-assign/",
        {"appeal": [appeal.pk], "executor": executor.pk, "next": "https://evil.example/"},
    )
    assert out.status_code == 302 and "evil.example" not in out["Location"]
    inside = client.post(
        "/ru/staff/appeals/bulk-assign/",
        {"appeal": [appeal.pk], "executor": executor.pk, "next": "/ru/staff/appeals/?page=2"},
    )
    assert inside["Location"] == "/ru/staff/appeals/?page=2"


def _open311(clerk, **extra):
    from django.test import Client

    data = {
        "api_key": Token.objects.get_or_create(user=clerk)[0].key,
        "jurisdiction_id": "111033000",
        "service_code": "roads",
        "address_string": "ул. Мира",
        "description": "Яма у школы",
        "phone": "+77011234567",
        "email": "a@example.kz",
        **extra,
    }
    return Client().post("/open311/v2/requests.json", data, HTTP_ACCEPT_LANGUAGE="ru")


def test_open311_without_a_name_is_refused_naming_the_field(clerk, tree):
    response = _open311(clerk)
    assert response.status_code == 400
    assert "first_name" in response.content.decode()
    assert Appeal.objects.count() == 0


def test_open311_may_file_anonymously_only_when_it_says_so(clerk, tree):
    response = _open311(clerk, **{"attribute[anonymous]": "true"})
    assert response.status_code == 201
    assert Appeal.objects.get().applicant_type == "anonymous"


def test_the_api_without_a_name_is_refused_naming_the_field(clerk, tree):
    api = APIClient(HTTP_ACCEPT_LANGUAGE="ru")
    api.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=clerk).key}")
    body = {
        "territory": "111033100",
        "channel": "social",
        "applicant_type": "individual",
        "kind": "statement",
        "topic": "roads",
        "text": "Яма",
        "phone": "+77011234567",
    }
    response = api.post("/api/v1/appeals/", body, format="json")
    assert response.status_code == 400
    assert "applicant_name" in response.json().get("errors", response.json()) or (
        "applicant_name" in response.content.decode()
    )
    assert Appeal.objects.count() == 0
    body.update(applicant_name="Ерлан Асқаров", publish=False, private_terms=["школа"])
    assert api.post("/api/v1/appeals/", body, format="json").status_code == 201
    appeal = Appeal.objects.get()
    assert appeal.publication.state == "private"
