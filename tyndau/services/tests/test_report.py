"""The monthly report reconciles with the applications: figures from a table written by
hand, not computed by the code under test."""

import datetime as dt

import pytest
import time_machine
from openpyxl import load_workbook

from tyndau.services import selectors, services
from tyndau.services.models import PublicService

from .conftest import ALMATY

pytestmark = pytest.mark.django_db

# (service code, received day in Nov 2026, outcome, decided on, refusal reason)
APPLICATIONS = [
    ("land-purpose-change", 2, "rendered", dt.date(2026, 11, 10), None),
    ("land-purpose-change", 3, "refused", dt.date(2026, 11, 12), "zoning_conflict"),
    ("land-purpose-change", 4, "refused", dt.date(2026, 11, 30), "unreliable_documents"),  # late
    ("land-purpose-change", 5, None, None, None),  # open, due 26 Nov: overdue on 1 Dec
    ("land-plot-sale", 9, "rendered", dt.date(2026, 11, 16), None),
    ("land-plot-sale", 27, None, None, None),  # open, not yet due
    ("land-plot-construction", 10, "refused", dt.date(2026, 11, 20), "plot_not_free"),
]
EXPECTED = {
    # service: received, rendered, refused, overdue
    "land-purpose-change": (4, 1, 2, 2),
    "land-plot-construction": (1, 0, 1, 0),
    "land-rights-no-tender": (0, 0, 0, 0),
    "land-plot-sale": (2, 1, 0, 0),
    "land-queue": (0, 0, 0, 0),
}
EXPECTED_REASONS = {
    ("land-purpose-change", "zoning_conflict"): 1,
    ("land-purpose-change", "unreliable_documents"): 1,
    ("land-plot-construction", "plot_not_free"): 1,
}


@pytest.fixture
def month(apply, clerk):
    for code, day, outcome, decided_on, reason in APPLICATIONS:
        service = PublicService.objects.get(code=code)
        application = apply(service, received_at=dt.datetime(2026, 11, day, 10, tzinfo=ALMATY))
        if outcome is None:
            continue
        with time_machine.travel(dt.datetime.combine(decided_on, dt.time(12), tzinfo=ALMATY)):
            if outcome == "rendered":
                services.application_render(application=application, by=clerk)
            else:
                services.application_refuse(
                    application=application,
                    by=clerk,
                    reason=service.reasons.get(code=reason),
                    text="Основание указано.",
                )
    # December: nothing of it counts in November
    apply(
        PublicService.objects.get(code="land-plot-sale"),
        received_at=dt.datetime(2026, 12, 1, 10, tzinfo=ALMATY),
    )


def test_monthly_report_matches_the_table(month, tree):
    report = selectors.service_monthly_report(
        territory=tree["111033000"], year=2026, month=11, today=dt.date(2026, 12, 1)
    )
    got = {
        row["code"]: (row["received"], row["rendered"], row["refused"], row["overdue"])
        for row in report["rows"]
    }
    assert got == EXPECTED
    assert report["totals"] == {"received": 7, "rendered": 2, "refused": 3, "overdue": 2}
    reasons = {
        (row["code"], r["code"]): r["refused"]
        for row in report["rows"]
        for r in row["reasons"]
        if r["refused"]
    }
    assert reasons == EXPECTED_REASONS


def test_the_neighbour_territory_sees_none_of_it(month, tree):
    report = selectors.service_monthly_report(territory=tree["114645000"], year=2026, month=11)
    assert report["totals"] == {"received": 0, "rendered": 0, "refused": 0, "overdue": 0}


def test_report_page_exports_csv_and_xlsx(month, client, akim):
    client.force_login(akim)
    url = "/ru/staff/services/report/?territory=111033000&month=2026-11"
    page = client.get(url)
    assert page.status_code == 200
    assert 'data-service="land-purpose-change"' in page.content.decode()
    csv_text = client.get(url + "&format=csv").content.decode("utf-8")
    assert "Итого,7,2,3," in csv_text
    xlsx = client.get(url + "&format=xlsx")
    import io

    book = load_workbook(io.BytesIO(xlsx.content))
    rows = list(book.worksheets[0].iter_rows(values_only=True))
    totals = [r for r in rows if r[0] == "Итого"][0]
    assert totals[1:4] == (7, 2, 3)


def test_report_for_a_territory_outside_scope_is_refused(client, make_staff, neighbour_office):
    client.force_login(make_staff("akim", neighbour_office))
    response = client.get("/ru/staff/services/report/?territory=111033000&month=2026-11")
    assert response.status_code == 200
    assert "service-report" not in response.content.decode()
