"""Reads of appeals. Staff pages use the *_visible_to selectors; the portal only the
public ones, which never carry a name, IIN, phone, e-mail or house number."""

from __future__ import annotations

import re

from django.db.models import QuerySet

from tyndau.territory.selectors import scope_q

from .models import Appeal, Status

PUBLIC_STATUSES = (
    Status.REGISTERED,
    Status.IN_PROGRESS,
    Status.EXTENDED,
    Status.ANSWERED,
    Status.REDIRECTED,
    Status.CLOSED,
)


def appeal_list_visible_to(*, user) -> QuerySet[Appeal]:
    return Appeal.objects.filter(scope_q(user=user, field="territory__path")).select_related(
        "office__territory", "territory", "topic", "executor"
    )


def appeal_list_public() -> QuerySet[Appeal]:
    """Appeals the public may see (anonymous, not-considered ones are not shown)."""
    return (
        Appeal.objects.filter(status__in=PUBLIC_STATUSES)
        .exclude(applicant_type="anonymous")
        .select_related("office__territory", "territory", "topic")
        .only(
            "id",
            "number",
            "registered_on",
            "status",
            "outcome",
            "decided_on",
            "due_on",
            "text",
            "answer_text",
            "street",
            "latitude",
            "longitude",
            "publish_consent",
            "applicant_name",
            "topic",
            "territory",
            "office",
            "risk_band",
            "channel",
            "kind",
        )
    )


def appeal_get_for_tracking(*, number: str, code: str) -> Appeal | None:
    """The appeal with this number and private tracking code, or None."""
    number, code = (number or "").strip().upper(), (code or "").strip()
    if not number or not code:
        return None
    appeal = (
        Appeal.objects.filter(number__iexact=number)
        .select_related("office__territory", "topic", "territory")
        .first()
    )
    if appeal is None or not _same(appeal.tracking_code, code):
        return None
    return appeal


def _same(a: str, b: str) -> bool:
    from django.utils.crypto import constant_time_compare

    return constant_time_compare(a, b)


_IIN = re.compile(r"\b\d{12}\b")
_PHONE = re.compile(r"(?:\+?[78][\s\-()]*)?(?:\d[\s\-()]*){10}")
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+\.[\w.-]+")


def anonymise(text: str, *, names: list[str] = ()) -> str:
    """Remove IINs, phone numbers, e-mail addresses, given names and house numbers."""
    text = _EMAIL.sub("[…]", text or "")
    text = _IIN.sub("[…]", text)
    text = _PHONE.sub("[…]", text)
    for name in names:
        for part in (name or "").split():
            if len(part) > 2:
                text = re.sub(rf"\b{re.escape(part)}\b", "[…]", text, flags=re.IGNORECASE)
    return text


def anonymise_address(address: str) -> str:
    """Keep the street, drop house and flat numbers."""
    return re.sub(
        r"[\s,]*(?:д\.|дом|үй|кв\.?|квартира|house|apt\.?)?\s*\d+\S*", "", address or ""
    ).strip(" ,")


def appeal_public_text(appeal: Appeal) -> str:
    """The appeal's text as the public may read it."""
    if appeal.publish_consent:
        return appeal.text
    return anonymise(appeal.text, names=[appeal.applicant_name])


def appeal_public_answer(appeal: Appeal) -> str:
    if appeal.publish_consent:
        return appeal.answer_text
    return anonymise(appeal.answer_text, names=[appeal.applicant_name])
