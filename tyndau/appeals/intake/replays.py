"""A retried submission: the idempotency key as stored, and who may see the appeal it made."""

from __future__ import annotations

import hashlib

from django.utils.translation import gettext as _

from ..models import Appeal
from .draft import KEY_LENGTH, AppealDraft, RegistrationRefused


def stored_key(draft: AppealDraft, by) -> str | None:
    """The key as stored: scoped to the submitter (a staff member or API client, a
    resident's account, or the public), so one submitter's key never finds another's."""
    key = (draft.idempotency_key or "").strip()
    if not key:
        return None
    if by is not None:
        scope = f"u{by.pk}"
    elif draft.applicant.account is not None:
        scope = f"a{draft.applicant.account.pk}"
    else:
        scope = "public"
    stored = f"{scope}:{key}"
    if len(stored) > KEY_LENGTH:
        stored = f"{scope}:{hashlib.sha256(key.encode()).hexdigest()[:40]}"
    return stored


def may_see_replay(appeal: Appeal, *, draft: AppealDraft, by) -> bool:
    if by is not None:
        return appeal.registered_by_id == by.pk and by.has_perm("appeals.view_appeal", appeal)
    account = draft.applicant.account
    return appeal.registered_by_id is None and appeal.applicant_user_id == (
        account.pk if account is not None else None
    )


def appeal_replayed(*, draft: AppealDraft, by=None) -> Appeal | None:
    """The appeal an earlier submission with the same key made, or None.

    A submitter who may no longer see it (their membership ended) gets a
    :class:`RegistrationRefused`, never the appeal.
    """
    key = stored_key(draft, by)
    if key is None:
        return None
    earlier = Appeal.objects.filter(client_key=key).select_related("office__territory").first()
    if earlier is None:
        return None
    if not may_see_replay(earlier, draft=draft, by=by):
        raise RegistrationRefused(
            _("This submission was already sent, and you may not see the appeal it made."),
            code="idempotency",
        )
    return earlier
