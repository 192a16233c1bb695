"""Background jobs that fail are kept and run again, never silently lost."""

import datetime as dt

import pytest
from django.utils import timezone

from tyndau.core.jobs import MAX_ATTEMPTS, enqueue, retry_failed_jobs
from tyndau.core.models import FailedJob

pytestmark = pytest.mark.django_db

CALLS = {"fail": True, "runs": 0, "seen": []}


def flaky(*, value: int) -> None:
    """A job that fails while CALLS["fail"] is set."""
    CALLS["runs"] += 1
    if CALLS["fail"]:
        raise ConnectionError("mail server down")
    CALLS["seen"].append(value)


@pytest.fixture(autouse=True)
def _reset():
    CALLS.update(fail=True, runs=0, seen=[])


def test_a_failing_job_is_kept_not_lost_and_the_caller_goes_on(
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=True):
        enqueue("tyndau.core.tests.test_jobs.flaky", value=7)  # does not raise
    job = FailedJob.objects.get()
    assert job.path == "tyndau.core.tests.test_jobs.flaky" and job.kwargs == {"value": 7}
    assert "mail server down" in job.error and job.attempts == 1
    assert job.next_try_at - job.failed_at == dt.timedelta(minutes=5)


def test_retry_waits_then_backs_off_then_succeeds(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        enqueue("tyndau.core.tests.test_jobs.flaky", value=7)
    job = FailedJob.objects.get()
    assert retry_failed_jobs(now=job.failed_at + dt.timedelta(minutes=4)) == 0
    assert CALLS["runs"] == 1  # not tried before its pause is over

    later = job.failed_at + dt.timedelta(minutes=5)
    assert retry_failed_jobs(now=later) == 0
    job.refresh_from_db()
    assert job.attempts == 2 and job.next_try_at == later + dt.timedelta(minutes=10)

    CALLS["fail"] = False
    assert retry_failed_jobs(now=job.next_try_at) == 1
    job.refresh_from_db()
    assert job.done_at is not None and CALLS["seen"] == [7]
    assert retry_failed_jobs(now=later + dt.timedelta(days=1)) == 0  # done: run once


def test_a_job_is_given_up_after_the_last_attempt_and_left_for_an_admin():
    now = timezone.now()
    FailedJob.objects.create(
        path="tyndau.core.tests.test_jobs.flaky",
        kwargs={"value": 1},
        attempts=MAX_ATTEMPTS - 1,
        failed_at=now,
        next_try_at=now,
    )
    retry_failed_jobs(now=now)
    job = FailedJob.objects.get()
    assert job.attempts == MAX_ATTEMPTS and job.next_try_at is None and job.done_at is None
    assert retry_failed_jobs(now=now + dt.timedelta(days=30)) == 0


def test_the_retry_is_a_periodic_job():
    from tyndau.core.jobs import PERIODIC

    assert "tyndau.core.jobs.retry_failed_jobs" in PERIODIC
