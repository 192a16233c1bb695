"""seed_demo reproduces the seed's Table 1, Table 2 and the Q1 2022 appeal figures."""

import datetime as dt
import io

import pytest
from django.core.management import call_command

from tyndau.appeals.models import Appeal
from tyndau.reports.services import report_build
from tyndau.territory.models import Territory

pytestmark = pytest.mark.django_db

Y2021 = {"date_from": dt.date(2021, 1, 1), "date_to": dt.date(2021, 12, 31)}


@pytest.fixture
def demo(db):
    call_command("seed_demo", stdout=io.StringIO())
    return Territory.objects.get(code="111033000")


def test_table_1_of_2021(demo):
    data = report_build(form="appeal-outcomes", territory=demo, **Y2021)
    assert data["received"] == 258
    assert data["received_by_source"] == {
        "individual": 166,
        "legal_entity": 49,
        "personal_reception": 43,
        "anonymous": 0,
    }
    assert data["repeated"] == 0
    assert data["considered"] == 219
    assert data["redirected"] == 52
    assert data["satisfied"] == 70
    assert data["refused"] == 13
    assert data["explained"] == 135
    assert data["terminated"] == 1
    assert data["considered_repeatedly"] == 0
    assert data["pending_at_end"] == 7


def test_table_2_of_2021(demo):
    data = report_build(form="appeal-topics", territory=demo, **Y2021)
    assert data["total"] == 258
    assert data["topics"] == {
        "housing_utilities": 98,
        "land": 21,
        "labour_employment": 12,
        "housing_provision": 4,
        "education_science": 0,
        "agriculture": 3,
        "everyday_life": 32,
        "social_assistance": 8,
        "complaints_officials": 0,
        "other": 80,
    }


def test_personal_reception_of_2021_and_h1_2022(demo):
    data = report_build(form="personal-reception", territory=demo, **Y2021)
    assert data["total"] == 43
    h1 = report_build(
        form="personal-reception",
        territory=demo,
        date_from=dt.date(2022, 1, 1),
        date_to=dt.date(2022, 6, 30),
    )
    assert h1["total"] == 7


def test_carried_over_appeals_were_registered_in_2020(demo):
    carried = Appeal.objects.filter(
        territory__path__startswith=demo.path,
        registered_on__year=2020,
        decided_on__year=2021,
    )
    assert carried.count() == 20


def test_seed_demo_is_idempotent(demo):
    before = Appeal.objects.count()
    call_command("seed_demo", stdout=io.StringIO())
    assert Appeal.objects.count() == before


def test_decree_826_of_q1_2022(demo):
    """Needs the meetings app's demo (the reporting meeting of 3 February 2022)."""
    data = report_build(
        form="decree-826",
        territory=demo,
        date_from=dt.date(2022, 1, 1),
        date_to=dt.date(2022, 3, 31),
    )
    (q1,) = data["quarters"]
    assert q1["meetings_planned"]["total"] == q1["meetings_planned"]["by_level"]["6"] == 1
    assert q1["meetings_held"]["total"] == q1["meetings_held"]["by_level"]["6"] == 1
    assert q1["broadcasts"] == {"total": 3, "instagram": 1, "facebook": 0,
                                "videoconference": 0, "tv": 2}  # fmt: skip
    assert q1["participants"]["total"] == 1320
    assert q1["participants"]["offline"] == 120
    assert q1["participants"]["instagram"] == 1200
    assert q1["questions"]["total"] == 31
    assert q1["questions"]["by_topic"] == {
        "political": 0, "economy_budget": 0, "public_services": 0, "housing": 7, "land": 1,
        "roads": 2, "facilities": 2, "utilities": 4, "business": 0, "agriculture": 2,
        "improvement": 4, "other": 9,
    }  # fmt: skip
    assert q1["social_appeals"]["total"] == q1["social_appeals"]["by_level"]["6"] == 11
    assert q1["receptions"]["total"] == 1
    assert q1["critical_remarks"]["total"] == 0
    assert q1["media"] == {"total": 1, "central": 0, "local": 0, "social": 1}
