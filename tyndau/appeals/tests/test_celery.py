"""With CELERY_BROKER_URL set, notifications go through Redis to a real Celery worker.

The worker runs in a thread of this process (celery.contrib.testing), on its own Redis
database and queue, so it shares ``mail.outbox`` (locmem e-mail) with the test. It skips,
loudly, when Redis does not answer on 127.0.0.1:6379, and fails instead with
REQUIRE_REDIS=1 (as in CI). Only a refused connection counts as "no Redis": any other
error (a broken import, say) fails the test.
"""

import importlib
import os
import time
import uuid

import pytest
from django.apps import apps
from django.core import mail
from django.db import connections

from tyndau.appeals.models import AppealEvent, Topic
from tyndau.core.models import Job

REDIS_URL = "redis://127.0.0.1:6379/13"  # a database of its own: tests never touch db 0

# transaction=True: the worker thread must see committed rows. Not serialized_rollback: its
# flush skips post_migrate, leaving later transactional tests without content types.
pytestmark = pytest.mark.django_db(transaction=True)
_defaults = importlib.import_module("tyndau.appeals.migrations.0002_default_topics_and_risk_rules")


@pytest.fixture(autouse=True)
def _default_topics_and_risk_rules(db):
    """An earlier transactional test's flush removes the rows the migration loaded."""
    if not Topic.objects.exists():
        _defaults.load(apps, None)


def _redis_answers() -> bool:
    import redis  # an ImportError here is a failure, not a skip

    try:
        return bool(redis.Redis.from_url(REDIS_URL, socket_connect_timeout=1).ping())
    except (redis.ConnectionError, redis.TimeoutError):
        return False


@pytest.fixture
def celery_worker_on_redis(settings):
    if not _redis_answers():
        if os.environ.get("REQUIRE_REDIS") == "1":
            pytest.fail("Redis does not answer at redis://127.0.0.1:6379 and REQUIRE_REDIS=1")
        pytest.skip(
            "!!! Redis does not answer at redis://127.0.0.1:6379: the Celery path of the "
            "notifications is NOT tested. Start redis-server to run this test. !!!"
        )
    from celery.contrib.testing.worker import start_worker
    from celery.signals import task_postrun

    from tyndau.celery import app

    queue = f"tyndau-test-{uuid.uuid4().hex[:8]}"
    saved = {
        key: app.conf[key]
        for key in ("broker_url", "task_always_eager", "task_default_queue", "result_backend")
    }
    app.conf.update(
        broker_url=REDIS_URL,
        task_always_eager=False,
        task_default_queue=queue,
        result_backend=None,
    )
    settings.CELERY_BROKER_URL = REDIS_URL

    def close_worker_connections(**kwargs):
        connections.close_all()  # the worker thread's own connections, before teardown

    task_postrun.connect(close_worker_connections, weak=False)
    try:
        with start_worker(app, pool="solo", perform_ping_check=False, queues=[queue]):
            yield queue
    finally:
        task_postrun.disconnect(close_worker_connections)
        app.conf.update(saved)
        import redis

        redis.Redis.from_url(REDIS_URL).delete(queue)


def _fresh_broker_connections(app):
    """Celery keeps a pool of broker connections made with the URL of its first use."""
    if app._pool is not None:
        app._pool.force_close_all()
        app._pool = None
    app.amqp._producer_pool = None


def _wait_for(predicate, seconds: float = 20.0) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.05)
    return False


def test_registration_email_is_sent_by_a_celery_worker_through_redis(
    celery_worker_on_redis, register
):
    appeal = register()  # committed at once (transaction=True): the job goes to Redis
    assert _wait_for(lambda: len(mail.outbox) >= 1), "the worker sent no e-mail in 20 s"
    message = mail.outbox[0]
    assert message.to == ["ivanov@example.kz"]
    assert appeal.number in message.subject
    assert _wait_for(
        lambda: AppealEvent.objects.filter(appeal=appeal, kind=AppealEvent.Kind.NOTIFIED).exists()
    )
    # the outbox row was handed to the worker by its id and deleted once delivered
    assert _wait_for(lambda: not Job.objects.filter(kwargs__appeal_id=appeal.pk).exists())


def test_with_the_broker_down_the_appeal_is_registered_and_its_notice_waits(
    settings, register, caplog
):
    """Redis is down (a closed port): registration still succeeds; the notice is a Job row
    of the appeal's transaction, which run_due_jobs delivers once its lease is over."""
    import datetime as dt
    import socket

    from django.utils import timezone

    from tyndau.celery import app
    from tyndau.core.jobs import LEASE, run_due_jobs

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        closed = probe.getsockname()[1]  # nothing listens once the socket is closed
    down = f"redis://127.0.0.1:{closed}/0"
    saved = {
        key: app.conf[key] for key in ("broker_url", "task_always_eager", "task_publish_retry")
    }
    app.conf.update(broker_url=down, task_always_eager=False, task_publish_retry=False)
    settings.CELERY_BROKER_URL = down
    _fresh_broker_connections(app)
    try:
        started = time.monotonic()
        appeal = register()
        assert time.monotonic() - started < 15  # the resident is not kept waiting
    finally:
        app.conf.update(saved)
        _fresh_broker_connections(app)
    assert appeal.number and not mail.outbox
    assert "could not hand job tyndau.appeals.tasks.notify_applicant" in caplog.text
    job = Job.objects.get(kwargs__appeal_id=appeal.pk, kwargs__event="registered")
    assert job.attempts == 0
    settings.CELERY_BROKER_URL = ""  # the periodic runner, in-process, as `make run` does
    assert run_due_jobs(now=timezone.now() + LEASE + dt.timedelta(seconds=1)) >= 1
    assert [m.to for m in mail.outbox] == [["ivanov@example.kz"]]
    assert not Job.objects.filter(pk=job.pk).exists()
