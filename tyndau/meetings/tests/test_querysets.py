"""The meanings of assignments written once (``AssignmentQuerySet``), against a table of
assignments whose expected membership is written out by hand."""

import datetime as dt

import pytest

from tyndau.meetings import services
from tyndau.meetings.models import Assignment, Meeting, Question
from tyndau.territory.models import Role

TODAY = dt.date(2026, 3, 16)
# name: (due_on, done, village of the meeting)
ROWS = {
    "late": (dt.date(2026, 3, 13), False, "111033100"),
    "due_today": (TODAY, False, "111033100"),
    "done_late": (dt.date(2026, 3, 2), True, "111033200"),
    "late_elsewhere": (dt.date(2026, 3, 10), False, "111033200"),
}
EXPECTED = {
    "open": {"late", "due_today", "late_elsewhere"},
    "overdue": {"late", "late_elsewhere"},
    "done": {"done_late"},
    "within_kyzyl_zhuldyz": {"done_late", "late_elsewhere"},
}


@pytest.fixture
def assignments(make_meeting, executor, akim):
    made = {}
    for name, (due_on, done, code) in ROWS.items():
        meeting = make_meeting(code=code, held_on=dt.date(2026, 2, 3))
        question = services.question_add(meeting=meeting, topic="roads", text=name, by=akim)
        assignment = services.assignment_give(
            question=question,
            executor=executor,
            by=akim,
            given_on=dt.date(2026, 2, 4),
            due_on=due_on,
            notify=False,
        )
        if done:
            services.assignment_complete(
                assignment=assignment, result="Сделано", by=executor, done_on=dt.date(2026, 3, 3)
            )
        made[name] = assignment.pk
    return made


def names(queryset, made):
    by_pk = {pk: name for name, pk in made.items()}
    return {by_pk[pk] for pk in queryset.values_list("pk", flat=True)}


def test_open_overdue_done(assignments):
    assert names(Assignment.objects.open(), assignments) == EXPECTED["open"]
    assert names(Assignment.objects.overdue(on=TODAY), assignments) == EXPECTED["overdue"]
    assert names(Assignment.objects.done(), assignments) == EXPECTED["done"]
    flagged = {
        n for n, pk in assignments.items() if Assignment.objects.get(pk=pk).is_overdue(TODAY)
    }
    assert flagged == EXPECTED["overdue"]


def test_within_and_visible_to(assignments, tree, make_staff, office, neighbour_office):
    kyzyl = tree["111033200"]
    assert names(Assignment.objects.within(kyzyl), assignments) == EXPECTED["within_kyzyl_zhuldyz"]
    assert names(Assignment.objects.within(tree["111033000"]), assignments) == set(ROWS)
    assert names(Assignment.objects.visible_to(make_staff(Role.CLERK, office)), assignments) == set(
        ROWS
    )
    neighbour = make_staff(Role.CLERK, neighbour_office)
    assert names(Assignment.objects.visible_to(neighbour), assignments) == set()


def test_meetings_and_questions_within(assignments, tree):
    kyzyl = tree["111033200"]
    assert Meeting.objects.within(kyzyl).count() == 2
    assert set(Question.objects.within(kyzyl).values_list("text", flat=True)) == {
        "done_late",
        "late_elsewhere",
    }
