"""seed_demo --oblast: Akmola oblast counts the seed's oblast figures in the reports."""

import datetime as dt
import io

import pytest
from django.core.management import CommandError, call_command
from django.db.models import Count, Sum

from tyndau.appeals.models import Appeal
from tyndau.meetings.models import Meeting
from tyndau.reports import meeting_tally, tally
from tyndau.reports.oblast_demo import seed_oblast
from tyndau.reports.services import report_build
from tyndau.territory.demo import seed_territories
from tyndau.territory.models import Territory
from tyndau.territory.querysets import within_q

pytestmark = pytest.mark.django_db

# The seed's figures for Akmola oblast (report on the internship in the oblast akimat),
# written out here apart from the generator's constants.
PERIOD = (dt.date(2021, 7, 1), dt.date(2022, 5, 24))
SEED_FIGURES = {
    "cities": 3,
    "districts": 17,
    "lower_akims": 240,  # "239 my colleagues" and the author
    "meetings": 842,
    "participants_over": 40_000,
    "appeals": 54_490,
    "agriculture_land": 11_482,  # 21 %
    "construction_housing": 10_308,  # 19 %
    "yellow": 3_996,
    "orange": 399,
    "red": 7,
}
# e-Otinish's spheres as the internal topics.
AGRICULTURE_LAND = ["agriculture_veterinary", "land"]
CONSTRUCTION_HOUSING = ["transport_communications", "roads", "housing_utilities",
                        "water_supply", "sewerage", "heating", "electricity_gas_telecom"]  # fmt: skip


def _load():
    seed_territories(log=lambda _line: None)
    return seed_oblast(log=lambda _line: None)


def test_the_oblast_counts_the_seeds_figures(db):
    made = _load()
    oblast = Territory.objects.get(code="110000000")
    below = Territory.objects.filter(parent=oblast)
    assert below.filter(level="city_oblast").count() == SEED_FIGURES["cities"]
    assert below.filter(level="district").count() == SEED_FIGURES["districts"]
    lower = Territory.objects.filter(within_q(oblast, field="parent")).filter(
        level__in=["town", "rural_district", "settlement", "village"]
    )
    akims = lower.exclude(level__in=["village", "settlement"], parent__level="rural_district")
    assert akims.count() == SEED_FIGURES["lower_akims"]
    assert all(len(code) == 9 for code in lower.values_list("code", flat=True))

    start, end = PERIOD
    table2 = report_build(
        form="appeal-topics", territory=oblast, date_from=start, date_to=end, scope="subtree"
    )
    assert table2["total"] == SEED_FIGURES["appeals"]
    appeals = Appeal.objects.within(oblast).filter(registered_on__range=PERIOD)
    assert appeals.count() == SEED_FIGURES["appeals"]
    assert appeals.filter(topic__code__in=AGRICULTURE_LAND).count() == 11_482
    assert appeals.filter(topic__code__in=CONSTRUCTION_HOUSING).count() == 10_308
    assert round(100 * 11_482 / SEED_FIGURES["appeals"]) == 21
    assert round(100 * 10_308 / SEED_FIGURES["appeals"]) == 19
    bands = dict(appeals.values_list("risk_band").annotate(n=Count("id")).order_by())
    assert {band: bands.get(band, 0) for band in ("yellow", "orange", "red")} == {
        "yellow": SEED_FIGURES["yellow"], "orange": SEED_FIGURES["orange"], "red": SEED_FIGURES["red"]
    }  # fmt: skip

    meetings = (
        Meeting.objects.within(oblast)
        .filter(status="held", held_on__range=PERIOD)
        .exclude(kind="organisations")
    )
    assert meetings.count() == SEED_FIGURES["meetings"]
    participants = meetings.aggregate(n=Sum("participants_offline"))["n"]
    assert SEED_FIGURES["participants_over"] < participants < 41_000
    # The maintained tally (which the sheet read) agrees with the raw records.
    raw = report_build(
        form="appeal-topics", territory=oblast, date_from=start, date_to=end, scope="subtree",
        raw=True,
    )  # fmt: skip
    assert raw == table2
    # Every tallied count of the bulk load, checked against the records in one pass each.
    assert tally.differences() == [] and meeting_tally.differences() == []
    # A second run changes nothing.
    assert made is not None and seed_oblast(log=lambda _line: None) is None
    assert Appeal.objects.within(oblast).count() == made["appeals"]


def test_seed_demo_oblast_refuses_a_non_demo_database(settings):
    settings.TYNDAU_DEMO = False
    with pytest.raises(CommandError, match="--force"):
        call_command("seed_demo", "--oblast", stdout=io.StringIO())
    assert not Appeal.objects.exists()
