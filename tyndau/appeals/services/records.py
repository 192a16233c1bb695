"""What the jobs record (no version bump: a notice never conflicts with a clerk's edit), the
risk refresh of open appeals, and the tracking link sent again."""

from __future__ import annotations

from tyndau.core import calendar
from tyndau.core.jobs import enqueue

from ..models import Appeal, AppealEvent
from ..risk import risk_changed_open
from .common import _event


def appeal_notice_record(*, appeal: Appeal, event: str, email: bool, sms: bool) -> None:
    """The applicant was told of ``event``; the law counts an extension's notice days."""
    _event(appeal, AppealEvent.Kind.NOTIFIED, event=event, email=email, sms=sms)
    if event == "extended":
        Appeal.objects.filter(pk=appeal.pk).update(
            applicant_notified_of_extension_on=calendar.today()
        )


def appeal_reminder_record(*, appeal: Appeal, days: int, to: list[str] = ()) -> None:
    _event(appeal, AppealEvent.Kind.REMINDED, days=days, to=list(to))


def appeal_escalation_record(*, appeal: Appeal, to: list[str]) -> None:
    _event(appeal, AppealEvent.Kind.ESCALATED, to=to)


def appeal_risk_refresh(*, office_ids: list[int] | None = None) -> int:
    """Recompute the risk of the open appeals (deadlines move with time) and save the
    changed scores in bulk; returns how many changed."""
    changed = risk_changed_open(office_ids=office_ids)
    Appeal.objects.bulk_update(
        changed, ["risk_score", "risk_band", "risk_reasons"], batch_size=1000
    )
    return len(changed)


def appeal_send_link(*, number: str, contact: str) -> bool:
    """Send the private link of appeal ``number`` again, to ``contact`` only, when it is the
    phone or e-mail the applicant gave (so the link reaches only its owner).

    Returns whether it was sent; the caller shows the same answer either way, so the
    portal never confirms which numbers exist or whose contacts they are.
    """
    from ..selectors import appeal_contact_matching

    found = appeal_contact_matching(number=number, contact=contact)
    if found is None:
        return False
    appeal, to = found
    enqueue("tyndau.appeals.tasks.notify_applicant", appeal_id=appeal.pk, event="link", to=to)
    return True
