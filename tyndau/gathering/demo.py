"""Demo: the local community gathering of Krasnoyarsk rural district. Twelve members
delegated by the сходы of its two villages; session No. 1 of 20 January 2026 hears the
akim's report, agrees the 2026 budget and approves the development plan (so both get
their version 1 from its decisions); session No. 2 (monitoring of spending) is planned.
After the approval the boiler house's due date moves, so the plan shows a difference
beside the approved version. Idempotent."""

import datetime as dt

from django.contrib.auth import get_user_model

from tyndau.budget.models import Budget
from tyndau.plans.models import Plan
from tyndau.plans.services import item_update
from tyndau.territory.models import Territory

from . import services
from .models import AgendaKind, Member, Session

DISTRICT = "111033000"
# full name, village code, сход of
MEMBERS = [
    ("Абдрахманов Болат Кайратович", "111033100", "2025-02-14"),
    ("Бекмуханова Жанар Сериковна", "111033100", "2025-02-14"),
    ("Васильченко Ольга Петровна", "111033100", "2025-02-14"),
    ("Габдуллин Ерлан Маратович", "111033100", "2025-02-14"),
    ("Дүйсенбаева Айгерім Нұрланқызы", "111033100", "2025-02-14"),
    ("Ермеков Нурлан Асқарұлы", "111033100", "2025-02-14"),
    ("Жакупова Сауле Темирхановна", "111033100", "2025-02-14"),
    ("Ким Виктор Андреевич", "111033100", "2025-02-14"),
    ("Мусин Арман Болатович", "111033100", "2025-02-14"),
    ("Омарова Гульмира Жумабековна", "111033100", "2025-02-14"),
    ("Петренко Игорь Николаевич", "111033100", "2025-02-14"),
    ("Сарсенбаев Талгат Ерланович", "111033200", "2025-02-21"),
]


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
        for name, code, day in MEMBERS
    ]
    session = services.session_plan(
        territory=district,
        held_on=dt.date(2026, 1, 20),
        place="с. Красный Яр, Дом культуры, ул. Ленина, 12",
        invited="Аманов Серик, аким сельского округа\nСейткали Айгуль, заместитель акима",
        by=akim or clerk,
    )
    report = services.agenda_item_add(
        session=session,
        kind=AgendaKind.REPORT,
        title_ru="Отчёт акима об исполнении бюджета и проекта развития за 2025 год",
        title_kk="Әкімнің 2025 жылғы бюджеттің және даму жобасының орындалуы туралы есебі",
        title_en="The akim's report on the 2025 budget and development plan",
        speaker="Аманов С., аким сельского округа",
        by=clerk,
    )
    budget = Budget.objects.filter(territory=district, year=2026).first()
    plan = Plan.objects.filter(territory=district, first_year=2026).first()
    questions = [(report, 11, 0, 0)]
    if budget is not None:
        item = services.agenda_item_add(
            session=session,
            kind=AgendaKind.BUDGET,
            title_ru="О согласовании проекта бюджета сельского округа на 2026 год",
            title_kk="Ауылдық округтің 2026 жылға арналған бюджетінің жобасын келісу туралы",
            title_en="Agreeing the draft 2026 budget of the rural district",
            speaker="Сейткали А., заместитель акима",
            budget=budget,
            by=clerk,
        )
        questions.append((item, 10, 0, 1))
    if plan is not None:
        item = services.agenda_item_add(
            session=session,
            kind=AgendaKind.PLAN,
            title_ru="Об утверждении проекта развития сельского округа на 2026–2028 годы",
            title_kk="Ауылдық округтің 2026–2028 жылдарға арналған даму жобасын бекіту туралы",
            title_en="Approving the development plan of the rural district for 2026–2028",
            speaker="Аманов С., аким сельского округа",
            plan=plan,
            by=clerk,
        )
        questions.append((item, 9, 1, 1))
    present = members[:11]  # Сарсенбаев is absent
    services.attendance_set(session=session, members=present, by=clerk)
    services.session_open(session=session, chair=members[3], secretary=members[9], by=clerk)
    texts = {
        AgendaKind.REPORT: (
            "Отчёт акима принять к сведению.",
            "Әкімнің есебі назарға алынсын.",
            "To take note of the akim's report.",
        ),
        AgendaKind.BUDGET: (
            "Согласовать проект бюджета сельского округа на 2026 год и направить его в "
            "маслихат города Кокшетау.",
            "Ауылдық округтің 2026 жылға арналған бюджетінің жобасы келісілсін және "
            "Көкшетау қалалық мәслихатына жіберілсін.",
            "To agree the draft 2026 budget of the rural district and send it to the "
            "maslikhat of Kokshetau.",
        ),
        AgendaKind.PLAN: (
            "Утвердить проект развития сельского округа на 2026–2028 годы.",
            "Ауылдық округтің 2026–2028 жылдарға арналған даму жобасы бекітілсін.",
            "To approve the development plan of the rural district for 2026–2028.",
        ),
    }
    for item, for_, against, abstain in questions:
        choices = ["for"] * for_ + ["against"] * against + ["abstain"] * abstain
        services.votes_record(
            agenda_item=item, votes=dict(zip(present, choices, strict=False)), by=clerk
        )
        text_ru, text_kk, text_en = texts[item.kind]
        services.decision_take(
            agenda_item=item, text_ru=text_ru, text_kk=text_kk, text_en=text_en, by=clerk
        )
    services.session_close(session=session, by=clerk)

    if plan is not None:  # a change after the approval: the boiler house moved by a month
        boiler = plan.items.filter(code="4.3").first()
        if boiler is not None:
            item_update(item=boiler, due_on=dt.date(2028, 1, 15), by=clerk)

    later = services.session_plan(
        territory=district,
        held_on=dt.date(2026, 4, 22),
        place="с. Красный Яр, Дом культуры",
        by=akim or clerk,
    )
    services.agenda_item_add(
        session=later,
        kind=AgendaKind.MONITORING,
        title_ru="О ходе исполнения бюджета сельского округа за I квартал 2026 года",
        title_kk="Ауылдық округ бюджетінің 2026 жылғы I тоқсандағы орындалу барысы туралы",
        title_en="Budget execution in the first quarter of 2026",
        speaker="Сейткали А., заместитель акима",
        by=clerk,
    )
    log(f"Local community gathering: {len(members)} members, session No. 1 held, No. 2 planned.")
