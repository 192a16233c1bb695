"""Nothing public before a person looks: moderation queue, publish, keep private, opt-out."""

import pytest

from tyndau.appeals.models import Appeal
from tyndau.privacy import services
from tyndau.privacy.models import Publication

from .conftest import SECRETS


def _public_pages(client, appeal) -> str:
    pages = [
        client.get("/ru/appeals/"),
        client.get(f"/ru/appeals/{appeal.pk}/"),
        client.get("/open311/v2/requests.json"),
        client.get("/ru/"),
    ]
    return "\n".join(p.content.decode() for p in pages)


def test_a_new_appeal_is_not_public_until_a_clerk_publishes_it(client, register, clerk):
    appeal = register()
    assert client.get(f"/ru/appeals/{appeal.pk}/").status_code == 404
    assert appeal.number not in _public_pages(client, appeal)

    client.force_login(clerk)
    queue = client.get("/ru/staff/privacy/moderation/")
    html = queue.content.decode()
    assert queue.status_code == 200
    assert appeal.number in html
    assert 'data-count="pending"' in html and "<strong>1</strong>" in html
    # the clerk starts from the anonymised text
    for secret in SECRETS:
        assert secret not in html, secret
    response = client.post(
        f"/ru/staff/privacy/moderation/{appeal.pk}/publish/",
        {"text": "Нет воды на Абая, живёт Ахметов, ИИН 880101300123.", "version": 1},
    )
    assert response.status_code == 302
    client.logout()
    shown = _public_pages(client, appeal)
    assert appeal.number in shown
    assert "Нет воды на Абая" in shown
    # what the clerk typed back in went through the anonymiser again
    assert "880101300123" not in shown and "Ахметов" not in shown


def test_keep_private_keeps_it_off_every_public_page(client, register, clerk):
    appeal = register()
    client.force_login(clerk)
    client.post(f"/ru/staff/privacy/moderation/{appeal.pk}/private/", {"version": 1})
    assert Publication.objects.get(appeal=appeal).state == Publication.State.PRIVATE
    client.logout()
    assert appeal.number not in _public_pages(client, appeal)


def test_the_applicant_can_ask_for_no_publication(register, clerk):
    appeal = register()
    publication = services.publication_create(appeal=appeal, declined=True)
    assert publication.state == Publication.State.PRIVATE
    with pytest.raises(Exception) as error:
        services.publication_publish(publication=publication, text="Текст", by=clerk)
    assert "asked not to publish" in str(error.value) or "просил" in str(error.value)
    assert Publication.objects.get(pk=publication.pk).state == Publication.State.PRIVATE


def test_the_portal_form_offers_no_publication_and_private_words(client, tree):
    page = client.get("/ru/appeal/new/").content.decode()
    assert 'name="no_publication"' in page and 'name="private_terms"' in page


def test_two_clerks_moderating_at_once_the_second_is_refused(client, register, clerk):
    appeal = register()
    publication = services.publication_create(appeal=appeal)
    services.publication_publish(publication=publication, text="Первый текст", by=clerk)
    stale = Publication.objects.get(pk=publication.pk)
    stale.version = 1
    from tyndau.core.errors import ConflictError

    with pytest.raises(ConflictError):
        services.publication_keep_private(publication=stale, by=clerk, expected_version=1)
    fresh = Publication.objects.get(pk=publication.pk)
    assert (fresh.state, fresh.public_text) == (Publication.State.PUBLISHED, "Первый текст")


def test_the_queue_is_only_for_the_own_office_and_other_appeals_do_not_exist(
    client, register, staff
):
    appeal = register()
    for key in (("above", "clerk"), ("neighbour", "clerk")):
        client.force_login(staff[key])
        queue = client.get("/ru/staff/privacy/moderation/")
        assert appeal.number not in queue.content.decode()
        response = client.post(f"/ru/staff/privacy/moderation/{appeal.pk}/publish/", {"text": "x"})
        assert response.status_code == 404
    assert not Publication.objects.filter(appeal=appeal).exists()
    client.force_login(staff[("own", "analyst")])
    assert client.get("/ru/staff/privacy/moderation/").status_code == 403


@pytest.mark.parametrize("language,word", [("kk", "Модерация"), ("ru", "Модерация")])
def test_the_moderation_page_speaks_kazakh_and_russian(client, register, clerk, language, word):
    register()
    client.force_login(clerk)
    html = client.get(f"/{language}/staff/privacy/moderation/").content.decode()
    assert word in html
    assert Appeal.objects.count() == 1
