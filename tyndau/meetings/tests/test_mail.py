"""A meeting's notice lost to a mail outage is kept and sent later (one mail path, core.jobs)."""

import datetime as dt

from django.core import mail
from django.core.mail.backends.base import BaseEmailBackend

from tyndau.core.jobs import run_due_jobs
from tyndau.core.models import Job
from tyndau.meetings import services


class MailServerDown(BaseEmailBackend):
    def send_messages(self, email_messages):
        raise ConnectionRefusedError("the mail server is down")


def test_an_assignment_notice_survives_a_mail_outage(
    question, executor, akim, settings, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = f"{__name__}.MailServerDown"
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assignment = services.assignment_give(
            question=question, executor=executor, by=akim, given_on=dt.date(2026, 2, 4)
        )
    assert assignment.pk  # the assignment is given although the mail failed
    job = Job.objects.get(path="tyndau.core.jobs.send_email")
    assert job.kwargs["to"] == [executor.email] and mail.outbox == []

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    assert run_due_jobs(now=job.next_try_at) == 1
    [sent] = mail.outbox
    assert sent.to == [executor.email]
    assert f"{assignment.due_on:%d.%m.%Y}" in sent.subject
    assert sent.body == assignment.text
