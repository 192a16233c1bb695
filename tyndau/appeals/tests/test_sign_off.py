"""Sign-off of executors' answers (согласование) and the akim's special control (особый
контроль): what the executor, the deputy, the akim and the applicant each see and get."""

import datetime as dt

import pytest
import time_machine
from auditlog.models import LogEntry
from django.core import mail
from django.urls import reverse
from django.utils import translation

from tyndau.appeals import services, tasks
from tyndau.appeals.models import Appeal, AppealEvent, Status
from tyndau.core import calendar, sms
from tyndau.core.errors import DomainError, TransitionError
from tyndau.territory.models import Role

from .conftest import ALMATY

pytestmark = pytest.mark.django_db
ANSWER = "Водопровод на улице Ленина починят до пятницы."


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


@pytest.fixture(autouse=True)
def _empty_outboxes():
    sms.outbox.clear()
    mail.outbox.clear()
    yield
    sms.outbox.clear()


@pytest.fixture
def jobs(django_capture_on_commit_callbacks):
    """``with jobs():`` runs the notices queued inside (after the would-be commit)."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


@pytest.fixture
def signing_office(office):
    office.answers_need_sign_off = True
    office.save()
    return office


@pytest.fixture
def deputy(make_staff, office):
    return make_staff(Role.DEPUTY, office)


@pytest.fixture
def in_work(register, executor, clerk, signing_office):
    appeal = services.appeal_assign(appeal=register(), executor=executor, by=clerk)
    mail.outbox.clear()
    sms.outbox.clear()
    return appeal


@pytest.fixture
def submitted(in_work, executor, jobs):
    with jobs():
        appeal = services.appeal_answer(
            appeal=in_work, outcome="satisfied", text=ANSWER, by=executor
        )
    mail.outbox.clear()
    return appeal


def to_applicant() -> list:
    return [m for m in mail.outbox if "ivanov@example.kz" in m.to] + list(sms.outbox)


def row(appeal) -> dict:
    return Appeal.objects.filter(pk=appeal.pk).values().get()


# --- the executor answers -------------------------------------------------------------------


def test_an_executors_answer_waits_for_sign_off_and_the_applicant_hears_nothing(
    in_work, executor, akim, deputy, jobs
):
    with jobs():
        appeal = services.appeal_answer(
            appeal=in_work, outcome="satisfied", text=ANSWER, by=executor
        )
    appeal.refresh_from_db()
    assert appeal.status == Status.FOR_SIGN_OFF
    assert (appeal.outcome, appeal.answer_text, appeal.decided_on) == ("", "", None)
    assert (appeal.draft_outcome, appeal.draft_answer) == ("satisfied", ANSWER)
    assert appeal.is_open  # the term still runs
    assert to_applicant() == []
    # the akim and the deputy are asked to sign off
    asked = {m.to[0] for m in mail.outbox}
    assert asked == {akim.email, deputy.email}
    assert all(appeal.number in m.subject for m in mail.outbox)  # in their own language
    assert appeal.events.filter(kind=AppealEvent.Kind.SUBMITTED, actor=executor).exists()


def test_without_the_office_setting_the_executors_answer_goes_straight_out(
    register, executor, clerk, office, jobs
):
    appeal = services.appeal_assign(appeal=register(), executor=executor, by=clerk)
    with jobs():
        appeal = services.appeal_answer(
            appeal=appeal, outcome="satisfied", text=ANSWER, by=executor
        )
    assert Appeal.objects.get(pk=appeal.pk).status == Status.ANSWERED
    assert [m for m in mail.outbox if "ivanov@example.kz" in m.to]


@pytest.mark.parametrize("role", [Role.AKIM, Role.DEPUTY])
def test_a_leaders_own_answer_needs_no_sign_off(role, in_work, make_staff, signing_office, jobs):
    leader = make_staff(role, signing_office)
    with jobs():
        services.appeal_answer(appeal=in_work, outcome="explained", text=ANSWER, by=leader)
    appeal = Appeal.objects.get(pk=in_work.pk)
    assert appeal.status == Status.ANSWERED and appeal.answer_text == ANSWER
    assert [m for m in mail.outbox if "ivanov@example.kz" in m.to]


def test_the_resident_does_not_see_an_answer_awaiting_sign_off(client, submitted):
    appeal = Appeal.objects.get(pk=submitted.pk)
    r = client.get(reverse("portal:track-detail", args=[appeal.number, appeal.tracking_code]))
    assert r.status_code == 200
    assert ANSWER not in r.content.decode()
    assert "awaiting sign-off" in r.content.decode()


# --- approve ---------------------------------------------------------------------------------


def test_the_deputy_approves_and_the_applicant_gets_the_answer(submitted, deputy, executor, jobs):
    with jobs():
        services.appeal_approve(appeal=submitted, by=deputy)
    appeal = Appeal.objects.get(pk=submitted.pk)
    assert appeal.status == Status.ANSWERED
    assert (appeal.outcome, appeal.answer_text) == ("satisfied", ANSWER)
    assert appeal.decided_on == calendar.today()
    assert (appeal.draft_outcome, appeal.draft_answer) == ("", "")
    kinds = list(appeal.events.values_list("kind", "actor"))
    assert kinds[-3:-1] == [
        (AppealEvent.Kind.APPROVED, deputy.pk),
        (AppealEvent.Kind.ANSWERED, executor.pk),  # the author stays the executor
    ]
    [notice] = [m for m in mail.outbox if "ivanov@example.kz" in m.to]
    assert ANSWER in notice.body and "/track/" in notice.body  # in the appeal's language
    # the notice links to the rating form of the appeal's page, in the SMS too
    assert f"/track/{appeal.number}/{appeal.tracking_code}/#rate" in notice.body
    [(_, text)] = sms.outbox
    assert text.endswith(f"/track/{appeal.number}/{appeal.tracking_code}/#rate")
    # audited: the status change is in the audit log
    changes = [e.changes for e in LogEntry.objects.get_for_object(appeal)]
    assert any(c.get("status") == ["for_sign_off", "answered"] for c in changes)


@pytest.mark.parametrize("role", [Role.EXECUTOR, Role.CLERK, Role.ANALYST])
def test_only_the_akim_or_a_deputy_may_approve(role, client, submitted, make_staff, office, jobs):
    user = make_staff(role, office)
    before = row(submitted)
    assert not user.has_perm("appeals.approve_appeal", submitted)
    client.force_login(user)
    with jobs():
        r = client.post(
            reverse("appeals:approve", args=[submitted.pk]), {"version": submitted.version}
        )
    assert r.status_code == 403
    assert row(submitted) == before
    assert to_applicant() == []


def test_an_answer_in_work_cannot_be_approved(in_work, akim):
    before = row(in_work)
    with pytest.raises(TransitionError):
        services.appeal_approve(appeal=in_work, by=akim)
    assert row(in_work) == before


# --- return ----------------------------------------------------------------------------------


def test_the_akim_returns_the_answer_with_a_comment_and_the_executor_reworks_it(
    client, submitted, akim, executor, jobs
):
    client.force_login(akim)
    with jobs():
        r = client.post(
            reverse("appeals:return", args=[submitted.pk]),
            {"version": submitted.version, "comment": "Укажите точный срок ремонта."},
        )
    assert r.status_code == 302
    appeal = Appeal.objects.get(pk=submitted.pk)
    assert appeal.status == Status.IN_PROGRESS and appeal.answer_text == ""
    assert appeal.draft_answer == ANSWER  # kept for the executor to correct
    [note] = [m for m in mail.outbox if m.to == [executor.email]]
    assert "Укажите точный срок ремонта." in note.body
    assert to_applicant() == []
    # the executor sees the comment and the draft in the answer form
    client.force_login(executor)
    page = client.get(reverse("appeals:detail", args=[appeal.pk]))
    assert "Укажите точный срок ремонта." in page.content.decode()
    assert page.context["forms"]["answer"].initial["text"] == ANSWER
    # and sends it again
    services.appeal_answer(
        appeal=appeal, outcome="satisfied", text=ANSWER + " В пятницу.", by=executor
    )
    assert Appeal.objects.get(pk=appeal.pk).status == Status.FOR_SIGN_OFF


def test_a_returned_extended_appeal_goes_back_to_extended(in_work, akim, executor):
    until = calendar.add_working_days(in_work.due_on, 5)
    appeal = services.appeal_extend(appeal=in_work, until=until, reason="Экспертиза", by=akim)
    appeal = services.appeal_answer(appeal=appeal, outcome="explained", text=ANSWER, by=executor)
    services.appeal_return(appeal=appeal, comment="Дополните", by=akim)
    assert Appeal.objects.get(pk=appeal.pk).status == Status.EXTENDED


def test_a_return_without_a_comment_is_refused_and_changes_nothing(client, submitted, akim):
    before = row(submitted)
    with pytest.raises(DomainError):
        services.appeal_return(appeal=submitted, comment="  ", by=akim)
    assert row(submitted) == before
    client.force_login(akim)
    r = client.post(
        reverse("appeals:return", args=[submitted.pk]),
        {"version": submitted.version, "comment": ""},
    )
    assert r.status_code == 400
    assert row(submitted) == before


# --- special control -------------------------------------------------------------------------


def test_the_akim_puts_an_appeal_on_special_control_from_its_page(client, in_work, akim):
    client.force_login(akim)
    page = client.get(reverse("appeals:detail", args=[in_work.pk]))
    assert "Put on special control" in page.content.decode()
    r = client.post(
        reverse("appeals:control", args=[in_work.pk]), {"version": in_work.version, "on": "True"}
    )
    assert r.status_code == 302
    appeal = Appeal.objects.get(pk=in_work.pk)
    assert appeal.special_control and appeal.special_control_since == calendar.today()
    assert appeal.events.filter(kind=AppealEvent.Kind.CONTROL_ON, actor=akim).exists()
    page = client.get(reverse("appeals:detail", args=[in_work.pk]))
    assert "Take off special control" in page.content.decode()
    assert 'data-special-control="1"' in page.content.decode()
    r = client.post(
        reverse("appeals:control", args=[in_work.pk]),
        {"version": appeal.version, "on": "False"},
    )
    assert r.status_code == 302
    assert not Appeal.objects.get(pk=in_work.pk).special_control


@pytest.mark.parametrize("role", [Role.DEPUTY, Role.CLERK, Role.EXECUTOR])
def test_only_the_akim_puts_on_special_control(role, client, in_work, make_staff, office):
    user = make_staff(role, office)
    before = row(in_work)
    client.force_login(user)
    r = client.post(
        reverse("appeals:control", args=[in_work.pk]), {"version": in_work.version, "on": "True"}
    )
    assert r.status_code == 403
    assert row(in_work) == before


def test_on_special_control_only_the_akim_signs_off(client, submitted, akim, deputy):
    appeal = services.appeal_control(appeal=submitted, on=True, by=akim)
    assert not deputy.has_perm("appeals.approve_appeal", appeal)
    assert akim.has_perm("appeals.approve_appeal", appeal)
    before = row(appeal)
    with pytest.raises(TransitionError, match="special control"):
        services.appeal_approve(appeal=appeal, by=deputy)
    assert row(appeal) == before
    client.force_login(deputy)
    r = client.post(reverse("appeals:approve", args=[appeal.pk]), {"version": appeal.version})
    assert r.status_code == 400
    assert "special control" in r.content.decode()
    assert row(appeal) == before
    services.appeal_approve(appeal=appeal, by=akim)
    assert Appeal.objects.get(pk=appeal.pk).status == Status.ANSWERED


def test_on_special_control_only_the_akim_closes(register, clerk, akim, deputy):
    appeal = services.appeal_redirect(appeal=register(), to="Полиция", reason="", by=clerk)
    appeal = services.appeal_control(appeal=appeal, on=True, by=akim)
    for user in (clerk, deputy):
        assert not user.has_perm("appeals.close_appeal", appeal)
        before = row(appeal)
        with pytest.raises(TransitionError):
            services.appeal_close(appeal=appeal, by=user)
        assert row(appeal) == before
    services.appeal_close(appeal=appeal, by=akim)
    assert Appeal.objects.get(pk=appeal.pk).status == Status.CLOSED


def test_the_akim_gets_the_reminders_of_appeals_on_special_control(in_work, akim, executor):
    services.appeal_control(appeal=in_work, on=True, by=akim)
    day = dt.date(2026, 11, 18)  # 3 working days before the deadline, 23 November
    with time_machine.travel(dt.datetime(day.year, day.month, day.day, 10, tzinfo=ALMATY)):
        assert tasks.remind_executors() == 1
    assert sorted(m.to[0] for m in mail.outbox) == sorted([akim.email, executor.email])


def test_an_answer_awaiting_sign_off_reminds_the_leaders_not_the_executor(
    submitted, akim, deputy, executor
):
    day = dt.date(2026, 11, 20)  # 1 working day before the deadline, 23 November
    with time_machine.travel(dt.datetime(day.year, day.month, day.day, 10, tzinfo=ALMATY)):
        assert tasks.remind_executors() == 1
    assert sorted(m.to[0] for m in mail.outbox) == sorted([akim.email, deputy.email])
