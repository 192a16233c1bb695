"""A signed-in resident says "this affects me too" about a public appeal: once per account,
undone at will; staff see the count on the appeal page and in the inbox, and it feeds the
risk score."""

import pytest
from django.contrib.auth import get_user_model
from django.core import mail

from tyndau.appeals import services
from tyndau.appeals.models import Appeal, AppealFollow, RiskRule
from tyndau.core import sms
from tyndau.core.errors import DomainError


@pytest.fixture
def resident(db):
    def make(phone):
        return get_user_model().objects.create(
            username=f"resident-{phone}", verified_phone=phone, phone=f"+7{phone}"
        )

    return make


def _follow(client, user, appeal, follow="1", language="kk"):
    client.force_login(user)
    return client.post(f"/{language}/appeals/{appeal.pk}/follow/", {"follow": follow})


def test_a_neighbour_supports_a_public_appeal_once_and_can_withdraw(client, file_appeal, resident):
    appeal = file_appeal()
    neighbour = resident("7029990011")
    response = _follow(client, neighbour, appeal)
    assert response.status_code == 302
    page = client.get(f"/kk/appeals/{appeal.pk}/").content.decode()
    assert "Сіз бұл өтінішті қолдайсыз" in page
    assert Appeal.objects.get(pk=appeal.pk).supporters == 1

    _follow(client, neighbour, appeal)  # a second time: refused, still one
    assert Appeal.objects.get(pk=appeal.pk).supporters == 1
    assert AppealFollow.objects.filter(appeal=appeal).count() == 1

    _follow(client, neighbour, appeal, follow="0")
    assert Appeal.objects.get(pk=appeal.pk).supporters == 0
    assert not AppealFollow.objects.filter(appeal=appeal).exists()
    assert "Бұл маған да қатысты" in client.get(f"/kk/appeals/{appeal.pk}/").content.decode()


def test_a_second_follow_is_refused_by_the_service_with_a_message(file_appeal, resident):
    appeal = file_appeal()
    neighbour = resident("7029990011")
    services.appeal_follow(appeal=appeal, user=neighbour)
    with pytest.raises(DomainError, match="уже поддержали"):
        services.appeal_follow(appeal=Appeal.objects.get(pk=appeal.pk), user=neighbour)
    assert Appeal.objects.get(pk=appeal.pk).supporters == 1


def test_the_applicant_cannot_support_their_own_appeal(client, file_appeal, resident):
    appeal = file_appeal(phone="+7 701 555 12 34")
    owner = resident("7015551234")
    _follow(client, owner, appeal, language="ru")
    assert Appeal.objects.get(pk=appeal.pk).supporters == 0
    page = client.get(f"/ru/appeals/{appeal.pk}/").content.decode()
    assert "Это ваше собственное обращение." in page


def test_a_visitor_who_is_not_signed_in_is_sent_to_sign_in_and_back(client, file_appeal):
    appeal = file_appeal()
    response = client.post(f"/ru/appeals/{appeal.pk}/follow/", {"follow": "1"})
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/ru/sign-in/?next=")
    client.get(response.headers["Location"])
    assert client.session["signin_next"] == f"/ru/appeals/{appeal.pk}/"
    assert Appeal.objects.get(pk=appeal.pk).supporters == 0


def test_a_staff_account_without_a_proved_contact_cannot_support(client, file_appeal, clerk):
    appeal = file_appeal()
    _follow(client, clerk, appeal, language="ru")
    assert Appeal.objects.get(pk=appeal.pk).supporters == 0


def test_an_unpublished_appeal_cannot_be_supported(client, file_appeal, resident):
    appeal = file_appeal(publish=False)
    response = _follow(client, resident("7029990011"), appeal)
    assert response.status_code == 404
    with pytest.raises(DomainError):
        services.appeal_follow(appeal=appeal, user=resident("7029990022"))
    assert Appeal.objects.get(pk=appeal.pk).supporters == 0


def test_supporters_feed_the_risk_score_and_withdrawing_takes_it_back(file_appeal, resident):
    rule = RiskRule.objects.get(code="supporters")
    assert (rule.points, rule.threshold) == (2, 3)
    appeal = file_appeal()
    base = Appeal.objects.get(pk=appeal.pk).risk_score
    people = [resident(f"70299900{i:02d}") for i in range(3)]
    for person in people[:2]:
        services.appeal_follow(appeal=appeal, user=person)
    assert Appeal.objects.get(pk=appeal.pk).risk_score == base  # two: below the threshold
    services.appeal_follow(appeal=appeal, user=people[2])
    fresh = Appeal.objects.get(pk=appeal.pk)
    assert fresh.risk_score == base + 2
    assert {"code": "supporters", "points": 2} in fresh.risk_reasons
    services.appeal_unfollow(appeal=fresh, user=people[0])
    assert Appeal.objects.get(pk=appeal.pk).risk_score == base


def test_following_does_not_make_a_clerks_open_form_stale(file_appeal, resident):
    appeal = file_appeal()
    seen = Appeal.objects.get(pk=appeal.pk).version
    services.appeal_follow(appeal=appeal, user=resident("7029990011"))
    assert Appeal.objects.get(pk=appeal.pk).version == seen


def test_staff_see_the_count_on_the_appeal_page_and_in_the_inbox(
    client, file_appeal, resident, clerk
):
    appeal = file_appeal()
    for i in range(2):
        services.appeal_follow(appeal=appeal, user=resident(f"70299900{i:02d}"))
    client.force_login(clerk)
    page = client.get(f"/ru/staff/appeals/{appeal.pk}/").content.decode()
    assert 'data-count="2"' in page and "2 сторонника" in page
    inbox = client.get("/ru/staff/appeals/").content.decode()
    assert "2 сторонника" in inbox


def test_my_appeals_lists_the_appeals_i_support(client, file_appeal, resident):
    appeal = file_appeal()
    other = file_appeal()
    neighbour = resident("7029990011")
    services.appeal_follow(appeal=appeal, user=neighbour)
    client.force_login(neighbour)
    page = client.get("/ru/track/mine/").content.decode()
    section = page.split('id="followed"')[1]
    assert appeal.number in section and other.number not in section


# ------------------------------------------------ supporters hear when it is answered

ANSWER = "Яму заделают до конца недели."


@pytest.fixture
def jobs(django_capture_on_commit_callbacks):
    """``with jobs():`` runs the notices queued inside (after the would-be commit)."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


@pytest.fixture
def outboxes():
    sms.outbox.clear()
    mail.outbox.clear()
    yield
    sms.outbox.clear()


@pytest.fixture
def supported(file_appeal, resident, executor, clerk):
    """A public appeal in work with two supporters: one by SMS (Kazakh), one by e-mail
    (Russian); a third withdrew."""
    appeal = file_appeal()
    by_phone = resident("7029990011")
    by_phone.preferred_language = "kk"
    by_phone.save()
    by_email = get_user_model().objects.create(
        username="resident-mail", verified_email="dana@example.kz", preferred_language="ru"
    )
    gone = resident("7050001122")
    for user in (by_phone, by_email, gone):
        services.appeal_follow(appeal=Appeal.objects.get(pk=appeal.pk), user=user)
    services.appeal_unfollow(appeal=Appeal.objects.get(pk=appeal.pk), user=gone)
    return services.appeal_assign(
        appeal=Appeal.objects.get(pk=appeal.pk), executor=executor, by=clerk
    )


def _to_supporters():
    texts = [text for phone, text in sms.outbox if phone == "+77029990011"]
    letters = [m for m in mail.outbox if m.to == ["dana@example.kz"]]
    return texts, letters


def test_each_supporter_hears_that_the_appeal_is_answered_in_their_language(
    supported, executor, jobs, outboxes
):
    with jobs():
        services.appeal_answer(appeal=supported, outcome="satisfied", text=ANSWER, by=executor)
    [text], [letter] = _to_supporters()
    number = supported.number
    assert number in text and f"/kk/appeals/{supported.pk}/" in text
    assert "жауап берілді" in text.lower()  # Kazakh
    assert number in letter.subject and f"/ru/appeals/{supported.pk}/" in letter.body
    assert "Прочитать ответ" in letter.body  # Russian
    # nothing of the applicant's or the answer's text, and nothing to whoever withdrew
    for notice in (text, letter.subject + letter.body):
        assert ANSWER not in notice and "Айгерим" not in notice and "Яма" not in notice
    assert not [p for p, _ in sms.outbox if p == "+77050001122"]


def test_supporters_hear_nothing_until_the_akim_signs_the_answer_off(
    supported, executor, akim, office, jobs, outboxes
):
    office.answers_need_sign_off = True
    office.save()
    with jobs():
        submitted = services.appeal_answer(
            appeal=Appeal.objects.get(pk=supported.pk),
            outcome="satisfied",
            text=ANSWER,
            by=executor,
        )
    assert _to_supporters() == ([], [])
    with jobs():
        services.appeal_approve(appeal=Appeal.objects.get(pk=submitted.pk), by=akim)
    texts, letters = _to_supporters()
    assert len(texts) == 1 and len(letters) == 1


def test_a_supporter_who_withdrew_before_the_notice_went_hears_nothing(
    supported, executor, outboxes
):
    from tyndau.appeals import tasks

    follow = AppealFollow.objects.filter(appeal=supported).first()
    user_id = follow.user_id
    services.appeal_unfollow(appeal=Appeal.objects.get(pk=supported.pk), user=follow.user)
    tasks.notify_follower(appeal_id=supported.pk, user_id=user_id)
    assert sms.outbox == [] and mail.outbox == []
