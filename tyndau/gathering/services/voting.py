"""What happens in an open session: attendance, votes and decisions."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tyndau.core.audit import acting
from tyndau.core.errors import DomainError, TransitionError

from ..models import (
    AgendaItem,
    AgendaKind,
    Attendance,
    Decision,
    Member,
    Session,
    Vote,
    VoteChoice,
)
from .common import _clean
from .sessions import _claim_session


def _members_of(session: Session, members: Iterable[Member]) -> list[Member]:
    members = list(members)
    ids = {m.pk for m in members}
    serving = set(
        Member.objects.filter(pk__in=ids, territory_id=session.territory_id)
        .serving(on=session.held_on)
        .values_list("pk", flat=True)
    )
    strangers = [m for m in members if m.pk not in serving]
    if strangers:
        raise DomainError(
            _("%(name)s is not a member of this gathering on %(date)s.")
            % {"name": strangers[0].full_name, "date": session.held_on.strftime("%d.%m.%Y")}
        )
    return members


@transaction.atomic
def attendance_set(
    *,
    session: Session,
    members: Iterable[Member],
    by=None,
    expected_version: int | None = None,
) -> Session:
    """Register who is present (the whole list; those left out are absent)."""
    members = _members_of(session, members)
    ids = {m.pk for m in members}
    with acting(by):
        _claim_session(session, expected_version, "attendance")
        voted = (
            Vote.objects.filter(agenda_item__session=session)
            .exclude(member_id__in=ids)
            .select_related("member")
            .first()
        )
        if voted is not None:
            raise DomainError(
                _("%(name)s has already voted and cannot be marked absent.")
                % {"name": voted.member.full_name}
            )
        for role in ("chair", "secretary"):
            holder = getattr(session, f"{role}_id")
            if holder is not None and holder not in ids:
                raise DomainError(_("The chair and the secretary must be present."))
        for record in Attendance.objects.filter(session=session).exclude(member_id__in=ids):
            record.delete()
        present = set(
            Attendance.objects.filter(session=session).values_list("member_id", flat=True)
        )
        for member in members:
            if member.pk not in present:
                Attendance.objects.create(session=session, member=member)
        Session.objects.filter(pk=session.pk).update(updated_at=timezone.now())
    return session


def _open_item(agenda_item: AgendaItem, expected_version: int | None, change: str) -> Session:
    session = agenda_item.session
    _claim_session(session, expected_version, change)
    if Decision.objects.filter(agenda_item=agenda_item).exists():
        raise TransitionError(_("This question is already decided."))
    return session


@transaction.atomic
def votes_record(
    *,
    agenda_item: AgendaItem,
    votes: Mapping[Member, str],
    by=None,
    expected_version: int | None = None,
) -> int:
    """Record how members present voted on a question (replacing their earlier votes);
    returns how many votes were recorded. Only while the session is open and the
    question not yet decided."""
    for choice in votes.values():
        if choice not in VoteChoice.values:
            raise DomainError(_("A vote is “for”, “against” or “abstained”."))
    with acting(by):
        session = _open_item(agenda_item, expected_version, "vote")
        present = set(
            Attendance.objects.filter(session=session).values_list("member_id", flat=True)
        )
        absent = [m for m in votes if m.pk not in present]
        if absent:
            raise DomainError(
                _("%(name)s is not registered as present and cannot vote.")
                % {"name": absent[0].full_name}
            )
        for member, choice in votes.items():
            Vote.objects.update_or_create(
                agenda_item=agenda_item, member=member, defaults={"choice": choice}
            )
        Session.objects.filter(pk=session.pk).update(updated_at=timezone.now())
    return len(votes)


def vote_counts(*, agenda_item: AgendaItem) -> dict[str, int]:
    """The votes on a question, counted in the database."""
    row = (
        AgendaItem.objects.filter(pk=agenda_item.pk)
        .with_votes()
        .values("votes_for", "votes_against", "votes_abstained")
        .get()
    )
    return row


@transaction.atomic
def decision_take(
    *,
    agenda_item: AgendaItem,
    text_ru: str,
    text_kk: str,
    text_en: str = "",
    by=None,
    expected_version: int | None = None,
) -> Decision:
    """Record the gathering's decision on a question from the votes cast.

    Refused, with nothing saved, when the session is not open, the question is already
    decided, or the members present are fewer than the quorum. Adopted when more than
    half of the members present voted for it. An adopted budget or plan question
    approves the budget's or plan's next version, which records this decision.
    """
    if not _clean(text_ru) or not _clean(text_kk):
        raise DomainError(_("Give the text of the decision in Russian and in Kazakh."))
    with acting(by):
        session = _open_item(agenda_item, expected_version, "decide")
        counted = Session.objects.with_attendance().values("roll", "present", "has_quorum")
        attendance = counted.get(pk=session.pk)
        if not attendance["has_quorum"]:
            raise DomainError(
                _(
                    "There is no quorum: %(present)s of %(roll)s members are present. "
                    "The gathering cannot decide."
                )
                % attendance
            )
        votes = vote_counts(agenda_item=agenda_item)
        adopted = votes["votes_for"] * 2 > attendance["present"]
        decision = Decision.objects.create(
            agenda_item=agenda_item,
            text_ru=_clean(text_ru),
            text_kk=_clean(text_kk),
            text_en=_clean(text_en),
            adopted=adopted,
            present=attendance["present"],
            decided_by=by,
            **votes,
        )
        if adopted and agenda_item.kind == AgendaKind.BUDGET:
            from tyndau.budget.services import budget_version_approve

            budget_version_approve(budget=agenda_item.budget, decision=decision)
        elif adopted and agenda_item.kind == AgendaKind.PLAN:
            from tyndau.plans.services import plan_version_approve

            plan_version_approve(plan=agenda_item.plan, decision=decision)
    return decision
