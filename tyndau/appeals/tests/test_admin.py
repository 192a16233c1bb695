"""The admin shows appeals, their counters, files and ratings, and writes none of them."""

import pytest
from django.contrib.auth import get_user_model

from tyndau.appeals.models import Appeal, AppealCounter


@pytest.fixture
def admin_client(client, db):
    admin = get_user_model().objects.create_superuser("root", "root@example.kz", "x")
    client.force_login(admin)
    return client


def test_an_appeal_is_shown_without_a_save_button(admin_client, register):
    appeal = register()
    page = admin_client.get(f"/admin/appeals/appeal/{appeal.pk}/change/")
    assert page.status_code == 200
    body = page.content.decode()
    assert appeal.number in body
    assert 'name="_save"' not in body
    assert 'name="co_executors"' not in body


def test_posting_a_changed_appeal_changes_nothing(admin_client, register, executor):
    appeal = register()
    response = admin_client.post(
        f"/admin/appeals/appeal/{appeal.pk}/change/",
        {"status": "closed", "co_executors": [executor.pk], "text": "другой"},
    )
    assert response.status_code == 403
    fresh = Appeal.objects.get(pk=appeal.pk)
    assert (fresh.status, fresh.text, fresh.version) == (appeal.status, appeal.text, 1)
    assert not fresh.co_executors.exists()


def test_the_counter_cannot_be_moved_by_hand(admin_client, register):
    appeal = register()
    counter = AppealCounter.objects.get()
    response = admin_client.post(
        f"/admin/appeals/appealcounter/{counter.pk}/change/",
        {"office": appeal.office_id, "year": counter.year, "last": 0},
    )
    assert response.status_code == 403
    assert AppealCounter.objects.get().last == 1


@pytest.mark.parametrize(
    "model", ["appeal", "appealcounter", "appealevent", "attachment", "rating"]
)
def test_nothing_of_an_appeal_is_added_or_deleted_in_the_admin(admin_client, register, model):
    appeal = register()
    assert admin_client.get(f"/admin/appeals/{model}/add/").status_code == 403
    assert admin_client.get(f"/admin/appeals/{model}/").status_code == 200
    response = admin_client.post(
        "/admin/appeals/appeal/",
        {"action": "delete_selected", "_selected_action": [appeal.pk], "post": "yes"},
    )
    assert Appeal.objects.filter(pk=appeal.pk).exists()
    assert response.status_code in (200, 302)
