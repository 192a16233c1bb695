"""Public service pages in a real browser (Debian's chromium), with screenshots in kk and ru
to test-artifacts/screenshots/ (see README)."""

import datetime as dt
import re
from zoneinfo import ZoneInfo

import pytest

from tyndau.core import calendar
from tyndau.portal.tests.test_browser import shot
from tyndau.services import services
from tyndau.services.models import Application, QueueEntry

pytestmark = [pytest.mark.browser, pytest.mark.live]


@pytest.fixture(autouse=True)
def office_hours(time_machine):
    """10:00 in Almaty on the next working day, the clock running: an application filed
    after office hours is registered the next working day, and the clerk may not decide
    it before that day (so a test run in the evening would otherwise fail). The next, not
    a fixed, day: the browser keeps real time, and cookies must not look expired to it."""
    day = calendar.next_working_day(calendar.today())
    time_machine.move_to(dt.datetime.combine(day, dt.time(10), ZoneInfo("Asia/Almaty")))


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_resident_applies_for_the_queue_and_finds_their_place(
    phone_page,
    live_server,
    office,
    apply,
    queue_service,
    clerk,
    iins,
    lang,
):
    page, url = phone_page, live_server.url
    # someone already waits: the resident will be second
    first = apply(
        queue_service, iin=iins[1], queue_action="join", queue_purpose="individual_housing"
    )
    services.application_render(application=first, by=clerk)

    page.goto(f"{url}/{lang}/services/")
    shot(page, f"services-1-index-{lang}")
    page.locator(f"[data-service='{queue_service.code}'] a").click()
    page.wait_for_url(re.compile(rf"/{lang}/services/land-queue/"))
    page.locator("#id_territory").select_option(
        value=str(office.territory.children.get(code="111033100").pk)
    )
    page.locator("#id_applicant_name").fill("Серикова Айгерим")
    page.locator("#id_iin").fill(iins[0])
    page.locator("#id_queue_purpose").select_option("individual_housing")
    shot(page, f"services-2-apply-{lang}")
    page.locator("#submit-application").click()
    number = page.locator("#application-number").inner_text()
    shot(page, f"services-3-application-{lang}")

    application = Application.objects.get(number=number)
    services.application_render(application=application, by=clerk)
    entry = QueueEntry.objects.get(iin=iins[0])

    page.goto(f"{url}/{lang}/services/queue/?office={office.pk}&purpose=individual_housing")
    assert page.locator("#queue-positions tbody tr").count() == 2
    shot(page, f"services-4-queue-{lang}")

    page.goto(f"{url}/{lang}/services/queue/lookup/")
    page.locator("#id_number").fill(entry.number)
    page.locator("#id_iin_last4").fill(iins[0][-4:])
    page.locator("#lookup").click()
    assert page.locator("#queue-position").inner_text() == "2"
    shot(page, f"services-5-lookup-{lang}")
    assert not page.outside_requests
