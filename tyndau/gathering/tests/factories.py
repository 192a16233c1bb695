"""Helpers that build a gathering through its services (for this app's tests and for the
tests of plans and budget, whose versions only a gathering decision approves)."""

from __future__ import annotations

import datetime as dt

from tyndau.gathering import services
from tyndau.gathering.models import AgendaKind, Member
from tyndau.territory.models import Territory

NAMES = [
    "Аманов Ерлан",
    "Бекова Гульнара",
    "Васильев Сергей",
    "Дюсенова Айгерим",
    "Ермеков Нурлан",
    "Жумабаева Сауле",
    "Ким Ольга",
]


def members_of(district: Territory, n: int = 7, *, delegated_on=dt.date(2025, 3, 1)) -> list:
    villages = list(district.children.order_by("code"))
    return [
        services.member_add(
            territory=district,
            village=villages[i % len(villages)],
            full_name=NAMES[i % len(NAMES)] + ("" if i < len(NAMES) else f" {i}"),
            delegated_on=delegated_on,
            basis=f"сход, протокол № {i + 1}",
        )
        for i in range(n)
    ]


def approve_by_gathering(*, plan=None, budget=None, held_on=dt.date(2026, 1, 20), by=None):
    """Convene a session on the plan or budget, all members present and for it, decide
    and close; returns the decision."""
    target = plan or budget
    district = target.territory
    members = list(Member.objects.filter(territory=district).serving(on=held_on)) or members_of(
        district
    )
    session = services.session_plan(territory=district, held_on=held_on, by=by)
    kind = AgendaKind.PLAN if plan is not None else AgendaKind.BUDGET
    item = services.agenda_item_add(
        session=session,
        kind=kind,
        title_ru="Об утверждении",
        title_kk="Бекіту туралы",
        plan=plan,
        budget=budget,
        by=by,
    )
    services.attendance_set(session=session, members=members, by=by)
    services.session_open(session=session, chair=members[0], secretary=members[1], by=by)
    services.votes_record(agenda_item=item, votes={m: "for" for m in members}, by=by)
    decision = services.decision_take(
        agenda_item=item, text_ru="Утвердить.", text_kk="Бекітілсін.", by=by
    )
    services.session_close(session=session, by=by)
    return decision
