"""Screenshots of the public plan, an item, the budget, open data and the gathering in kk, ru and en
(test-artifacts/screenshots/), in Debian's chromium driven by Playwright."""

import io

import pytest
from django.core.management import call_command

from tyndau.gathering.models import Session
from tyndau.plans.models import PlanItem
from tyndau.portal.tests.test_browser import SCREENSHOTS, browser  # noqa: F401  (fixture)

pytestmark = [pytest.mark.browser, pytest.mark.live, pytest.mark.django_db(transaction=True)]

# Rows the data migrations load, which seed_demo needs (the FTS table is schema, kept).
DATA_MIGRATIONS = [
    "tyndau.appeals.migrations.0002_default_topics_and_risk_rules",
    "tyndau.plans.migrations.0002_default_statuses",
    "tyndau.reports.migrations.0002_default_topic_mapping",
    "tyndau.services.migrations.0002_default_register",
    "tyndau.triage.migrations.0002_large_problem_risk_rule",
]


def _reload_migrated_rows():
    """An earlier transactional test may have flushed the database, and the data
    migrations' rows with it: load them again, as a fresh database has them."""
    import importlib

    from django.apps import apps
    from django.db import connection
    from django.db.migrations.operations.special import RunPython

    from tyndau.appeals.models import Topic

    if Topic.objects.exists():
        return
    with connection.schema_editor() as editor:
        for path in DATA_MIGRATIONS:
            for operation in importlib.import_module(path).Migration.operations:
                if isinstance(operation, RunPython):
                    operation.code(apps, editor)


def test_screenshots_of_plan_item_budget_and_open_data(browser, live_server, settings):  # noqa: F811
    settings.TYNDAU_TILE_URL = ""
    _reload_migrated_rows()
    call_command("seed_demo", stdout=io.StringIO())
    item = PlanItem.objects.get(code="1.1")
    session = Session.objects.get(number=1)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    context = browser.new_context(viewport={"width": 1200, "height": 900})
    page = context.new_page()
    page.set_default_timeout(15000)
    for lang in ("kk", "ru", "en"):
        for name, path, marker in (
            ("plan", "/plan/", "#plan-map"),
            ("plan-item", f"/plan/items/{item.pk}/", "#timeline"),
            ("budget", "/budget/", ".budget-chart"),
            ("open-data", "/open-data/", "#plan-items"),
            ("gathering-sessions", "/gathering/", "#sessions"),
            ("gathering-decisions", f"/gathering/{session.pk}/", "#agenda"),
        ):
            response = page.goto(f"{live_server.url}/{lang}{path}")
            assert response.status == 200, (lang, path)
            assert page.locator(marker).first.is_visible(), (lang, path)
            page.screenshot(path=str(SCREENSHOTS / f"{name}-{lang}.png"), full_page=True)
    context.close()
