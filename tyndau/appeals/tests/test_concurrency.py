"""Concurrent registrations in one office get distinct, gap-free numbers.

PostgreSQL only: there the registrations really run at once and queue on the counter's row
lock. SQLite takes its single write lock at BEGIN IMMEDIATE, so writers never overlap.
"""

import importlib
import threading

import pytest
from django.apps import apps
from django.db import connection, connections

from tyndau.appeals.models import Appeal, Topic
from tyndau.appeals.tests.factories import register_appeal

pytestmark = pytest.mark.django_db(transaction=True)  # the threads must see committed rows
_defaults = importlib.import_module("tyndau.appeals.migrations.0002_default_topics_and_risk_rules")


@pytest.fixture(autouse=True)
def _default_topics_and_risk_rules(db):
    """An earlier transactional test's flush removes the rows the migration loaded."""
    if not Topic.objects.exists():
        _defaults.load(apps, None)


def test_simultaneous_registrations_get_distinct_gap_free_numbers(office, clerk):
    if connection.vendor != "postgresql":
        pytest.skip("writers on SQLite are serialized by BEGIN IMMEDIATE; see the docstring")
    office.prefix = "KY"
    office.save()
    first = register_appeal(  # the year's counter exists, as on any day but the first
        office=office,
        channel="phone",
        applicant_type="anonymous",
        kind="statement",
        topic="roads",
        text="Первое обращение года.",
    )
    start = threading.Barrier(8)
    errors = []

    def register(index: int) -> None:
        try:
            start.wait()
            register_appeal(
                office=office,
                channel="phone",
                applicant_type="individual",
                kind="statement",
                topic="roads",
                text=f"Яма на дороге, обращение {index}.",
                applicant_name=f"Житель {index}",
                registered_by=clerk,
            )
        except Exception as exc:  # reported below; a thread's exception is otherwise lost
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=register, args=(i,)) for i in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors
    numbers = sorted(Appeal.objects.values_list("number", flat=True))
    year = first.registered_on.year
    assert numbers == [f"KY-{year}-{n:05d}" for n in range(1, 10)]
