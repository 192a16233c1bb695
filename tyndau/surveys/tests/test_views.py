import pytest
from django.test import override_settings

from tyndau.core import sms
from tyndau.surveys.models import Response

from .conftest import choice

pytestmark = pytest.mark.django_db


def _post_answers(client, survey, lang="ru"):
    q = survey.q
    return client.post(
        f"/{lang}/surveys/{survey.pk}/answer/",
        {
            "t_role": "resident",
            "t_age": "35-44",
            f"q_{q['single'].pk}": choice(q["single"], "да"),
            f"q_{q['multiple'].pk}": [choice(q["multiple"], "a"), choice(q["multiple"], "c")],
            f"q_{q['scale'].pk}": "5",
            f"q_{q['text'].pk}": "",
        },
    )


def _confirm(client, survey, phone, django_capture_on_commit_callbacks, lang="ru"):
    sms.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/{lang}/surveys/{survey.pk}/", {"phone": phone})
    assert response.status_code == 302
    code = "".join(ch for ch in sms.outbox[-1][1] if ch.isdigit())
    response = client.post(f"/{lang}/surveys/{survey.pk}/code/", {"code": code})
    assert response.status_code == 302


def test_resident_answers_by_sms_code_once(client, survey, django_capture_on_commit_callbacks):
    _confirm(client, survey, "+7 701 555 12 34", django_capture_on_commit_callbacks)
    assert _post_answers(client, survey).status_code == 302
    assert Response.objects.filter(survey=survey).count() == 1
    # another browser, the same phone written differently
    from django.test import Client

    other = Client()
    _confirm(other, survey, "8 701 555 12 34", django_capture_on_commit_callbacks, lang="kk")
    refused = _post_answers(other, survey, lang="kk")
    assert refused.status_code == 422
    assert "бір адамнан бір жауап" in refused.content.decode()
    assert Response.objects.filter(survey=survey).count() == 1


def test_the_form_is_not_reachable_without_a_confirmed_phone(client, survey):
    assert _post_answers(client, survey).status_code == 302  # back to the phone step
    assert Response.objects.count() == 0


def test_wrong_code_is_refused_in_the_users_language(
    client, survey, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/kk/surveys/{survey.pk}/", {"phone": "+77015551234"})
    response = client.post(f"/kk/surveys/{survey.pk}/code/", {"code": "000000"})
    assert response.status_code == 422
    assert "Код қате" in response.content.decode()


def test_clerk_enters_a_paper_form_and_a_duplicate_is_refused(client, clerk, survey):
    client.force_login(clerk)
    q = survey.q
    data = {
        "respondent_name": "Ким Сергей",
        "phone": "+7 701 000 00 01",
        "t_role": "official",
        "t_age": "45-55",
        f"q_{q['single'].pk}": choice(q["single"], "нет"),
        f"q_{q['multiple'].pk}": [choice(q["multiple"], "b")],
        f"q_{q['scale'].pk}": "3",
    }
    assert client.post(f"/ru/staff/surveys/{survey.pk}/paper/", data).status_code == 302
    again = client.post(f"/ru/staff/surveys/{survey.pk}/paper/", data)
    assert again.status_code == 422
    assert "уже ответил" in again.content.decode()
    assert Response.objects.filter(survey=survey).count() == 1


def test_analyst_may_not_enter_paper_forms(client, make_staff, office, survey):
    client.force_login(make_staff("analyst", office))
    assert client.get(f"/ru/staff/surveys/{survey.pk}/paper/").status_code == 403


def test_api_lists_surveys_and_results(survey, clerk):
    from rest_framework.test import APIClient

    from tyndau.surveys import services

    q = survey.q
    services.response_enter_paper(
        survey=survey,
        phone="+77010000002",
        respondent_name="X",
        answers={
            q["single"].pk: str(choice(q["single"], "да")),
            q["multiple"].pk: [str(choice(q["multiple"], "a"))],
            q["scale"].pk: "2",
        },
        traits={"role": "resident", "age": "25-34"},
        by=clerk,
    )
    api = APIClient()
    listed = api.get("/api/v1/surveys/").json()
    assert listed["count"] == 1
    assert [t["code"] for t in listed["results"][0]["traits"]] == ["role", "age"]
    overall = api.get(f"/api/v1/surveys/{survey.pk}/results/").json()
    assert overall["respondents"] == 1 and overall["trait"] is None
    scale = next(q for q in overall["questions"] if q["kind"] == "scale")
    assert [r["cells"][0]["count"] for r in scale["rows"]] == [0, 1, 0, 0, 0]
    # one resident: a breakdown by role would show that person's answers, so it is withheld
    data = api.get(f"/api/v1/surveys/{survey.pk}/results/", {"trait": "role"}).json()
    assert data["breakdown_withheld"] is True and data["trait"] is None
    assert len(data["groups"]) == 1
    assert "respondent_name" not in str(data) and "77010000002" not in str(data)
    with override_settings(TYNDAU_SURVEY_MIN_GROUP=1):
        data = api.get(f"/api/v1/surveys/{survey.pk}/results/", {"trait": "role"}).json()
    assert [g["respondents"] for g in data["groups"]] == [0, 1]
    assert [g["option"] for g in data["groups"]] == ["official", "resident"]
    assert api.get(f"/api/v1/surveys/{survey.pk}/results/", {"trait": "x"}).status_code == 404
    assert "/api/v1/surveys/{id}/results/" in api.get("/api/schema/").content.decode()


def test_staff_see_every_breakdown_of_their_surveys(client, clerk, survey):
    from tyndau.surveys import services

    q = survey.q
    services.response_enter_paper(
        survey=survey,
        phone="+77010000003",
        respondent_name="X",
        answers={
            q["single"].pk: str(choice(q["single"], "нет")),
            q["multiple"].pk: [str(choice(q["multiple"], "b"))],
            q["scale"].pk: "5",
        },
        traits={"role": "official", "age": "45-55"},
        by=clerk,
    )
    public = client.get(f"/ru/surveys/{survey.pk}/results/?trait=role").content.decode()
    assert 'id="breakdown-withheld"' in public
    client.force_login(clerk)
    html = client.get(f"/ru/staff/surveys/{survey.pk}/results/?trait=role").content.decode()
    assert "breakdown-withheld" not in html
    assert 'data-count="1" data-share="100.0"' in html
    assert client.get(f"/ru/staff/surveys/{survey.pk}/results/?trait=x").status_code == 404
