"""Residents sign in without a password: a one-time code goes to their phone or e-mail.

``resident_code_send`` makes and sends a code; ``resident_sign_in`` checks it and returns the
resident's account (made on first sign-in), whose verified contact then lists every appeal
filed with that phone or e-mail, including those filed before the account existed.
"""

from __future__ import annotations

import datetime as dt
import re
import secrets

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import check_password, make_password
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from tyndau.core.errors import DomainError
from tyndau.core.jobs import enqueue

from .models import SignInCode

CODE_DIGITS = 6
CODE_LIFETIME = dt.timedelta(minutes=10)
MAX_ATTEMPTS = 5
MAX_CODES_PER_HOUR = 3


def contact_normalise(contact: str) -> tuple[str, str]:
    """("email", address) or ("phone", its ten digits) for what a resident typed.

    Raises DomainError (in the user's language) when it is neither.
    """
    contact = (contact or "").strip()
    if "@" in contact:
        try:
            validate_email(contact)
        except ValidationError:
            raise DomainError(_("Enter a valid e-mail address.")) from None
        return "email", contact.lower()
    digits = re.sub(r"\D", "", contact)
    if len(digits) == 11 and digits[0] in "78":
        digits = digits[1:]
    if len(digits) != 10 or digits[0] != "7":
        raise DomainError(_("Enter a mobile phone number, e.g. +7 701 123 45 67, or an e-mail."))
    return "phone", digits


def resident_code_send(*, contact: str, language: str) -> None:
    """Send a fresh one-time code to ``contact`` (at most three an hour to one contact)."""
    kind, key = contact_normalise(contact)
    now = timezone.now()
    recent = SignInCode.objects.filter(contact=key, created_at__gte=now - dt.timedelta(hours=1))
    if recent.count() >= MAX_CODES_PER_HOUR:
        raise DomainError(_("Too many codes were sent to this contact. Try again in an hour."))
    code = "".join(secrets.choice("0123456789") for _ in range(CODE_DIGITS))
    SignInCode.objects.create(
        contact=key, code_hash=make_password(code), expires_at=now + CODE_LIFETIME
    )
    enqueue(
        "tyndau.accounts.tasks.send_sign_in_code",
        kind=kind,
        contact=key,
        code=code,
        language=language,
    )


def resident_sign_in(*, contact: str, code: str, language: str = ""):
    """The resident's account when ``code`` is the last code sent to ``contact``.

    ``language`` (the page's) becomes the account's language: the notices it gets later
    (an appeal it supports is answered) come in it.

    A wrong code counts as a try (kept even though the sign-in fails); after five tries,
    or ten minutes, the code is spent.
    """
    kind, key = contact_normalise(contact)
    with transaction.atomic():
        sent = (
            SignInCode.objects.select_for_update()
            .filter(contact=key, used_at__isnull=True, expires_at__gt=timezone.now())
            .order_by("-created_at")
            .first()
        )
        ok = (
            sent is not None
            and sent.attempts < MAX_ATTEMPTS
            and check_password(re.sub(r"\D", "", code or ""), sent.code_hash)
        )
        if sent is not None and not ok and sent.attempts < MAX_ATTEMPTS:
            SignInCode.objects.filter(pk=sent.pk).update(attempts=F("attempts") + 1)
        if ok:
            SignInCode.objects.filter(pk=sent.pk).update(used_at=timezone.now())
            user = _resident_for(kind, key)
            if language and user.preferred_language != language:
                user.preferred_language = language
                user.save(update_fields=["preferred_language"])
            return user
    raise DomainError(_("The code is wrong or has expired. Ask for a new one."))


def _resident_for(kind: str, key: str):
    User = get_user_model()
    field = "verified_phone" if kind == "phone" else "verified_email"
    user = User.objects.filter(**{field: key}).order_by("pk").first()
    if user is None:
        user = User(username=f"resident-{secrets.token_hex(6)}", **{field: key})
        if kind == "email":
            user.email = key
        else:
            user.phone = f"+7{key}"
        user.set_unusable_password()
        user.save()
    return user
