"""A session's lifecycle and record: planning, details, agenda, opening, closing, cancelling;
the claim of its version with the status the change needs."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.db.models import F, Max
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from tyndau.core.audit import acting
from tyndau.core.errors import ConflictError, DomainError, TransitionError
from tyndau.territory.models import Territory

from ..models import AgendaItem, AgendaKind, Attendance, Member, Session, SessionStatus
from .common import _check_territory, _clean

PLANNED, OPEN = SessionStatus.PLANNED, SessionStatus.OPEN
CLOSED, CANCELLED = SessionStatus.CLOSED, SessionStatus.CANCELLED

# The one home of the session's lifecycle: each change, the statuses it is allowed from,
# the status it leads to (None: the status stays), and the refusal in any other status.
# The services claim the session through it.
LIFECYCLE = {
    "change": ((PLANNED,), None, gettext_lazy("Only a planned session can be changed.")),
    "cancel": ((PLANNED,), CANCELLED, gettext_lazy("Only a planned session can be cancelled.")),
    "agenda": (
        (PLANNED, OPEN),
        None,
        gettext_lazy("The agenda of a closed or cancelled session cannot be changed."),
    ),
    "attendance": (
        (PLANNED, OPEN),
        None,
        gettext_lazy("The attendance of a closed or cancelled session cannot be changed."),
    ),
    "open": ((PLANNED,), OPEN, gettext_lazy("Only a planned session can be opened.")),
    "close": ((OPEN,), CLOSED, gettext_lazy("Only an open session can be closed.")),
    "vote": ((OPEN,), None, gettext_lazy("Votes are recorded only while the session is open.")),
    "decide": (
        (OPEN,),
        None,
        gettext_lazy("Decisions are taken only while the session is open."),
    ),
}


def _claim_session(session: Session, expected_version: int | None, change: str) -> None:
    """Claim the session's version if it is still in one of the statuses ``change`` is
    allowed from (``LIFECYCLE``; ``tyndau.core.locking.save_versioned`` with the status
    checked in the same UPDATE).

    Refuses with the change's refusal (a TransitionError) when the status no longer allows
    it, and with a ConflictError when someone changed the session since it was read.
    Without ``expected_version`` (a change not made from a form) the current version is
    claimed.
    """
    allowed, _to, refusal = LIFECYCLE[change]
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
            raise TransitionError(str(refusal))
        raise ConflictError(
            _("Someone else changed this session while you were editing. Reload and try again.")
        )
    session.version = version + 1


def _session_save(
    session: Session, expected_version: int | None, change: str, by, **fields
) -> Session:
    """Make ``change`` to the session (``_claim_session``): move it to the status the
    change leads to, set ``fields`` and save, with ``by`` as the actor of the audit entry."""
    to = LIFECYCLE[change][1]
    if to is not None:
        fields["status"] = to
    with acting(by):
        _claim_session(session, expected_version, change)
        for name, value in fields.items():
            setattr(session, name, value)
        session.save()
    return session


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
    with acting(by):
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
    return _session_save(session, expected_version, "change", by, **changes)


@transaction.atomic
def session_cancel(*, session: Session, by=None, expected_version: int | None = None) -> Session:
    return _session_save(session, expected_version, "cancel", by)


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
    with acting(by):
        _claim_session(session, expected_version, "agenda")
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
    opened = {"chair": chair, "secretary": secretary, "opened_at": timezone.now()}
    return _session_save(session, expected_version, "open", by, **opened)


@transaction.atomic
def session_close(*, session: Session, by=None, expected_version: int | None = None) -> Session:
    """Close the session: its record (attendance, votes, decisions) is final."""
    return _session_save(session, expected_version, "close", by, closed_at=timezone.now())
