"""One-time SMS codes: how a resident past the filing limit proves to be a person.

The law forbids refusing to register an appeal, so the portal never answers "too many";
past the limit it sends a six-digit code to the resident's mobile phone and registers the
appeal once the code is typed. Codes live in the shared cache for 10 minutes, are stored
only as an HMAC, allow 5 tries, and at most TYNDAU_SMS_CODES_PER_HOUR are sent to one
number an hour (no SMS flooding).
"""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets

from django.conf import settings
from django.core.cache import cache
from django.utils.translation import gettext as _

from . import ratelimit
from .sms import sms_send

TTL_SECONDS = 600
MAX_TRIES = 5


def normalise_phone(phone: str) -> str:
    digits = re.sub(r"\D", "", phone or "")
    if len(digits) == 11 and digits[0] in "78":
        digits = "7" + digits[1:]
    elif len(digits) == 10:
        digits = "7" + digits
    return digits


def _key(purpose: str, phone: str) -> str:
    return f"tyndau:otp:{purpose}:{phone}"


def _digest(code: str) -> str:
    return hmac.new(settings.SECRET_KEY.encode(), code.encode(), hashlib.sha256).hexdigest()


def code_send(*, phone: str, purpose: str) -> bool:
    """Send a new code to ``phone``; False when this number had its codes for the hour."""
    phone = normalise_phone(phone)
    if ratelimit.is_limited_for(scope="sms", who=phone):
        return False
    ratelimit.hit_for(scope="sms", who=phone)
    code = f"{secrets.randbelow(10**6):06d}"
    cache.set(_key(purpose, phone), {"digest": _digest(code), "tries": 0}, timeout=TTL_SECONDS)
    sms_send(
        phone="+" + phone,
        text=_("Tyndau: your code is %(code)s. It confirms your appeal; valid 10 minutes.")
        % {"code": code},
    )
    return True


def code_check(*, phone: str, purpose: str, code: str) -> bool:
    """True (and the code is used up) when ``code`` is the one sent to ``phone``."""
    phone = normalise_phone(phone)
    key = _key(purpose, phone)
    entry = cache.get(key)
    if not entry or entry["tries"] >= MAX_TRIES:
        return False
    if hmac.compare_digest(entry["digest"], _digest(re.sub(r"\s", "", code or ""))):
        cache.delete(key)
        return True
    entry["tries"] += 1
    cache.set(key, entry, timeout=TTL_SECONDS)
    return False


def code_pending(*, phone: str, purpose: str) -> bool:
    return cache.get(_key(purpose, normalise_phone(phone))) is not None
