"""CI fails on a skip that the allow-list does not name; the list names few and exact ones."""

from pathlib import Path

from tyndau.core.tests.skips import allowed_skips, unexpected_skips

ALLOWLIST = Path(__file__).resolve().parents[3] / ".ci" / "allowed-skips.txt"


def test_only_listed_skips_pass():
    allowed = allowed_skips(ALLOWLIST)
    skips = [
        (
            "tyndau/appeals/tests/test_concurrency.py::test_simultaneous_registrations_get_distinct_gap_free_numbers",
            "writers on SQLite are serialized by BEGIN IMMEDIATE; see the docstring",
        ),
        ("tyndau/portal/tests/test_browser.py::test_home", "browser tests skipped: no chromium"),
        ("tyndau/appeals/tests/test_celery.py::test_x", "!!! Redis does not answer …"),
        ("tyndau/appeals/tests/test_concurrency.py::test_other", "some other reason"),
    ]
    assert [test for test, _ in unexpected_skips(skips, allowed)] == [
        "tyndau/portal/tests/test_browser.py::test_home",
        "tyndau/appeals/tests/test_celery.py::test_x",
        "tyndau/appeals/tests/test_concurrency.py::test_other",
    ]


def test_ci_sets_the_allowlist_and_still_runs_make_test():
    run = (ALLOWLIST.parent / "run").read_text()
    assert "TYNDAU_SKIP_ALLOWLIST=.ci/allowed-skips.txt" in run
    assert "REQUIRE_REDIS=1" in run and "REQUIRE_POSTGRES=1" in run
    assert run.rstrip().endswith("make test")
    test_sh = (ALLOWLIST.parents[1] / "scripts" / "test.sh").read_text()
    assert 'PYTEST_ARGS="-rs ' in test_sh
