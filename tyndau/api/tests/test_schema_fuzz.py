"""Schemathesis over our OpenAPI schema: no server error, no answer that breaks the schema.

Bounded and deterministic: a fixed number of examples per operation, derandomised, so
`make test` stays within a couple of minutes. Calls go through the WSGI app, as a clerk
with a token (so the write operations run their rules and services, not just 401).
"""

import json

import pytest
import schemathesis
from django.core import signals
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from rest_framework.authtoken.models import Token
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
)

MAX_EXAMPLES = 20


def _load_schema():
    from drf_spectacular.generators import SchemaGenerator

    document = json.loads(json.dumps(SchemaGenerator().get_schema(request=None, public=True)))
    loaded = schemathesis.openapi.from_dict(document)
    loaded.app = get_wsgi_application()
    return loaded


schema = _load_schema()


@pytest.fixture
def keep_connection():
    """Django closes the connection after each request it serves through WSGI; inside a
    test transaction that would lose it (on PostgreSQL). Django's own test client does the
    same as this."""
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@pytest.fixture
def auth(db, keep_connection, register, clerk):
    register()
    register(topic="roads", text="Яма на дороге")
    return {"Authorization": f"Token {Token.objects.get_or_create(user=clerk)[0].key}"}


@schema.parametrize()
@settings(
    max_examples=MAX_EXAMPLES,
    derandomize=True,
    deadline=None,
    database=None,
    suppress_health_check=list(HealthCheck),
)
def test_the_api_keeps_its_schema(case, auth):
    case.call_and_validate(
        headers=auth,
        checks=[not_a_server_error, response_schema_conformance, content_type_conformance],
    )


def test_every_schema_fuzz_case_has_a_distinct_id(request):
    """The cases of this module selected with this test (all 18 in `make test`)."""
    ids = [
        item.nodeid
        for item in request.session.items
        if item.nodeid.startswith(f"{request.node.path.relative_to(request.config.rootpath)}::")
        and item.name.startswith("test_the_api_keeps_its_schema")
    ]
    assert all(" /api/" in i or " /open311/" in i for i in ids), ids
    assert len(set(ids)) == len(ids), "schema-fuzz cases share an id"
