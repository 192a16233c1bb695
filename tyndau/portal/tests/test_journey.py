"""The "Done when" journey of the resident's day, in Debian's chromium on a phone, in Kazakh:

a resident files from the map ("locate me"), receives the SMS and the e-mail with the link
(the console SMS backend and Django's locmem mail are captured), loses the tab, gets the
link back, signs in with a one-time code and sees the appeal under "My appeals"; a
neighbour says "this affects me too"; the clerk's inbox at 1280 px shows the working days
left; the executor answers, and as the office requires sign-off the answer waits for the
akim, who approves it; the answer's SMS links to the rating form, and the neighbour hears
of the answer too; the resident rates the answer and then challenges it (обжалование) to
the office above. Every step leaves a screenshot in test-artifacts/screenshots/
(resident-day-*.png) and its pages pass axe-core.
"""

import re

import pytest
from django.core import mail

from tyndau.appeals.models import Appeal, AppealEvent, Rating, Status
from tyndau.core import sms
from tyndau.portal.tests.test_accessibility import _problems
from tyndau.portal.tests.test_browser import (  # noqa: F401  (fixture)
    PHONE,
    browser,
    shot,
)
from tyndau.territory.models import Role, Territory

pytestmark = [pytest.mark.browser, pytest.mark.live]

HOME = {"latitude": 53.33012, "longitude": 69.24318}  # a yard in Krasny Yar
ANSWER = "Шұңқыр келесі жылдың жөндеу жоспарына енгізілді, биыл қаражат жоқ."


@pytest.fixture
def places(tree):
    from tyndau.territory.demo import seed_places

    seed_places(log=lambda *a: None)


@pytest.fixture
def outboxes():
    sms.outbox.clear()
    mail.outbox.clear()
    yield
    sms.outbox.clear()


def _phone(chromium, live_server, **extra):
    context = chromium.new_context(
        viewport=PHONE, device_scale_factor=2, is_mobile=True, has_touch=True, locale="kk-KZ",
        **extra,
    )  # fmt: skip
    page = context.new_page()
    page.set_default_timeout(60000)  # the shared test machine is often loaded
    return context, page


def _link_in(text: str) -> str:
    return re.search(r"https?://\S+/track/\S+/", text).group(0)


def _code_in(text: str) -> str:
    return re.search(r"\b(\d{6})\b", text).group(1)


def _axe(page, where: str, problems: dict):
    problems[where] = _problems(page)


def _sign_in(page, url, contact):
    page.goto(f"{url}/kk/sign-in/")
    page.locator("#id_contact").fill(contact)
    page.locator("form button[type=submit]").last.click()
    page.wait_for_url(re.compile(r"/sign-in/code/"))
    page.locator("#id_code").fill(_code_in(sms.outbox[-1][1]))
    page.locator("form button[type=submit]").last.click()
    page.wait_for_load_state()


def _staff(chromium, url, user):
    context = chromium.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(60000)
    page.goto(f"{url}/ru/accounts/login/")
    page.locator("#id_username").fill(user.username)
    page.locator("#id_password").fill("pass-12345")
    page.locator("#id_password").press("Enter")
    page.wait_for_url(lambda u: "/accounts/login/" not in u)
    return context, page


def test_the_residents_day(
    browser,  # noqa: F811
    live_server,
    settings,
    tree,
    places,
    topics,
    office,
    make_staff,
    outboxes,
    map_without_tiles,
):
    url = live_server.url
    settings.TYNDAU_PUBLIC_URL = url
    problems: dict[str, list[str]] = {}

    # 1. On a phone, in Kazakh: the form starts with the place. "Locate me" puts the pin
    #    where the phone is and chooses the nearest village; the map centres there.
    context, page = _phone(browser, live_server, geolocation=HOME, permissions=["geolocation"])
    page.goto(f"{url}/kk/appeal/new/")
    assert (
        page.locator("#step-where").bounding_box()["y"]
        < page.locator("#id_text").bounding_box()["y"]
    )
    page.get_by_role("button", name="Менің орнымды анықтау").click()
    # (expect polls from here: a polling wait_for_function would need eval, which the
    # page's CSP refuses)
    from playwright.sync_api import expect

    expect(page.locator("#id_latitude")).not_to_have_value("", timeout=60000)
    assert float(page.locator("#id_latitude").input_value()) == pytest.approx(HOME["latitude"])
    krasny_yar = Territory.objects.get(code="111033100")
    assert page.locator("#id_territory").input_value() == str(krasny_yar.pk)
    assert "Белгі қойылды" in page.locator("#pin-status").inner_text()
    assert page.locator(".leaflet-control-zoom-in").get_attribute("title") == "Үлкейту"
    # The street search over the akimat's own list fills the address.
    page.get_by_label("Көшені табу").fill("мира")
    page.get_by_role("button", name="Мира көшесі").click()
    assert page.locator("#id_address").input_value().startswith("Мира көшесі")
    page.locator("#id_address").fill("Мира көшесі, 12")
    shot(page, "resident-day-1-map-kk")
    _axe(page, "filing form", problems)

    page.get_by_label("Не туралы?").select_option(label=topics["roads"].plain_kk)
    page.get_by_label("Өтінішіңіздің мәтіні").fill(
        "Мектеп жанындағы жолда үлкен шұңқыр бар, балалар жолдың ортасымен жүреді."
    )
    page.get_by_label("Толық аты-жөніңіз").fill("Айгерим Серикова")
    page.get_by_label("Телефон").fill("+7 701 555 12 34")
    page.get_by_label("Электрондық пошта").fill("aigerim@example.kz")
    page.get_by_label("Дербес деректерімді").check()
    page.locator("#submit-appeal").click()
    number = page.locator("#appeal-number").inner_text()
    appeal = Appeal.objects.get(number=number)
    assert appeal.language == "kk" and appeal.territory == krasny_yar
    assert appeal.latitude == pytest.approx(53.3297)  # the street's point, then kept
    shot(page, "resident-day-2-registered-kk")

    # 2. The SMS and the e-mail carry the number and the private link.
    [(to, text)] = sms.outbox
    assert to.replace(" ", "") == "+77015551234" and number in text
    link = _link_in(text)
    [letter] = mail.outbox
    assert number in letter.body and link in letter.body

    # 3. The tab is lost. "Send my link again" by number and phone brings it back.
    context.close()
    context, page = _phone(browser, live_server)
    page.goto(f"{url}/kk/track/resend/")
    page.locator("#id_number").fill(number.lower())
    page.locator("#id_contact").fill("8 701 555 12 34")
    page.locator("form button[type=submit]").last.click()
    page.wait_for_url(re.compile(r"/kk/track/$"))
    shot(page, "resident-day-3-link-resent-kk")
    assert len(sms.outbox) == 2 and _link_in(sms.outbox[-1][1]) == link
    page.goto(link)
    assert page.locator("#appeal-number").inner_text() == number

    # 4. She signs in with a one-time code and finds the appeal under "My appeals".
    _sign_in(page, url, "+7 701 555 12 34")
    page.wait_for_url(re.compile(r"/kk/track/mine/"))
    assert number in page.locator("main").inner_text()
    shot(page, "resident-day-4-my-appeals-kk")
    _axe(page, "my appeals", problems)

    # The clerk publishes the anonymised text (nothing is public before a person looks).
    from tyndau.privacy import services as privacy

    publication = appeal.publication
    privacy.publication_publish(
        publication=publication,
        text=privacy.publication_text_for(appeal, publication=publication),
        by=None,
    )

    # 5. A neighbour signs in and says "this affects me too".
    neighbour_context, neighbour = _phone(browser, live_server)
    _sign_in(neighbour, url, "+7 702 111 22 33")
    neighbour.goto(f"{url}/kk/appeals/{appeal.pk}/")
    neighbour.get_by_role("button", name="Бұл маған да қатысты").click()
    neighbour.wait_for_selector("#unfollow")
    assert "1 тұрғын" in neighbour.locator("#supporters-count").inner_text()
    shot(neighbour, "resident-day-5-neighbour-supports-kk")
    _axe(neighbour, "public appeal", problems)
    neighbour_context.close()
    assert Appeal.objects.get(pk=appeal.pk).supporters == 1

    # 6. The clerk's inbox at 1280 px: the working days left and the risk are on the
    #    screen without scrolling sideways.
    office.answers_need_sign_off = True
    office.save()
    executor = make_staff(Role.EXECUTOR, office, username="yerzhan")
    clerk = make_staff(Role.CLERK, office, username="dinara")
    akim = make_staff(Role.AKIM, office, username="akim-journey")
    from tyndau.appeals import services

    services.appeal_assign(appeal=appeal, executor=executor, by=clerk)
    staff_context, staff = _staff(browser, url, clerk)
    staff.goto(f"{url}/kk/staff/appeals/")
    row = staff.locator("table.inbox tbody tr", has_text=number)
    days_left = row.locator("[data-days-left]")
    left = int(days_left.get_attribute("data-days-left"))
    assert left > 0 and "жұмыс күні қалды" in days_left.inner_text()
    for cell in (days_left, row.locator("td").last):  # the deadline and the risk
        box = cell.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= 1280
    assert staff.evaluate("document.documentElement.scrollWidth") <= 1280
    shot(staff, "resident-day-6-inbox-1280-kk")
    _axe(staff, "clerk's inbox", problems)
    staff_context.close()

    # 7. The executor sees the pin and the supporter, and answers; the office requires
    #    sign-off, so the answer waits for the akim and the resident hears nothing yet.
    staff_context, staff = _staff(browser, url, executor)
    staff.goto(f"{url}/ru/staff/appeals/{appeal.pk}/")
    assert staff.locator("#appeal-pin").get_attribute("data-markers") == "1"
    assert staff.locator("[data-field=supporters]").get_attribute("data-count") == "1"
    staff.locator("#action-answer select[name=outcome]").select_option("refused")
    staff.locator("#action-answer textarea[name=text]").fill(ANSWER)
    shot(staff, "resident-day-7-executor-answers-ru")
    _axe(staff, "staff appeal page", problems)
    notices = len(sms.outbox)
    staff.locator("#action-answer button[type=submit]").click()
    staff.wait_for_load_state()
    staff_context.close()
    assert Appeal.objects.get(pk=appeal.pk).status == Status.FOR_SIGN_OFF
    assert len(sms.outbox) == notices  # nothing reaches the resident before sign-off
    page.goto(link)
    assert ANSWER not in page.locator("main").inner_text()
    assert page.locator("#rate").count() == 0

    # 8. The akim reads the answer awaiting sign-off and approves it; the resident's SMS
    #    carries the link to the rating form.
    staff_context, staff = _staff(browser, url, akim)
    staff.goto(f"{url}/kk/staff/appeals/{appeal.pk}/")
    assert ANSWER in staff.locator("[data-field=draft-answer]").inner_text()
    shot(staff, "resident-day-8-akim-signs-off-kk")
    _axe(staff, "sign-off", problems)
    staff.locator("#action-approve button[type=submit]").click()
    staff.wait_for_load_state()
    staff_context.close()
    answered = Appeal.objects.get(pk=appeal.pk)
    assert (answered.status, answered.answer_text) == (Status.ANSWERED, ANSWER)
    assert answered.events.filter(kind=AppealEvent.Kind.APPROVED, actor=akim).exists()
    sent = {to.replace(" ", ""): text for to, text in sms.outbox[notices:]}
    assert len(sms.outbox) == notices + 2  # the resident and the neighbour who supports it
    text = sent["+77015551234"]
    assert number in text
    assert f"/kk/appeals/{appeal.pk}/" in sent["+77021112233"]  # the public page
    rate_link = re.search(r"https?://\S+/track/\S+/#rate", text).group(0)
    assert rate_link == f"{link}#rate"

    # 9. The resident opens the rating link, rates the answer, then challenges it to the
    #    office above.
    page.close()
    page = context.new_page()  # the SMS link opens in a new tab
    page.goto(rate_link)
    assert ANSWER in page.locator("main").inner_text()
    assert page.locator("#rate").is_visible()
    page.get_by_label("2 — нашар").check()
    page.get_by_role("button", name="Бағамды жіберу").click()
    page.wait_for_selector("#rating")
    assert Rating.objects.get(appeal=appeal).score == 2
    shot(page, "resident-day-9-rated-kk")
    page.locator("#id_challenge-reason").fill(
        "Шұңқыр балалар үшін қауіпті, жөндеуді келесі жылға қалдыруға болмайды."
    )
    _axe(page, "tracking page with the challenge form", problems)
    page.locator("#challenge-submit").click()
    page.wait_for_selector("#challenged")
    complaint = Appeal.objects.get(challenged=appeal)
    assert complaint.office.territory.code == "111000000"  # Kokshetau, the office above
    assert complaint.kind == "complaint"
    assert page.locator("#challenge-number").inner_text() == complaint.number
    shot(page, "resident-day-10-challenged-kk")
    kinds = set(appeal.events.values_list("kind", flat=True))
    assert AppealEvent.Kind.CHALLENGED in kinds
    assert complaint.events.filter(kind=AppealEvent.Kind.CHALLENGE_FILED).exists()
    assert (
        number in page.locator("#timeline").inner_text()
        or complaint.number in page.locator("#timeline").inner_text()
    )
    context.close()

    assert {where: found for where, found in problems.items() if found} == {}
