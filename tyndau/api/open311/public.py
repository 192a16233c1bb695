"""What Open311 may show of an appeal: public fields only, never personal data."""

import re

from django.db.models import Q, QuerySet

from tyndau.appeals import selectors as appeal_selectors
from tyndau.appeals.models import Appeal

_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(\.[\w-]+)+")
_LONG_NUMBER = re.compile(r"(?<!\w)\+?\d[\d\s\-()]{8,}\d(?!\w)")  # IIN, BIN, phones
MASK = "***"


def anonymise(text: str, *, names: tuple[str, ...] = ()) -> str:
    """Mask e-mails, IIN/BIN/phone-like digit runs and the given names in ``text``."""
    text = _EMAIL.sub(MASK, text)
    text = _LONG_NUMBER.sub(MASK, text)
    for name in names:
        for part in {name, *name.split()}:
            if len(part) >= 3:
                text = re.sub(re.escape(part), MASK, text, flags=re.IGNORECASE)
    return text


def public_text(appeal: Appeal) -> str:
    """The appeals app's public text when it has one, masked once more here."""
    maker = getattr(appeal_selectors, "appeal_public_text", None)
    text = maker(appeal) if maker is not None else appeal.text
    return anonymise(text, names=(appeal.applicant_name,) if appeal.applicant_name else ())


def requests_visible(*, user=None) -> QuerySet[Appeal]:
    """Public appeals, plus (for a client with an api key) those its user may see."""
    q = Q(pk__in=appeal_selectors.appeal_list_public().values("pk"))
    if user is not None:
        q |= Q(pk__in=appeal_selectors.appeal_list_visible_to(user=user).values("pk"))
    return Appeal.objects.filter(q).select_related("office", "topic", "territory")
