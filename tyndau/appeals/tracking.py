"""The private tracking code of an appeal: what a resident keeps to follow it.

A code is 10 characters of Crockford's base32 (50 random bits): digits and capital letters
without I, L, O and U, so it can be read aloud, copied by hand and typed on a phone. It is
shown in two groups of five (``7KQ2M-X9D4T``), and what a resident types is forgiving:
case, spaces, hyphens and the look-alikes I/L (for 1) and O (for 0) do not matter.

Appeals registered before this scheme keep their 16-character URL-safe code (case
sensitive): links already sent keep working.
"""

from __future__ import annotations

import re
import secrets

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
LENGTH = 10
_LOOK_ALIKES = str.maketrans({"I": "1", "L": "1", "O": "0"})
_SEPARATORS = re.compile(r"[\s\-_.·–—]+")


def tracking_code_new() -> str:
    """A fresh random code (the default of ``Appeal.tracking_code``)."""
    return "".join(secrets.choice(ALPHABET) for _ in range(LENGTH))


def tracking_code_normalise(text: str) -> str:
    """What a resident typed, as the code it stands for (``7kq2m x9d4t`` → ``7KQ2MX9D4T``).

    A legacy code (longer, mixed case) is returned as typed, without surrounding spaces.
    """
    text = (text or "").strip()
    folded = _SEPARATORS.sub("", text).upper().translate(_LOOK_ALIKES)
    if len(folded) == LENGTH and all(ch in ALPHABET for ch in folded):
        return folded
    return text


def tracking_code_matches(stored: str, typed: str) -> bool:
    """True when ``typed`` is the code ``stored`` (in constant time)."""
    from django.utils.crypto import constant_time_compare

    if not stored or not typed:
        return False
    return constant_time_compare(stored, tracking_code_normalise(typed))


def tracking_code_display(code: str) -> str:
    """The code as printed: two groups of five (a legacy code is shown unchanged)."""
    if len(code) == LENGTH and all(ch in ALPHABET for ch in code):
        return f"{code[:5]}-{code[5:]}"
    return code


def public_link(appeal) -> str:
    """The absolute link to the appeal's public page on the portal, in the active language."""
    from django.conf import settings
    from django.urls import reverse

    path = reverse("portal:appeal-public", args=[appeal.pk])
    return settings.TYNDAU_PUBLIC_URL.rstrip("/") + path


def tracking_link(appeal, *, language: str | None = None) -> str:
    """The absolute link to the appeal's own page on the portal (``TYNDAU_PUBLIC_URL``), in
    ``language`` (default: the active one)."""
    from django.conf import settings
    from django.urls import reverse
    from django.utils import translation

    with translation.override(language or translation.get_language()):
        path = reverse("portal:track-detail", args=[appeal.number, appeal.tracking_code])
    return settings.TYNDAU_PUBLIC_URL.rstrip("/") + path
