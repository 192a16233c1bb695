import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from tyndau.appeals.tests.factories import register_appeal
from tyndau.territory.models import Role

ALMATY = ZoneInfo("Asia/Almaty")


@pytest.fixture
def register(office, clerk):
    """register(**overrides) -> an appeal of an individual in Krasny Yar, received now,
    published by the clerk after moderation (``publish=False``: left waiting)."""
    from tyndau.privacy import services as privacy

    def make(publish=True, **overrides):
        values = {
            "office": office,
            "territory": office.territory.children.get(code="111033100"),
            "channel": "written",
            "applicant_type": "individual",
            "kind": "statement",
            "topic": "water_supply",
            "text": "Нет воды на улице Ленина третий день. Звоните +7 701 123 45 67.",
            "received_at": dt.datetime.now(ALMATY) - dt.timedelta(hours=1),
            "registered_by": clerk,
            "applicant_name": "Иванов Иван",
            "iin": "791028302728",
            "phone": "+77011234567",
            "email": "ivanov@example.kz",
            "address": "ул. Ленина, 12",
            "street": "Ленина",
            "latitude": 53.2871234,
            "longitude": 69.3834567,
        }
        values.update(overrides)
        appeal = register_appeal(**values)
        publication = privacy.publication_create(appeal=appeal)
        if publish and publication.state == publication.State.PENDING:
            privacy.publication_publish(
                publication=publication,
                text=privacy.publication_text_for(appeal, publication=publication),
                by=clerk,
            )
        return appeal

    return make


@pytest.fixture
def api():
    """api(user) -> an APIClient authenticated with the user's token."""

    def make(user=None, language="ru"):
        client = APIClient(HTTP_ACCEPT_LANGUAGE=language)
        if user is not None:
            token, _ = Token.objects.get_or_create(user=user)
            client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
        return client

    return make


@pytest.fixture
def neighbour_clerk(make_staff, neighbour_office):
    return make_staff(Role.CLERK, neighbour_office)


@pytest.fixture
def analyst(make_staff, office):
    return make_staff(Role.ANALYST, office)


def pytest_collection_modifyitems(items):
    """Schemathesis names each case after its operation ("…[GET /api/v1/appeals/]") but
    leaves the node id bare, so all the schema-fuzz cases share one id (-k, --lf and the
    skip allow-list cannot tell them apart): give each the id of its operation."""
    for item in items:
        label = getattr(item, "operation_label", None)
        if label and not item.nodeid.endswith("]"):
            item._id = item.parent.id.child(item.name)  # the name carries the operation
