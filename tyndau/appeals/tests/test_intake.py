"""Intake in one place: every entry point makes the same appeal from the same input, a
retried submission returns the appeal already made (to its submitter only), and a place
no akimat serves is refused clearly with nothing saved."""

import uuid

import pytest
from django.conf import settings
from django.core.cache import cache
from django.utils import translation
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from tyndau.appeals import intake
from tyndau.appeals.models import Appeal, AppealCounter, AppealEvent, Channel
from tyndau.core import calendar
from tyndau.core.errors import DomainError
from tyndau.meetings import services as meetings
from tyndau.territory.models import Membership, Territory
from tyndau.territory.services import territory_save

NAME, PHONE, ADDRESS = "Сейткали Айгерим", "+77015556677", "ул. Мира, 12"
TEXT = "Яма на дороге у школы, машины объезжают по тротуару."


@pytest.fixture(autouse=True)
def _no_rate_limit(db):
    cache.clear()  # the portal's limit lives in the cache (the database cache by default)
    yield
    cache.clear()
    translation.activate(settings.LANGUAGE_CODE)  # requests in kk leave it active


def api(user, language="ru"):
    client = APIClient(HTTP_ACCEPT_LANGUAGE=language)
    token, _ = Token.objects.get_or_create(user=user)
    client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    return client


# --- the entry points, each given the same input ----------------------------------------


def by_staff_form(client, tree, clerk, office, key=None):
    client.force_login(clerk)
    response = client.post(
        "/ru/staff/appeals/new/",
        {
            "office": office.pk,
            "channel": "phone",
            "applicant_type": "individual",
            "applicant_name": NAME,
            "phone": PHONE,
            "kind": "statement",
            "topic": "roads",
            "territory": tree["111033100"].pk,
            "text": TEXT,
            "address": ADDRESS,
            "signatories": 1,
            "language": "ru",
            "client_key": key or uuid.uuid4().hex,
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    return response


def by_portal(client, tree, clerk, office, key=None):
    from tyndau.appeals.models import Topic

    response = client.post(
        "/ru/appeal/new/",
        {
            "territory": tree["111033100"].pk,
            "topic": Topic.objects.get(code="roads").pk,
            "kind": "statement",
            "text": TEXT,
            "address": ADDRESS,
            "applicant_name": NAME,
            "phone": PHONE,
            "consent": "on",
            "website": "",
            "client_key": key or uuid.uuid4().hex,
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    return response


def by_rest(client, tree, clerk, office, key=None):
    response = api(clerk).post(
        "/api/v1/appeals/",
        {
            "territory": "111033100",
            "channel": "phone",
            "applicant_type": "individual",
            "kind": "statement",
            "topic": "roads",
            "text": TEXT,
            "applicant_name": NAME,
            "phone": PHONE,
            "address": ADDRESS,
        },
        format="json",
        **({"HTTP_IDEMPOTENCY_KEY": key} if key else {}),
    )
    assert response.status_code in (200, 201), response.json()
    return response


def by_open311(client, tree, clerk, office, key=None):
    token = Token.objects.get_or_create(user=clerk)[0].key
    response = client.post(
        "/open311/v2/requests.json",
        {
            "api_key": token,
            "service_code": "roads",
            "description": TEXT,
            "first_name": "Сейткали",
            "last_name": "Айгерим",
            "phone": PHONE,
            "address_string": ADDRESS,
            "attribute[territory]": "111033100",
        },
        HTTP_ACCEPT_LANGUAGE="ru",
        **({"HTTP_IDEMPOTENCY_KEY": key} if key else {}),
    )
    assert response.status_code in (200, 201), response.content
    return response


def by_meeting(client, tree, clerk, office, key=None):
    meeting = meetings.meeting_plan(
        territory=tree["111033100"], kind="gathering", planned_on=calendar.today(), by=clerk
    )
    question = meetings.question_add(meeting=meeting, topic="roads", text=TEXT, by=clerk)
    meetings.question_to_appeal(
        question=question, applicant_name=NAME, phone=PHONE, address=ADDRESS, by=clerk
    )


def by_reception(client, tree, clerk, office, key=None):
    meetings.reception_record(
        office=office,
        visitor_name=NAME,
        phone=PHONE,
        address=ADDRESS,
        territory=tree["111033100"],
        questions=[meetings.AskedQuestion(topic="roads", text=TEXT)],
        by=clerk,
    )


ENTRY_POINTS = [by_staff_form, by_portal, by_rest, by_open311, by_meeting, by_reception]
CHANNEL = {
    by_staff_form: Channel.PHONE,
    by_portal: Channel.PORTAL,
    by_rest: Channel.PHONE,
    by_open311: Channel.PORTAL,
    by_meeting: Channel.MEETING,
    by_reception: Channel.PERSONAL_RECEPTION,
}


def what_the_appeal_says(appeal: Appeal) -> dict:
    return {
        "office": appeal.office.territory.code,
        "territory": appeal.territory.code,
        "topic": appeal.topic.code,
        "kind": appeal.kind,
        "text": appeal.text,
        "applicant": (appeal.applicant_type, appeal.applicant_name, appeal.phone),
        "address": appeal.address,
        "street": appeal.street,
        "status": appeal.status,
        "deadline": (appeal.registered_on, appeal.due_on, appeal.original_due_on),
        "language": appeal.language,
        "risk": (appeal.risk_score, appeal.risk_band),
        "number": appeal.number.rsplit("-", 1)[0],
        "timeline": list(appeal.events.values_list("kind", flat=True)),
    }


@pytest.mark.parametrize("entry_point", ENTRY_POINTS, ids=lambda f: f.__name__)
def test_every_entry_point_makes_the_same_appeal_from_the_same_input(
    client, tree, clerk, office, entry_point
):
    entry_point(client, tree, clerk, office)
    appeal = Appeal.objects.get()
    assert appeal.channel == CHANNEL[entry_point]
    assert what_the_appeal_says(appeal) == {
        "office": "111033000",
        "territory": "111033100",
        "topic": "roads",
        "kind": "statement",
        "text": TEXT,
        "applicant": ("individual", NAME, PHONE),
        "address": ADDRESS,
        "street": "ул. Мира",  # read from the address, on every channel
        "status": "registered",
        "deadline": (
            appeal.registered_on,
            calendar.add_working_days(appeal.registered_on, 15),
            calendar.add_working_days(appeal.registered_on, 15),
        ),
        "language": "ru",
        "risk": (0, "none"),
        "number": f"111033000-{appeal.registered_on.year}",
        "timeline": [AppealEvent.Kind.REGISTERED],
    }


# --- replaying a retried submission -----------------------------------------------------

REPLAYABLE = [by_staff_form, by_portal, by_rest, by_open311]


@pytest.mark.parametrize("entry_point", REPLAYABLE, ids=lambda f: f.__name__)
def test_a_retried_submission_returns_the_same_appeal(client, tree, clerk, office, entry_point):
    first = entry_point(client, tree, clerk, office, key="0123456789abcdef")
    again = entry_point(client, tree, clerk, office, key="0123456789abcdef")
    appeal = Appeal.objects.get()
    if entry_point in (by_rest,):
        assert (first.status_code, again.status_code) == (201, 200)
        assert first.json()["id"] == again.json()["id"] == appeal.pk
    elif entry_point is by_open311:
        assert (first.status_code, again.status_code) == (201, 200)
        assert first.json()[0]["service_request_id"] == again.json()[0]["service_request_id"]
    else:
        assert first.headers["Location"].split("?")[0] == again.headers["Location"].split("?")[0]
    assert appeal.events.count() == 1  # registered once


def _leave_office(user):
    Membership.objects.filter(user=user).delete()
    user._tyndau_memberships = None


def test_a_replay_through_rest_is_refused_to_whom_may_no_longer_see_it(tree, clerk, office):
    by_rest(None, tree, clerk, office, key="k-7")
    _leave_office(clerk)
    response = api(clerk, "kk").post(
        "/api/v1/appeals/",
        {
            "territory": "111033100",
            "channel": "phone",
            "applicant_type": "individual",
            "kind": "statement",
            "topic": "roads",
            "text": TEXT,
            "applicant_name": NAME,
        },
        format="json",
        HTTP_IDEMPOTENCY_KEY="k-7",
    )
    assert response.status_code == 409
    assert response.json()["code"] == "idempotency"
    assert response.json()["detail"].startswith("Бұл өтініш бұрын жіберілген")
    assert Appeal.objects.count() == 1


def test_a_replay_through_open311_is_refused_to_whom_may_no_longer_see_it(
    client, tree, clerk, office
):
    by_open311(client, tree, clerk, office, key="app-9")
    number = Appeal.objects.get().number
    _leave_office(clerk)
    token = Token.objects.get(user=clerk).key
    response = client.post(
        "/open311/v2/requests.json",
        {
            "api_key": token,
            "service_code": "roads",
            "description": TEXT,
            "address_string": "x",
            "first_name": "Сейткали",
        },
        HTTP_IDEMPOTENCY_KEY="app-9",
    )
    assert response.status_code == 409
    assert number not in response.content.decode()
    assert Appeal.objects.count() == 1


def test_a_replay_through_the_staff_form_is_refused_to_whom_may_no_longer_see_it(
    client, tree, clerk, office
):
    by_staff_form(client, tree, clerk, office, key="form-1")
    _leave_office(clerk)
    response = client.post("/ru/staff/appeals/new/", {"client_key": "form-1"})
    assert response.status_code == 403
    assert Appeal.objects.count() == 1


def test_the_service_refuses_a_replay_to_a_registrar_who_lost_the_office(tree, clerk, office):
    draft = intake.AppealDraft(
        channel="phone",
        kind="statement",
        topic="roads",
        text=TEXT,
        applicant=intake.Applicant(name=NAME),
        place=intake.Place(territory=tree["111033100"]),
        idempotency_key="svc-1",
    )
    first = intake.appeal_register(draft=draft, by=clerk)
    assert intake.appeal_register(draft=draft, by=clerk) == intake.Registration(
        first.appeal, replayed=True
    )
    _leave_office(clerk)
    with pytest.raises(intake.RegistrationRefused) as refused:
        intake.appeal_register(draft=draft, by=clerk)
    assert refused.value.code == "idempotency"
    assert Appeal.objects.count() == 1


def test_a_portal_key_never_gives_another_resident_the_link(client, tree, clerk, office):
    from django.contrib.auth import get_user_model

    first = by_portal(client, tree, clerk, office, key="a" * 32)
    resident = get_user_model().objects.create_user(username="resident", password="x")
    client.force_login(resident)
    second = by_portal(client, tree, clerk, office, key="a" * 32)
    assert first.headers["Location"].split("?")[0] != second.headers["Location"].split("?")[0]
    assert Appeal.objects.count() == 2  # the resident's own appeal, not the other's link
    assert Appeal.objects.filter(applicant_user=resident).count() == 1


# --- no office serves the place ----------------------------------------------------------


@pytest.fixture
def unserved(tree):
    """A village of a region that has no akimat's office in Tyndau yet."""
    region = territory_save(
        territory=Territory(code="150000000", level="oblast", name_ru="Область", name_kk="Облыс")
    )
    return territory_save(
        territory=Territory(
            code="151033100", parent=region, level="village", name_ru="Село", name_kk="Ауыл"
        )
    )


def _nothing_saved():
    assert not Appeal.objects.exists()
    assert not AppealCounter.objects.exists()


def test_the_service_refuses_a_place_no_akimat_serves(unserved):
    draft = intake.AppealDraft(
        channel="portal", kind="statement", topic="roads", text=TEXT,
        place=intake.Place(territory=unserved),
    )  # fmt: skip
    with translation.override("ru"), pytest.raises(intake.NoServingOffice) as refused:
        intake.appeal_register(draft=draft)
    assert str(refused.value) == "Это место пока не обслуживает ни один акимат. Выберите другое."
    _nothing_saved()


def test_the_portal_says_no_akimat_serves_the_place(client, tree, unserved):
    from tyndau.appeals.models import Topic

    response = client.post(
        "/kk/appeal/new/",
        {
            "territory": unserved.pk,
            "topic": Topic.objects.get(code="roads").pk,
            "kind": "statement",
            "text": TEXT,
            "applicant_name": NAME,
            "phone": PHONE,
            "consent": "on",
            "client_key": uuid.uuid4().hex,
        },
    )
    assert response.status_code == 422
    assert "Бұл елді мекенге әзірге ешбір әкімдік қызмет көрсетпейді" in response.content.decode()
    _nothing_saved()


def test_rest_says_no_akimat_serves_the_place(clerk, unserved):
    response = api(clerk, "kk").post(
        "/api/v1/appeals/",
        {
            "territory": "151033100",
            "channel": "phone",
            "applicant_type": "individual",
            "kind": "statement",
            "topic": "roads",
            "text": TEXT,
            "applicant_name": NAME,
        },
        format="json",
    )
    assert response.status_code == 400
    assert "Бұл елді мекенге әзірге ешбір әкімдік" in response.json()["territory"][0]
    _nothing_saved()


def test_open311_says_no_akimat_serves_the_place(client, clerk, unserved):
    token = Token.objects.create(user=clerk).key
    response = client.post(
        "/open311/v2/requests.json",
        {
            "api_key": token,
            "service_code": "roads",
            "description": TEXT,
            "address_string": ADDRESS,
            "attribute[territory]": "151033100",
            "first_name": "Сейткали",
        },
        HTTP_ACCEPT_LANGUAGE="ru",
    )
    assert response.status_code == 400
    assert "не обслуживает ни один акимат" in response.content.decode()
    _nothing_saved()


# --- attachments ----------------------------------------------------------------------------


def test_attachments_are_checked_on_every_channel(tree, office):
    from django.core.files.uploadedfile import SimpleUploadedFile

    draft = intake.AppealDraft(
        channel="written", kind="statement", topic="roads", text=TEXT,
        place=intake.Place(office=office),
        attachments=(SimpleUploadedFile("virus.exe", b"MZ\x90\x00", "application/pdf"),),
    )  # fmt: skip
    with pytest.raises(DomainError) as refused:
        intake.appeal_register(draft=draft)
    assert refused.value.code == "attachments"
    _nothing_saved()
