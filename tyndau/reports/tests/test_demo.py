"""seed_demo reproduces the seed's Table 1, Table 2 and the Q1 2022 appeal figures."""

import datetime as dt
import io
import json

import pytest
from django.core.management import call_command

from tyndau.appeals.models import Appeal
from tyndau.reports.services import report_build
from tyndau.reports.sheets import sheet_build
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


# The seed's two Decree 826 sheets for Q1 2022, typed from the seed (a blank cell is 0):
# figure of the Q1 column -> (rural district "Красноярский с/о", village "Кызыл Жулдыз").
SEED_826_Q1_2022 = {
    "meetings_planned.total": (1, 1),
    "meetings_planned.by_level.6": (1, 1),
    "meetings_held.total": (1, 1),
    "meetings_held.by_level.6": (1, 1),
    "broadcasts.total": (3, 1),
    "broadcasts.instagram": (1, 1),
    "broadcasts.facebook": (0, 0),
    "broadcasts.videoconference": (0, 0),
    "broadcasts.tv": (2, 0),
    "participants.total": (1320, 39),
    "participants.offline": (120, 10),
    "participants.online": (1200, 29),
    "participants.instagram": (1200, 29),
    "participants.facebook": (0, 0),
    "participants.videoconference": (0, 0),
    "participants.tv": (0, 0),
    "questions.total": (31, 5),
    "questions.by_topic.political": (0, 0),
    "questions.by_topic.economy_budget": (0, 0),
    "questions.by_topic.public_services": (0, 0),
    "questions.by_topic.housing": (7, 0),
    "questions.by_topic.land": (1, 0),
    "questions.by_topic.roads": (2, 1),
    "questions.by_topic.facilities": (2, 0),
    "questions.by_topic.utilities": (4, 1),
    "questions.by_topic.business": (0, 0),
    "questions.by_topic.agriculture": (2, 0),
    "questions.by_topic.improvement": (4, 1),
    "questions.by_topic.other": (9, 2),
    "social_appeals.total": (11, 0),
    "social_appeals.by_level.6": (11, 0),
    "receptions.total": (0, 1),
    "receptions.by_level.6": (0, 1),
    "critical_remarks.total": (0, 0),
    "critical_remarks.by_level.6": (0, 0),
    "media.total": (1, 1),
    "media.central": (0, 0),
    "media.local": (0, 0),
    "media.social": (1, 1),
    "officials_present.total": (0, 0),
    "officials_present.government": (0, 0),
    "officials_present.parliament": (0, 0),
    "officials_present.state_bodies": (0, 0),
}
Q1_2022 = {"date_from": dt.date(2022, 1, 1), "date_to": dt.date(2022, 3, 31)}


def _q1_sheet_cells(territory, **scope):
    """{figure key: value} of the Q1 column of the Decree 826 sheet as drawn."""
    data = report_build(form="decree-826", territory=territory, **Q1_2022, **scope)
    sheet = sheet_build(form="decree-826", data=data)
    cells = {}
    for row in sheet["rows"]:
        for cell in row:
            if cell.get("key", "").startswith("quarters.0."):
                cells[cell["key"].removeprefix("quarters.0.")] = cell["value"]
    return data, cells


@pytest.mark.parametrize("column,code", [(0, "111033000"), (1, "111033200")])
def test_decree_826_q1_2022_own_sheets_are_the_seeds(demo, column, code):
    """The rural district's and the village's sheets side by side, each its own records."""
    territory = Territory.objects.get(code=code)
    data, cells = _q1_sheet_cells(territory, scope="own")
    assert data["scope"] == "own"
    expected = {key: values[column] for key, values in SEED_826_Q1_2022.items()}
    assert {key: cells[key] for key in expected} == expected
    # Every other by-level cell is blank on the seed's sheets.
    for key, value in cells.items():
        if ".by_level." in key and key not in expected:
            assert value == 0, key
    assert cells["organisation_meetings.held"] == 0


def test_decree_826_default_scope_is_own_and_subtree_rolls_up(demo):
    _data, default = _q1_sheet_cells(demo)
    _data, own = _q1_sheet_cells(demo, scope="own")
    assert default == own
    _data, subtree = _q1_sheet_cells(demo, scope="subtree")
    # The roll-up adds the village's sheet to the district's.
    for key in ["meetings_held.total", "participants.total", "questions.total"]:
        assert subtree[key] == sum(SEED_826_Q1_2022[key])
    assert subtree["receptions.total"] == 1


def test_report_command_takes_the_scope(demo):
    out = io.StringIO()
    call_command(
        "report",
        "decree-826",
        "--territory",
        "111033000",
        "--from",
        "2022-01-01",
        "--to",
        "2022-03-31",
        "--scope",
        "subtree",
        stdout=out,
    )
    data = json.loads(out.getvalue())
    assert data["scope"] == "subtree"
    assert data["quarters"][0]["participants"]["total"] == 1320 + 39
