import datetime as dt

import pytest

from tyndau.meetings import services
from tyndau.territory.models import Role


@pytest.fixture
def deputy(make_staff, office):
    return make_staff(Role.DEPUTY, office)


@pytest.fixture
def past_day():
    """A working day in the past (Tuesday 3 Feb 2026... any fixed past working day)."""
    return dt.date(2026, 2, 3)


@pytest.fixture
def make_meeting(tree, clerk):
    def make(
        *,
        code="111033100",
        held_on=None,
        planned_on=dt.date(2026, 2, 3),
        kind="gathering",
        **counts,
    ):
        meeting = services.meeting_plan(
            territory=tree[code], kind=kind, planned_on=planned_on, place="Дом культуры", by=clerk
        )
        if held_on:
            services.meeting_hold(meeting=meeting, held_on=held_on, by=clerk, **counts)
        return meeting

    return make


@pytest.fixture
def held_meeting(make_meeting):
    return make_meeting(held_on=dt.date(2026, 2, 3), participants_offline=120)


@pytest.fixture
def question(held_meeting, clerk):
    return services.question_add(
        meeting=held_meeting, topic="roads", text="Отремонтировать улицу Мира", by=clerk
    )
