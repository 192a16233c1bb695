"""Demo: the local community gathering of Krasnoyarsk rural district. Twelve members
delegated by the сходы of its two villages; session No. 1 of 20 January 2026 hears the
akim's report, agrees the 2026 budget and approves the development plan (so both get
their version 1 from its decisions); session No. 2 (monitoring of spending) is planned.
After the approval the boiler house's due date moves, so the plan shows a difference
beside the approved version. Idempotent."""

import datetime as dt
import json
from pathlib import Path

from django.contrib.auth import get_user_model

from tyndau.budget.models import Budget
from tyndau.plans.models import Plan
from tyndau.plans.services import item_update
from tyndau.territory.models import Territory

from . import services
from .models import AgendaKind, Member, Session

DISTRICT = "111033000"
# The members and the two sessions are data, in ``demo_sessions.json`` beside this file:
# ``members`` as [full name, village code, сход of]; each session's date, place, invited
# and questions (kind, title and decision in ru, kk, en; the votes for, against, abstained).
DATA = json.loads((Path(__file__).resolve().parent / "demo_sessions.json").read_text("utf-8"))


def _convene(district, spec: dict, *, by, clerk, targets: dict) -> tuple[Session, list]:
    """A session with its agenda; a budget or plan question only if there is one to decide."""
    session = services.session_plan(
        territory=district,
        held_on=dt.date.fromisoformat(spec["held_on"]),
        place=spec["place"],
        invited=spec["invited"],
        by=by,
    )
    agenda = []
    for question in spec["questions"]:
        kind = question["kind"]
        if kind in targets and targets[kind] is None:
            continue
        title_ru, title_kk, title_en = question["title"]
        item = services.agenda_item_add(
            session=session,
            kind=kind,
            title_ru=title_ru,
            title_kk=title_kk,
            title_en=title_en,
            speaker=question["speaker"],
            by=clerk,
            **({kind: targets[kind]} if kind in targets else {}),
        )
        agenda.append((item, question))
    return session, agenda


def seed_gathering(*, log=print):
    district = Territory.objects.get(code=DISTRICT)
    if Session.objects.filter(territory=district).exists():
        return
    User = get_user_model()
    clerk = User.objects.filter(username="clerk").first()
    akim = User.objects.filter(username="akim").first()
    villages = {t.code: t for t in district.children.all()}
    members = [
        Member.objects.filter(territory=district, full_name=name).first()
        or services.member_add(
            territory=district,
            village=villages[code],
            full_name=name,
            delegated_on=dt.date.fromisoformat(day),
            basis="протокол схода № 1",
            by=clerk,
        )
        for name, code, day in DATA["members"]
    ]
    plan = Plan.objects.filter(territory=district, first_year=2026).first()
    targets = {
        AgendaKind.BUDGET: Budget.objects.filter(territory=district, year=2026).first(),
        AgendaKind.PLAN: plan,
    }
    session, agenda = _convene(
        district, DATA["held"], by=akim or clerk, clerk=clerk, targets=targets
    )
    present = members[:11]  # Сарсенбаев is absent
    services.attendance_set(session=session, members=present, by=clerk)
    services.session_open(session=session, chair=members[3], secretary=members[9], by=clerk)
    for item, question in agenda:
        for_, against, abstain = question["votes"]
        choices = ["for"] * for_ + ["against"] * against + ["abstain"] * abstain
        services.votes_record(
            agenda_item=item, votes=dict(zip(present, choices, strict=False)), by=clerk
        )
        text_ru, text_kk, text_en = question["decision"]
        services.decision_take(
            agenda_item=item, text_ru=text_ru, text_kk=text_kk, text_en=text_en, by=clerk
        )
    services.session_close(session=session, by=clerk)

    if plan is not None:  # a change after the approval: the boiler house moved by a month
        boiler = plan.items.filter(code="4.3").first()
        if boiler is not None:
            item_update(item=boiler, due_on=dt.date(2028, 1, 15), by=clerk)

    _convene(district, DATA["planned"], by=akim or clerk, clerk=clerk, targets=targets)
    log(f"Local community gathering: {len(members)} members, session No. 1 held, No. 2 planned.")
