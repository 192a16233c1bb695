"""A clerk keeps a session of the gathering in Kazakh in a real browser (Debian's chromium,
Playwright): registers who is present, opens the session, records the votes and the
decision, closes it; the budget gets its version from that decision. Screenshots go to
test-artifacts/screenshots/."""

import datetime as dt
import re

import pytest

from tyndau.budget.models import BudgetVersion
from tyndau.gathering import services
from tyndau.gathering.models import AgendaKind, Session, SessionStatus, Vote
from tyndau.portal.tests.test_browser import SCREENSHOTS, browser  # noqa: F401  (fixture)

pytestmark = [pytest.mark.browser, pytest.mark.live, pytest.mark.django_db(transaction=True)]


def test_a_clerk_keeps_a_session_in_kazakh(browser, live_server, clerk, members, budget):  # noqa: F811
    session = services.session_plan(
        territory=budget.territory, held_on=dt.date(2026, 1, 20), place="Мәдениет үйі"
    )
    services.agenda_item_add(
        session=session,
        kind=AgendaKind.BUDGET,
        title_ru="О согласовании бюджета на 2026 год",
        title_kk="2026 жылғы бюджетті келісу туралы",
        budget=budget,
    )
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(15000)
    page.on("dialog", lambda dialog: dialog.accept())
    page.goto(f"{live_server.url}/kk/accounts/login/")
    page.locator("#id_username").fill(clerk.username)
    page.locator("#id_password").fill("pass-12345")
    page.locator("#id_password").press("Enter")
    page.wait_for_load_state()

    page.goto(f"{live_server.url}/kk/staff/gathering/sessions/{session.pk}/")
    assert "2026 жылғы бюджетті келісу туралы" in page.content()
    assert page.locator('[data-quorum="no"]').is_visible()  # nobody registered yet

    present = members[:5]
    for member in present:
        page.locator(f'#attendance input[name=present][value="{member.pk}"]').check()
    page.get_by_role("button", name="Қатысушылар тізімін сақтау").click()
    page.wait_for_selector('[data-quorum="yes"]')
    assert "7 мүшенің 5 қатысуда" in page.locator("#quorum").inner_text()

    page.locator("#open select[name=chair]").select_option(str(present[0].pk))
    page.locator("#open select[name=secretary]").select_option(str(present[1].pk))
    page.get_by_role("button", name="Отырысты ашу").click()
    page.wait_for_selector(".vote-form")
    assert "отырыс жүріп жатыр" in page.locator("#facts").inner_text()

    for member in present[:4]:
        page.get_by_label(f"{member.full_name}: жақтап").check()
    page.get_by_label(f"{present[4].full_name}: қарсы").check()
    page.get_by_role("button", name="Дауыстарды сақтау").click()
    page.wait_for_selector('.votes[data-for="4"][data-against="1"]')
    page.screenshot(path=str(SCREENSHOTS / "gathering-session-kk.png"), full_page=True)

    page.locator(".decision-form textarea[name=text_kk]").fill("Бюджет жобасы келісілсін.")
    page.locator(".decision-form textarea[name=text_ru]").fill("Согласовать проект бюджета.")
    page.get_by_role("button", name="Шешімді жазу").click()
    page.wait_for_selector(".decision.adopted")
    assert "Бюджет жобасы келісілсін." in page.locator(".decision").inner_text()

    page.locator("#close-session").click()
    page.wait_for_function("() => !document.querySelector('#close-session')")
    assert "жабылды" in page.locator("#facts").inner_text()

    closed = Session.objects.get(pk=session.pk)
    assert closed.status == SessionStatus.CLOSED
    assert Vote.objects.filter(choice="for").count() == 4
    version = BudgetVersion.objects.get(budget=budget)
    assert version.decision.agenda_item.session_id == session.pk

    page.goto(f"{live_server.url}/kk/gathering/{session.pk}/")
    assert re.search(r"Жақтап — 4, қарсы — 1", page.locator("#agenda").inner_text())
    assert present[0].full_name not in page.content()
    page.screenshot(path=str(SCREENSHOTS / "gathering-public-kk.png"), full_page=True)
    context.close()
