"""Celery, used only when CELERY_BROKER_URL is set (see tyndau.core.jobs)."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tyndau.settings")

app = Celery("tyndau")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks(lambda: [])


@app.on_after_configure.connect
def _refuse_without_secret_key(sender, **kwargs):
    from tyndau.core.security import require_secret_key

    require_secret_key()


@app.task(name="tyndau.run_job")
def run_job_task(path: str, kwargs: dict) -> None:
    """A job that was not stored first (``enqueue_long``)."""
    from tyndau.core.jobs import run_job_safely

    run_job_safely(path, kwargs)


@app.task(name="tyndau.run_stored_job")
def run_stored_job_task(job_id: int) -> None:
    """A job stored with the transaction that asked for it (``enqueue``, the outbox)."""
    from tyndau.core.jobs import run_stored_job

    run_stored_job(job_id)


@app.task(name="tyndau.run_periodic_jobs")
def run_periodic_jobs_task() -> None:
    from tyndau.core.jobs import run_periodic_jobs

    run_periodic_jobs()


app.conf.beat_schedule = {
    "periodic-jobs": {"task": "tyndau.run_periodic_jobs", "schedule": 15 * 60.0},
}
