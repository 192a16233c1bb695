import pytest


@pytest.fixture(autouse=True)
def _jobs_at_commit(settings):
    """A draw started from a page runs at commit, not on a thread (see core.jobs)."""
    settings.TYNDAU_JOBS_THREADS = False
