"""Background jobs: one way to run them, with or without a broker, never lost.

- ``enqueue("tyndau.app.tasks.func", appeal_id=1)`` writes the job as a row (``Job``) in
  the current transaction, so it commits or rolls back with the change it follows (a
  transactional outbox), and runs it after the commit. Without ``CELERY_BROKER_URL`` it
  runs in-process (so a laptop needs no extra server), on the process's job thread, so
  the request that asked for it (an appeal's notice, with its QR code and its mail)
  does not wait for it (``TYNDAU_JOBS_THREADS=0``: at the commit, in the request, as the
  tests do); with a broker, a Celery worker runs it (``celery -A tyndau worker``).
- A job that succeeds the first time is deleted. One that raises is kept and tried again
  with growing pauses; one whose process died before it ran (a kill right after the
  commit, a broker that was down) is taken by ``run_due_jobs`` once ``LEASE`` is over.
  So a committed appeal's notice is delivered at least once.
- ``@periodic(minutes=60)`` registers a function run by ``manage.py run_periodic_jobs``
  (once, for cron; ``--loop`` to keep running; ``make run`` starts it in the background)
  and, when scaled out, by Celery beat.

Jobs take ids and simple (JSON) values, load what they need and call a service.
"""

from __future__ import annotations

import atexit
import datetime as dt
import importlib
import importlib.util
import logging
import os
import queue
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.module_loading import import_string

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class PeriodicJob:
    path: str
    minutes: int


PERIODIC: dict[str, PeriodicJob] = {}


def periodic(*, minutes: int) -> Callable:
    def register(func):
        path = f"{func.__module__}.{func.__qualname__}"
        PERIODIC[path] = PeriodicJob(path=path, minutes=minutes)
        return func

    return register


MAX_ATTEMPTS = 8
FIRST_PAUSE_MINUTES = 5  # then 10, 20, 40… between tries
# A job being run (or just committed) is left to its process for this long; after it,
# run_due_jobs takes it, since that process must have died.
LEASE = dt.timedelta(minutes=10)


def run_job(path: str, kwargs: dict) -> None:
    import_string(path)(**kwargs)


def _pause(attempts: int) -> dt.timedelta:
    return dt.timedelta(minutes=FIRST_PAUSE_MINUTES * 2 ** (attempts - 1))


def _run(job, now=None) -> bool:
    """Run a stored job. Success deletes it (or, after failures, marks it done, so an
    admin sees it went through); a failure keeps it with the error and the next try."""
    from .models import Job

    # Not wrapped in a transaction: on SQLite that would hold the one write lock while
    # the job talks to a mail or SMS server.
    try:
        run_job(job.path, job.kwargs)
    except Exception as exc:
        logger.exception("background job %s failed", job.path)
        failed_at = now or timezone.now()
        attempts = job.attempts + 1
        try:
            Job.objects.filter(pk=job.pk).update(
                attempts=attempts,
                error=f"{type(exc).__name__}: {exc}"[:4000],
                failed_at=failed_at,
                next_try_at=failed_at + _pause(attempts) if attempts < MAX_ATTEMPTS else None,
            )
        except Exception:  # the database itself is failing: the lease brings it back
            logger.exception("could not record the failure of job %s", job.path)
        if getattr(settings, "TYNDAU_JOBS_RAISE", False):
            raise
        return False
    if job.attempts:
        Job.objects.filter(pk=job.pk).update(done_at=now or timezone.now(), next_try_at=None)
    else:
        Job.objects.filter(pk=job.pk).delete()
    return True


def run_job_safely(path: str, kwargs: dict) -> bool:
    """Run a job that was not stored first (``enqueue_long``: the job records its own
    progress); if it raises, log it and keep it as a ``Job`` to be tried again."""
    from .models import Job

    try:
        run_job(path, kwargs)
        return True
    except Exception as exc:
        logger.exception("background job %s failed", path)
        now = timezone.now()
        try:
            Job.objects.create(
                path=path,
                kwargs=kwargs,
                attempts=1,
                error=f"{type(exc).__name__}: {exc}"[:4000],
                failed_at=now,
                next_try_at=now + _pause(1),
            )
        except Exception:  # the database itself is failing: the log above is all we have
            logger.exception("could not keep the failed job %s", path)
        if getattr(settings, "TYNDAU_JOBS_RAISE", False):
            raise
        return False


def _take(job, now) -> bool:
    """Claim ``job`` for this process until ``now + LEASE`` (no other runner takes it
    meanwhile: the update only matches the ``next_try_at`` this process read)."""
    from .models import Job

    return bool(
        Job.objects.filter(pk=job.pk, done_at__isnull=True, next_try_at=job.next_try_at).update(
            next_try_at=now + LEASE
        )
    )


def run_stored_job(job_id: int) -> bool:
    """Run the stored job ``job_id`` if it is still waiting (a Celery worker's entry)."""
    from .models import Job

    job = Job.objects.filter(pk=job_id, done_at__isnull=True).first()
    if job is None or job.next_try_at is None or not _take(job, timezone.now()):
        return False  # done, given up, or being run by someone else
    return _run(job)


def enqueue(path: str, **kwargs) -> None:
    """Keep ``path(**kwargs)`` with the current transaction and run it after the commit."""
    from .models import Job

    job = Job.objects.create(path=path, kwargs=kwargs, next_try_at=timezone.now() + LEASE)

    def send():
        if settings.CELERY_BROKER_URL:
            from tyndau.celery import run_stored_job_task

            try:
                run_stored_job_task.delay(job.pk)
            except Exception:  # the broker is down: the row waits for run_due_jobs
                logger.exception("could not hand job %s to the broker", path)
        elif getattr(settings, "TYNDAU_JOBS_THREADS", True):
            _job_thread().put(job)
        else:
            # Just committed, and due only after LEASE: no runner has it, no claim needed.
            _run(job)

    transaction.on_commit(send)


class _JobThread:
    """The thread of this process that runs the jobs its requests committed, one after
    another, without a broker. The job is already a row: if the process dies before the
    thread has run it (a kill, a restart), ``run_due_jobs`` runs it once its lease is
    over, as for any process that died after the commit; a failure is kept and retried
    by ``_run``, as in the request."""

    def __init__(self):
        self.pid = os.getpid()
        self.jobs: queue.Queue = queue.Queue()
        threading.Thread(target=self._loop, name="tyndau-jobs", daemon=True).start()

    def put(self, job) -> None:
        self.jobs.put(job)

    def _loop(self) -> None:
        from django.db import close_old_connections, connections

        while True:
            job = self.jobs.get()
            try:
                if job is None:  # wait(): hold no connection (a test drops its database)
                    connections.close_all()  # this thread's connections only
                # Fresh from its commit, nobody else takes it before its lease is over; one
                # that waited long behind others is claimed first, or run_due_jobs could
                # take it as well.
                elif timezone.now() < job.next_try_at - LEASE / 2 or _take(job, timezone.now()):
                    _run(job)
            except Exception:  # TYNDAU_JOBS_RAISE: already logged and kept
                pass
            finally:
                # As at the end of a request: the connection is kept for CONN_MAX_AGE
                # (opening one for each job would cost as much as the job).
                close_old_connections()
                self.jobs.task_done()

    def wait(self, timeout: float) -> bool:
        """Wait until every job handed to the thread has run and the thread has closed its
        connections; False on timeout."""
        self.jobs.put(None)
        end = time.monotonic() + timeout
        while self.jobs.unfinished_tasks:
            if time.monotonic() >= end:
                return False
            time.sleep(0.01)
        return True


_JOB_THREAD: _JobThread | None = None
_JOB_THREAD_LOCK = threading.Lock()


def _job_thread() -> _JobThread:
    global _JOB_THREAD
    with _JOB_THREAD_LOCK:
        if _JOB_THREAD is None or _JOB_THREAD.pid != os.getpid():  # none yet, or forked
            _JOB_THREAD = _JobThread()
        return _JOB_THREAD


def wait_for_jobs(timeout: float = 10) -> bool:
    """Wait until this process's job thread has run what it was given (a process about
    to stop, a test, a benchmark); True when nothing is left."""
    thread = _JOB_THREAD
    return thread is None or thread.pid != os.getpid() or thread.wait(timeout)


# A worker that stops (gunicorn's graceful restart) first lets its job thread finish:
# a job left unfinished is not lost, but it would wait for its lease to be over.
atexit.register(wait_for_jobs)


def enqueue_long(path: str, **kwargs) -> None:
    """Like :func:`enqueue`, for a job that takes minutes (a jury's lottery): with a
    broker a Celery worker runs it; without one it runs on a thread of this process, so
    the request that started it returns at once (``TYNDAU_JOBS_THREADS=0`` runs it at
    commit instead, as the tests do). The job itself records its progress and outcome
    where its page can read them; a thread dies with its process, so such a job must
    also tell a run that never finished from one still going."""

    def send():
        if settings.CELERY_BROKER_URL:
            from tyndau.celery import run_job_task

            run_job_task.delay(path, kwargs)
        elif getattr(settings, "TYNDAU_JOBS_THREADS", True):
            threading.Thread(
                target=_run_in_thread, args=(path, kwargs), name=f"job:{path}", daemon=True
            ).start()
        else:
            run_job_safely(path, kwargs)

    transaction.on_commit(send)


def _run_in_thread(path: str, kwargs: dict) -> None:
    from django.db import connections

    try:
        run_job_safely(path, kwargs)
    except Exception:  # TYNDAU_JOBS_RAISE: already logged and kept; a thread has no caller
        pass
    finally:
        connections.close_all()  # this thread's connections only


def send_email(*, to: list[str], subject: str, body: str) -> None:
    """The job that sends one e-mail (a failure raises, so the job is kept and retried)."""
    from django.core.mail import send_mail

    send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, to, fail_silently=False)


def enqueue_email(*, to: list[str], subject: str, body: str) -> None:
    """Send an e-mail after the current transaction commits, through the jobs: retried
    with growing pauses when the mail server is down, never lost. Empty addresses are
    dropped; nothing is sent to nobody."""
    recipients = [address for address in to if address]
    if recipients:
        enqueue("tyndau.core.jobs.send_email", to=recipients, subject=str(subject), body=str(body))


def run_periodic_jobs() -> list[str]:
    """Run every registered periodic job once; returns their paths."""
    from django.apps import apps

    for config in apps.get_app_configs():  # import each app's tasks so they register
        module = f"{config.name}.tasks"
        if config.name.startswith("tyndau.") and importlib.util.find_spec(module):
            importlib.import_module(module)
    ran = []
    for job in PERIODIC.values():
        try:
            import_string(job.path)()
            ran.append(job.path)
        except Exception:
            logger.exception("periodic job %s failed", job.path)
    return ran


@periodic(minutes=15)
def run_due_jobs(*, now=None, limit: int = 500) -> int:
    """Run the jobs that are due: failed ones whose pause is over, and ones whose process
    died after the commit (their lease is over). Returns how many succeeded. A job that
    fails again waits twice as long; after MAX_ATTEMPTS it is left for an admin."""
    from .models import Job

    now = now or timezone.now()
    succeeded = 0
    for job in Job.objects.due(now).order_by("next_try_at")[:limit]:
        if _take(job, now):  # so two runners never run the same job at once
            succeeded += _run(job, now)
    return succeeded
