import contextlib
import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from tyndau.appeals.validators import check_digit_ok
from tyndau.portal.tests.conftest import map_without_tiles  # noqa: F401  (browser tests)
from tyndau.portal.tests.test_browser import browser, phone_page  # noqa: F401
from tyndau.services import services
from tyndau.services.models import PublicService

ALMATY = ZoneInfo("Asia/Almaty")
MONDAY_MORNING = dt.datetime(2026, 11, 2, 10, 0, tzinfo=ALMATY)


def make_iin(prefix: str) -> str:
    """A valid IIN starting with the 11 digits given (the check digit appended)."""
    for last in "0123456789":
        if check_digit_ok(prefix + last):
            return prefix + last
    raise AssertionError(f"no check digit for {prefix}")


@pytest.fixture
def iins():
    out, n = [], 0
    while len(out) < 8:
        with contextlib.suppress(AssertionError):
            out.append(make_iin(f"8501{n:02d}300{n:02d}"[:11]))
        n += 1
    return out


@pytest.fixture
def register(db):
    """The default register (a transactional test flushes the migration's rows)."""
    if not PublicService.objects.exists():
        from django.apps import apps

        from tyndau.services.data.register import load

        load(apps)


@pytest.fixture
def service(register):
    return PublicService.objects.get(code="land-purpose-change")


@pytest.fixture
def queue_service(register):
    return PublicService.objects.get(code="land-queue")


@pytest.fixture
def village(tree):
    return tree["111033100"]


@pytest.fixture
def apply(office, village, clerk):
    def make(service, **overrides):
        values = {
            "office": office,
            "territory": village,
            "service": service,
            "channel": "office",
            "applicant_name": "Серикова Айгерим",
            "iin": "791028302728",
            "received_at": MONDAY_MORNING,
            "registered_by": clerk,
        }
        values.update(overrides)
        return services.application_register(**values)

    return make
