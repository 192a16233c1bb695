"""Reads of the gathering: who asks decides what they see; the public never sees names."""

from __future__ import annotations

from django.db.models import Prefetch, QuerySet

from .models import AgendaItem, Attendance, Decision, Member, Session, Vote


def session_list_visible_to(*, user) -> QuerySet[Session]:
    return Session.objects.visible_to(user).with_attendance().select_related("territory")


def session_get_visible_to(*, user, pk: int) -> Session | None:
    return session_list_visible_to(user=user).filter(pk=pk).first()


def member_list(*, territory, on=None) -> QuerySet[Member]:
    members = Member.objects.filter(territory=territory).select_related("village")
    return members.serving(on=on) if on is not None else members


def members_visible_to(*, user) -> QuerySet[Member]:
    return Member.objects.visible_to(user).select_related("village", "territory")


def agenda_of(*, session: Session) -> list[AgendaItem]:
    """The agenda with the votes counted in the database and each decision."""
    return list(
        AgendaItem.objects.filter(session=session)
        .with_votes()
        .select_related("decision", "budget", "plan")
        .prefetch_related(
            "decision__budget_versions",
            "decision__plan_versions",
            Prefetch(
                "votes", queryset=Vote.objects.select_related("member"), to_attr="recorded_votes"
            ),
        )
        .order_by("number")
    )


def session_record(*, session: Session) -> dict:
    """Everything the session page and the minutes show: the roll that day, who is
    present, the agenda with votes and decisions."""
    counted = Session.objects.with_attendance().get(pk=session.pk)
    present_ids = set(
        Attendance.objects.filter(session=session).values_list("member_id", flat=True)
    )
    roll = list(member_list(territory=session.territory, on=session.held_on))
    agenda = agenda_of(session=session)
    for item in agenda:
        item.vote_of = {v.member_id: v.choice for v in item.recorded_votes}
    return {
        "session": counted,
        "roll": roll,
        "present_ids": present_ids,
        "present": [m for m in roll if m.pk in present_ids],
        "absent": [m for m in roll if m.pk not in present_ids],
        "agenda": agenda,
        "invited": [line for line in session.invited.splitlines() if line.strip()],
    }


# ------------------------------------------------------------------------------ public


def session_list_public() -> QuerySet[Session]:
    return Session.objects.public().with_attendance().select_related("territory")


def session_get_public(*, pk: int) -> Session | None:
    return session_list_public().filter(pk=pk).first()


def decision_list_public() -> QuerySet[Decision]:
    """Decisions of closed sessions, with what they approved (no names of members)."""
    return (
        Decision.objects.public()
        .select_related("agenda_item__session__territory")
        .prefetch_related("plan_versions", "budget_versions")
        .order_by(
            "agenda_item__session__territory__path",
            "agenda_item__session__held_on",
            "agenda_item__number",
        )
    )


def versions_with_decisions(versions) -> list:
    """Approved versions with the session that decided each (for plan and budget pages)."""
    return list(versions.select_related("decision__agenda_item__session"))
