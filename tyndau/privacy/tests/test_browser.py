"""The moderation queue and the access log in a real browser (Debian's chromium, Playwright),
in Kazakh and in Russian: a clerk publishes one appeal's anonymised text after correcting
it and keeps another private; the public sees only the first; the akim reads who opened
what, per staff member and per appeal. Screenshots in test-artifacts/screenshots/."""

import importlib
import re

import pytest
from django.apps import apps

from tyndau.appeals.models import Topic
from tyndau.portal.tests.test_browser import shot
from tyndau.privacy.models import AccessRecord, Publication
from tyndau.territory.models import Role

from .conftest import SECRETS

pytestmark = [pytest.mark.browser, pytest.mark.live]

WORDS = {
    "kk": {
        "moderation": "Модерация",
        "access_log": "Қол жеткізу журналы",
        "publish": "Жариялау",
        "private": "Жарияламау",
        "published": "{} жарияланды.",
        "kept_private": "{} жарияланбайды.",
        "nothing": "Модерацияны күтіп тұрған өтініш жоқ.",
        "staff_member": "Қызметкер",
        "applicant_part": "өтініш берушінің деректері",
    },
    "ru": {
        "moderation": "Модерация",
        "access_log": "Журнал доступа",
        "publish": "Опубликовать",
        "private": "Не публиковать",
        "published": "{} опубликовано.",
        "kept_private": "{} не будет опубликовано.",
        "nothing": "Нет обращений, ожидающих модерации.",
        "staff_member": "Сотрудник",
        "applicant_part": "данные заявителя",
    },
}


@pytest.fixture
def default_topics(transactional_db):
    """The data migration's topics (an earlier live test's flush removes them)."""
    if not Topic.objects.exists():
        importlib.import_module(
            "tyndau.appeals.migrations.0002_default_topics_and_risk_rules"
        ).load(apps, None)


def _log_in(browser, url, user, lang):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(15000)
    page.goto(f"{url}/{lang}/accounts/login/")
    page.locator("#id_username").fill(user.username)
    page.locator("#id_password").fill("pass-12345")
    page.locator("form button[type=submit], form input[type=submit]").last.click()
    page.wait_for_load_state()
    return page


def _counts(page) -> dict:
    return {
        key: page.locator(f"[data-count={key}] strong").inner_text()
        for key in ("pending", "published", "private")
    }


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_a_clerk_moderates_and_the_akim_reads_who_opened_what(
    browser, live_server, map_without_tiles, default_topics, register, staff, lang
):
    url, words = live_server.url, WORDS[lang]
    shown = register()
    kept = register(text="Прошу помочь моему сыну Ахметову Нурлану с лечением в больнице.")
    clerk, akim = staff[("own", Role.CLERK)], staff[("own", Role.AKIM)]

    # The clerk finds the queue from the staff menu; both appeals wait, with counts.
    page = _log_in(browser, url, clerk, lang)
    page.goto(f"{url}/{lang}/staff/appeals/")
    page.get_by_role("link", name=words["moderation"], exact=True).first.click()
    page.wait_for_url(re.compile(rf"/{lang}/staff/privacy/moderation/"))
    assert _counts(page) == {"pending": "2", "published": "0", "private": "0"}
    card = page.locator(f"#moderate-{shown.pk}")
    draft = card.locator("textarea").input_value()
    for secret in SECRETS:  # the draft has already passed the anonymiser
        assert secret not in draft, secret
    assert "Абая" in draft  # the street stays, its number goes
    shot(page, f"privacy-1-moderation-{lang}")

    # She corrects the text and publishes it; the other one she keeps private.
    card.locator("textarea").fill(draft + " Жители дома просят починить водопровод.")
    card.get_by_role("button", name=words["publish"], exact=True).click()
    page.wait_for_load_state()
    assert words["published"].format(shown.number) in page.locator(".messages").inner_text()
    page.locator(f"#moderate-{kept.pk}").get_by_role(
        "button", name=words["private"], exact=True
    ).click()
    page.wait_for_load_state()
    assert words["kept_private"].format(kept.number) in page.locator(".messages").inner_text()
    assert _counts(page) == {"pending": "0", "published": "1", "private": "1"}
    assert words["nothing"] in page.locator("main").inner_text()
    shot(page, f"privacy-2-moderated-{lang}")
    assert Publication.objects.get(appeal=shown).state == Publication.State.PUBLISHED
    assert Publication.objects.get(appeal=kept).state == Publication.State.PRIVATE

    # The public list shows the corrected text of the first and nothing of the second.
    public = browser.new_page()
    public.goto(f"{url}/{lang}/appeals/")
    listing = public.locator("#appeal-list").inner_text()
    assert "Жители дома просят починить водопровод." in listing
    assert kept.number not in listing
    for secret in SECRETS:
        assert secret not in listing, secret
    public.close()

    # The clerk opens the appeal with its personal data: that read is recorded.
    page.goto(f"{url}/{lang}/staff/appeals/{shown.pk}/")
    assert "Ахметов Нурлан" in page.locator("main").inner_text()
    assert AccessRecord.objects.filter(user=clerk, appeal=shown).exists()
    page.context.close()

    # The akim reads the log from the staff menu, then per staff member and per appeal.
    page = _log_in(browser, url, akim, lang)
    page.goto(f"{url}/{lang}/staff/appeals/")
    page.get_by_role("link", name=words["access_log"], exact=True).first.click()
    page.wait_for_url(re.compile(rf"/{lang}/staff/privacy/access-log/"))
    row = page.locator("tr[data-record]").filter(has_text=shown.number).first
    assert clerk.get_full_name() in row.inner_text()
    assert words["applicant_part"] in row.inner_text()
    shot(page, f"privacy-3-access-log-{lang}")
    row.get_by_role("link", name=clerk.get_full_name()).click()
    page.wait_for_url(re.compile(rf"\?user={clerk.pk}$"))
    assert f"{words['staff_member']}: {clerk.get_full_name()}" in page.locator("main").inner_text()
    records = page.locator("tr[data-record]")
    assert records.count() == AccessRecord.objects.filter(user=clerk).count() >= 1
    records.first.get_by_role("link", name=shown.number).click()
    page.wait_for_url(re.compile(rf"\?appeal={shown.pk}$"))
    assert page.locator("tr[data-record]").count() == (
        AccessRecord.objects.filter(appeal=shown).count()
    )
    shot(page, f"privacy-4-access-log-appeal-{lang}")
    page.context.close()
