"""The triage panel in a real browser (Playwright on Debian's chromium): while the clerk
types, a topic is suggested with the words behind it and similar open appeals are shown;
one click accepts the topic, a tick links the same problem, and registering keeps the
choice as a label. Screenshots in kk and ru (test-artifacts/screenshots/)."""

import pytest

from tyndau.appeals.models import Appeal
from tyndau.portal.tests.conftest import topics  # noqa: F401  (fixture)
from tyndau.portal.tests.test_browser import browser, shot  # noqa: F401  (fixture)
from tyndau.territory.models import Role
from tyndau.triage.models import ProblemAppeal, TopicLabel

pytestmark = [pytest.mark.browser, pytest.mark.live]

TEXT = {
    "kk": "Ленина көшесінде су құбыры жарылды, үш күннен бері су жоқ",
    "ru": "На улице Ленина прорвало водопровод, третий день нет воды",
}
EARLIER = {
    "kk": "Ленина көшесінде су құбыры жарылып, су жоқ",
    "ru": "Прорвало водопровод на Ленина, воды нет",
}
WORDS = {"kk": "Ұсынылған тақырып", "ru": "Предлагаемая тема"}


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_clerk_accepts_the_suggested_topic_and_links_the_same_problem(
    browser,  # noqa: F811
    live_server,
    office,
    topics,  # noqa: F811
    make_staff,
    register,
    lang,
):
    earlier = register(text=EARLIER[lang], street="Ленина")
    clerk = make_staff(Role.CLERK, office, username=f"clerk-{lang}")
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(15000)
    page.goto(f"{live_server.url}/{lang}/accounts/login/")
    page.locator("#id_username").fill(clerk.username)
    page.locator("#id_password").fill("pass-12345")
    page.locator("#id_password").press("Enter")
    page.wait_for_url(lambda u: "/accounts/login/" not in u)

    page.goto(f"{live_server.url}/{lang}/staff/appeals/new/")
    page.locator("#id_applicant_name").fill("Сериков Арман")
    page.locator("#id_phone").fill("+77015554433")
    village = office.territory.children.get(code="111033100")
    page.locator("#id_territory").select_option(str(village.pk))
    page.locator("#id_street").fill("Ленина")
    page.locator("#id_street").dispatch_event("change")
    page.locator("#id_text").fill(TEXT[lang])
    page.wait_for_timeout(1000)  # the panel refreshes 800 ms after the last keystroke
    page.wait_for_load_state("networkidle")
    suggested = page.locator("#triage-panel [data-suggested]")
    suggested.wait_for()
    assert suggested.get_attribute("data-suggested") == "water_supply"
    panel = page.locator("#triage-panel")
    assert WORDS[lang] in panel.inner_text()
    assert panel.locator("mark").count() >= 1  # the words that drove it
    same = panel.locator(f'input[name="triage_same_problem"][value="{earlier.pk}"]')
    same.wait_for()
    shot(page, f"triage-panel-{lang}")

    page.locator("#id_topic").select_option(index=1)  # a clerk's first guess
    panel.get_by_role("button").first.click()  # "Accept the topic"
    assert page.locator("#id_topic").input_value() == "water_supply"
    same.check()
    page.locator("form.register-form button[type=submit]").last.click()
    page.wait_for_url(lambda u: "/new/" not in u)

    appeal = Appeal.objects.exclude(pk=earlier.pk).get()
    assert appeal.topic.code == "water_supply"
    label = TopicLabel.objects.get(appeal=appeal)
    assert label.accepted and label.suggested_topic.code == "water_supply"
    problem = ProblemAppeal.objects.get(appeal=appeal).problem
    assert ProblemAppeal.objects.get(appeal=earlier).problem == problem
    context.close()
