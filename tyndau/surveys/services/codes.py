"""One-time codes by SMS and the respondent's key: the one-answer-per-resident rule's inputs."""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import re
import secrets

from django.conf import settings
from django.contrib.auth.hashers import check_password, make_password
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from tyndau.core.errors import DomainError
from tyndau.core.sms import sms_send

from ..models import PhoneCode, Survey

CODE_TTL = dt.timedelta(minutes=10)
CODES_PER_HOUR = 3
MAX_ATTEMPTS = 5
_PHONE = re.compile(r"^\+?[\d\s()-]{10,20}$")


def normalise_phone(phone: str) -> str:
    """+7 701 555 12 34, 87015551234 and 7015551234 are the same phone: 77015551234."""
    raw = (phone or "").strip()
    if not _PHONE.match(raw):
        raise DomainError(_("Enter a phone number, for example +7 701 555 12 34."), code="phone")
    digits = re.sub(r"\D", "", raw)
    if len(digits) == 10:
        digits = "7" + digits
    if len(digits) == 11 and digits[0] == "8":
        digits = "7" + digits[1:]
    if len(digits) != 11 or digits[0] != "7":
        raise DomainError(_("Enter a phone number, for example +7 701 555 12 34."), code="phone")
    return digits


def respondent_key(*, survey: Survey, phone: str) -> str:
    """A one-way key of the phone, different in each survey (keys cannot be linked)."""
    message = f"survey:{survey.pk}:{normalise_phone(phone)}".encode()
    return hmac.new(settings.SECRET_KEY.encode(), message, hashlib.sha256).hexdigest()


def _require_open(survey: Survey) -> None:
    if not survey.is_open():
        raise DomainError(_("This survey is not open for answers."), code="closed")


@transaction.atomic
def survey_code_send(*, survey: Survey, phone: str) -> None:
    """Send a one-time code by SMS (at most three an hour to one phone)."""
    _require_open(survey)
    key = respondent_key(survey=survey, phone=phone)
    recent = PhoneCode.objects.filter(
        survey=survey, respondent_key=key, created_at__gte=timezone.now() - dt.timedelta(hours=1)
    ).count()
    if recent >= CODES_PER_HOUR:
        raise DomainError(
            _("Three codes were already sent to this phone in the last hour. Try later."),
            code="too_many",
        )
    code = f"{secrets.randbelow(10**6):06d}"
    PhoneCode.objects.create(
        survey=survey,
        respondent_key=key,
        code_hash=make_password(code),
        expires_at=timezone.now() + CODE_TTL,
    )
    text = _("Tyndau: your code for the survey is %(code)s. Do not share it.") % {"code": code}
    transaction.on_commit(lambda: sms_send(phone="+" + normalise_phone(phone), text=text))


def survey_code_verify(*, survey: Survey, phone: str, code: str) -> str:
    """Check the latest code sent to the phone; return the respondent key on success.

    Not one transaction on purpose: a wrong attempt is counted even though it fails."""
    _require_open(survey)
    key = respondent_key(survey=survey, phone=phone)
    sent = (
        PhoneCode.objects.filter(survey=survey, respondent_key=key, used_at=None)
        .order_by("-created_at", "-id")
        .first()
    )
    wrong = DomainError(_("The code is wrong or has expired. Ask for a new one."), code="code")
    if sent is None or sent.expires_at < timezone.now() or sent.attempts >= MAX_ATTEMPTS:
        raise wrong
    if not check_password((code or "").strip(), sent.code_hash):
        PhoneCode.objects.filter(pk=sent.pk).update(attempts=F("attempts") + 1)
        raise wrong
    if not PhoneCode.objects.filter(pk=sent.pk, used_at=None).update(used_at=timezone.now()):
        raise wrong  # used at the same moment by another request
    return key
