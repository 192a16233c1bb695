"""Fixtures of the reports tests: appeals built by hand with exact dates and outcomes."""

import datetime as dt
import itertools

import pytest

from tyndau.appeals.models import Appeal, Topic
from tyndau.territory.models import Role
from tyndau.territory.selectors import office_serving

_numbers = itertools.count(1)


@pytest.fixture
def make_appeal(tree):
    """make_appeal(territory_code, registered_on, decided_on=None, outcome="", **fields)."""

    def make(code="111033100", registered_on="2021-03-01", decided_on=None, outcome="", **fields):
        territory = tree[code]
        office = fields.pop("office", None) or office_serving(territory=territory)
        registered = dt.date.fromisoformat(registered_on)
        decided = dt.date.fromisoformat(decided_on) if decided_on else None
        status = fields.pop("status", None)
        if status is None:
            status = "registered" if decided is None else ("answered" if outcome else "redirected")
        topic = fields.pop("topic", "other")
        due_on = fields.pop("due_on", None)
        due_on = dt.date.fromisoformat(due_on) if due_on else registered + dt.timedelta(days=21)
        return Appeal.objects.create(
            number=f"T-{next(_numbers):06d}",
            office=office,
            territory=territory,
            received_at=dt.datetime.combine(registered, dt.time(10), tzinfo=dt.UTC),
            registered_on=registered,
            channel=fields.pop("channel", "written"),
            applicant_type=fields.pop("applicant_type", "individual"),
            kind=fields.pop("kind", "statement"),
            topic=Topic.objects.get(code=topic),
            text="Текст обращения",
            due_on=due_on,
            original_due_on=due_on,
            status=status,
            outcome=outcome,
            decided_on=decided,
            **fields,
        )

    return make


@pytest.fixture
def analyst_city(make_staff, tree):
    """An analyst of the Kokshetau city office (sees Krasnoyarsk and its villages)."""
    from tyndau.territory.models import Office

    return make_staff(Role.ANALYST, Office.objects.get(territory__code="111000000"))
