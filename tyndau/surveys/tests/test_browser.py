"""Answering a survey in a real browser: phone, SMS code (console backend), the form, the
results with their charts. Screenshots in kk and ru."""

import re

import pytest

from tyndau.core import sms
from tyndau.portal.tests.test_browser import shot
from tyndau.surveys.models import Response

pytestmark = [pytest.mark.browser, pytest.mark.live]

WORDS = {  # what the resident reads, in the language of the page
    "kk": {
        "title": "Сауалнамалар",
        "thanks": "Рақмет! Жауаптарыңыз жазылды.",
        "refused": "бір адамнан бір жауап",
    },
    "ru": {
        "title": "Опросы",
        "thanks": "Спасибо! Ваши ответы записаны.",
        "refused": "С этого телефона на опрос уже ответили",
    },
}


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_resident_answers_once_and_sees_the_results(phone_page, live_server, survey, lang):
    page, url = phone_page, live_server.url
    words = WORDS[lang]
    page.goto(f"{url}/{lang}/surveys/")
    assert page.locator("h1").inner_text() == words["title"]
    shot(page, f"surveys-1-index-{lang}")
    page.locator(f"[data-survey='{survey.pk}'] a.button").click()
    page.wait_for_url(re.compile(rf"/surveys/{survey.pk}/$"))
    page.locator("#id_phone").fill("+7 701 555 12 34")
    shot(page, f"surveys-1b-phone-{lang}")
    sms.outbox.clear()
    page.locator("#send-code").click()
    page.wait_for_url(re.compile(r"/code/"))
    code = "".join(ch for ch in sms.outbox[-1][1] if ch.isdigit())
    page.locator("#id_code").fill(code)
    shot(page, f"surveys-1c-code-{lang}")
    page.locator("#check-code").click()
    page.wait_for_url(re.compile(r"/answer/"))
    page.locator("input[name=t_role][value=resident]").check()
    page.locator("input[name=t_age][value='25-34']").check()
    q = survey.q
    page.locator(f"input[name=q_{q['single'].pk}]").first.check()
    page.locator(f"input[name=q_{q['multiple'].pk}]").nth(1).check()
    page.locator(f"input[name=q_{q['scale'].pk}][value='4']").check()
    page.locator(f"textarea[name=q_{q['text'].pk}]").fill("Чаще встречаться во дворах")
    shot(page, f"surveys-2-form-{lang}")
    page.locator("#submit-survey").click()
    page.wait_for_url(re.compile(r"/results/"))
    assert words["thanks"] in page.content()
    assert Response.objects.filter(survey=survey).count() == 1
    # all together: the one answer is counted, with its bar
    cell = page.locator(f"[data-question='{q['scale'].pk}'] tr[data-option='4'] td.svy-cell")
    assert cell.get_attribute("data-count") == "1"
    assert cell.get_attribute("data-share") == "100.0"
    # by role: one respondent would be recognised, so the breakdown is withheld
    page.locator("select[name=trait]").select_option("role")
    page.locator("form.m-filters button").click()
    page.wait_for_url(re.compile(r"trait=role"))
    assert page.locator("#breakdown-withheld").is_visible()
    assert page.locator("svg[data-chart] rect[data-share]").count() > 0
    shot(page, f"surveys-3-results-{lang}")

    # the same phone again: refused, still one response
    page.goto(f"{url}/{lang}/surveys/{survey.pk}/")
    page.locator("#id_phone").fill("87015551234")
    page.locator("#send-code").click()
    code = "".join(ch for ch in sms.outbox[-1][1] if ch.isdigit())
    page.locator("#id_code").fill(code)
    page.locator("#check-code").click()
    page.locator("input[name=t_role][value=resident]").check()
    page.locator("input[name=t_age][value='25-34']").check()
    page.locator(f"input[name=q_{q['single'].pk}]").first.check()
    page.locator(f"input[name=q_{q['multiple'].pk}]").nth(1).check()
    page.locator(f"input[name=q_{q['scale'].pk}][value='4']").check()
    page.locator("#submit-survey").click()
    assert page.locator(".notice.error").count() == 1
    assert words["refused"] in page.locator(".notice.error").inner_text()
    assert Response.objects.filter(survey=survey).count() == 1
    assert not page.outside_requests


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_survey_pages_pass_axe(phone_page, live_server, survey, lang):
    """The survey pages a resident sees, checked by axe-core like the portal's main pages
    (no violation of serious or critical impact)."""
    from tyndau.portal.tests.test_accessibility import _problems

    page, url = phone_page, live_server.url
    problems = {}
    for path in ["", f"{survey.pk}/", f"{survey.pk}/results/"]:
        page.goto(f"{url}/{lang}/surveys/{path}")
        found = _problems(page)
        if found:
            problems[path or "index"] = found
    page.goto(f"{url}/{lang}/surveys/{survey.pk}/")
    page.locator("#id_phone").fill("+7 701 555 12 34")
    page.locator("#send-code").click()
    page.wait_for_url(re.compile(r"/code/"))
    if found := _problems(page):
        problems["code"] = found
    code = "".join(ch for ch in sms.outbox[-1][1] if ch.isdigit())
    page.locator("#id_code").fill(code)
    page.locator("#check-code").click()
    page.wait_for_url(re.compile(r"/answer/"))
    if found := _problems(page):
        problems["answer"] = found
    assert not problems, problems
