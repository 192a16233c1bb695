"""Residents who follow a plan item: told of new progress, e-mail confirmed first."""

from __future__ import annotations

import secrets

from django.db import transaction
from django.utils.translation import gettext as _

from tyndau.core.errors import DomainError

from .models import Follower, PlanItem


@transaction.atomic
def follower_add(*, item: PlanItem, email: str = "", phone: str = "", language: str = "ru"):
    """Ask to be told of new progress on an item. An e-mail address must be confirmed
    from the link sent to it before anything else is sent there (nobody can sign someone
    else up); a phone number alone is taken as given."""
    from django.utils import timezone

    email, phone = (email or "").strip().lower(), (phone or "").strip()
    if not email and not phone:
        raise DomainError(_("Give an e-mail address or a phone number."))
    existing = Follower.objects.filter(item=item, email=email, phone=phone).first()
    if existing:
        return existing
    follower = Follower.objects.create(
        item=item,
        email=email,
        phone=phone,
        language=language[:8],
        token=secrets.token_hex(16),
        confirmed_at=None if email else timezone.now(),
    )
    if email:
        _send_confirmation(follower)
    return follower


def _send_confirmation(follower: Follower) -> None:
    from django.conf import settings
    from django.urls import reverse
    from django.utils import translation

    from tyndau.core.jobs import enqueue_email

    with translation.override(follower.language):
        link = settings.TYNDAU_PUBLIC_URL.rstrip("/") + reverse(
            "plans_public:confirm", kwargs={"token": follower.token}
        )
        enqueue_email(
            to=[follower.email],
            subject=_("Confirm that you follow a plan item"),
            body=_(
                "You asked to be told of new progress on “%(item)s”. Open this link to "
                "confirm: %(link)s\n\nIf it was not you, do nothing: nothing more will be "
                "sent."
            )
            % {"item": follower.item.title, "link": link},
        )


@transaction.atomic
def follower_confirm(*, token: str) -> bool:
    """Confirm the e-mail address of a follower from the link sent to it."""
    from django.utils import timezone

    return (
        Follower.objects.filter(token=token, confirmed_at__isnull=True).update(
            confirmed_at=timezone.now()
        )
        > 0
        or Follower.objects.filter(token=token).exists()
    )


@transaction.atomic
def follower_remove(*, token: str) -> bool:
    return Follower.objects.filter(token=token).delete()[0] > 0
