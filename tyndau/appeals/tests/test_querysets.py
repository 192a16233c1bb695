"""The meanings of appeals written once (``AppealQuerySet``): each method against a table
of appeals whose expected membership is written out by hand below."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
import time_machine

from tyndau.appeals.models import Appeal, Rating
from tyndau.core import calendar

TODAY = dt.date(2026, 11, 18)
# name: (status, due_on, decided_on, territory code, applicant type, crime report)
ROWS = {
    "open_late": (
        "in_progress",
        TODAY - dt.timedelta(days=1),
        None,
        "111033100",
        "individual",
        False,
    ),
    "open_due_today": ("registered", TODAY, None, "111033100", "individual", False),
    "extended_late": (
        "extended",
        TODAY - dt.timedelta(days=9),
        None,
        "111033200",
        "individual",
        False,
    ),
    "answered_late": (
        "answered",
        TODAY - dt.timedelta(days=5),
        dt.date(2026, 11, 10),
        "111033100",
        "individual",
        False,
    ),
    "closed_in_oct": (
        "closed",
        dt.date(2026, 10, 20),
        dt.date(2026, 10, 31),
        "111033200",
        "legal_entity",
        False,
    ),
    "anonymous": (
        "not_considered",
        TODAY + dt.timedelta(days=3),
        None,
        "111033100",
        "anonymous",
        False,
    ),
    "crime": ("redirected", TODAY, dt.date(2026, 11, 1), "111033100", "individual", True),
    "neighbour": (
        "in_progress",
        TODAY - dt.timedelta(days=2),
        None,
        "114645100",
        "individual",
        False,
    ),
}
EXPECTED = {
    "open": {"open_late", "open_due_today", "extended_late", "neighbour"},
    "overdue": {"open_late", "extended_late", "neighbour"},
    "considered_november": {"answered_late", "crime"},
    "public": {
        "open_late",
        "open_due_today",
        "extended_late",
        "answered_late",
        "closed_in_oct",
        "neighbour",
    },
    "within_krasnoyarsk": set(ROWS) - {"neighbour"},
    "within_kyzyl_zhuldyz": {"extended_late", "closed_in_oct"},
}


@pytest.fixture
def appeals(register, tree, neighbour_office):
    made = {}
    for name, (status, due_on, decided_on, code, applicant_type, crime) in ROWS.items():
        office = neighbour_office if code.startswith("1146") else None
        appeal = register(
            territory=tree[code], **({"office": office} if office else {}), text=f"Текст {name}"
        )
        # test data: the states are set directly, the services are not what is tested here
        Appeal.objects.filter(pk=appeal.pk).update(
            status=status,
            due_on=due_on,
            decided_on=decided_on,
            applicant_type=applicant_type,
            crime_report=crime,
        )
        made[name] = appeal.pk
    return made


def names(queryset, appeals):
    by_pk = {pk: name for name, pk in appeals.items()}
    return {by_pk[pk] for pk in queryset.values_list("pk", flat=True)}


def test_open_overdue_considered_public(appeals):
    assert names(Appeal.objects.open(), appeals) == EXPECTED["open"]
    assert names(Appeal.objects.overdue(on=TODAY), appeals) == EXPECTED["overdue"]
    november = Appeal.objects.considered_between(dt.date(2026, 11, 1), dt.date(2026, 11, 30))
    assert names(november, appeals) == EXPECTED["considered_november"]
    assert names(Appeal.objects.counted(), appeals) == EXPECTED["public"]
    # nothing is public before a clerk has published it (moderation, tyndau.privacy)
    assert names(Appeal.objects.public(), appeals) == set()


def test_within_a_territory_is_its_whole_subtree(appeals, tree):
    assert (
        names(Appeal.objects.within(tree["111033000"]), appeals) == EXPECTED["within_krasnoyarsk"]
    )
    assert (
        names(Appeal.objects.within(tree["111033200"]), appeals) == EXPECTED["within_kyzyl_zhuldyz"]
    )
    assert names(Appeal.objects.within(tree["110000000"]), appeals) == set(ROWS)


def test_visible_to_is_the_users_offices_subtree(appeals, make_staff, office, neighbour_office):
    from tyndau.territory.models import Role

    assert (
        names(Appeal.objects.visible_to(make_staff(Role.CLERK, office)), appeals)
        == (EXPECTED["within_krasnoyarsk"])
    )
    assert names(
        Appeal.objects.visible_to(make_staff(Role.ANALYST, neighbour_office)), appeals
    ) == {"neighbour"}


def test_methods_chain(appeals, tree):
    late_here = Appeal.objects.within(tree["111033000"]).overdue(on=TODAY)
    assert names(late_here, appeals) == {"open_late", "extended_late"}


def test_is_overdue_agrees_with_the_queryset_today_in_almaty(appeals):
    # 23:30 in Almaty on TODAY is still the day before in UTC: "today" is Almaty's date.
    almaty_late_evening = dt.datetime(2026, 11, 18, 23, 30, tzinfo=ZoneInfo("Asia/Almaty"))
    with time_machine.travel(almaty_late_evening, tick=False):
        assert calendar.today() == TODAY
        overdue = names(Appeal.objects.overdue(), appeals)
        flagged = {name for name, pk in appeals.items() if Appeal.objects.get(pk=pk).is_overdue}
    assert overdue == flagged == EXPECTED["overdue"]


def test_today_is_the_almaty_date_whatever_the_active_time_zone(settings):
    from django.utils import timezone

    # 20:30 UTC on 17 November is 01:30 on 18 November in Almaty (UTC+5)
    moment = dt.datetime(2026, 11, 17, 20, 30, tzinfo=dt.UTC)
    with time_machine.travel(moment, tick=False), timezone.override(ZoneInfo("UTC")):
        assert timezone.localdate() == dt.date(2026, 11, 17)
        assert calendar.today() == dt.date(2026, 11, 18)


def test_ratings_within_and_visible_to(appeals, tree, make_staff, neighbour_office):
    from tyndau.territory.models import Role

    Rating.objects.create(appeal_id=appeals["answered_late"], score=5)
    Rating.objects.create(appeal_id=appeals["neighbour"], score=2)
    assert list(Rating.objects.within(tree["111033000"]).values_list("score", flat=True)) == [5]
    analyst = make_staff(Role.ANALYST, neighbour_office)
    assert list(Rating.objects.visible_to(analyst).values_list("score", flat=True)) == [2]
