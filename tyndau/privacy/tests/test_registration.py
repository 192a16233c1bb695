"""Registration and publication are one step (issue 17, point 3, with issue 11's intake):
the portal, REST and Open311 hand the applicant's word on publishing to
``intake.appeal_register``, which makes the publication in the registration's transaction.
A refused or failed publication leaves nothing: no appeal, no event, no number used."""

import uuid

import pytest
from django.core.cache import cache
from django.utils import translation

from tyndau.appeals import intake
from tyndau.appeals.models import Appeal, AppealCounter, AppealEvent
from tyndau.appeals.tests.test_intake import (
    ADDRESS,
    NAME,
    PHONE,
    TEXT,
    by_open311,
    by_portal,
    by_rest,
)
from tyndau.core.errors import DomainError
from tyndau.privacy import services as privacy
from tyndau.privacy.models import Publication


@pytest.fixture(autouse=True)
def _no_rate_limit(db):
    cache.clear()


def draft(office, **publication):
    return intake.AppealDraft.from_fields(
        office=office,
        territory=office.territory.children.get(code="111033100"),
        channel="portal",
        kind="statement",
        topic="roads",
        text=TEXT,
        applicant_name=NAME,
        phone=PHONE,
        client_key="k-1",
        publication=intake.Publication(**publication),
    )


def nothing_saved():
    return (
        Appeal.objects.count(),
        AppealEvent.objects.count(),
        Publication.objects.count(),
        sum(AppealCounter.objects.values_list("last", flat=True)),
    )


def test_registration_makes_the_publication_once_and_a_replay_makes_none(office, monkeypatch):
    first = intake.appeal_register(draft=draft(office, private_terms="диабет"))
    publication = Publication.objects.get(appeal=first.appeal)
    assert publication.state == Publication.State.PENDING
    assert publication.private_terms == "диабет"
    calls = []
    monkeypatch.setattr(privacy, "publication_create", lambda **kw: calls.append(kw))
    again = intake.appeal_register(draft=draft(office, private_terms="диабет"))
    assert again.replayed and again.appeal == first.appeal and calls == []
    assert Publication.objects.count() == 1


def test_the_applicant_declining_makes_it_private_at_once(office):
    registration = intake.appeal_register(draft=draft(office, declined=True))
    publication = Publication.objects.get(appeal=registration.appeal)
    assert publication.state == Publication.State.PRIVATE and publication.applicant_declined


def test_a_staff_channel_gets_no_publication(office, clerk):
    plain = intake.AppealDraft.from_fields(
        office=office, channel="written", kind="statement", topic="roads", text=TEXT,
        applicant_name=NAME,
    )  # fmt: skip
    registration = intake.appeal_register(draft=plain, by=clerk)
    assert not Publication.objects.filter(appeal=registration.appeal).exists()


def _refuse(**_kwargs):
    raise DomainError("Публикация отклонена.", code="publication")


def test_a_refused_publication_leaves_nothing_half_saved(office, monkeypatch):
    before = nothing_saved()
    monkeypatch.setattr(privacy, "publication_create", _refuse)
    with pytest.raises(DomainError):
        intake.appeal_register(draft=draft(office))
    assert nothing_saved() == before == (0, 0, 0, 0)
    monkeypatch.undo()
    registration = intake.appeal_register(draft=draft(office))
    assert registration.appeal.number.endswith("00001")  # no number was used up


def test_a_failed_publication_leaves_nothing_half_saved(office, monkeypatch):
    def fail(**_kwargs):
        raise RuntimeError("the database went away")

    monkeypatch.setattr(privacy, "publication_create", fail)
    with pytest.raises(RuntimeError):
        intake.appeal_register(draft=draft(office))
    assert nothing_saved() == (0, 0, 0, 0)


def test_the_portal_says_why_and_saves_nothing_when_publication_is_refused(
    client, tree, clerk, office, monkeypatch
):
    from tyndau.appeals.models import Topic

    monkeypatch.setattr(privacy, "publication_create", _refuse)
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
            "client_key": uuid.uuid4().hex,
        },
    )
    assert response.status_code == 422
    assert "Публикация отклонена." in response.content.decode()
    assert nothing_saved() == (0, 0, 0, 0)


@pytest.mark.parametrize("channel", [by_portal, by_rest, by_open311])
def test_every_resident_channel_registers_with_its_publication(
    channel, client, tree, clerk, office
):
    with translation.override("ru"):
        channel(client, tree, clerk, office)
    appeal = Appeal.objects.get()
    assert Publication.objects.get(appeal=appeal).state == Publication.State.PENDING
