"""Meetings, assignments and reports over REST: scope, rules and services of their apps."""

import datetime as dt

import pytest

from tyndau.meetings import services as meeting_services
from tyndau.meetings.models import Assignment, AssignmentStatus
from tyndau.territory.models import Role


@pytest.fixture
def meeting(tree, clerk):
    meeting = meeting_services.meeting_plan(
        territory=tree["111033100"],
        kind="gathering",
        planned_on=dt.date(2026, 2, 3),
        place="Дом культуры",
        by=clerk,
    )
    meeting_services.meeting_hold(
        meeting=meeting, held_on=dt.date(2026, 2, 3), by=clerk, participants_offline=120
    )
    return meeting


@pytest.fixture
def assignment(meeting, clerk, akim, executor):
    question = meeting_services.question_add(
        meeting=meeting, topic="roads", text="Отремонтировать улицу Мира", by=clerk
    )
    return meeting_services.assignment_give(question=question, executor=executor, by=akim)


@pytest.fixture
def neighbour_clerk(make_staff, neighbour_office):
    return make_staff(Role.CLERK, neighbour_office)


def test_meetings_of_the_office_with_questions(api, clerk, assignment, meeting):
    body = api(clerk).get("/api/v1/meetings/").json()
    (item,) = body["results"]
    assert item["id"] == meeting.pk
    assert item["participants_offline"] == 120
    detail = api(clerk).get(f"/api/v1/meetings/{meeting.pk}/").json()
    (question,) = detail["questions"]
    assert question["topic"] == "roads"
    assert question["assignment"] == assignment.pk


def test_meetings_filtered_by_a_territory_and_everything_below_it(api, clerk, meeting):
    def count(code):
        return api(clerk).get("/api/v1/meetings/", {"territory": code}).json()["count"]

    assert count("111033100") == 1  # the meeting's own village
    assert count("111033000") == 1  # the rural district above it
    assert count("111033200") == 0  # a neighbouring village
    assert count("999") == 0  # no territory has this code


def test_the_neighbouring_office_sees_no_meetings_or_assignments(
    api, neighbour_clerk, assignment, meeting
):
    client = api(neighbour_clerk)
    assert client.get("/api/v1/meetings/").json()["results"] == []
    assert client.get(f"/api/v1/meetings/{meeting.pk}/").status_code == 404
    assert client.get("/api/v1/assignments/").json()["results"] == []
    response = client.post(f"/api/v1/assignments/{assignment.pk}/complete/", {"result": "x"})
    assert response.status_code == 404


def test_the_executor_completes_an_assignment(api, executor, assignment):
    response = api(executor).post(
        f"/api/v1/assignments/{assignment.pk}/complete/",
        {"result": "Улица отремонтирована"},
        HTTP_IF_MATCH=f'"{assignment.version}"',
    )
    assert response.status_code == 200, response.json()
    assert response.json()["status"] == AssignmentStatus.DONE
    again = api(executor).post(
        f"/api/v1/assignments/{assignment.pk}/complete/",
        {"result": "Ещё раз"},
        HTTP_IF_MATCH=f'"{response.json()["version"]}"',
    )
    assert again.status_code == 409


def test_a_stale_version_of_an_assignment_is_a_conflict(api, executor, assignment):
    response = api(executor).post(
        f"/api/v1/assignments/{assignment.pk}/complete/",
        {"result": "Готово", "version": assignment.version + 5},
    )
    assert response.status_code == 409
    assert Assignment.objects.get().status == AssignmentStatus.IN_PROGRESS


def test_a_clerk_may_not_complete_someone_elses_assignment(api, clerk, assignment):
    response = api(clerk).post(f"/api/v1/assignments/{assignment.pk}/complete/", {"result": "x"})
    assert response.status_code == 403
