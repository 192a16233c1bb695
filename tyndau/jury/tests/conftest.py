import pytest

from tyndau.portal.tests.conftest import map_without_tiles  # noqa: F401  (browser tests)
from tyndau.portal.tests.test_browser import browser, phone_page  # noqa: F401


@pytest.fixture(autouse=True)
def _jobs_at_commit(settings):
    """A draw started from a page runs at commit, not on a thread (see core.jobs)."""
    settings.TYNDAU_JOBS_THREADS = False
