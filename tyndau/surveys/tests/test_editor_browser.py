"""The staff editor in a real browser, in Kazakh and in Russian: a clerk logs in, creates a survey,
adds a trait and a question, publishes it and sees it on the portal; every editor page
and the results with their chart pass axe-core. Screenshots in test-artifacts."""

import datetime as dt
import re

import pytest

from tyndau.portal.tests.test_accessibility import _problems
from tyndau.portal.tests.test_browser import shot
from tyndau.surveys.models import Survey
from tyndau.territory.models import Role

pytestmark = [pytest.mark.browser, pytest.mark.live]


def _login(page, url, user, lang):
    page.goto(f"{url}/{lang}/accounts/login/")
    page.locator("#id_username").fill(user.username)
    page.locator("#id_password").fill("pass-12345")
    page.locator("#id_password").press("Enter")
    page.wait_for_url(lambda u: "/accounts/login/" not in u)


# What the editor says, in each language (from the catalogues, written out by hand).
SAYS = {
    "kk": {"draft": "жоба ретінде жасалды", "two": "Кемінде екі нұсқа", "published": "порталда жарияланды"},
    "ru": {"draft": "Опрос создан как черновик", "two": "Укажите не меньше двух вариантов", "published": "Опрос опубликован на портале"},
}  # fmt: skip


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_clerk_sets_up_and_publishes_a_survey(
    phone_page, live_server, office, make_staff, survey, lang
):
    page, url, says = phone_page, live_server.url, SAYS[lang]
    clerk = make_staff(Role.CLERK, office, username=f"editor-{lang}")
    _login(page, url, clerk, lang)
    problems = {}

    page.goto(f"{url}/{lang}/staff/surveys/")
    problems["list"] = _problems(page)
    page.locator("#new-survey").click()
    page.wait_for_url(re.compile(r"/staff/surveys/new/$"))
    problems["new"] = _problems(page)
    page.locator("#id_title_ru").fill("Благоустройство парка")
    page.locator("#id_title_kk").fill("Саябақты абаттандыру")
    today = dt.date.today()
    page.locator("#id_opens_on").fill(today.isoformat())
    page.locator("#id_closes_on").fill((today + dt.timedelta(days=14)).isoformat())
    shot(page, f"surveys-editor-1-new-{lang}")
    page.locator("#save-survey").click()
    page.wait_for_url(re.compile(r"/edit/$"))
    created = Survey.objects.get(title_kk="Саябақты абаттандыру")
    assert says["draft"] in page.content()

    page.locator("#add-trait").click()
    page.wait_for_url(re.compile(r"/traits/new/$"))
    problems["trait"] = _problems(page)
    page.locator("#id_code").fill("gender")
    page.locator("#id_name_ru").fill("Пол")
    page.locator("#id_name_kk").fill("Жынысы")
    page.locator("#id_options").fill("Женщина | Әйел\nМужчина | Ер")
    page.locator("#save-part").click()
    page.wait_for_url(re.compile(r"/edit/$"))

    page.locator("#add-question").click()
    page.wait_for_url(re.compile(r"/questions/new/$"))
    page.locator("#id_kind").select_option("single")
    page.locator("#id_text_ru").fill("Нужны ли скамейки?")
    page.locator("#id_text_kk").fill("Орындықтар керек пе?")
    page.locator("#id_choices").fill("Да | Иә")  # one option only: refused, nothing saved
    page.locator("#save-part").click()
    assert says["two"] in page.locator(".notice.error").inner_text()
    problems["question-error"] = _problems(page)
    shot(page, f"surveys-editor-2-question-refused-{lang}")
    page.locator("#id_choices").fill("Да | Иә\nНет | Жоқ")
    page.locator("#save-part").click()
    page.wait_for_url(re.compile(r"/edit/$"))

    page.locator("#publish-survey").click()
    page.wait_for_url(re.compile(r"/edit/$"))
    assert says["published"] in page.content()
    problems["edit"] = _problems(page)
    shot(page, f"surveys-editor-3-published-{lang}")
    created.refresh_from_db()
    assert created.is_published and created.is_open()
    assert [t.code for t in created.traits.all()] == ["gender"]
    assert [c.text_kk for c in created.questions.get().choices.all()] == ["Иә", "Жоқ"]

    page.goto(f"{url}/{lang}/surveys/")
    assert page.locator(f"[data-survey='{created.pk}']").is_visible()
    # the office's results of the fixture survey, with its chart, by two traits
    page.goto(f"{url}/{lang}/staff/surveys/{survey.pk}/results/?trait=role&by=age")
    assert page.locator("svg[data-chart] title").count() >= 3
    problems["results"] = _problems(page)
    shot(page, f"surveys-editor-4-results-{lang}")
    assert {name: found for name, found in problems.items() if found} == {}
    assert not page.outside_requests
