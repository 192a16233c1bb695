"""Residents sign in without a password, with a one-time code; "My appeals" then lists every
appeal filed with the proved phone or e-mail, also those filed before the account existed."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.core import mail

from tyndau.accounts.models import SignInCode
from tyndau.core import sms


@pytest.fixture(autouse=True)
def _empty_sms_outbox():
    sms.outbox.clear()
    yield
    sms.outbox.clear()


def _code_from(text: str) -> str:
    return re.search(r"\b(\d{6})\b", text).group(1)


@pytest.fixture
def ask_code(db, client, django_capture_on_commit_callbacks):
    def ask(contact, language="ru"):
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(f"/{language}/sign-in/", {"contact": contact})

    return ask


def test_a_resident_signs_in_by_sms_and_sees_appeals_filed_before(client, file_appeal, ask_code):
    earlier = file_appeal(phone="8 (701) 555-12-34")  # filed with no account
    other = file_appeal(phone="+7 702 000 00 00")
    response = ask_code("+7 701 555 12 34")
    assert response.headers["Location"] == "/ru/sign-in/code/"
    [(phone, text)] = sms.outbox
    assert phone == "+77015551234"
    response = client.post("/ru/sign-in/code/", {"code": _code_from(text)})
    assert response.headers["Location"] == "/ru/track/mine/"
    page = client.get("/ru/track/mine/").content.decode()
    assert earlier.number in page and other.number not in page


def test_a_resident_signs_in_by_email(client, file_appeal, ask_code):
    mine = file_appeal(phone="", email="Aigerim@Example.kz")
    ask_code("aigerim@example.kz", language="kk")
    [message] = mail.outbox
    assert "код" in message.body.lower()
    client.post("/kk/sign-in/code/", {"code": _code_from(message.body)})
    assert mine.number in client.get("/kk/track/mine/").content.decode()
    # the account's notices come in the language it signed in with
    resident = get_user_model().objects.get(verified_email="aigerim@example.kz")
    assert resident.preferred_language == "kk"


def test_signing_in_twice_with_the_same_contact_is_the_same_account(client, ask_code):
    for _ in range(2):
        ask_code("+7 701 555 12 34")
        client.post("/ru/sign-in/code/", {"code": _code_from(sms.outbox[-1][1])})
        client.logout()
    assert get_user_model().objects.filter(verified_phone="7015551234").count() == 1


def test_a_wrong_code_is_refused_and_five_wrong_tries_spend_the_code(client, ask_code):
    ask_code("+7 701 555 12 34")
    right = _code_from(sms.outbox[-1][1])
    wrong = "000000" if right != "000000" else "111111"
    for _ in range(5):
        page = client.post("/ru/sign-in/code/", {"code": wrong}).content.decode()
        assert "Код неверен или устарел" in page
    client.post("/ru/sign-in/code/", {"code": right})  # too late: the code is spent
    assert "_auth_user_id" not in client.session
    assert SignInCode.objects.get().attempts == 5
    assert not get_user_model().objects.filter(verified_phone="7015551234").exists()


def test_an_expired_code_is_refused(client, ask_code, time_machine):
    time_machine.move_to("2026-12-01 10:00 +05:00", tick=False)
    ask_code("+7 701 555 12 34")
    time_machine.move_to("2026-12-01 10:11 +05:00", tick=False)
    client.post("/ru/sign-in/code/", {"code": _code_from(sms.outbox[-1][1])})
    assert "_auth_user_id" not in client.session


def test_at_most_three_codes_an_hour_go_to_one_contact(ask_code):
    for _ in range(3):
        ask_code("+7 701 555 12 34")
    page = ask_code("+7 701 555 12 34").content.decode()
    assert len(sms.outbox) == 3
    assert "Слишком много кодов" in page


def test_a_bad_contact_is_named_in_the_users_language(ask_code):
    page = ask_code("12345", language="kk").content.decode()
    assert "Ұялы телефон нөмірін" in page
    assert SignInCode.objects.count() == 0 and sms.outbox == []


def test_only_the_hash_of_a_code_is_kept(ask_code):
    ask_code("+7 701 555 12 34")
    code = _code_from(sms.outbox[-1][1])
    assert code not in SignInCode.objects.get().code_hash


def test_my_appeals_asks_a_visitor_to_sign_in(client, db):
    response = client.get("/ru/track/mine/")
    assert response.status_code == 302 and response.headers["Location"].startswith("/ru/sign-in/")
