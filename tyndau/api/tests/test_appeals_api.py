"""The REST API for appeals: the same scope, rules and services as the staff pages."""

import re

import pytest

from tyndau.appeals.models import Appeal, Channel, Status
from tyndau.territory.models import Role

URL = "/api/v1/appeals/"

NEW_APPEAL = {
    "territory": "111033100",
    "channel": "social",
    "applicant_type": "individual",
    "kind": "statement",
    "topic": "roads",
    "text": "Яма на дороге у школы.",
    "applicant_name": "Сейткали Айгерим",
    "iin": "791028302728",
    "phone": "+77015556677",
}


def test_an_anonymous_caller_is_refused(api, register):
    register()
    assert api().get(URL).status_code in (401, 403)


def test_a_clerk_lists_the_appeals_of_the_office_with_personal_data(api, clerk, register):
    appeal = register()
    response = api(clerk).get(URL)
    assert response.status_code == 200
    (item,) = response.json()["results"]
    assert item["number"] == appeal.number
    assert item["iin"] == "791028302728"
    assert item["office"]["name"] == appeal.office.name


def test_an_analyst_sees_the_appeal_but_no_personal_data(api, analyst, register):
    appeal = register()
    item = api(analyst).get(f"{URL}{appeal.pk}/").json()
    assert item["number"] == appeal.number
    for field in ("applicant_name", "iin", "bin", "phone", "email", "address"):
        assert field not in item
    assert "791028302728" not in str(item)


def test_the_neighbouring_office_cannot_see_our_appeals(api, neighbour_clerk, register):
    appeal = register()
    client = api(neighbour_clerk)
    assert client.get(URL).json()["results"] == []
    assert client.get(f"{URL}{appeal.pk}/").status_code == 404


def test_the_neighbouring_office_cannot_change_our_appeals(
    api, neighbour_clerk, register, executor
):
    appeal = register()
    response = api(neighbour_clerk).post(
        f"{URL}{appeal.pk}/assign/", {"executor": executor.pk}, format="json"
    )
    assert response.status_code == 404
    appeal.refresh_from_db()
    assert appeal.executor is None


def test_the_neighbouring_office_cannot_register_in_our_territory(api, neighbour_clerk, tree):
    response = api(neighbour_clerk).post(URL, NEW_APPEAL, format="json")
    assert response.status_code == 403
    assert not Appeal.objects.exists()


def test_an_executor_may_not_assign(api, executor, register):
    appeal = register()
    response = api(executor).post(
        f"{URL}{appeal.pk}/assign/", {"executor": executor.pk}, format="json"
    )
    assert response.status_code == 403


def test_a_clerk_registers_an_appeal(api, clerk, tree):
    response = api(clerk).post(URL, NEW_APPEAL, format="json")
    assert response.status_code == 201, response.json()
    body = response.json()
    appeal = Appeal.objects.get()
    assert body["number"] == appeal.number
    assert appeal.channel == Channel.SOCIAL
    assert appeal.registered_by == clerk
    assert body["due_on"] == appeal.due_on.isoformat()
    assert response["ETag"] == f'"{appeal.version}"'


def test_the_same_idempotency_key_twice_makes_one_appeal(api, clerk, tree):
    client = api(clerk)
    first = client.post(URL, NEW_APPEAL, format="json", HTTP_IDEMPOTENCY_KEY="bot-42")
    second = client.post(URL, NEW_APPEAL, format="json", HTTP_IDEMPOTENCY_KEY="bot-42")
    assert first.status_code == 201
    assert second.status_code == 200
    assert first.json()["id"] == second.json()["id"]
    assert Appeal.objects.count() == 1
    third = client.post(URL, NEW_APPEAL, format="json", HTTP_IDEMPOTENCY_KEY="bot-43")
    assert third.status_code == 201
    assert Appeal.objects.count() == 2


def test_an_idempotency_key_is_private_to_its_client(api, clerk, make_staff, office, tree):
    other = make_staff(Role.CLERK, office)
    api(clerk).post(URL, NEW_APPEAL, format="json", HTTP_IDEMPOTENCY_KEY="k1")
    response = api(other).post(URL, NEW_APPEAL, format="json", HTTP_IDEMPOTENCY_KEY="k1")
    assert response.status_code == 201
    assert Appeal.objects.count() == 2


def test_a_bad_idempotency_key_is_refused_clearly(api, clerk, tree):
    response = api(clerk, "en").post(
        URL, NEW_APPEAL, format="json", HTTP_IDEMPOTENCY_KEY="no spaces please"
    )
    assert response.status_code == 400
    assert "Idempotency-Key" in response.json()


@pytest.mark.parametrize(
    ("language", "message"),
    [
        ("ru", "Нет территории с таким кодом."),
        ("kk", "Мұндай кодпен аумақ жоқ."),
        ("en", "No territory has this code."),
    ],
)
def test_validation_errors_speak_the_callers_language(api, clerk, tree, language, message):
    response = api(clerk, language).post(URL, {**NEW_APPEAL, "territory": "999"}, format="json")
    assert response.status_code == 400
    assert response.json()["territory"] == [message]


def test_a_missing_field_is_named_in_russian(api, clerk, tree):
    data = {k: v for k, v in NEW_APPEAL.items() if k != "topic"}
    response = api(clerk, "ru").post(URL, data, format="json")
    assert response.status_code == 400
    assert response.json()["topic"] == ["Обязательное поле."]


def test_a_bad_iin_is_refused_with_the_services_message(api, clerk, tree):
    response = api(clerk, "en").post(URL, {**NEW_APPEAL, "iin": "791028302729"}, format="json")
    assert response.status_code == 400
    assert "IIN" in response.json()["detail"]
    assert not Appeal.objects.exists()


def test_the_lifecycle_through_the_api(api, clerk, executor, akim, register):
    appeal = register()
    detail = f"{URL}{appeal.pk}/"
    version = api(clerk).get(detail).json()["version"]
    response = api(clerk).post(
        f"{detail}assign/", {"executor": executor.pk}, format="json", HTTP_IF_MATCH=f'"{version}"'
    )
    assert response.status_code == 200, response.json()
    assert response.json()["status"] == Status.IN_PROGRESS
    assert response.json()["executor"] == executor.pk
    version = response.json()["version"]
    response = api(executor).post(
        f"{detail}answer/",
        {"outcome": "explained", "text": "Подача воды восстановлена.", "version": version},
        format="json",
    )
    assert response.status_code == 200, response.json()
    assert response.json()["outcome"] == "explained"
    version = response.json()["version"]
    response = api(clerk).post(f"{detail}close/", {}, format="json", HTTP_IF_MATCH=f'"{version}"')
    assert response.status_code == 200
    assert response.json()["status"] == Status.CLOSED


def test_extend_and_redirect(api, akim, register):
    from tyndau.core import calendar

    appeal = register()
    client = api(akim)
    assigned = client.post(
        f"{URL}{appeal.pk}/assign/", {"executor": akim.pk, "version": appeal.version}, format="json"
    )
    until = calendar.add_working_days(appeal.due_on, 5)
    response = client.post(
        f"{URL}{appeal.pk}/extend/",
        {"until": until.isoformat(), "reason": "Нужна экспертиза"},
        HTTP_IF_MATCH=assigned["ETag"],
    )
    assert response.status_code == 200, response.json()
    assert response.json()["due_on"] == until.isoformat()
    other = register(text="Вопрос о земле")
    response = client.post(
        f"{URL}{other.pk}/redirect/",
        {"to": "ГУ земельных отношений", "reason": "Не наша"},
        HTTP_IF_MATCH=f'"{other.version}"',
    )
    assert response.status_code == 200
    assert response.json()["redirected_to"] == "ГУ земельных отношений"


def test_a_stale_version_is_a_conflict(api, clerk, executor, register):
    appeal = register()
    stale = appeal.version
    client = api(clerk)
    assert (
        client.post(
            f"{URL}{appeal.pk}/assign/",
            {"executor": executor.pk},
            format="json",
            HTTP_IF_MATCH=f'"{stale}"',
        ).status_code
        == 200
    )
    response = client.post(
        f"{URL}{appeal.pk}/assign/",
        {"executor": executor.pk},
        format="json",
        HTTP_IF_MATCH=f'"{stale}"',
    )
    assert response.status_code == 409
    assert response.json()["code"] == "conflict"
    assert response.json()["detail"]


def test_a_forbidden_transition_is_a_conflict_with_a_message(api, clerk, register):
    appeal = register()
    response = api(clerk, "en").post(
        f"{URL}{appeal.pk}/close/", {}, format="json", HTTP_IF_MATCH=f'"{appeal.version}"'
    )
    assert response.status_code == 409
    assert appeal.number in response.json()["detail"] or response.json()["detail"]
    appeal.refresh_from_db()
    assert appeal.status == Status.REGISTERED


def test_a_malformed_if_match_is_a_clear_400(api, clerk, executor, register):
    appeal = register()
    response = api(clerk, "en").post(
        f"{URL}{appeal.pk}/assign/", {"executor": executor.pk}, format="json", HTTP_IF_MATCH="abc"
    )
    assert response.status_code == 400
    assert "If-Match" in response.json()


def test_filters_and_pagination(api, clerk, register):
    register()
    register(topic="roads", text="Дорога")
    register(topic="roads", text="Ещё дорога")
    client = api(clerk)
    body = client.get(URL, {"topic": "roads", "page_size": 1}).json()
    assert body["count"] == 2
    assert len(body["results"]) == 1
    assert body["next"]
    assert client.get(URL, {"territory": "111033200"}).json()["count"] == 0
    assert client.get(URL, {"territory": "111033000"}).json()["count"] == 3
    assert client.get(URL, {"status": "bogus"}).status_code == 400


def test_the_session_of_the_web_works_too(client, clerk, register):
    register()
    client.force_login(clerk)
    assert client.get(URL).status_code == 200


def test_territories_in_scope_only(api, clerk, tree):
    body = api(clerk).get("/api/v1/territories/").json()
    codes = {t["code"] for t in body["results"]}
    assert codes == {"111033000", "111033100", "111033200"}
    assert api(clerk).get("/api/v1/territories/114645000/").status_code == 404
    item = api(clerk).get("/api/v1/territories/111033000/").json()
    assert item["akim_level"] == 6
    assert item["office"] is not None


def test_topics_are_listed(api, clerk, tree):
    codes = {t["code"] for t in api(clerk).get("/api/v1/topics/").json()}
    assert {"roads", "water_supply", "other"} <= codes


def test_schema_docs_and_guide_are_served_without_a_cdn(client, db):
    schema = client.get("/api/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json")
    assert schema.status_code == 200
    docs = client.get("/api/docs/")
    assert docs.status_code == 200
    html = docs.content.decode()
    assert "/static/vendor/swagger-ui/swagger-ui-bundle.js" in html
    assert re.findall(r'(?:src|href)="(?!/)([^"]+)"', html) == []  # only our own files
    guide = client.get("/api/", HTTP_ACCEPT_LANGUAGE="en")
    assert guide.status_code == 200
    assert "Idempotency-Key" in guide.content.decode()


def test_the_demo_gives_the_clerk_a_token(db):
    from rest_framework.authtoken.models import Token

    from tyndau.core.demo import seed_demo

    lines = []
    seed_demo(log=lines.append)
    token = Token.objects.get(user__username="clerk")
    assert any(token.key in line for line in lines)


def test_an_id_too_large_for_the_database_is_a_400(api, clerk, tree):
    response = api(clerk).get(URL, {"executor": "-1.0193392265760178e+32"})
    assert response.status_code == 400
    assert api(clerk).get(URL, {"office": str(2**70)}).status_code == 400


def test_a_transition_without_if_match_is_428_and_changes_nothing(api, clerk, executor, register):
    appeal = register()
    response = api(clerk).post(
        f"{URL}{appeal.pk}/assign/", {"executor": executor.pk}, format="json"
    )
    assert response.status_code == 428
    assert "If-Match" in response.json()["detail"]
    appeal.refresh_from_db()
    assert appeal.status == Status.REGISTERED and appeal.executor_id is None


def test_a_concurrent_change_is_not_overwritten(api, clerk, executor, akim, register):
    """Two clerks read version 1; the first assigns; the second's assign is refused."""
    appeal = register()
    read = api(clerk).get(f"{URL}{appeal.pk}/")["ETag"]
    first = api(akim).post(
        f"{URL}{appeal.pk}/assign/", {"executor": akim.pk}, format="json", HTTP_IF_MATCH=read
    )
    assert first.status_code == 200
    second = api(clerk).post(
        f"{URL}{appeal.pk}/assign/", {"executor": executor.pk}, format="json", HTTP_IF_MATCH=read
    )
    assert second.status_code == 409
    appeal.refresh_from_db()
    assert appeal.executor_id == akim.pk


def test_deeply_nested_json_is_a_clear_400(api, clerk, tree):
    body = "[" * 100_000 + "]" * 100_000
    response = api(clerk).post(URL, body, content_type="application/json")
    assert response.status_code == 400
    assert "nested" in response.json()["detail"] or "влож" in response.json()["detail"]
    assert Appeal.objects.count() == 0


@pytest.mark.parametrize("received_at", ["0001-01-01T10:00:00+05:00", "2099-01-01T10:00:00+05:00"])
def test_received_at_is_bounded(api, clerk, tree, received_at):
    response = api(clerk).post(URL, {**NEW_APPEAL, "received_at": received_at}, format="json")
    assert response.status_code == 400
    assert "received_at" in response.json()
    assert Appeal.objects.count() == 0
