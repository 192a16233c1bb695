"""The authorisation matrix: every role of the own office, the office above, an office
below and the neighbour against the appeal page, the slip, attachments, the API and the
inbox search, and each part of the policy. Seen from the user, these are appeals of its
own territory, of a territory below (the city's staff), of the territory above (the
village's staff: the rural district's appeal about their village) and beside; the other
views are in test_matrix.py."""

import pytest
from django.core.files.base import ContentFile
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from tyndau.appeals.models import Attachment
from tyndau.appeals.services import appeal_assign
from tyndau.privacy.models import AccessRecord
from tyndau.privacy.policy import ALL, Part, Relation, parts_for, relation
from tyndau.territory.models import Role

from .conftest import SECRETS

WORKERS = {Role.AKIM, Role.DEPUTY, Role.CLERK}
ROLES = list(Role.values)
PLACES = ("own", "above", "below", "neighbour")
RELATIONS = {
    "own": Relation.OWN_OFFICE,
    "above": Relation.OFFICE_ABOVE,
    "below": Relation.OFFICE_BELOW,
    "neighbour": Relation.NEIGHBOUR,
}


def expected_parts(where: str, role: str, *, is_executor: bool = False) -> frozenset:
    if where == "own" and (role in WORKERS or is_executor):
        return ALL
    if where == "own":
        return frozenset({Part.EXACT_PIN, Part.STREET})
    return frozenset({Part.STREET})


@pytest.fixture
def appeal(register):
    appeal = register()
    Attachment.objects.create(
        appeal=appeal,
        file=ContentFile(b"%PDF-1.4 secret", name="passport.pdf"),
        name="passport.pdf",
        content_type="application/pdf",
        size=15,
    )
    return appeal


@pytest.mark.parametrize("where", PLACES)
@pytest.mark.parametrize("role", ROLES)
def test_the_policy_table(staff, appeal, where, role):
    assert parts_for(staff[(where, role)], appeal) == expected_parts(where, role)
    assert relation(staff[(where, role)], appeal) == RELATIONS[where]


def test_an_office_below_the_registering_office_is_below_even_when_it_holds_the_place(
    staff, register, city_office, tree
):
    """The city registers an appeal about Krasny Yar: the rural district's staff, whose
    territory holds the village, are an office below, not above, and see no person."""
    appeal = register(office=city_office)
    for role in ROLES:
        user = staff[("own", role)]
        assert relation(user, appeal) == Relation.OFFICE_BELOW
        assert parts_for(user, appeal) == frozenset({Part.STREET})
    assert relation(staff[("above", Role.CLERK)], appeal) == Relation.OWN_OFFICE


def test_the_assigned_executor_sees_everything_and_the_public_only_the_street(staff, appeal, clerk):
    executor = staff[("own", Role.EXECUTOR)]
    appeal_assign(appeal=appeal, executor=executor, by=clerk)
    appeal.refresh_from_db()
    assert parts_for(executor, appeal) == ALL
    from django.contrib.auth.models import AnonymousUser

    assert parts_for(AnonymousUser(), appeal) == frozenset({Part.STREET})
    assert parts_for(AnonymousUser(), appeal, applicant=True) >= {Part.RAW_TEXT, Part.APPLICANT}


def _client(client, user):
    client.force_login(user)
    return client


@pytest.mark.parametrize("where", PLACES)
@pytest.mark.parametrize("role", ROLES)
def test_pages_follow_the_policy(client, staff, appeal, where, role):
    user = staff[(where, role)]
    parts = expected_parts(where, role)
    c = _client(client, user)
    page = c.get(f"/ru/staff/appeals/{appeal.pk}/")
    slip = c.get(f"/ru/staff/appeals/{appeal.pk}/slip/")
    attachment = appeal.attachments.get()
    download = c.get(f"/ru/staff/appeals/{appeal.pk}/attachments/{attachment.pk}/")
    if where == "neighbour":
        assert (page.status_code, slip.status_code, download.status_code) == (404, 404, 404)
        return
    assert page.status_code == 200
    html = page.content.decode()
    for secret in SECRETS:
        assert (secret in html) == (Part.RAW_TEXT in parts), secret
    assert ("passport.pdf" in html) == (Part.ATTACHMENTS in parts)
    assert slip.status_code == (200 if Part.SLIP in parts else 403)
    if Part.SLIP in parts:
        assert appeal.tracking_code in slip.content.decode()
    assert download.status_code == (200 if Part.ATTACHMENTS in parts else 403)
    logged = set(AccessRecord.objects.filter(user=user).values_list("channel", flat=True))
    if Part.RAW_TEXT in parts:
        assert logged == {"page", "slip", "attachment"}
    else:
        assert logged == set()


@pytest.mark.parametrize("where", PLACES)
@pytest.mark.parametrize("role", ROLES)
def test_the_api_follows_the_policy(staff, appeal, where, role):
    user = staff[(where, role)]
    parts = expected_parts(where, role)
    api = APIClient(HTTP_ACCEPT_LANGUAGE="ru")
    api.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=user).key}")
    one = api.get(f"/api/v1/appeals/{appeal.pk}/")
    listed = api.get("/api/v1/appeals/")
    if where == "neighbour":
        assert one.status_code == 404
        assert listed.json()["results"] == []
        return
    assert one.status_code == 200
    body = one.content.decode()
    for secret in SECRETS:
        assert (secret in body) == (Part.RAW_TEXT in parts), secret
    assert ("iin" in one.json()) == (Part.APPLICANT in parts)
    assert one.json()["street"] == ("Абая 25 Кв 7" if Part.APPLICANT in parts else "Абая")
    if Part.EXACT_PIN not in parts:
        assert one.json()["latitude"] == 53.287
    reads = AccessRecord.objects.filter(user=user, channel="api").count()
    assert reads == (2 if Part.RAW_TEXT in parts else 0)  # the page and the list


@pytest.mark.parametrize("where", ("own", "above", "below"))
@pytest.mark.parametrize("role", ROLES)
def test_inbox_search_matches_personal_fields_only_for_those_who_read_them(
    client, staff, appeal, where, role
):
    parts = expected_parts(where, role)
    c = _client(client, staff[(where, role)])
    for query in ("Ахметов", "880101300123", "Кузнецова"):
        html = c.get("/ru/staff/appeals/", {"status": "all", "q": query}).content.decode()
        assert (appeal.number in html) == (Part.RAW_TEXT in parts), (query, html[:200])
    # the number always finds it for those who see the appeal
    html = c.get("/ru/staff/appeals/", {"status": "all", "q": appeal.number}).content.decode()
    assert appeal.number in html


@pytest.mark.parametrize("where", ["own", "above"])
def test_report_drill_downs_show_figures_of_an_appeal_never_its_personal_parts(
    client, staff, appeal, where
):
    """The records behind a report's figure list, for anyone who may open them, only what
    the policy gives every office that reports on the territory (number, dates, status,
    topic, territory); the number leads to the appeal page, which asks the policy."""
    import datetime as dt

    # the day it counts on: one received in the evening is registered the next working day
    today = appeal.registered_on
    client.force_login(staff[(where, Role.ANALYST)])
    response = client.get(
        "/ru/staff/reports/records/",
        {
            "form": "appeal-outcomes",
            "territory": "111033000",
            "date_from": (today - dt.timedelta(days=30)).isoformat(),
            "date_to": today.isoformat(),
            "figure": "received",
        },
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert appeal.number in body
    for secret in SECRETS:
        assert secret not in body, secret
    assert not AccessRecord.objects.exists()  # nothing personal was opened
