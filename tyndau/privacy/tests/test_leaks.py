"""Point 6, the leak test: appeals full of names in every case, IINs, phones, e-mails and
addresses, filed through every channel and published by a clerk, then every public page,
the public API and Open311 scanned for any of it."""

import uuid

import pytest
from django.test import Client
from rest_framework.authtoken.models import Token

from tyndau.appeals.models import Appeal, Topic
from tyndau.privacy import services

LEAKY = (
    "Прошу помочь Кузнецовой Марии и Омарову Бауржану. Жаксыбекова Ерлана уволили, "
    "я Петров Иван, ИИН 880101 300123, тел. 25-14-33 и +7 701 765 43 21, "
    "почта kuznetsova.m@mail.kz, живу на Абая 25-7, д. 5 кв. 3, Мира 3 Кв 9. "
    "Асқаров Ерлан Серікұлы өтінеді, Ерланға жауап жоқ."
)
SECRETS = (
    "Кузнецовой",
    "Марии",
    "Омарову",
    "Бауржану",
    "Жаксыбекова",
    "Ерлана",
    "Петров",
    "Иван",
    "880101",
    "300123",
    "25-14-33",
    "765 43 21",
    "kuznetsova.m@mail.kz",
    "25-7",
    "Кв 9",
    "Асқаров",
    "Серікұлы",
    "Ерланға",
    "Қуанышбек",
    "791028302728",
    "+77017654321",
)


def _file_everywhere(client, clerk, tree):
    # portal
    r1 = client.post(
        "/ru/appeal/new/",
        {
            "territory": tree["111033100"].pk,
            "topic": Topic.objects.get(code="roads").pk,
            "kind": "statement",
            "text": LEAKY,
            "applicant_name": "Қуанышбек Ерлан",
            "iin": "791028302728",
            "phone": "+77017654321",
            "address": "Мира 3 Кв 9",
            "consent": "on",
            "client_key": uuid.uuid4().hex,
        },
    )
    token = Token.objects.get_or_create(user=clerk)[0].key
    # Open311
    r2 = Client().post(
        "/open311/v2/requests.json",
        {
            "api_key": token,
            "jurisdiction_id": "111033000",
            "service_code": "roads",
            "address_string": "Мира 3 Кв 9",
            "lat": "53.2871234",
            "long": "69.3834567",
            "description": LEAKY,
            "first_name": "Қуанышбек",
            "last_name": "Ерлан",
            "phone": "+77017654321",
        },
    )
    # REST API
    r3 = Client().post(
        "/api/v1/appeals/",
        {
            "territory": "111033100",
            "channel": "social",
            "applicant_type": "individual",
            "kind": "statement",
            "topic": "roads",
            "text": LEAKY,
            "applicant_name": "Қуанышбек Ерлан",
            "iin": "791028302728",
            "street": "Мира 3 Кв 9",
            "latitude": 53.2871234,
            "longitude": 69.3834567,
        },
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Token {token}",
    )
    return r1, r2, r3


@pytest.mark.django_db
def test_nothing_personal_reaches_any_public_page_api_or_open311(client, clerk, tree):
    responses = _file_everywhere(client, clerk, tree)
    appeals = list(Appeal.objects.all())
    assert len(appeals) == 3, [(r.status_code, r.content[:300]) for r in responses]
    # every appeal is published after moderation with the text the clerk was offered
    for appeal in appeals:
        publication = services.publication_create(appeal=appeal)
        services.publication_publish(
            publication=publication,
            text=services.publication_text_for(appeal, publication=publication),
            by=clerk,
        )
    public = Client()
    urls = [
        "/ru/",
        "/kk/",
        "/ru/appeals/",
        "/kk/appeals/",
        "/ru/territories/111033000/",
        "/ru/territories/111033000/stats/",
        "/open311/v2/requests.json",
        "/open311/v2/requests.xml",
    ]
    for appeal in appeals:
        urls += [
            f"/ru/appeals/{appeal.pk}/",
            f"/kk/appeals/{appeal.pk}/",
            f"/open311/v2/requests/{appeal.number}.json",
        ]
    shown = []
    for url in urls:
        response = public.get(url)
        assert response.status_code == 200, url
        shown.append((url, response.content.decode()))
    assert any(a.number in body for _url, body in shown for a in appeals)
    for url, body in shown:
        for secret in SECRETS:
            assert secret not in body, (url, secret)
        assert "69.3834567" not in body and "53.2871234" not in body, url
