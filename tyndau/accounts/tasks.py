"""Sending a resident's one-time sign-in code (through tyndau.core.jobs: retried, kept)."""

from django.conf import settings
from django.core.mail import send_mail
from django.utils import translation
from django.utils.translation import gettext as _

from tyndau.core.sms import sms_send


def send_sign_in_code(*, kind: str, contact: str, code: str, language: str) -> None:
    with translation.override(language):
        text = _("Your Tyndau sign-in code: %(code)s. It is valid for 10 minutes.") % {"code": code}
        if kind == "email":
            send_mail(_("Your sign-in code"), text, settings.DEFAULT_FROM_EMAIL, [contact])
        else:
            sms_send(phone=f"+7{contact}", text=text)
