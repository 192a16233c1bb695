"""Questions raised at a meeting, and turning one into an appeal."""

from __future__ import annotations

from auditlog.context import set_actor
from django.db import transaction
from django.utils.translation import gettext as _

from tyndau.appeals.models import Channel, Kind, Topic
from tyndau.core.errors import DomainError, TransitionError

from ..models import (
    Meeting,
    MeetingStatus,
    Question,
)
from .common import _nullcontext, _topic

# ---------------------------------------------------------------------------- questions


@transaction.atomic
def question_add(
    *,
    meeting: Meeting,
    topic: Topic | str,
    text: str,
    repeated: bool = False,
    critical_of: int | None = None,
    by=None,
) -> Question:
    """Record a question or proposal raised at a meeting."""
    if meeting.status == MeetingStatus.CANCELLED:
        raise TransitionError(_("A cancelled meeting has no questions."))
    if not text.strip():
        raise DomainError(_("Write the question."))
    if critical_of is not None and critical_of not in range(1, 7):
        raise DomainError(_("The akim level of a critical remark is from 1 to 6."))
    with set_actor(by) if by else _nullcontext():
        return Question.objects.create(
            meeting=meeting,
            topic=_topic(topic),
            text=text.strip(),
            repeated=repeated,
            critical_of=critical_of,
        )


@transaction.atomic
def question_to_appeal(
    *,
    question: Question,
    applicant_name: str,
    by,
    phone: str = "",
    iin: str = "",
    address: str = "",
    kind: str = Kind.STATEMENT,
):
    """Register a resident's personal matter raised at a meeting as an appeal (channel meeting)."""
    from tyndau.appeals import intake

    if question.appeal_id:
        raise TransitionError(_("This question is already an appeal."))
    if not applicant_name.strip():
        raise DomainError(_("Give the resident's name."))
    meeting = question.meeting
    draft = intake.AppealDraft(
        channel=Channel.MEETING,
        kind=kind,
        topic=question.topic,
        text=question.text,
        applicant=intake.Applicant(name=applicant_name, phone=phone, iin=iin),
        place=intake.Place(office=meeting.office, territory=meeting.territory, address=address),
    )
    # The meeting's own rule (meetings.register_appeal_from_question) was checked.
    appeal = intake.appeal_register(draft=draft, by=by, permission=None).appeal
    with set_actor(by):
        question.appeal = appeal
        question.save(update_fields=["appeal"])
    return appeal
