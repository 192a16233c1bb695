"""The answer library in a real browser: the FAQ, and suggestions on the appeal form while a
resident types (HTMX); filing stays possible. Screenshots in kk and ru."""

import pytest

from tyndau.library.models import Impression
from tyndau.portal.tests.test_browser import shot

pytestmark = [pytest.mark.browser, pytest.mark.live]


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_faq_and_suggestions_while_typing(phone_page, live_server, library, office, lang):
    page, url = phone_page, live_server.url
    page.goto(f"{url}/{lang}/answers/")
    assert page.locator("#faq-results li.card").count() == 3
    shot(page, f"library-1-faq-{lang}")
    page.locator("#faq-q").fill("кезекке" if lang == "kk" else "фонари")
    page.locator("form[role=search] button").click()
    assert page.locator("#faq-results li.card").count() == 1
    shot(page, f"library-2-search-{lang}")
    page.locator("#faq-results li.card a").first.click()
    shot(page, f"library-3-entry-{lang}")

    page.goto(f"{url}/{lang}/appeal/new/")
    page.locator("#id_text").fill("Третий день нет воды, авария на водопроводе. Когда восстановят?")
    page.locator("#library-suggestions").wait_for()
    assert page.locator("#library-suggestions li").count() >= 1
    assert page.locator("#submit-appeal").is_enabled()
    shot(page, f"library-4-suggestion-{lang}")
    assert Impression.objects.filter(entry=library["water"]).exists()
    assert not page.outside_requests
