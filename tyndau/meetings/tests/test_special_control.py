"""The akim's special control (особый контроль) of an assignment: only the akim puts it
on and closes it, the akim is reminded too, and the lists and the dashboard mark it."""

import datetime as dt

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import translation

from tyndau.core import calendar
from tyndau.core.errors import TransitionError
from tyndau.meetings import services
from tyndau.meetings.models import Assignment, AssignmentStatus

pytestmark = pytest.mark.django_db
GIVEN = dt.date(2026, 2, 4)


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


@pytest.fixture
def assignment(question, executor, akim):
    return services.assignment_give(
        question=question, executor=executor, by=akim, given_on=GIVEN, notify=False
    )


def row(assignment) -> dict:
    return Assignment.objects.filter(pk=assignment.pk).values().get()


def test_the_akim_puts_an_assignment_on_special_control_from_its_page(client, assignment, akim):
    client.force_login(akim)
    page = client.get(reverse("meetings:assignment", args=[assignment.pk]))
    assert "Put on special control" in page.content.decode()
    r = client.post(
        reverse("meetings:assignment-control", args=[assignment.pk]),
        {"on": "True", "version": assignment.version},
    )
    assert r.status_code == 302
    assignment.refresh_from_db()
    assert assignment.special_control and assignment.special_control_since == calendar.today()
    listing = client.get(reverse("meetings:assignments"))
    assert 'data-special-control="1"' in listing.content.decode()


@pytest.mark.parametrize("who", ["deputy", "clerk", "executor"])
def test_only_the_akim_puts_on_special_control(who, request, client, assignment):
    user = request.getfixturevalue(who)
    before = row(assignment)
    assert not user.has_perm("meetings.control_assignment", assignment)
    with pytest.raises(TransitionError):
        services.assignment_control(assignment=assignment, on=True, by=user)
    assert row(assignment) == before
    client.force_login(user)
    r = client.post(
        reverse("meetings:assignment-control", args=[assignment.pk]),
        {"on": "True", "version": assignment.version},
    )
    assert r.status_code == 403
    assert row(assignment) == before


@pytest.mark.parametrize("who", ["deputy", "executor"])
def test_on_special_control_only_the_akim_closes_the_assignment(
    who, request, client, assignment, akim
):
    services.assignment_control(assignment=assignment, on=True, by=akim)
    user = request.getfixturevalue(who)
    assert not user.has_perm("meetings.complete_assignment", assignment)
    before = row(assignment)
    with pytest.raises(TransitionError, match="special control"):
        services.assignment_complete(assignment=assignment, result="Сделано", by=user)
    assert row(assignment) == before
    client.force_login(user)
    r = client.post(
        reverse("meetings:assignment", args=[assignment.pk]),
        {"result": "Сделано", "version": assignment.version},
    )
    assert r.status_code == 403
    assert row(assignment) == before
    assignment.refresh_from_db()
    services.assignment_complete(assignment=assignment, result="Сделано", by=akim)
    assert Assignment.objects.get(pk=assignment.pk).status == AssignmentStatus.DONE


def test_the_akim_is_reminded_of_an_assignment_on_special_control(
    assignment, akim, executor, django_capture_on_commit_callbacks
):
    services.assignment_control(assignment=assignment, on=True, by=akim)
    mail.outbox.clear()
    three_before = calendar.add_working_days(GIVEN, 12)  # the term is 15 working days
    with django_capture_on_commit_callbacks(execute=True):
        assert services.assignments_remind(today=three_before) == 1
    [reminder] = mail.outbox
    assert sorted(reminder.to) == sorted([executor.email, akim.email])


def test_without_special_control_only_the_executor_is_reminded(
    assignment, executor, django_capture_on_commit_callbacks
):
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert services.assignments_remind(today=calendar.add_working_days(GIVEN, 12)) == 1
    assert [m.to for m in mail.outbox] == [[executor.email]]
