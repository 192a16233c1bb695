"""One appeal through ``POST /api/v1/appeals/``: what it costs (its queries are pinned) and
that the applicant's notice, run off the request without a broker, still arrives."""

import importlib
import threading
import uuid

import pytest
from django.apps import apps
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tyndau.appeals import tasks
from tyndau.appeals.models import Appeal, AppealEvent, Topic
from tyndau.core.jobs import wait_for_jobs
from tyndau.core.models import Job

BODY = {
    "territory": "111033100",
    "channel": "social",
    "applicant_type": "individual",
    "kind": "statement",
    "topic": "water_supply",
    "text": "Нет воды на улице Мира третий день, просим принять меры.",
    "applicant_name": "Иванов Иван",
    "phone": "+77011234567",
    "email": "ivanov@example.kz",
    "street": "Мира",
}
# The queries of one appeal through the API once the caller's rate counter exists: token,
# rate limit, checks, the registration's reads and its one transaction, the response and
# its access record (the notice runs after the commit, outside the request).
QUERIES = 26


def _post(client):
    response = client.post(
        "/api/v1/appeals/", BODY, format="json", HTTP_IDEMPOTENCY_KEY=uuid.uuid4().hex
    )
    assert response.status_code == 201, response.content
    return response


@pytest.mark.django_db
def test_one_appeal_through_the_api_makes_a_pinned_number_of_queries(api, clerk, tree):
    client = api(clerk)
    _post(client)  # the first of the hour also creates the caller's rate counter
    with CaptureQueriesContext(connection) as queries:
        _post(client)
    sql = "\n".join(q["sql"][:160] for q in queries.captured_queries)
    assert len(queries.captured_queries) <= QUERIES, sql


@pytest.fixture
def default_topics(transactional_db):
    """A transactional test's flush removes the rows the migrations loaded."""
    if not Topic.objects.exists():
        importlib.import_module(
            "tyndau.appeals.migrations.0002_default_topics_and_risk_rules"
        ).load(apps, None)


def test_without_a_broker_the_api_answers_before_the_notice_and_the_notice_arrives(
    api, clerk, tree, default_topics, settings, monkeypatch
):
    settings.TYNDAU_JOBS_THREADS = True  # as in production without a broker
    release = threading.Event()
    qr_png = tasks._qr_png

    def slow_qr(link):
        release.wait(10)  # the notice is still being built…
        return qr_png(link)

    monkeypatch.setattr(tasks, "_qr_png", slow_qr)
    response = _post(api(clerk))
    appeal = Appeal.objects.get(pk=response.json()["id"])
    # …and the API has answered: the notice is a job row, not yet sent
    assert Job.objects.filter(kwargs__appeal_id=appeal.pk).exists()
    assert not mail.outbox
    release.set()
    assert wait_for_jobs(timeout=20)
    [message] = mail.outbox
    assert message.to == ["ivanov@example.kz"] and appeal.number in message.subject
    assert [name for name, _, kind in message.attachments] == [f"{appeal.number}.png"]
    assert AppealEvent.objects.filter(appeal=appeal, kind=AppealEvent.Kind.NOTIFIED).exists()
    assert not Job.objects.exists()  # delivered: nothing left in the outbox
