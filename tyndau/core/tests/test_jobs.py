"""Background jobs are kept in the database with the change that asks for them (an
outbox): one that fails, or whose process dies after the commit, is run again later;
none is silently lost."""

import datetime as dt
import threading

import pytest
from django.db import transaction
from django.utils import timezone

from tyndau.core.jobs import MAX_ATTEMPTS, enqueue, run_due_jobs, wait_for_jobs
from tyndau.core.models import Job

pytestmark = pytest.mark.django_db

CALLS = {"fail": True, "runs": 0, "seen": []}


def flaky(*, value: int) -> None:
    """A job that fails while CALLS["fail"] is set."""
    CALLS["runs"] += 1
    if CALLS["fail"]:
        raise ConnectionError("mail server down")
    CALLS["seen"].append(value)


def held(*, value: int) -> None:
    """A job that waits until the test sets CALLS["release"]."""
    CALLS["thread"] = threading.current_thread().name
    CALLS["release"].wait(10)
    CALLS["seen"].append(value)


@pytest.fixture(autouse=True)
def _reset():
    CALLS.update(fail=True, runs=0, seen=[], release=threading.Event(), thread=None)


def test_a_failing_job_is_kept_not_lost_and_the_caller_goes_on(
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=True):
        enqueue("tyndau.core.tests.test_jobs.flaky", value=7)  # does not raise
    job = Job.objects.get()
    assert job.path == "tyndau.core.tests.test_jobs.flaky" and job.kwargs == {"value": 7}
    assert "mail server down" in job.error and job.attempts == 1 and job.done_at is None
    assert job.next_try_at - job.failed_at == dt.timedelta(minutes=5)


def test_retry_waits_then_backs_off_then_succeeds(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        enqueue("tyndau.core.tests.test_jobs.flaky", value=7)
    job = Job.objects.get()
    assert run_due_jobs(now=job.failed_at + dt.timedelta(minutes=4)) == 0
    assert CALLS["runs"] == 1  # not tried before its pause is over

    later = job.failed_at + dt.timedelta(minutes=5)
    assert run_due_jobs(now=later) == 0
    job.refresh_from_db()
    assert job.attempts == 2 and job.next_try_at == later + dt.timedelta(minutes=10)

    CALLS["fail"] = False
    assert run_due_jobs(now=job.next_try_at) == 1
    job.refresh_from_db()
    assert job.done_at is not None and CALLS["seen"] == [7]
    assert run_due_jobs(now=later + dt.timedelta(days=1)) == 0  # done: run once


def test_a_job_is_given_up_after_the_last_attempt_and_left_for_an_admin():
    now = timezone.now()
    Job.objects.create(
        path="tyndau.core.tests.test_jobs.flaky",
        kwargs={"value": 1},
        attempts=MAX_ATTEMPTS - 1,
        failed_at=now,
        next_try_at=now,
    )
    run_due_jobs(now=now)
    job = Job.objects.get()
    assert job.attempts == MAX_ATTEMPTS and job.next_try_at is None and job.done_at is None
    assert run_due_jobs(now=now + dt.timedelta(days=30)) == 0


def test_the_runner_is_a_periodic_job():
    from tyndau.core.jobs import PERIODIC

    assert "tyndau.core.jobs.run_due_jobs" in PERIODIC


def test_a_job_that_succeeds_leaves_nothing_behind(django_capture_on_commit_callbacks):
    CALLS["fail"] = False
    with django_capture_on_commit_callbacks(execute=True):
        enqueue("tyndau.core.tests.test_jobs.flaky", value=3)
        assert Job.objects.count() == 1  # written with the transaction, before the commit
    assert CALLS["seen"] == [3] and not Job.objects.exists()


def test_a_job_rolled_back_with_its_change_never_runs():
    from django.db import transaction

    CALLS["fail"] = False
    with pytest.raises(RuntimeError), transaction.atomic():
        enqueue("tyndau.core.tests.test_jobs.flaky", value=4)
        raise RuntimeError("the appeal was not saved")
    assert not Job.objects.exists() and CALLS["runs"] == 0


def test_a_job_whose_process_died_after_the_commit_is_run_later(
    django_capture_on_commit_callbacks,
):
    """The kill falls between the commit and the job: the row is committed, the in-process
    run never happens. Once the lease is over the periodic runner delivers it, once."""
    from tyndau.core.jobs import LEASE

    CALLS["fail"] = False
    with django_capture_on_commit_callbacks(execute=False):  # the process dies here
        enqueue("tyndau.core.tests.test_jobs.flaky", value=5)
    job = Job.objects.get()
    assert CALLS["runs"] == 0 and job.attempts == 0
    soon = job.created_at + LEASE / 2
    assert run_due_jobs(now=soon) == 0 and CALLS["runs"] == 0  # maybe still running
    assert run_due_jobs(now=job.created_at + LEASE) == 1
    assert CALLS["seen"] == [5] and not Job.objects.exists()
    assert run_due_jobs(now=job.created_at + LEASE * 10) == 0 and CALLS["runs"] == 1


def test_a_runner_that_died_mid_job_leaves_it_to_the_next_one():
    """A runner takes a job for LEASE; if it dies during the run, the next run after the
    lease takes it again (a job is delivered at least once)."""
    from tyndau.core import jobs

    now = timezone.now()
    job = Job.objects.create(path="tyndau.core.tests.test_jobs.flaky", kwargs={"value": 6},
                             next_try_at=now)  # fmt: skip
    assert jobs._take(job, now)  # taken, then the runner is killed before it ran it
    assert not jobs._take(job, now)  # nobody else can take it meanwhile
    CALLS["fail"] = False
    assert run_due_jobs(now=now + jobs.LEASE / 2) == 0
    assert run_due_jobs(now=now + jobs.LEASE) == 1 and CALLS["seen"] == [6]


# transaction=True: the job thread has its own connection, it sees committed rows only.
@pytest.mark.django_db(transaction=True)
def test_without_a_broker_the_commit_does_not_wait_for_the_job_run_on_the_job_thread(settings):
    settings.TYNDAU_JOBS_THREADS = True
    with transaction.atomic():
        enqueue("tyndau.core.tests.test_jobs.held", value=8)
    # the commit is over (the request would answer now); the job is still a row, waiting
    assert CALLS["seen"] == [] and Job.objects.count() == 1
    CALLS["release"].set()
    assert wait_for_jobs(timeout=10)
    assert CALLS["seen"] == [8] and CALLS["thread"] == "tyndau-jobs"
    assert not Job.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_a_job_failing_on_the_job_thread_is_kept_for_a_retry(settings):
    settings.TYNDAU_JOBS_THREADS = True
    with transaction.atomic():
        enqueue("tyndau.core.tests.test_jobs.flaky", value=9)
    assert wait_for_jobs(timeout=10)
    job = Job.objects.get()
    assert "mail server down" in job.error and job.attempts == 1 and job.next_try_at


@pytest.mark.django_db(transaction=True)
def test_a_job_that_waited_past_its_lease_for_the_job_thread_is_not_run_twice():
    """A long backlog: by the time the thread reaches the job, its lease is over and the
    periodic runner has run it. The thread claims a job that waited that long before
    running it, finds it taken, and leaves it."""
    from tyndau.core import jobs

    CALLS["fail"] = False
    job = Job.objects.create(path="tyndau.core.tests.test_jobs.flaky", kwargs={"value": 10},
                             next_try_at=timezone.now())  # fmt: skip
    assert run_due_jobs() == 1 and CALLS["seen"] == [10]
    jobs._job_thread().put(job)  # the row as it was handed over after its commit
    assert wait_for_jobs(timeout=10)
    assert CALLS["runs"] == 1 and not Job.objects.exists()
