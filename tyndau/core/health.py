"""Health checks (django-health-check) at ``/health/``, for nginx, a load balancer, systemd
or compose: 200 when every check passes, 500 naming the failing one otherwise
(``?format=json`` or ``Accept: application/json`` for machines).

Checked: the database answers, the cache (the shared rate-limit counters) keeps a value,
the media storage saves, reads and deletes a file, no migration is unapplied (a web
process whose code is ahead of the database must not take traffic); with ``REDIS_URL`` the
Redis server, with ``CELERY_BROKER_URL`` a Celery worker answering a ping.
"""

from __future__ import annotations

import dataclasses
from concurrent.futures import ThreadPoolExecutor

from django.conf import settings
from django.db import connections
from health_check.base import HealthCheck
from health_check.exceptions import ServiceUnavailable
from health_check.views import HealthCheckView


@dataclasses.dataclass
class Migrations(HealthCheck):
    """Every migration of the code is applied to the database (remembered once true: the
    code of a running process does not change)."""

    alias: str = "default"
    _applied = False

    def run(self):
        if Migrations._applied:
            return
        from django.db import connections
        from django.db.migrations.executor import MigrationExecutor

        executor = MigrationExecutor(connections[self.alias])
        plan = executor.migration_plan(executor.loader.graph.leaf_nodes())
        if plan:
            raise ServiceUnavailable(f"{len(plan)} migrations are not applied")
        Migrations._applied = True


def _redis_client():
    import redis

    return redis.Redis.from_url(settings.REDIS_URL, socket_timeout=3)


def checks() -> list:
    items: list = [
        "health_check.checks.Database",
        "health_check.checks.Cache",
        "health_check.checks.Storage",
        Migrations,
    ]
    if settings.REDIS_URL:
        items.append(("health_check.contrib.redis.Redis", {"client_factory": _redis_client}))
    if settings.CELERY_BROKER_URL:
        items.append("health_check.contrib.celery.Ping")
    return items


class _ClosingExecutor(ThreadPoolExecutor):
    """Runs the synchronous checks in threads that close their database connections when
    a check ends: without it every probe (compose and systemd probe every 30 s) would leave
    one connection per thread open until the garbage collector found it."""

    def submit(self, fn, /, *args, **kwargs):
        def call():
            try:
                return fn(*args, **kwargs)
            finally:
                connections.close_all()

        return super().submit(call)


class Health(HealthCheckView):
    def get_executor(self):
        return _ClosingExecutor(max_workers=4, thread_name_prefix="health")


def view():
    return Health.as_view(checks=checks())
