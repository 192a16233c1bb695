"""Fixtures of the reports tests: appeals built by hand with exact dates and outcomes."""

import datetime as dt
import itertools

import pytest
from django.apps import apps

from tyndau.appeals.models import Appeal, Topic
from tyndau.territory.models import Role
from tyndau.territory.selectors import office_serving

_numbers = itertools.count(1)


@pytest.fixture(autouse=True)
def _tallies_start_from_the_records(request):
    """A transactional test starts on what an earlier one's flush left. On SQLite the flush
    deletes table after table, so the raw tables emptied after the tallies fire their
    triggers on empty tallies and leave negative counts behind (PostgreSQL truncates and
    fires none). Such a test first recomputes both tallies from the records, as a real
    database always has them; other tests run in a transaction on top of that state."""
    marker = request.node.get_closest_marker("django_db")
    if marker is None or not marker.kwargs.get("transaction"):
        yield
        return
    request.getfixturevalue("transactional_db")
    from tyndau.reports import meeting_tally, tally

    tally.rebuild()
    meeting_tally.rebuild()
    yield


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
def records(make_appeal):
    # Registered and answered in 2021 in a village of Krasnoyarsk.
    make_appeal("111033100", "2021-02-01", "2021-02-10", "satisfied", topic="water_supply")
    make_appeal(
        "111033200",
        "2021-03-01",
        "2021-03-15",
        "explained",
        topic="land",
        applicant_type="legal_entity",
    )
    # Registered at the rural district itself, redirected in 2021.
    make_appeal("111033000", "2021-04-01", "2021-04-03", topic="roads")
    # Personal reception, refused; repeated.
    make_appeal(
        "111033100",
        "2021-05-05",
        "2021-05-20",
        "refused",
        topic="employment",
        channel="personal_reception",
        repeated=True,
    )
    # Anonymous, not considered.
    make_appeal(
        "111033100",
        "2021-06-01",
        None,
        applicant_type="anonymous",
        status="not_considered",
        topic="other",
    )
    # Anonymous, left without consideration and closed in 2021: never pending.
    make_appeal("111033100", "2021-06-02", None, applicant_type="anonymous", status="closed")
    # Carried over: registered in December 2020, terminated in January 2021.
    make_appeal("111033100", "2020-12-20", "2021-01-12", "terminated", topic="heating")
    # Pending at the end of 2021: registered in December, answered in 2022.
    make_appeal("111033100", "2021-12-28", "2022-01-10", "satisfied", topic="education")
    # Still open, registered in 2021.
    make_appeal("111033200", "2021-11-11", None, topic="complaints_officials")
    # Other year entirely (2022) and another territory (the neighbour) do not count.
    make_appeal("111033100", "2022-02-01", "2022-02-05", "satisfied")
    make_appeal("114645100", "2021-03-01", "2021-03-05", "satisfied", topic="land")


@pytest.fixture
def analyst_city(make_staff, tree):
    """An analyst of the Kokshetau city office (sees Krasnoyarsk and its villages)."""
    from tyndau.territory.models import Office

    return make_staff(Role.ANALYST, Office.objects.get(territory__code="111000000"))


@pytest.fixture
def make_meeting(tree):
    from tyndau.appeals.models import Topic

    def make(code, planned_on, held_on=None, kind="gathering", questions=(), **counts):
        territory = tree[code]
        office = counts.pop("office", None) or office_serving(territory=territory)
        meeting = apps.get_model("meetings", "Meeting").objects.create(
            office=office,
            territory=territory,
            akim_level=office.territory.akim_level,
            kind=kind,
            status=counts.pop("status", "held" if held_on else "planned"),
            planned_on=dt.date.fromisoformat(planned_on),
            held_on=dt.date.fromisoformat(held_on) if held_on else None,
            **counts,
        )
        for topic, repeated, critical_of in questions:
            apps.get_model("meetings", "Question").objects.create(
                meeting=meeting,
                topic=Topic.objects.get(code=topic),
                text="Вопрос жителя",
                repeated=repeated,
                critical_of=critical_of,
            )
        return meeting

    return make
