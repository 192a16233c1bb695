"""The applicant challenges an answer (обжалование): a complaint to the office above."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils.translation import gettext as _

from tyndau.core import calendar
from tyndau.core.errors import DomainError, TransitionError
from tyndau.territory.models import Office

from .. import intake, lifecycle
from ..models import Appeal, AppealEvent, Channel, Kind, Language
from .common import _event, _lock, _refresh_risk

# A complaint about an answer may be filed within three months of it (АППК, art. 91); the
# office above considers it in its own legal term (``COMPLAINT_TERM_DAYS`` working days).
CHALLENGE_MONTHS = 3


def office_above(appeal: Appeal) -> Office | None:
    """The office above the one that answered: the office serving its territory's parent."""
    from tyndau.territory.selectors import office_serving

    parent = appeal.office.territory.parent
    if parent is None:
        return None
    try:
        return office_serving(territory=parent)
    except Office.DoesNotExist:
        return None


def appeal_challenge_refusal(*, appeal: Appeal, today: dt.date | None = None) -> str | None:
    """Why the applicant cannot challenge the answer to this appeal now, or None."""
    if not lifecycle.RESIDENT_ACTIONS["challenge"].allows(appeal.status) or not appeal.outcome:
        return _("Only an answer can be challenged.")
    earlier = Appeal.objects.filter(challenged=appeal).values_list("number", flat=True).first()
    if earlier:
        return _("This answer is already challenged: complaint %(number)s.") % {"number": earlier}
    today = today or calendar.today()
    if appeal.decided_on and today > calendar.months_later(appeal.decided_on, CHALLENGE_MONTHS):
        return _("An answer can be challenged within three months; this time has passed.")
    if office_above(appeal) is None:
        return _("There is no office above %(office)s to consider a complaint.") % {
            "office": appeal.office.name
        }
    return None


def _challenge_publication(original: Appeal) -> intake.Publication:
    """A complaint is filed by the resident: it waits for moderation like any portal
    appeal, and keeps what the applicant said about publishing the original."""
    publication = getattr(original, "publication", None)
    if publication is None:
        return intake.Publication()
    return intake.Publication(
        declined=publication.applicant_declined, private_terms=publication.private_terms
    )


def appeal_challenge(*, appeal: Appeal, reason: str, language: str = Language.RU) -> Appeal:
    """The applicant's complaint about the answer to ``appeal`` (обжалование): a new appeal
    of kind "complaint", linked to the original, registered with the office above, with its
    own legal term; both timelines show it. The caller has proved that the applicant asks
    (the private tracking link). A retry returns the complaint already filed."""
    reason = (reason or "").strip()
    if not reason:
        raise DomainError(_("Say why you disagree with the answer."), code="reason")
    with transaction.atomic():
        original = _lock(appeal)
        already = Appeal.objects.filter(challenged=original).first()
        if already is not None:
            return already
        refusal = appeal_challenge_refusal(appeal=original)
        if refusal:
            raise TransitionError(refusal, code="challenge")
        above = office_above(original)
        complaint = intake.appeal_register(
            draft=intake.AppealDraft(
                channel=Channel.PORTAL,
                kind=Kind.COMPLAINT,
                topic=original.topic,
                text=reason,
                applicant=intake.Applicant(
                    type=original.applicant_type,
                    name=original.applicant_name,
                    iin=original.iin,
                    bin=original.bin,
                    phone=original.phone,
                    email=original.email,
                    account=original.applicant_user,
                ),
                place=intake.Place(
                    office=above,
                    territory=original.territory,
                    address=original.address,
                    street=original.street,
                    latitude=original.latitude,
                    longitude=original.longitude,
                ),
                language=language if language in Language.values else original.language,
                idempotency_key=f"challenge-{original.pk}",
                publication=_challenge_publication(original),
            )
        ).appeal
        # A complaint to the office above is not a repeated appeal (that goes to the same
        # office): registration took it for one, by the same applicant and topic.
        Appeal.objects.filter(pk=complaint.pk).update(
            challenged=original, repeated=False, previous=None
        )
        complaint.challenged, complaint.repeated, complaint.previous = original, False, None
        _refresh_risk(complaint)
        _event(
            original,
            AppealEvent.Kind.CHALLENGED,
            complaint=complaint.number,
            office=above.name_ru,
            office_kk=above.name_kk,
        )
        _event(
            complaint,
            AppealEvent.Kind.CHALLENGE_FILED,
            original=original.number,
            office=original.office.name_ru,
            office_kk=original.office.name_kk,
        )
    return complaint
