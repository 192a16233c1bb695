"""The applicant challenges an answer (обжалование): from the tracking page of the answered
appeal, a complaint linked to the original goes to the office above, with its own legal
term in working days; both timelines show it."""

import datetime as dt

import pytest
from django.urls import reverse

from tyndau.appeals import services
from tyndau.appeals.models import Appeal, AppealEvent, Kind, Outcome, Status
from tyndau.core import calendar
from tyndau.core.errors import DomainError

pytestmark = pytest.mark.django_db

REASON = "Шұңқыр әлі де бар, жауап шындыққа сай емес."


@pytest.fixture
def answered(file_appeal, answer, clerk):
    def make(**fields):
        appeal = file_appeal(**fields)
        return answer(appeal=appeal, outcome=Outcome.REFUSED, text="Қаражат жоқ.", by=clerk)

    return make


def _track(appeal, suffix=""):
    return reverse("portal:track-detail", args=[appeal.number, appeal.tracking_code]) + suffix


def test_the_applicant_challenges_an_answer_to_the_office_above(
    client, answered, django_capture_on_commit_callbacks
):
    from django.core import mail

    appeal = answered(email="aigerim@example.kz")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/kk{_track(appeal)[3:]}challenge/", {"challenge-reason": REASON})
    assert response.status_code == 302
    complaint = Appeal.objects.get(challenged=appeal)
    assert complaint.office.territory.code == "111000000"  # Kokshetau, above Krasnoyarsk
    assert complaint.territory_id == appeal.territory_id
    assert (complaint.kind, complaint.channel, complaint.status) == (
        Kind.COMPLAINT,
        "portal",
        Status.REGISTERED,
    )
    assert complaint.text == REASON and complaint.language == "kk"
    assert complaint.phone == appeal.phone and complaint.applicant_name == appeal.applicant_name
    # Its own legal term: 20 working days from its registration (the KZ calendar).
    assert complaint.due_on == calendar.add_working_days(complaint.registered_on, 20)
    assert not complaint.repeated  # a complaint to the office above is not a repeat
    # Both timelines, and the applicant gets the complaint's own link.
    assert appeal.events.filter(
        kind=AppealEvent.Kind.CHALLENGED, data__complaint=complaint.number
    ).exists()
    assert complaint.events.filter(
        kind=AppealEvent.Kind.CHALLENGE_FILED, data__original=appeal.number
    ).exists()
    assert any(complaint.number in m.body for m in mail.outbox)
    page = client.get(_track(appeal)).content.decode()
    assert 'id="challenge-number"' in page and complaint.number in page
    complaint_page = client.get(_track(complaint)).content.decode()
    assert appeal.number in complaint_page


def test_an_answer_is_challenged_once_a_retry_returns_the_same_complaint(answered):
    appeal = answered()
    first = services.appeal_challenge(appeal=appeal, reason=REASON)
    again = services.appeal_challenge(appeal=Appeal.objects.get(pk=appeal.pk), reason=REASON)
    assert again.pk == first.pk
    assert Appeal.objects.filter(challenged=appeal).count() == 1
    assert "уже обжалован" in services.appeal_challenge_refusal(appeal=appeal)


def test_an_open_appeal_cannot_be_challenged_and_nothing_is_saved(client, file_appeal):
    appeal = file_appeal()
    before = Appeal.objects.count()
    response = client.post(f"{_track(appeal)}challenge/", {"challenge-reason": REASON})
    assert response.status_code == 422
    assert "Обжаловать можно только ответ" in response.content.decode()
    assert Appeal.objects.count() == before
    assert not appeal.events.filter(kind=AppealEvent.Kind.CHALLENGED).exists()


def test_an_empty_reason_is_refused_and_the_form_comes_back(client, answered):
    appeal = answered()
    response = client.post(f"{_track(appeal)}challenge/", {"challenge-reason": "  "})
    assert response.status_code == 422
    assert 'id="challenge"' in response.content.decode()
    assert not Appeal.objects.filter(challenged=appeal).exists()
    with pytest.raises(DomainError):
        services.appeal_challenge(appeal=appeal, reason="")


def test_after_three_months_the_answer_can_no_longer_be_challenged(answered):
    appeal = answered()
    late = calendar.months_later(appeal.decided_on, 3) + dt.timedelta(days=1)
    assert "трёх месяцев" in services.appeal_challenge_refusal(appeal=appeal, today=late)
    assert services.appeal_challenge_refusal(appeal=appeal, today=appeal.decided_on) is None


def test_the_top_office_has_no_office_above(answered, tree):
    from tyndau.territory.models import Office

    appeal = answered()
    oblast = Office.objects.get(territory__code="110000000")
    Appeal.objects.filter(pk=appeal.pk).update(office=oblast)
    appeal.refresh_from_db()
    assert services.appeal_challenge_refusal(appeal=appeal).startswith("Нет вышестоящего акимата")


def test_a_wrong_code_cannot_challenge(client, answered):
    appeal = answered()
    response = client.post(
        f"/ru/track/{appeal.number}/WRONGCODE00/challenge/", {"challenge-reason": REASON}
    )
    assert response.status_code == 404
    assert not Appeal.objects.filter(challenged=appeal).exists()


def test_staff_of_the_office_above_see_the_link_to_the_original(client, answered, make_staff):
    from tyndau.territory.models import Office, Role

    appeal = answered()
    complaint = services.appeal_challenge(appeal=appeal, reason=REASON)
    city_clerk = make_staff(Role.CLERK, Office.objects.get(territory__code="111000000"))
    client.force_login(city_clerk)
    page = client.get(f"/ru/staff/appeals/{complaint.pk}/").content.decode()
    assert f'href="/ru/staff/appeals/{appeal.pk}/"' in page
    assert "по поводу ответа на обращение" in page


def test_a_complaint_waits_for_moderation_and_keeps_the_applicants_no_to_publication(
    answered,
):
    """The complaint is the resident's own filing: like any portal appeal it is public only
    after a clerk looks, and an applicant who declined publication declined it for both."""
    from tyndau.privacy.models import Publication

    def publication_of(appeal):
        return Publication.objects.get(
            appeal=services.appeal_challenge(appeal=appeal, reason=REASON)
        )

    open_one = answered()
    assert publication_of(open_one).state == Publication.State.PENDING
    declined = answered(publish=False)
    Publication.objects.filter(appeal=declined).update(
        applicant_declined=True, state=Publication.State.PRIVATE, private_terms="диабет"
    )
    kept = publication_of(Appeal.objects.get(pk=declined.pk))
    assert (kept.state, kept.applicant_declined, kept.private_terms) == (
        Publication.State.PRIVATE,
        True,
        "диабет",
    )
    assert not Appeal.objects.public().filter(kind=Kind.COMPLAINT).exists()
