"""Tracking that cannot be lost: a short forgiving code, the link in every notice (with a
QR code), and "send my link again" to the contact the resident gave."""

import re

import pytest
from django.core import mail

from tyndau.appeals.models import Appeal
from tyndau.appeals.tracking import (
    ALPHABET,
    tracking_code_display,
    tracking_code_matches,
    tracking_code_normalise,
)
from tyndau.core import sms

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


@pytest.fixture(autouse=True)
def _empty_sms_outbox():
    sms.outbox.clear()
    yield
    sms.outbox.clear()


@pytest.fixture
def filed(file_appeal, django_capture_on_commit_callbacks):
    """An appeal filed with a phone and an e-mail, its notices sent."""

    def make(**fields):
        fields.setdefault("phone", "+7 701 555 12 34")
        fields.setdefault("email", "aigerim@example.kz")
        with django_capture_on_commit_callbacks(execute=True):
            appeal = file_appeal(language="kk", **fields)
        return appeal

    return make


# --- the code -------------------------------------------------------------------------------


def test_a_new_code_is_ten_unambiguous_characters(filed):
    codes = {filed().tracking_code for _ in range(5)}
    assert len(codes) == 5
    for code in codes:
        assert len(code) == 10 and set(code) <= set(ALPHABET)
        assert not set(code) & set("ILOU-_abcdefghijklmnopqrstuvwxyz")


@pytest.mark.parametrize(
    "typed",
    ["7KQ2MX9D4T", "7kq2m-x9d4t", " 7KQ2M X9D4T ", "7kq2m–x9d4t", "7KQ2M.X9D4T", "7kq2mx9d4t"],
)
def test_what_a_resident_types_is_forgiven(typed):
    assert tracking_code_normalise(typed) == "7KQ2MX9D4T"
    assert tracking_code_matches("7KQ2MX9D4T", typed)


def test_look_alike_letters_read_as_the_digits_they_resemble():
    assert tracking_code_normalise("ioLQ2-MX9D4") == "101Q2MX9D4"


def test_a_different_code_does_not_match():
    assert not tracking_code_matches("7KQ2MX9D4T", "7KQ2MX9D4V")
    assert not tracking_code_matches("7KQ2MX9D4T", "")


def test_a_legacy_code_still_matches_exactly_and_only_exactly():
    legacy = "-DSubpV2edhhv8Hd"
    assert tracking_code_matches(legacy, legacy)
    assert tracking_code_matches(legacy, f"  {legacy} ")
    assert not tracking_code_matches(legacy, legacy.lower())
    assert tracking_code_display(legacy) == legacy


def test_the_code_is_printed_in_two_groups():
    assert tracking_code_display("7KQ2MX9D4T") == "7KQ2M-X9D4T"


# --- the portal -----------------------------------------------------------------------------


def test_tracking_forgives_case_spaces_and_hyphens_and_opens_the_canonical_link(client, filed):
    appeal = filed()
    typed = tracking_code_display(appeal.tracking_code).lower().replace("-", " - ")
    response = client.get("/ru/track/", {"number": f" {appeal.number.lower()} ", "code": typed})
    assert response.status_code == 302
    assert response.headers["Location"] == f"/ru/track/{appeal.number}/{appeal.tracking_code}/"


def test_a_link_typed_by_hand_is_made_canonical(client, filed):
    appeal = filed()
    response = client.get(f"/ru/track/{appeal.number.lower()}/{appeal.tracking_code_display}/")
    assert response.status_code == 302
    assert response.headers["Location"] == f"/ru/track/{appeal.number}/{appeal.tracking_code}/"


def test_a_wrong_code_is_said_once(client, filed):
    appeal = filed()
    page = client.get("/en/track/", {"number": appeal.number, "code": "ZZZZZ-ZZZZZ"})
    assert page.content.decode().count("No appeal has this number and code") == 1


def test_guessing_links_directly_is_limited_like_the_form(client, filed, settings):
    appeal = filed()
    for n in range(20):
        assert client.get(f"/en/track/{appeal.number}/WRONG{n:05d}/").status_code == 404
    right = f"/en/track/{appeal.number}/{appeal.tracking_code}/"
    assert client.get(right).status_code == 404  # limited now, even with the right code


def test_the_confirmation_page_shows_the_grouped_code_and_a_qr_code_of_the_link(client, filed):
    appeal = filed()
    page = client.get(f"/kk/track/{appeal.number}/{appeal.tracking_code}/?new=1").content.decode()
    assert appeal.tracking_code_display in page
    assert re.search(r"<svg[^>]*class=\"segno\"", page)


# --- the notices ----------------------------------------------------------------------------


def test_the_registration_sms_and_email_carry_the_number_and_the_private_link(filed, settings):
    settings.TYNDAU_PUBLIC_URL = "https://tyndau.example.kz"
    appeal = filed()
    link = f"https://tyndau.example.kz/kk/track/{appeal.number}/{appeal.tracking_code}/"
    [(phone, text)] = sms.outbox
    assert phone == appeal.phone and appeal.number in text and link in text
    [message] = mail.outbox
    assert message.to == ["aigerim@example.kz"]
    assert appeal.number in message.subject and link in message.body
    [(name, content, mimetype)] = message.attachments
    assert mimetype == "image/png" and content.startswith(PNG_SIGNATURE)
    assert name == f"{appeal.number}.png"


def test_the_answer_notice_links_to_the_page_where_the_resident_rates(
    filed, clerk, answer, django_capture_on_commit_callbacks
):
    appeal = filed()
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        answer(appeal=appeal, outcome="satisfied", text="Яму заделали.", by=clerk)
    [message] = [m for m in mail.outbox if m.to == ["aigerim@example.kz"]]  # the executor's aside
    assert f"/kk/track/{appeal.number}/{appeal.tracking_code}/" in message.body


# --- send my link again ---------------------------------------------------------------------


def test_the_link_is_sent_again_to_the_phone_given_typed_any_way(
    client, filed, django_capture_on_commit_callbacks
):
    appeal = filed()
    sms.outbox.clear()
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/ru/track/resend/", {"number": appeal.number.lower(), "contact": "8 (701) 555-12-34"}
        )
    assert response.status_code == 302
    [(phone, text)] = sms.outbox
    assert phone == appeal.phone and appeal.tracking_code in text
    assert mail.outbox == []  # only to the contact the resident proved they hold


def test_the_link_is_sent_again_to_the_email_given(
    client, filed, django_capture_on_commit_callbacks
):
    appeal = filed()
    sms.outbox.clear()
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/ru/track/resend/", {"number": appeal.number, "contact": "AIGERIM@example.kz"})
    [message] = mail.outbox
    assert message.to == ["aigerim@example.kz"] and appeal.tracking_code in message.body
    assert sms.outbox == []


def test_a_wrong_contact_gets_the_same_answer_and_nothing_is_sent(
    client, filed, django_capture_on_commit_callbacks
):
    appeal = filed()
    sms.outbox.clear()
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        wrong = client.post(
            "/ru/track/resend/", {"number": appeal.number, "contact": "+7 777 000 00 00"}
        )
        unknown = client.post(
            "/ru/track/resend/", {"number": "KY-1999-99999", "contact": "+7 701 555 12 34"}
        )
    assert sms.outbox == [] and mail.outbox == []
    first = client.get(wrong.headers["Location"]).content.decode()
    assert "Если номер и контакт совпадают" in first
    assert wrong.headers["Location"] == unknown.headers["Location"]


def test_resending_is_rate_limited(client, filed, django_capture_on_commit_callbacks):
    appeal = filed()
    sms.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        for _ in range(5):
            client.post("/en/track/resend/", {"number": appeal.number, "contact": appeal.phone})
        sixth = client.post("/en/track/resend/", {"number": appeal.number, "contact": appeal.phone})
    assert len(sms.outbox) == 5
    assert sixth.status_code == 200 and "Too many attempts" in sixth.content.decode()


def test_the_resend_form_names_missing_fields_in_the_users_language(client, db):
    page = client.post("/kk/track/resend/", {"number": "", "contact": ""}).content.decode()
    assert "Бұл жолды толтыру міндетті" in page or "міндетті" in page
    assert Appeal.objects.count() == 0
