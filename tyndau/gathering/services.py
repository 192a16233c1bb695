"""State changes of the local community gathering: one keyword-only service per change.

Every service is atomic and audited (the models are tracked; the actor is set). The
session's record (its details, attendance, votes, decisions, status) is guarded by the
session's ``version``: a form sends the version it read and a stale one raises
:class:`~tyndau.core.errors.ConflictError`, with nothing saved. The check of the status a
change needs is made in the same ``UPDATE … WHERE version = … AND status IN …`` that
claims the version, so a vote sent after the session closed is refused even when both
happen at once.

A session's lifecycle: planned → open → closed (or planned → cancelled). Members are
registered while planned or open; votes and decisions only while open; nothing changes
once closed. A decision needs a quorum (``SessionQuerySet.with_attendance``); a proposal
is adopted when more than half of the members present vote for it. A decision adopting
a budget or plan question freezes that budget's or plan's next approved version, which
records the decision (the only way a version is approved).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping

from auditlog.context import set_actor
from django.db import transaction
from django.db.models import F, Max
from django.utils import timezone
from django.utils.translation import gettext as _

from tyndau.core.errors import ConflictError, DomainError, TransitionError
from tyndau.core.locking import save_versioned
from tyndau.territory.models import Level, Territory

from .models import (
    AgendaItem,
    AgendaKind,
    Attendance,
    Decision,
    Member,
    Session,
    SessionStatus,
    Vote,
    VoteChoice,
)

GATHERING_LEVELS = (Level.RURAL_DISTRICT,)


def _actor(by):
    import contextlib

    return set_actor(by) if by is not None else contextlib.nullcontext()


def _check_territory(territory: Territory) -> None:
    if territory.level not in GATHERING_LEVELS:
        raise DomainError(_("A local community gathering is held in a rural district."))


def _clean(value: str | None) -> str:
    return (value or "").strip()


# ------------------------------------------------------------------------------ members


def _check_village(territory: Territory, village: Territory) -> None:
    if village.parent_id != territory.pk:
        raise DomainError(
            _("%(village)s is not a village of %(district)s.")
            % {"village": village, "district": territory}
        )


@transaction.atomic
def member_add(
    *,
    territory: Territory,
    village: Territory,
    full_name: str,
    delegated_on: dt.date,
    basis: str = "",
    by=None,
) -> Member:
    """Record a village's representative delegated by its сход."""
    _check_territory(territory)
    _check_village(territory, village)
    if not _clean(full_name):
        raise DomainError(_("Give the member's full name."))
    if delegated_on is None:
        raise DomainError(_("Give the date the village gathering delegated the member."))
    with _actor(by):
        return Member.objects.create(
            territory=territory,
            village=village,
            full_name=_clean(full_name)[:255],
            delegated_on=delegated_on,
            basis=_clean(basis)[:255],
        )


@transaction.atomic
def member_update(
    *,
    member: Member,
    by=None,
    expected_version: int | None = None,
    full_name: str | None = None,
    village: Territory | None = None,
    delegated_on: dt.date | None = None,
    basis: str | None = None,
    left_on: dt.date | None = None,
) -> Member:
    """Correct a member's record, or record the day they left (``left_on``)."""
    changes: dict = {}
    if full_name is not None:
        if not _clean(full_name):
            raise DomainError(_("Give the member's full name."))
        changes["full_name"] = _clean(full_name)[:255]
    if village is not None:
        _check_village(member.territory, village)
        changes["village"] = village
    if delegated_on is not None:
        changes["delegated_on"] = delegated_on
    if basis is not None:
        changes["basis"] = _clean(basis)[:255]
    if left_on is not None:
        changes["left_on"] = left_on
    start = changes.get("delegated_on", member.delegated_on)
    end = changes.get("left_on", member.left_on)
    if end is not None and end <= start:
        raise DomainError(_("A member leaves after the day they were delegated."))
    with _actor(by):
        save_versioned(member, expected_version, **changes)
    return member


# ----------------------------------------------------------------------------- sessions


def _claim_session(
    session: Session, expected_version: int | None, allowed: Iterable[str], refusal: str
) -> None:
    """Claim the session's version if it is still in one of the ``allowed`` statuses
    (``tyndau.core.locking.save_versioned`` with the status checked in the same UPDATE).

    Refuses with ``refusal`` (a TransitionError) when the status no longer allows the
    change, and with a ConflictError when someone changed the session since it was read.
    Without ``expected_version`` (a change not made from a form) the current version is
    claimed.
    """
    version = expected_version
    if version is None:
        version = (
            Session.objects.select_for_update()
            .filter(pk=session.pk)
            .values_list("version", flat=True)
            .first()
        )
    claimed = Session.objects.filter(
        pk=session.pk, version=version, status__in=list(allowed)
    ).update(version=F("version") + 1)
    if not claimed:
        current = Session.objects.filter(pk=session.pk).values("status", "version").first()
        if current is None or current["status"] not in allowed:
            raise TransitionError(refusal)
        raise ConflictError(
            _("Someone else changed this session while you were editing. Reload and try again.")
        )
    session.version = version + 1


@transaction.atomic
def session_plan(
    *, territory: Territory, held_on: dt.date, place: str = "", invited: str = "", by=None
) -> Session:
    """Convene a session of the gathering: it gets the next number in its territory."""
    _check_territory(territory)
    if held_on is None:
        raise DomainError(_("Give the date of the session."))
    Territory.objects.select_for_update().filter(pk=territory.pk).first()
    last = Session.objects.filter(territory=territory).aggregate(n=Max("number"))["n"] or 0
    with _actor(by):
        return Session.objects.create(
            territory=territory,
            number=last + 1,
            held_on=held_on,
            place=_clean(place)[:255],
            invited=_clean(invited),
            convened_by=by,
        )


@transaction.atomic
def session_update(
    *,
    session: Session,
    by=None,
    expected_version: int | None = None,
    held_on: dt.date | None = None,
    place: str | None = None,
    invited: str | None = None,
) -> Session:
    """Change the date, place or invited of a session not yet opened."""
    changes: dict = {}
    if held_on is not None:
        changes["held_on"] = held_on
    if place is not None:
        changes["place"] = _clean(place)[:255]
    if invited is not None:
        changes["invited"] = _clean(invited)
    with _actor(by):
        _claim_session(
            session,
            expected_version,
            [SessionStatus.PLANNED],
            _("Only a planned session can be changed."),
        )
        for name, value in changes.items():
            setattr(session, name, value)
        session.save()
    return session


@transaction.atomic
def session_cancel(*, session: Session, by=None, expected_version: int | None = None) -> Session:
    with _actor(by):
        _claim_session(
            session,
            expected_version,
            [SessionStatus.PLANNED],
            _("Only a planned session can be cancelled."),
        )
        session.status = SessionStatus.CANCELLED
        session.save()
    return session


@transaction.atomic
def agenda_item_add(
    *,
    session: Session,
    kind: str,
    title_ru: str,
    title_kk: str,
    title_en: str = "",
    speaker: str = "",
    budget=None,
    plan=None,
    by=None,
    expected_version: int | None = None,
) -> AgendaItem:
    """Put a question on the agenda (before the session or when it opens)."""
    if kind not in AgendaKind.values:
        raise DomainError(_("Unknown kind of question."))
    if not _clean(title_ru) or not _clean(title_kk):
        raise DomainError(_("Give the question in Russian and in Kazakh."))
    if kind == AgendaKind.BUDGET:
        if budget is None:
            raise DomainError(_("Choose the budget the gathering agrees."))
        if budget.territory_id != session.territory_id:
            raise DomainError(_("The budget belongs to another territory."))
        plan = None
    elif kind == AgendaKind.PLAN:
        if plan is None:
            raise DomainError(_("Choose the development plan the gathering approves."))
        if plan.territory_id != session.territory_id:
            raise DomainError(_("The plan belongs to another territory."))
        budget = None
    else:
        budget = plan = None
    with _actor(by):
        _claim_session(
            session,
            expected_version,
            [SessionStatus.PLANNED, SessionStatus.OPEN],
            _("The agenda of a closed or cancelled session cannot be changed."),
        )
        Session.objects.filter(pk=session.pk).update(updated_at=timezone.now())
        last = session.agenda.aggregate(n=Max("number"))["n"] or 0
        return AgendaItem.objects.create(
            session=session,
            number=last + 1,
            kind=kind,
            title_ru=_clean(title_ru)[:500],
            title_kk=_clean(title_kk)[:500],
            title_en=_clean(title_en)[:500],
            speaker=_clean(speaker)[:255],
            budget=budget,
            plan=plan,
        )


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
    with _actor(by):
        _claim_session(
            session,
            expected_version,
            [SessionStatus.PLANNED, SessionStatus.OPEN],
            _("The attendance of a closed or cancelled session cannot be changed."),
        )
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


@transaction.atomic
def session_open(
    *,
    session: Session,
    chair: Member,
    secretary: Member,
    by=None,
    expected_version: int | None = None,
) -> Session:
    """Open the session with a chair and a secretary chosen from the members present."""
    if chair is None or secretary is None:
        raise DomainError(_("Choose the chair and the secretary of the session."))
    if chair.pk == secretary.pk:
        raise DomainError(_("The chair and the secretary are two different members."))
    present = set(Attendance.objects.filter(session=session).values_list("member_id", flat=True))
    if chair.pk not in present or secretary.pk not in present:
        raise DomainError(_("The chair and the secretary must be present."))
    with _actor(by):
        _claim_session(
            session,
            expected_version,
            [SessionStatus.PLANNED],
            _("Only a planned session can be opened."),
        )
        session.status = SessionStatus.OPEN
        session.chair = chair
        session.secretary = secretary
        session.opened_at = timezone.now()
        session.save()
    return session


def _open_item(agenda_item: AgendaItem, expected_version: int | None, refusal: str) -> Session:
    session = agenda_item.session
    _claim_session(session, expected_version, [SessionStatus.OPEN], refusal)
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
    with _actor(by):
        session = _open_item(
            agenda_item, expected_version, _("Votes are recorded only while the session is open.")
        )
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
    with _actor(by):
        session = _open_item(
            agenda_item, expected_version, _("Decisions are taken only while the session is open.")
        )
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


@transaction.atomic
def session_close(*, session: Session, by=None, expected_version: int | None = None) -> Session:
    """Close the session: its record (attendance, votes, decisions) is final."""
    with _actor(by):
        _claim_session(
            session,
            expected_version,
            [SessionStatus.OPEN],
            _("Only an open session can be closed."),
        )
        session.status = SessionStatus.CLOSED
        session.closed_at = timezone.now()
        session.save()
    return session


__all__ = [
    "agenda_item_add",
    "attendance_set",
    "decision_take",
    "member_add",
    "member_update",
    "session_cancel",
    "session_close",
    "session_open",
    "session_plan",
    "session_update",
    "vote_counts",
    "votes_record",
]
