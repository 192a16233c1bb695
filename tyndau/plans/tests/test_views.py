"""Staff pages (ru, kk) and public pages (kk, ru, en) of the development plan."""

import datetime as dt
import re
from decimal import Decimal

import pytest
from django.core import mail

from tyndau.plans import services
from tyndau.plans.models import Follower, Plan, PlanItem, PlanLink
from tyndau.territory.models import Role


@pytest.mark.parametrize("lang", ["ru", "kk"])
def test_staff_create_a_plan_and_an_item_in_the_browser(client, clerk, tree, lang):
    client.force_login(clerk)
    response = client.post(
        f"/{lang}/staff/plans/",
        {
            "territory": tree["111033000"].pk,
            "title_ru": "Проект развития",
            "title_kk": "Даму жобасы",
            "first_year": 2026,
            "last_year": 2028,
        },
    )
    plan = Plan.objects.get()
    assert response.status_code == 302
    response = client.post(
        f"/{lang}/staff/plans/{plan.pk}/items/new/",
        {"code": "1", "title_ru": "Дороги", "title_kk": "Жолдар", "status": "", "order": 0},
    )
    assert response.status_code == 200  # status is required: the form shows the error
    from tyndau.plans.models import ItemStatus

    response = client.post(
        f"/{lang}/staff/plans/{plan.pk}/items/new/",
        {
            "code": "1",
            "title_ru": "Дороги",
            "title_kk": "Жолдар",
            "status": ItemStatus.objects.get(code="planned").pk,
            "order": 0,
            "starts_on": "2026-05-01",
            "due_on": "2027-10-01",
        },
    )
    item = PlanItem.objects.get()
    assert response.status_code == 302
    page = client.get(f"/{lang}/staff/plans/items/{item.pk}/")
    assert page.status_code == 200
    assert ("Ход работ" if lang == "ru" else "Жұмыс барысы") in page.content.decode()


def test_a_bad_date_range_is_shown_in_the_users_language_and_nothing_saved(
    client, clerk, plan, statuses
):
    client.force_login(clerk)
    response = client.post(
        f"/kk/staff/plans/{plan.pk}/items/new/",
        {
            "code": "1",
            "title_ru": "Д",
            "title_kk": "Ж",
            "status": statuses["planned"].pk,
            "order": 0,
            "starts_on": "2027-05-01",
            "due_on": "2026-05-01",
        },
    )
    assert response.status_code == 200
    assert "Орындау мерзімі басталу күнінен бұрын болмайды" in response.content.decode()
    assert not PlanItem.objects.exists()


def test_an_analyst_cannot_edit_and_the_item_stays_as_it_was(client, make_staff, office, make_item):
    item = make_item(code="1", title_ru="Дороги")
    analyst = make_staff(Role.ANALYST, office)
    client.force_login(analyst)
    response = client.post(
        f"/ru/staff/plans/items/{item.pk}/financing/",
        {"source": "rural", "year": 2026, "planned": "100", "spent": "0"},
    )
    assert response.status_code == 403
    assert PlanItem.objects.get(pk=item.pk).planned_total == 0
    assert client.get(f"/ru/staff/plans/items/{item.pk}/edit/").status_code == 403


def test_a_neighbouring_office_gets_404(client, make_staff, neighbour_office, make_item):
    item = make_item(code="1")
    client.force_login(make_staff(Role.AKIM, neighbour_office))
    assert client.get(f"/ru/staff/plans/items/{item.pk}/").status_code == 404
    assert client.get(f"/ru/staff/plans/{item.plan_id}/").status_code == 404


def test_a_progress_entry_with_a_photo_from_the_page(client, clerk, make_item):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from tyndau.portal.tests.conftest import jpeg_with_gps

    item = make_item(code="1")
    client.force_login(clerk)
    response = client.post(
        f"/ru/staff/plans/items/{item.pk}/progress/",
        {
            "on": "2026-06-01",
            "percent": "40",
            "text": "Уложен асфальт",
            "photos": [SimpleUploadedFile("a.jpg", jpeg_with_gps(), content_type="image/jpeg")],
        },
    )
    assert response.status_code == 302
    entry = item.entries.get()
    assert entry.photos.count() == 1
    assert PlanItem.objects.get(pk=item.pk).progress == Decimal("40.00")


def test_import_with_bad_rows_shows_every_row_and_saves_nothing(client, clerk, plan):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.force_login(clerk)
    upload = SimpleUploadedFile(
        "items.csv",
        "code,title_ru,title_kk,due_on\n1,Дороги,Жолдар,2027-01-01\n2,,Су,2027-13-01\n".encode(),
    )
    response = client.post(f"/ru/staff/plans/{plan.pk}/import/", {"kind": "items", "file": upload})
    assert response.status_code == 400
    body = response.content.decode()
    assert "строка 3" in body
    assert not PlanItem.objects.exists()


@pytest.mark.parametrize("lang", ["kk", "ru", "en"])
def test_public_plan_and_item_pages(client, plan, make_item, clerk, lang):
    roads = make_item(code="1", title_ru="Дороги", title_kk="Жолдар", title_en="Roads")
    street = make_item(
        parent=roads,
        code="1.1",
        title_ru="Улица Сейфуллина",
        title_kk="Сейфуллин көшесі",
        title_en="Seifullin street",
        money="200000000",
        latitude=53.29,
        longitude=69.39,
    )
    services.financing_set(
        item=street,
        source="rural",
        year=2026,
        planned=Decimal("200000000"),
        spent=Decimal("80000000"),
        by=clerk,
    )
    services.progress_add(
        item=street, on=dt.date(2026, 6, 1), percent=40, text="Работы идут", by=clerk
    )
    page = client.get(f"/{lang}/plan/{plan.pk}/")
    assert page.status_code == 200
    assert {"kk": "Сейфуллин көшесі", "ru": "Улица Сейфуллина", "en": "Seifullin street"}[
        lang
    ] in page.content.decode()
    page = client.get(f"/{lang}/plan/items/{street.pk}/")
    body = page.content.decode()
    digits = body.replace("\xa0", "").replace(",", "").replace(" ", "")
    assert 'id="item-spent">80000000<' in digits
    assert "Работы идут" in body


def test_the_tracking_page_shows_the_item_that_answers_the_appeal(
    client, file_appeal, make_item, clerk
):
    appeal = file_appeal(text="Отремонтируйте улицу Сейфуллина, звоните 87015551234")
    item = make_item(code="1", title_ru="Ремонт улицы Сейфуллина", due_on=dt.date(2027, 10, 1))
    services.link_add(item=item, appeal=appeal, by=clerk)
    page = client.get(f"/ru/track/{appeal.number}/{appeal.tracking_code}/")
    section = page.content.decode().split('id="answered-by"')[1].split("</section>")[0]
    assert "Ремонт улицы Сейфуллина" in section
    assert "2027" in section
    public = client.get(f"/ru/plan/items/{item.pk}/").content.decode()
    assert appeal.number in public
    assert "87015551234" not in public  # the public list is anonymised
    assert "Серикова" not in public


def test_staff_link_an_appeal_from_its_own_page(client, clerk, file_appeal, make_item):
    appeal = file_appeal()
    item = make_item(code="1")
    client.force_login(clerk)
    assert client.get(f"/ru/staff/appeals/{appeal.pk}/").status_code == 200
    response = client.post(f"/ru/staff/plans/link/appeal/{appeal.pk}/", {"item": item.pk})
    assert response.status_code == 302
    assert PlanLink.objects.filter(item=item, appeal=appeal).exists()
    plan_page = client.get(f"/ru/staff/plans/{item.plan_id}/").content.decode()
    assert 'data-appeals="1"' in plan_page


def test_followers_get_an_email_and_an_sms_on_a_new_entry(
    client, make_item, clerk, django_capture_on_commit_callbacks
):
    from tyndau.core import sms

    item = make_item(code="1", title_ru="Котельная", title_kk="Қазандық")
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/kk/plan/items/{item.pk}/follow/", {"email": "resident@example.kz"})
        client.post(f"/ru/plan/items/{item.pk}/follow/", {"phone": "+7 701 000 00 00"})
    assert Follower.objects.count() == 2
    # the e-mail address is asked to confirm, in the follower's language
    assert len(mail.outbox) == 1 and "Қазандық" in mail.outbox[0].body
    link = re.search(r"http\S+/kk/plan/follow/confirm/\w+/", mail.outbox[0].body).group(0)
    path = link.split("://", 1)[1].split("/", 1)[1]
    client.post(f"/{path}")
    mail.outbox.clear()
    sms.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.progress_add(
            item=item, on=dt.date(2026, 6, 1), percent=10, text="Фундамент", by=clerk
        )
    assert len(mail.outbox) == 1
    assert "Қазандық: 10% орындалды. Фундамент" in mail.outbox[0].body  # in the follower's language
    assert sms.outbox and sms.outbox[-1][0] == "+7 701 000 00 00"


def test_an_unconfirmed_email_gets_nothing_but_the_confirmation(
    client, make_item, clerk, django_capture_on_commit_callbacks
):
    item = make_item(code="1", title_ru="Котельная", title_kk="Қазандық")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/ru/plan/items/{item.pk}/follow/", {"email": "x@example.kz"})
    assert response.status_code == 302 and len(mail.outbox) == 1
    follower = Follower.objects.get()
    assert follower.confirmed_at is None
    page = client.get(f"/ru/plan/follow/confirm/{follower.token}/")
    assert page.status_code == 200 and Follower.objects.get().confirmed_at is None  # GET: no
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.progress_add(item=item, on=dt.date(2026, 6, 1), percent=10, text="Старт", by=clerk)
    assert mail.outbox == []
    client.post("/ru/plan/follow/confirm/not-a-token/")
    assert Follower.objects.get().confirmed_at is None
