import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tyndau.appeals import services
from tyndau.appeals.models import Appeal, Status
from tyndau.appeals.tests.factories import register_appeal
from tyndau.territory.models import Office, Role

pytestmark = pytest.mark.django_db


@pytest.fixture
def clerk_client(client, clerk):
    client.force_login(clerk)
    return client


NEW = "/ru/staff/appeals/new/"


def post_new(client, office, **fields):
    """Post the clerk's fast form: a plain phone appeal, with ``fields`` changed."""
    data = {
        "office": office.pk,
        "channel": "phone",
        "applicant_type": "individual",
        "applicant_name": "Сидоров",
        "kind": "statement",
        "topic": "heating",
        "territory": office.territory.pk,
        "text": "Холодно",
        "signatories": 1,
        "language": "ru",
        **fields,
    }
    return client.post(NEW, data)


def test_inbox_lists_appeals_of_the_users_territory_only(clerk_client, register, neighbour_office):
    ours = register()
    theirs = register_appeal(
        office=neighbour_office,
        channel="phone",
        applicant_type="individual",
        kind="statement",
        topic="roads",
        text="Яма",
        applicant_name="Петров",
    )
    page = clerk_client.get("/ru/staff/appeals/").content.decode()
    assert ours.number in page
    assert theirs.number not in page


def test_inbox_filters_and_counts(clerk_client, register, executor, clerk):
    a = register(topic="roads")
    b = register(topic="water_supply")
    services.appeal_assign(appeal=b, executor=executor, by=clerk)
    response = clerk_client.get("/ru/staff/appeals/", {"topic": "roads"})
    body = response.content.decode()
    assert a.number in body and b.number not in body
    assert response.context["counts"]["all"] == 1
    response = clerk_client.get("/ru/staff/appeals/", {"status": "in_progress"})
    assert [x.number for x in response.context["page"]] == [b.number]
    # the status counts ignore the status filter itself
    assert response.context["counts"]["status_registered"] == 1
    assert response.context["counts"]["status_in_progress"] == 1


def test_overdue_and_due_within_filters(clerk_client, register):
    old = register()  # registered 2 Nov 2026, due 23 Nov 2026: overdue "today"
    fresh = register(received_at=None)
    response = clerk_client.get("/ru/staff/appeals/", {"overdue": "on"})
    numbers = [x.number for x in response.context["page"]]
    assert old.number in numbers and fresh.number not in numbers
    response = clerk_client.get("/ru/staff/appeals/", {"due_within": "60"})
    numbers = [x.number for x in response.context["page"]]
    assert fresh.number in numbers and old.number not in numbers


def test_search_finds_by_text_and_number(clerk_client, register):
    a = register(text="Прорвало трубу на улице Абая")
    b = register(text="Не вывозят мусор")
    response = clerk_client.get("/ru/staff/appeals/", {"q": "мусор"})
    numbers = [x.number for x in response.context["page"]]
    assert b.number in numbers and a.number not in numbers
    response = clerk_client.get("/ru/staff/appeals/", {"q": a.number})
    assert [x.number for x in response.context["page"]] == [a.number]


def test_my_tasks_show_only_the_executors_appeals(client, register, executor, clerk):
    mine = services.appeal_assign(appeal=register(), executor=executor, by=clerk)
    other = register()
    client.force_login(executor)
    numbers = [x.number for x in client.get("/ru/staff/appeals/mine/").context["page"]]
    assert numbers == [mine.number]
    assert other.number not in numbers


def test_inbox_query_count_does_not_grow_with_rows(clerk_client, register):
    register()
    with CaptureQueriesContext(connection) as few:
        clerk_client.get("/ru/staff/appeals/")
    for _ in range(30):
        register()
    with CaptureQueriesContext(connection) as many:
        clerk_client.get("/ru/staff/appeals/")
    assert len(many) == len(few)


def test_htmx_request_gets_only_the_results(clerk_client, register):
    register()
    response = clerk_client.get("/ru/staff/appeals/", headers={"HX-Request": "true"})
    body = response.content.decode()
    assert "<html" not in body and "data-count" in body


def test_people_without_a_role_cannot_open_the_inbox(client, django_user_model, tree):
    client.force_login(django_user_model.objects.create_user("resident", password="x-123456789"))
    assert client.get("/ru/staff/appeals/").status_code == 403


@pytest.mark.parametrize(
    "channel", ["written", "phone", "social", "personal_reception", "email", "meeting", "eotinish"]
)
def test_clerk_registers_from_each_channel_in_the_fast_form(clerk_client, office, channel):
    form = clerk_client.get(NEW).context["form"]
    response = post_new(
        clerk_client,
        office,
        channel=channel,
        applicant_name="Сидоров С.",
        iin="791028302728",
        phone="+77010000000",
        text="Холодно в квартире",
        client_key=form.initial["client_key"],
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    appeal = Appeal.objects.get()
    assert appeal.channel == channel
    assert response.headers["Location"] == reverse("appeals:detail", args=[appeal.pk])
    detail = clerk_client.get(response.headers["Location"]).content.decode()
    assert appeal.number in detail


def test_double_submit_of_the_form_creates_one_appeal(clerk_client, office):
    post_new(clerk_client, office, client_key="same-key-1")
    post_new(clerk_client, office, client_key="same-key-1")
    assert Appeal.objects.count() == 1


def test_bad_iin_in_the_form_shows_a_russian_message_and_saves_nothing(clerk_client, office):
    response = post_new(clerk_client, office, iin="791028302729")
    assert response.status_code == 200
    assert "контрольная цифра" in response.content.decode()
    assert Appeal.objects.count() == 0


def test_attachment_with_a_fake_type_is_refused(clerk_client, office):
    from django.core.files.uploadedfile import SimpleUploadedFile

    fake = SimpleUploadedFile("photo.jpg", b"MZ\x90\x00 not an image", content_type="image/jpeg")
    response = post_new(clerk_client, office, channel="written", attachments=fake)
    assert "Файл «photo.jpg» — не фото и не PDF-документ" in response.content.decode()
    assert Appeal.objects.count() == 0


def test_pdf_attachment_is_kept_and_downloadable(clerk_client, office):
    from django.core.files.uploadedfile import SimpleUploadedFile

    content = b"%PDF-1.4 test\n%%EOF\n"
    pdf = SimpleUploadedFile("letter.pdf", content, content_type="application/pdf")
    post_new(clerk_client, office, channel="written", attachments=pdf)
    appeal = Appeal.objects.get()
    item = appeal.attachments.get()
    response = clerk_client.get(reverse("appeals:attachment", args=[appeal.pk, item.pk]))
    assert b"".join(response.streaming_content) == content


def test_staff_photo_loses_its_gps_metadata(clerk_client, office):
    """The clerk's form cleans photos as the portal does: the EXIF (GPS) block is gone."""
    import io

    from django.core.files.uploadedfile import SimpleUploadedFile
    from PIL import Image

    exif = Image.Exif()
    exif[0x8825] = {2: (53.0, 17.0, 0.0)}  # GPS latitude
    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), "red").save(buffer, format="JPEG", exif=exif)
    assert b"Exif" in buffer.getvalue()
    photo = SimpleUploadedFile("yard.jpg", buffer.getvalue(), content_type="image/jpeg")
    post_new(clerk_client, office, channel="written", attachments=photo)
    item = Appeal.objects.get().attachments.get()
    with item.file.open("rb") as stored:
        data = stored.read()
    assert data.startswith(b"\xff\xd8\xff") and b"Exif" not in data


def test_slip_shows_number_date_and_registrar(clerk_client, register, clerk):
    appeal = register()
    body = clerk_client.get(reverse("appeals:slip", args=[appeal.pk])).content.decode()
    assert appeal.number in body and "02.11.2026" in body and str(clerk) in body


def test_whole_lifecycle_in_the_browser_forms(client, register, clerk, executor, akim):
    appeal = register()
    client.force_login(clerk)
    r = client.post(
        reverse("appeals:assign", args=[appeal.pk]), {"executor": executor.pk, "version": 1}
    )
    assert r.status_code == 302
    client.force_login(akim)
    r = client.post(
        reverse("appeals:extend", args=[appeal.pk]),
        {"until": "2026-12-20", "reason": "Экспертиза", "version": 2},
    )
    assert r.status_code == 302, r.content.decode()[:2000]
    client.force_login(executor)
    r = client.post(
        reverse("appeals:answer", args=[appeal.pk]),
        {"outcome": "satisfied", "text": "Сделано", "version": 3},
    )
    assert r.status_code == 302
    client.force_login(clerk)
    r = client.post(reverse("appeals:close", args=[appeal.pk]), {"version": 4})
    assert r.status_code == 302
    appeal.refresh_from_db()
    assert appeal.status == Status.CLOSED
    page = client.get(reverse("appeals:detail", args=[appeal.pk])).content.decode()
    for word in (
        "Зарегистрировано",
        "Назначен исполнитель",
        "Срок продлён",
        "Дан ответ",
        "Закрыто",
    ):
        assert word in page, word


def test_stale_form_gets_a_conflict_message(client, register, clerk, executor, akim):
    appeal = register()
    client.force_login(clerk)
    client.post(
        reverse("appeals:assign", args=[appeal.pk]), {"executor": executor.pk, "version": 1}
    )
    r = client.post(
        reverse("appeals:assign", args=[appeal.pk]), {"executor": akim.pk, "version": 1}
    )
    assert r.status_code == 409
    assert "изменил другой сотрудник" in r.content.decode()
    appeal.refresh_from_db()
    assert appeal.executor == executor


def test_forbidden_transition_shows_the_domain_message(client, register, executor):
    appeal = register()
    client.force_login(executor)  # not the executor of this appeal yet, and it's not assigned
    r = client.post(
        reverse("appeals:answer", args=[appeal.pk]),
        {"outcome": "satisfied", "text": "x", "version": 1},
    )
    assert r.status_code == 403


def test_neighbour_cannot_see_or_touch_our_appeal(client, register, make_staff, neighbour_office):
    appeal = register()
    client.force_login(make_staff(Role.AKIM, neighbour_office))
    assert client.get(reverse("appeals:detail", args=[appeal.pk])).status_code == 404
    r = client.post(reverse("appeals:close", args=[appeal.pk]), {"version": 1})
    assert r.status_code == 404


def test_analyst_sees_the_appeal_but_not_personal_data(client, register, make_staff):
    appeal = register()
    analyst = make_staff(Role.ANALYST, Office.objects.get(territory__code="111000000"))
    client.force_login(analyst)
    page = client.get(reverse("appeals:detail", args=[appeal.pk])).content.decode()
    assert appeal.number in page
    assert "791028302728" not in page and "+77011234567" not in page and "Иванов" not in page


def test_bulk_assign(clerk_client, register, executor):
    a, b = register(), register()
    r = clerk_client.post(
        reverse("appeals:bulk-assign"), {"appeal": [a.pk, b.pk], "executor": executor.pk}
    )
    assert r.status_code == 302
    assert set(Appeal.objects.values_list("executor", flat=True)) == {executor.pk}


def test_risk_map_counts_open_appeals_by_band(clerk_client, register):
    register(threat_to_life=True, latitude=53.28, longitude=69.39, received_at=None)  # red: 6
    register(signatories=12, received_at=None)  # yellow: 2 points
    r = clerk_client.get(reverse("appeals:risk-map"), {"format": "json"})
    data = r.json()
    assert (data["counts"]["red"], data["counts"]["yellow"]) == (1, 1)
    assert len(data["points"]) == 1
    page = clerk_client.get(reverse("appeals:risk-map")).content.decode()
    assert 'id="risk-map"' in page


def test_appeal_page_shows_which_rules_gave_points(clerk_client, register):
    appeal = register(threat_to_life=True, signatories=5)
    page = clerk_client.get(reverse("appeals:detail", args=[appeal.pk])).content.decode()
    assert "Угроза жизни или здоровью: +6" in page
    assert "Коллективное обращение: +2" in page


def test_kazakh_inbox(clerk_client, register):
    register()
    page = clerk_client.get("/kk/staff/appeals/").content.decode()
    assert "Өтініштер" in page


def test_received_at_in_the_form_sets_the_legal_registration_date(clerk_client, office):
    post_new(clerk_client, office, received_at="2026-11-27T20:15")
    assert Appeal.objects.get().registered_on == dt.date(2026, 11, 30)


def test_ratings_aggregate_by_executor_and_topic(clerk_client, register, executor, clerk):
    for score in (5, 3):
        appeal = services.appeal_assign(appeal=register(), executor=executor, by=clerk)
        appeal = services.appeal_answer(appeal=appeal, outcome="satisfied", text="Ок", by=executor)
        services.appeal_rate(appeal=appeal, score=score)
    response = clerk_client.get(reverse("appeals:ratings"))
    row = response.context["by_executor"][0]
    assert (row["n"], float(row["avg"])) == (2, 4.0)
    assert response.context["by_topic"][0]["name"] == "Водоснабжение"
    assert "4,0" in response.content.decode()


def test_inbox_shows_open_appeals_by_default_and_all_on_request(clerk_client, register, clerk):
    open_one = register()
    redirected = services.appeal_redirect(appeal=register(), to="Полиция", reason="", by=clerk)
    numbers = [a.number for a in clerk_client.get("/ru/staff/appeals/").context["page"]]
    assert numbers == [open_one.number]
    response = clerk_client.get("/ru/staff/appeals/", {"status": "all"})
    assert {a.number for a in response.context["page"]} == {open_one.number, redirected.number}
