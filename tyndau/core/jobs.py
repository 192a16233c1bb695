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

import importlib
import importlib.util
import logging
from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
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


def run_job(path: str, kwargs: dict) -> None:
    import_string(path)(**kwargs)


def enqueue(path: str, **kwargs) -> None:
    """Run ``path(**kwargs)`` after the current transaction commits."""

    def send():
        if settings.CELERY_BROKER_URL:
            from tyndau.celery import run_job_task

            run_job_task.delay(path, kwargs)
        else:
            try:
                run_job(path, kwargs)
            except Exception:  # a failed notification must not break the user's request
                logger.exception("background job %s failed", path)
                if getattr(settings, "TYNDAU_JOBS_RAISE", False):
                    raise

    transaction.on_commit(send)


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
