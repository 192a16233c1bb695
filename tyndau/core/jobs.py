"""Background jobs: one way to run them, with or without a broker.

- ``enqueue("tyndau.app.tasks.func", appeal_id=1)`` runs the function after the current
  transaction commits. Without ``CELERY_BROKER_URL`` it runs in-process (so a laptop needs
  no extra server); with it, a Celery worker runs it (``celery -A tyndau worker``).
- ``@periodic(minutes=60)`` registers a function run by ``manage.py run_periodic_jobs``
  (once, for cron; ``--loop`` to keep running; ``make run`` starts it in the background)
  and, when scaled out, by Celery beat.

Jobs take ids and simple values, load what they need and call a service.
"""

from __future__ import annotations

import datetime as dt
import importlib
import importlib.util
import logging
import threading
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


def run_job(path: str, kwargs: dict) -> None:
    import_string(path)(**kwargs)


def run_job_safely(path: str, kwargs: dict) -> bool:
    """Run a job; if it raises, log it and keep it as a FailedJob to be tried again (a
    failed notification must neither break the user's request nor be lost)."""
    # Not wrapped in a transaction: on SQLite that would hold the one write lock while
    # the job talks to a mail or SMS server.
    try:
        run_job(path, kwargs)
        return True
    except Exception as exc:
        logger.exception("background job %s failed", path)
        _record_failure(path, kwargs, exc)
        if getattr(settings, "TYNDAU_JOBS_RAISE", False):
            raise
        return False


def _pause(attempts: int) -> dt.timedelta:
    return dt.timedelta(minutes=FIRST_PAUSE_MINUTES * 2 ** (attempts - 1))


def _record_failure(path: str, kwargs: dict, exc: Exception) -> None:
    from .models import FailedJob

    now = timezone.now()
    try:
        FailedJob.objects.create(
            path=path,
            kwargs=kwargs,
            error=f"{type(exc).__name__}: {exc}"[:4000],
            failed_at=now,
            next_try_at=now + _pause(1),
        )
    except Exception:  # the database itself is failing: the log above is all we have
        logger.exception("could not keep the failed job %s", path)


def enqueue(path: str, **kwargs) -> None:
    """Run ``path(**kwargs)`` after the current transaction commits."""

    def send():
        if settings.CELERY_BROKER_URL:
            from tyndau.celery import run_job_task

            run_job_task.delay(path, kwargs)
        else:
            run_job_safely(path, kwargs)

    transaction.on_commit(send)


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
def retry_failed_jobs(*, now=None) -> int:
    """Run again the failed jobs whose pause is over; returns how many succeeded. A job
    that fails again waits twice as long; after MAX_ATTEMPTS it is left for an admin."""
    from .models import FailedJob

    now = now or timezone.now()
    succeeded = 0
    due = FailedJob.objects.filter(done_at__isnull=True, next_try_at__lte=now)
    for job in due.order_by("next_try_at")[:500]:
        # claim it, so two runners never run the same job at once
        if not FailedJob.objects.filter(pk=job.pk, next_try_at=job.next_try_at).update(
            next_try_at=None
        ):
            continue
        try:
            run_job(job.path, job.kwargs)
        except Exception as exc:
            logger.exception("background job %s failed again", job.path)
            job.attempts += 1
            job.error = f"{type(exc).__name__}: {exc}"[:4000]
            job.next_try_at = now + _pause(job.attempts) if job.attempts < MAX_ATTEMPTS else None
            job.save(update_fields=["attempts", "error", "next_try_at"])
        else:
            job.done_at = now
            job.save(update_fields=["done_at"])
            succeeded += 1
    return succeeded
