import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from tyndau.appeals.models import Topic
from tyndau.appeals.tests.factories import register_appeal

ALMATY = ZoneInfo("Asia/Almaty")
MONDAY_MORNING = dt.datetime(2026, 11, 2, 10, 0, tzinfo=ALMATY)


@pytest.fixture
def topic(db):
    return Topic.objects.get(code="water_supply")


@pytest.fixture
def register(office, clerk):
    """register(**overrides) -> a registered appeal of an individual in Krasny Yar."""

    def make(**overrides):
        values = {
            "office": office,
            "territory": office.territory.children.get(code="111033100"),
            "channel": "written",
            "applicant_type": "individual",
            "kind": "statement",
            "topic": "water_supply",
            "text": "Нет воды на улице Ленина третий день.",
            "received_at": MONDAY_MORNING,
            "registered_by": clerk,
            "applicant_name": "Иванов Иван",
            "iin": "791028302728",
            "phone": "+77011234567",
            "email": "ivanov@example.kz",
            "address": "ул. Ленина, 12",
            "street": "Ленина",
        }
        values.update(overrides)
        return register_appeal(**values)

    return make
