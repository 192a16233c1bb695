"""What the services of an appeal share: the timeline event, the versioned save and its audit
entry, the lock, the risk refresh, attachments, who is an executor."""

from __future__ import annotations

from django.utils import timezone
from django.utils.translation import gettext as _

from tyndau.core.locking import update_versioned
from tyndau.territory.models import Office, Role

from ..models import Appeal, AppealEvent, Attachment
from ..risk import risk_evaluate

REDIRECT_TERM_DAYS = 3
NOTIFY_EXTENSION_DAYS = 3
MAX_EXTENSION_MONTHS = 2
EXECUTOR_ROLES = {Role.EXECUTOR, Role.DEPUTY, Role.AKIM}


def _event(appeal: Appeal, kind: str, *, actor=None, note: str = "", **data) -> AppealEvent:
    return AppealEvent.objects.create(appeal=appeal, kind=kind, actor=actor, note=note, data=data)


def _save(appeal: Appeal, fields: dict, *, expected_version: int | None) -> Appeal:
    """Write ``fields`` if nobody changed the appeal since it was read; bump the version."""
    before = update_versioned(
        appeal,
        expected_version,
        message=_(
            "Appeal %(number)s was changed by someone else while you were working on it. "
            "Reload the page to see the changes, then try again."
        )
        % {"number": appeal.number},
        updated_at=timezone.now(),
        **fields,
    )
    _log_audit(appeal, before, fields)
    return appeal


def _log_audit(appeal: Appeal, before: dict, after: dict) -> None:
    """Queryset updates bypass model signals: write the audit entry ourselves, with the
    values as auditlog writes them (strings; "None" for none, which its display of date
    fields expects)."""
    from auditlog.models import LogEntry

    changes = {key: [str(before[key]), str(value)] for key, value in after.items()}
    LogEntry.objects.log_create(
        appeal, action=LogEntry.Action.UPDATE, changes=changes, force_log=True
    )


def _lock(appeal: Appeal, expected_version: int | None = None) -> Appeal:
    """Re-read the appeal inside the transaction, keeping the version the caller saw."""
    seen_version = appeal.version if expected_version is None else expected_version
    fresh = (
        Appeal.objects.select_for_update()
        .select_related("office__territory", "topic")
        .get(pk=appeal.pk)
    )
    fresh._seen_version = seen_version
    return fresh


def _refresh_risk(appeal: Appeal) -> None:
    score, band, reasons = risk_evaluate(appeal)
    Appeal.objects.filter(pk=appeal.pk).update(
        risk_score=score, risk_band=band, risk_reasons=reasons
    )
    appeal.risk_score, appeal.risk_band, appeal.risk_reasons = score, band, reasons


def attachment_add(*, appeal: Appeal, file, by=None, is_answer: bool = False) -> Attachment:
    return Attachment.objects.create(
        appeal=appeal,
        file=file,
        name=getattr(file, "name", "file")[:255],
        content_type=getattr(file, "content_type", "") or "application/octet-stream",
        size=getattr(file, "size", 0) or 0,
        is_answer=is_answer,
        uploaded_by=by,
    )


def _is_executor_of(user, office: Office) -> bool:
    from tyndau.territory.models import Membership

    return Membership.objects.filter(user=user, office=office, role__in=EXECUTOR_ROLES).exists()
