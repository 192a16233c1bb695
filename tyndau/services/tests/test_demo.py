"""The demo holds the seed's figures: 1,535 services rendered and 118 justified refusals in
the first half of 2022, and each month's service report adds up to the table below,
written by hand (not computed by the code under test)."""

import datetime as dt

import pytest
from django.db.models import Count

from tyndau.core.errors import DomainError
from tyndau.services import selectors, services
from tyndau.services.demo import seed_services
from tyndau.services.models import Application, ApplicationStatus, PublicService, QueueEntry
from tyndau.territory.demo import seed_territories, seed_users
from tyndau.territory.models import Office, Territory

from .conftest import ALMATY

pytestmark = pytest.mark.django_db

SERVICES = [
    "land-purpose-change",
    "land-plot-construction",
    "land-rights-no-tender",
    "land-plot-sale",
    "land-queue",
]
# month: per service in the order above, (received, rendered, refused, overdue)
SHEET_2022 = {
    1: [(28, 26, 2, 0), (37, 34, 3, 0), (49, 45, 4, 0), (41, 38, 3, 0), (85, 80, 5, 0)],
    2: [(30, 28, 2, 0), (41, 37, 4, 0), (52, 48, 4, 0), (44, 41, 3, 0), (90, 84, 6, 0)],
    3: [(34, 31, 3, 0), (44, 40, 4, 0), (57, 52, 5, 0), (47, 44, 3, 0), (96, 90, 6, 0)],
    4: [(32, 30, 2, 0), (44, 41, 3, 0), (57, 53, 4, 0), (48, 45, 3, 0), (98, 92, 6, 0)],
    5: [(36, 33, 3, 0), (48, 44, 4, 0), (61, 56, 5, 0), (52, 48, 4, 0), (103, 96, 7, 0)],
    6: [(34, 32, 2, 0), (48, 44, 4, 0), (61, 56, 5, 0), (52, 49, 3, 0), (104, 98, 6, 0)],
}
MONTH_TOTALS = {  # rendered, refused
    1: (223, 17),
    2: (238, 19),
    3: (257, 21),
    4: (261, 18),
    5: (277, 23),
    6: (279, 20),
}


def _load(register):
    quiet = lambda _line: None  # noqa: E731
    seed_territories(log=quiet)
    seed_users(log=quiet)
    seed_services(log=quiet)


def test_each_month_of_the_seeds_half_year_matches_the_sheet(register):
    _load(register)
    district = Territory.objects.get(code="111033000")
    rendered = refused = 0
    for month, expected in SHEET_2022.items():
        report = selectors.service_monthly_report(
            territory=district, year=2022, month=month, today=dt.date(2022, 7, 1)
        )
        got = {
            row["code"]: (row["received"], row["rendered"], row["refused"], row["overdue"])
            for row in report["rows"]
        }
        assert got == dict(zip(SERVICES, expected, strict=True)), month
        totals = report["totals"]
        assert (totals["rendered"], totals["refused"]) == MONTH_TOTALS[month], month
        for row in report["rows"]:  # every refusal has a reason of its service
            assert sum(r["refused"] for r in row["reasons"]) == row["refused"], (month, row)
        rendered += totals["rendered"]
        refused += totals["refused"]
    assert (rendered, refused) == (1535, 118)  # the seed: «оказано 1535 … отказов – 118»


def test_the_report_reconciles_with_the_applications_and_the_queue(register):
    _load(register)
    half = Application.objects.filter(
        registered_on__range=(dt.date(2022, 1, 1), dt.date(2022, 6, 30))
    )
    by_status = dict(half.values_list("status").annotate(n=Count("id")))
    assert by_status == {ApplicationStatus.RENDERED: 1535, ApplicationStatus.REFUSED: 118}
    assert not half.filter(decided_on__gt=dt.date(2022, 6, 30)).exists()
    joined = half.filter(service__code="land-queue", status=ApplicationStatus.RENDERED)
    assert QueueEntry.objects.filter(applications__in=joined).count() == 540
    office = Office.objects.get(territory__code="111033000")
    positions = [r["position"] for r in selectors.queue_public(office=office, purpose="farming")]
    assert positions == list(range(1, len(positions) + 1))
    count = Application.objects.count()
    seed_services(log=lambda _line: None)  # idempotent
    assert Application.objects.count() == count


def test_a_wrong_line_refuses_the_whole_past_register(register):
    _load(register)
    office = Office.objects.get(territory__code="111033000")
    village = Territory.objects.get(code="111033100")
    sale = PublicService.objects.get(code="land-plot-sale")
    other_reason = PublicService.objects.get(code="land-purpose-change").reasons.first()
    before = Application.objects.count()
    good = services.PastApplication(
        service=sale,
        territory=village,
        applicant_name="Ким Сергей",
        iin=Application.objects.first().iin,
        received_at=dt.datetime(2022, 7, 4, 10, tzinfo=ALMATY),
        decided_on=dt.date(2022, 7, 7),
    )
    wrong = services.PastApplication(
        service=sale,
        territory=village,
        applicant_name="Ким Сергей",
        iin=good.iin,
        received_at=good.received_at,
        decided_on=dt.date(2022, 7, 8),
        refusal_reason=other_reason,
        refusal_text="Не тот отказ.",
    )
    with pytest.raises(DomainError) as refused:
        services.applications_import_decided(office=office, rows=[good, wrong])
    assert refused.value.code == "reason" and "2" in str(refused.value)
    assert Application.objects.count() == before
