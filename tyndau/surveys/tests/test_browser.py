"""Answering a survey in a real browser: phone, SMS code (console backend), the form, the
results with bars. Screenshots in kk and ru."""

import re

import pytest

from tyndau.core import sms
from tyndau.portal.tests.test_browser import shot
from tyndau.surveys.models import Response

pytestmark = [pytest.mark.browser, pytest.mark.live]


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_resident_answers_once_and_sees_the_results(phone_page, live_server, survey, lang):
    page, url = phone_page, live_server.url
    page.goto(f"{url}/{lang}/surveys/")
    shot(page, f"surveys-1-index-{lang}")
    page.goto(f"{url}/{lang}/surveys/{survey.pk}/")
    page.locator("#id_phone").fill("+7 701 555 12 34")
    sms.outbox.clear()
    page.locator("#send-code").click()
    page.wait_for_url(re.compile(r"/code/"))
    code = "".join(ch for ch in sms.outbox[-1][1] if ch.isdigit())
    page.locator("#id_code").fill(code)
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
    assert Response.objects.filter(survey=survey).count() == 1
    page.goto(f"{url}/{lang}/surveys/{survey.pk}/results/?trait=role")
    assert page.locator(".svy-bar").count() > 0
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
    assert Response.objects.filter(survey=survey).count() == 1
    assert not page.outside_requests
