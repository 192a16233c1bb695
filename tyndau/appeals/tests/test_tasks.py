"""Notifications and reminders (tyndau.appeals.tasks), with "today" pinned by time-machine."""

import datetime as dt

import pytest
import time_machine
from django.core import mail
from django.utils import translation

from tyndau.appeals import services, tasks
from tyndau.appeals.models import Appeal, AppealEvent
from tyndau.core import sms
from tyndau.territory.models import Role

from .conftest import ALMATY

pytestmark = pytest.mark.django_db
DUE = dt.date(2026, 11, 23)  # 15 working days after Monday 2 November 2026


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


@pytest.fixture(autouse=True)
def _empty_sms_outbox():
    sms.outbox.clear()
    yield
    sms.outbox.clear()


def on(day: dt.date, hour: int = 10):
    """Pin "now" to ``day`` at ``hour`` in Almaty."""
    return time_machine.travel(dt.datetime(day.year, day.month, day.day, hour, tzinfo=ALMATY))


@pytest.fixture
def assigned(register, executor, clerk):
    executor.preferred_language = "en"
    executor.save()
    appeal = services.appeal_assign(appeal=register(), executor=executor, by=clerk)
    assert appeal.due_on == DUE
    mail.outbox.clear()
    return appeal


def subjects() -> list[str]:
    return [m.subject for m in mail.outbox]


# --- reminders --------------------------------------------------------------------------


def test_executor_is_reminded_three_working_days_before_the_deadline_once(assigned, executor):
    with on(dt.date(2026, 11, 18)):  # Wed: 19, 20, 23 are the next 3 working days
        assert tasks.remind_executors() == 1
        assert tasks.remind_executors() == 0
    assert subjects() == [f"Appeal {assigned.number} is due in 3 working day(s)"]
    assert mail.outbox[0].to == [executor.email]
    assert "due by 23.11.2026" in mail.outbox[0].body


def test_executor_is_reminded_one_working_day_before_across_the_weekend_once(assigned):
    with on(dt.date(2026, 11, 20)):  # Friday: the next working day is Monday the 23rd
        assert tasks.remind_executors() == 1
        assert tasks.remind_executors() == 0
    assert subjects() == [f"Appeal {assigned.number} is due in 1 working day(s)"]


def test_both_reminders_over_the_term_and_none_on_other_days(assigned):
    for day in range(2, 24):
        with on(dt.date(2026, 11, day)):
            tasks.remind_executors()
    assert subjects() == [
        f"Appeal {assigned.number} is due in 3 working day(s)",
        f"Appeal {assigned.number} is due in 1 working day(s)",
    ]
    reminded = assigned.events.filter(kind=AppealEvent.Kind.REMINDED)
    assert sorted(e.data["days"] for e in reminded) == [1, 3]


def test_no_reminder_without_an_executor_or_after_the_answer(register, executor, clerk):
    register()  # not assigned
    answered = services.appeal_assign(appeal=register(), executor=executor, by=clerk)
    services.appeal_answer(appeal=answered, outcome="explained", text="Ответ", by=executor)
    mail.outbox.clear()
    with on(dt.date(2026, 11, 18)):
        assert tasks.remind_executors() == 0
    assert mail.outbox == []


def test_reminder_is_in_the_executors_language(register, make_staff, office, clerk):
    kazakh = make_staff(Role.EXECUTOR, office, preferred_language="kk")
    services.appeal_assign(appeal=register(), executor=kazakh, by=clerk)
    mail.outbox.clear()
    with on(dt.date(2026, 11, 18)):
        tasks.remind_executors()
    with translation.override("kk"):
        expected = tasks._("The answer to appeal %(number)s is due by %(due)s.")
    assert expected != "The answer to appeal %(number)s is due by %(due)s."
    assert mail.outbox[0].body.startswith(expected.split("%")[0])


# --- escalation -------------------------------------------------------------------------


def test_overdue_appeal_is_reported_to_the_akim_once(assigned, akim):
    with on(DUE):
        assert tasks.escalate_overdue() == 0  # due today: not overdue yet
    with on(DUE + dt.timedelta(days=1)):
        assert tasks.escalate_overdue() == 1
        assert tasks.escalate_overdue() == 0
    with on(DUE + dt.timedelta(days=7)):
        assert tasks.escalate_overdue() == 0
    assert subjects() == [f"Overdue appeal {assigned.number}"]
    assert mail.outbox[0].to == [akim.email]
    assert "was due on 23.11.2026" in mail.outbox[0].body
    assert assigned.events.filter(kind=AppealEvent.Kind.ESCALATED).count() == 1


def test_answered_or_other_offices_appeals_are_not_escalated(
    register, executor, clerk, akim, make_staff, neighbour_office
):
    appeal = services.appeal_assign(appeal=register(), executor=executor, by=clerk)
    services.appeal_answer(appeal=appeal, outcome="explained", text="Ответ", by=executor)
    make_staff(Role.AKIM, neighbour_office)
    mail.outbox.clear()
    with on(DUE + dt.timedelta(days=3)):
        assert tasks.escalate_overdue() == 0
    assert mail.outbox == []


def test_overdue_appeal_without_an_akim_is_still_marked_once(assigned):
    with on(DUE + dt.timedelta(days=1)):
        assert tasks.escalate_overdue() == 1
        assert tasks.escalate_overdue() == 0
    assert mail.outbox == []


# --- applicant notifications ------------------------------------------------------------


def test_extension_notice_tells_the_applicant_the_new_date_and_reason(
    assigned, akim, django_capture_on_commit_callbacks
):
    with on(dt.date(2026, 11, 16)), django_capture_on_commit_callbacks(execute=True):
        services.appeal_extend(
            appeal=assigned, until=dt.date(2026, 12, 15), reason="Нужна экспертиза", by=akim
        )
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["ivanov@example.kz"]
    assert assigned.number in message.subject
    assert "15.12.2026" in message.body and "Нужна экспертиза" in message.body
    assigned.refresh_from_db()
    assert assigned.applicant_notified_of_extension_on == dt.date(2026, 11, 16)


def test_applicant_gets_an_sms_through_the_console_backend(
    register, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        appeal = register()
    assert len(sms.outbox) == 1
    phone, text = sms.outbox[0]
    assert phone == "+77011234567"
    assert appeal.number in text


def test_no_email_or_sms_without_contacts(register, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        appeal = register(email="", phone="")
    assert mail.outbox == [] and sms.outbox == []
    assert not appeal.events.filter(kind=AppealEvent.Kind.NOTIFIED).exists()


def test_risk_refresh_marks_appeals_that_became_overdue(assigned):
    with on(DUE + dt.timedelta(days=1)):
        tasks.refresh_risk()
    codes = {r["code"] for r in Appeal.objects.get(pk=assigned.pk).risk_reasons}
    assert "overdue" in codes


def test_a_notification_lost_to_a_mail_outage_reaches_the_applicant_later(
    register, monkeypatch, django_capture_on_commit_callbacks
):
    from tyndau.core.jobs import run_due_jobs
    from tyndau.core.models import Job

    def outage(*args, **kwargs):
        raise ConnectionRefusedError("SMTP refused")

    monkeypatch.setattr("django.core.mail.backends.locmem.EmailBackend.send_messages", outage)
    with django_capture_on_commit_callbacks(execute=True):
        appeal = register(received_at=None, email="resident@example.kz", phone="")
    assert not AppealEvent.objects.filter(appeal=appeal, kind=AppealEvent.Kind.NOTIFIED)
    job = Job.objects.get(path="tyndau.appeals.tasks.notify_applicant")

    monkeypatch.undo()
    mail.outbox.clear()
    assert run_due_jobs(now=job.next_try_at) == 1
    assert mail.outbox[0].to == ["resident@example.kz"] and appeal.number in mail.outbox[0].subject
    assert AppealEvent.objects.filter(appeal=appeal, kind=AppealEvent.Kind.NOTIFIED).exists()
