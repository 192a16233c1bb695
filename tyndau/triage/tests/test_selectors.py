import datetime as dt

import pytest
from django.utils import timezone

from tyndau.appeals.models import Appeal, Status
from tyndau.appeals.services import appeal_answer, appeal_assign
from tyndau.territory.models import Role
from tyndau.triage import services
from tyndau.triage.selectors import (
    executor_suggestions,
    problem_list_largest_open,
    similar_open_appeals,
)

pytestmark = pytest.mark.django_db


def _answered(register, clerk, who, **kw):
    appeal = register(**kw)
    appeal = appeal_assign(appeal=appeal, executor=who, by=clerk)
    return appeal_answer(appeal=appeal, outcome="satisfied", text="Сделано", by=who)


def test_executors_who_answered_this_topic_here_come_first_with_load_and_overdue(
    register, clerk, make_staff, office, topic
):
    near = make_staff(Role.EXECUTOR, office, first_name="Near")
    far = make_staff(Role.EXECUTOR, office, first_name="Far")
    roads_only = make_staff(Role.EXECUTOR, office, first_name="Roads")
    n = iter(range(100))
    phone = lambda: f"+7701000{next(n):04d}"  # noqa: E731
    for _ in range(2):
        _answered(register, clerk, near, street="Ленина", phone=phone())
    _answered(
        register, clerk, far, street="Абая", phone=phone(),
        territory=office.territory.children.get(code="111033200"),
    )  # fmt: skip
    _answered(register, clerk, roads_only, topic="roads", phone=phone())
    # far now has two open appeals, one past its deadline
    for _ in range(2):
        fresh = register(phone=phone(), received_at=timezone.now())
        appeal_assign(appeal=fresh, executor=far, by=clerk)
    late = Appeal.objects.filter(executor=far, status=Status.IN_PROGRESS).first()
    Appeal.objects.filter(pk=late.pk).update(due_on=dt.date(2020, 1, 1))

    found = executor_suggestions(
        office=office,
        topic=topic,
        territory=office.territory.children.get(code="111033100"),
        street="ленина",
    )
    assert [e.pk for e in found] == [near.pk, far.pk]
    assert (found[0].answered_here, found[0].answered_topic, found[0].load) == (2, 2, 0)
    assert (found[1].answered_here, found[1].answered_topic) == (0, 1)
    assert (found[1].load, found[1].overdue) == (2, 1)


def test_similar_open_appeals_on_the_same_street_are_found_and_others_are_not(register):
    same = register(text="Прорвало трубу водопровода на Ленина, нет воды")
    register(text="На улице Ленина не горят фонари", topic="improvement_sanitation_ecology")
    elsewhere = register(text="Яма на дороге у школы", street="Абая", topic="roads")
    found = similar_open_appeals(
        office=same.office, text="На Ленина прорвало трубу, воды нет", street="Ленина"
    )
    assert [s.appeal.pk for s in found][:1] == [same.pk]
    assert elsewhere.pk not in [s.appeal.pk for s in found]
    assert found[0].same_street


def test_a_pin_nearby_counts_as_the_same_place(register):
    near = register(text="Нет воды, прорвало трубу", street="", latitude=53.2870, longitude=69.3960)
    found = similar_open_appeals(
        office=near.office, text="Прорвало трубу, нет воды", latitude=53.2880, longitude=69.3965
    )
    assert found[0].appeal.pk == near.pk
    assert 100 < found[0].metres < 130  # about 117 m between the pins


def test_closed_appeals_are_not_similar_open_appeals(register, clerk, executor):
    done = _answered(register, clerk, executor)
    found = similar_open_appeals(office=done.office, text=done.text, street="Ленина")
    assert done.pk not in [s.appeal.pk for s in found]


def test_largest_open_problems_by_the_people_behind_them(register, clerk, executor, office):
    n = iter(range(100))
    phone = lambda: f"+7702000{next(n):04d}"  # noqa: E731
    small = services.problem_link(appeals=[register(phone=phone()) for _ in range(2)], by=clerk)
    big = services.problem_link(
        appeals=[register(phone=phone(), signatories=3) for _ in range(2)], by=clerk
    )
    done = services.problem_link(
        appeals=[_answered(register, clerk, executor, phone=phone()) for _ in range(3)], by=clerk
    )
    found = problem_list_largest_open(territory=office.territory)
    assert [p.pk for p in found] == [big.pk, small.pk]  # the answered one is not open
    assert (found[0].size, found[0].appeal_count, found[0].open_count) == (6, 2, 2)
    assert done.pk not in [p.pk for p in found]
