"""Accessibility of the main pages, checked by axe-core (the WCAG 2.0, 2.1 and 2.2 A and AA rules) in a
real browser, for residents and for the clerk, in Kazakh and Russian. A page fails on any
violation of serious or critical impact; the report names the rule and the elements."""

import pytest
from axe_playwright_python.sync_playwright import Axe

from tyndau.portal.tests.test_browser import PHONE, browser  # noqa: F401  (fixture)
from tyndau.territory.models import Role

pytestmark = [pytest.mark.browser, pytest.mark.live]

RULES = {
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]}
}
BLOCKING = {"serious", "critical"}

RESIDENT_PAGES = ["/", "/appeal/new/", "/track/", "/appeals/", "/answers/", "/sign-in/"]
STAFF_PAGES = ["/staff/", "/staff/appeals/", "/staff/appeals/new/"]


def _problems(page) -> list[str]:
    results = Axe().run(page, options=RULES)
    found = []
    for violation in results.response["violations"]:
        if violation["impact"] in BLOCKING:
            targets = ", ".join(str(n["target"][0]) for n in violation["nodes"][:5])
            found.append(f"{violation['id']} ({violation['impact']}): {targets}")
    return found


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_resident_and_clerk_pages_pass_axe(
    browser,  # noqa: F811
    live_server,
    tree,
    topics,
    office,
    make_staff,
    file_appeal,
    map_without_tiles,
    lang,
):
    file_appeal(text="Нет воды в колонке на улице Абая с понедельника.")
    clerk = make_staff(Role.CLERK, office, username=f"axe-{lang}")
    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True)
    page = context.new_page()
    page.set_default_timeout(15000)
    problems = {}
    for path in RESIDENT_PAGES:
        page.goto(f"{live_server.url}/{lang}{path}")
        problems[path] = _problems(page)
    page.goto(f"{live_server.url}/{lang}/accounts/login/")
    problems["/accounts/login/"] = _problems(page)
    page.locator("#id_username").fill(clerk.username)
    page.locator("#id_password").fill("pass-12345")
    page.locator("#id_password").press("Enter")
    page.wait_for_url(lambda u: "/accounts/login/" not in u)
    for path in STAFF_PAGES:
        page.goto(f"{live_server.url}/{lang}{path}")
        problems[path] = _problems(page)
    context.close()
    assert {path: found for path, found in problems.items() if found} == {}


def test_the_check_does_find_a_violation(browser):  # noqa: F811
    """The check is not vacuous: a button without a name and an image without alt fail."""
    page = browser.new_page()
    page.set_content(
        '<html lang="kk"><head><title>x</title></head><body><main>'
        '<img src="data:,"><button></button></main></body></html>'
    )
    found = _problems(page)
    page.close()
    assert any(p.startswith("image-alt (critical)") for p in found), found
    assert any(p.startswith("button-name (critical)") for p in found), found
