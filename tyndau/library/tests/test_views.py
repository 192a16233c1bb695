import uuid

import pytest

from tyndau.appeals.models import Appeal
from tyndau.library.models import Entry, Impression

pytestmark = pytest.mark.django_db


def test_public_faq_searches(client, library):
    html = client.get("/ru/answers/?q=фонари").content.decode()
    assert library["lights"].question_ru in html
    assert library["plot"].question_ru not in html
    assert client.get("/kk/answers/").status_code == 200


def test_suggestions_while_typing_are_shown_and_counted(client, library):
    key = uuid.uuid4().hex
    text = "Нет воды после аварии на водопроводе, когда восстановят подачу?"
    html = client.get("/ru/answers/suggest/", {"text": text, "client_key": key}).content.decode()
    assert library["water"].question_ru[:40] in html
    assert Impression.objects.filter(client_key=key, entry=library["water"]).count() == 1
    client.get("/ru/answers/suggest/", {"text": text, "client_key": key})  # typed on
    assert Impression.objects.filter(client_key=key, entry=library["water"]).count() == 1


def test_filing_is_never_blocked_and_marks_the_suggestions_filed(client, library, office, topics):
    key = uuid.uuid4().hex
    text = "Нет воды после аварии на водопроводе, когда восстановят подачу?"
    client.get("/ru/answers/suggest/", {"text": text, "client_key": key})
    response = client.post(
        "/ru/appeal/new/",
        {
            "territory": office.territory.children.get(code="111033100").pk,
            "topic": topics["water_supply"].pk,
            "kind": "statement",
            "text": text,
            "applicant_name": "Серикова Айгерим",
            "phone": "+7 701 555 12 34",
            "consent": "on",
            "client_key": key,
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert Appeal.objects.filter(text=text, channel="portal").exists()
    shown = Impression.objects.filter(client_key=key)
    assert shown.filter(entry=library["water"]).exists()
    assert not shown.filter(filed=False).exists()


def test_akims_dashboard_shows_shown_and_not_filed(client, library, akim, office):
    # two residents saw the water entry; one of them filed anyway
    Impression.objects.create(entry=library["water"], client_key="a", filed=True)
    Impression.objects.create(entry=library["water"], client_key="b", filed=False)
    Impression.objects.create(entry=library["plot"], client_key="b", filed=False)
    client.force_login(akim)
    html = client.get(
        f"/ru/staff/reports/dashboard/?territory={office.territory.code}"
    ).content.decode()
    assert "library-counters" in html
    row = html[html.index(f'data-entry="{library["water"].pk}"') :]
    assert "<td>2</td><td>1</td>" in row[: row.index("</tr>")]


def test_publish_form_is_prefilled_through_the_anonymiser(client, clerk, file_appeal, answer):
    appeal = answer(
        appeal=file_appeal(
            applicant_name="Серикова Айгерим",
            text="Я, Серикова Айгерим, живу на ул. Мира, 12, тел. +77015551234. Когда дадут воду?",
        ),
        outcome="explained",
        text="Подача воды восстановлена.",
        by=clerk,
    )
    client.force_login(clerk)
    html = client.get(f"/ru/staff/library/new/?appeal={appeal.pk}").content.decode()
    assert "Когда дадут воду?" in html
    assert "Серикова" not in html and "+77015551234" not in html and "Мира, 12" not in html
    response = client.post(
        "/ru/staff/library/new/",
        {
            "appeal": appeal.pk,
            "topic": appeal.topic_id,
            "question_ru": "Когда восстановят подачу воды?",
            "answer_ru": "Подача воды восстановлена.",
        },
    )
    assert response.status_code == 302
    assert Entry.objects.get().source_appeal == appeal


def test_executor_may_not_publish(client, executor, library):
    client.force_login(executor)
    assert client.get("/ru/staff/library/new/").status_code == 403


def test_api_lists_and_searches_the_library(library):
    from rest_framework.test import APIClient

    api = APIClient()
    assert api.get("/api/v1/answers/").json()["count"] == 3
    found = api.get("/api/v1/answers/", {"q": "фонари"}).json()
    assert [row["id"] for row in found["results"]] == [library["lights"].pk]
    assert (
        api.get(f"/api/v1/answers/{library['plot'].pk}/").json()["question_kk"].startswith("Жеке")
    )
    assert "/api/v1/answers/" in api.get("/api/schema/").content.decode()
