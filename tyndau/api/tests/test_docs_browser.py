"""The Swagger UI page renders our schema in a real browser, from local files only.

Launches Debian's /usr/bin/chromium through Playwright (never downloads a browser). Without
them this test skips with the reason, or fails when REQUIRE_BROWSER=1 (as in CI).
"""

import os
from urllib.parse import urlparse

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.live]

CHROMIUM = "/usr/bin/chromium"


def _unavailable_reason() -> str | None:
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "the 'playwright' package is not installed"
    if not os.access(CHROMIUM, os.X_OK):
        return f"no chromium at {CHROMIUM}"
    return None


def test_swagger_ui_shows_the_operations_without_a_cdn(live_server, transactional_db):
    reason = _unavailable_reason()
    if reason:
        if os.environ.get("REQUIRE_BROWSER") == "1":
            pytest.fail(f"REQUIRE_BROWSER=1 but {reason}", pytrace=False)
        pytest.skip(f"browser test skipped: {reason}")
    from playwright.sync_api import sync_playwright

    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    hosts = set()
    try:
        with sync_playwright() as pw:
            browser = pw.chromium.launch(
                executable_path=CHROMIUM,
                args=["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run"],
                headless=True,
            )
            page = browser.new_page()
            page.on("request", lambda request: hosts.add(urlparse(request.url).netloc))
            page.goto(f"{live_server.url}/api/docs/")
            page.wait_for_selector(".opblock-summary-path", timeout=20000)
            paths = page.locator(".opblock-summary-path").all_inner_texts()
            browser.close()
    finally:
        if previous is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous
    assert any("/api/v1/appeals/" in p for p in paths)
    assert hosts <= {urlparse(live_server.url).netloc}, hosts
