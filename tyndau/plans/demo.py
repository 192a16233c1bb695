"""Demo: the development plan of Krasnoyarsk rural district with the seed's problems
(roads, the Zheltoksan drainage canal, the central park, container sites, sports grounds,
water mains over 70% worn, sewerage, a boiler house for 2,825 more houses), money by
source and year, progress entries, links to the demo's road appeals (the local community gathering approves it:
``tyndau.gathering.demo``). Idempotent."""

import datetime as dt
import json
from decimal import Decimal
from pathlib import Path

from django.contrib.auth import get_user_model

from tyndau.plans import services
from tyndau.plans.models import ItemStatus, Plan
from tyndau.territory.models import Territory

M = Decimal(1_000_000)
# The items are data, in ``demo_items.json`` beside this file: each with its fields, its
# money ``financing`` as [source, year, planned M, spent M] and its ``progress`` entries
# as [date, percent, text].
ITEMS = json.loads((Path(__file__).resolve().parent / "demo_items.json").read_text("utf-8"))
RESPONSIBLE = {"1.1", "2", "3.2"}  # the executor's items; the others are the ЖКХ office's


def _amount(value) -> Decimal | None:
    return None if value is None else Decimal(str(value))


def seed_plan(*, log=print):
    territory = Territory.objects.get(code="111033000")
    if Plan.objects.filter(territory=territory, first_year=2026).exists():
        return
    User = get_user_model()
    clerk = User.objects.filter(username="clerk").first()
    executor = User.objects.filter(username="executor").first()
    statuses = {s.code: s for s in ItemStatus.objects.all()}
    plan = services.plan_create(
        territory=territory,
        title_ru="Проект развития Красноярского сельского округа на 2026–2028 годы",
        title_kk="Красноярск ауылдық округінің 2026–2028 жылдарға арналған даму жобасы",
        title_en="Development plan of Krasnoyarsk rural district, 2026–2028",
        first_year=2026,
        last_year=2028,
        by=clerk,
    )
    items = {}
    for row in ITEMS:
        code = row["code"]
        items[code] = services.item_create(
            plan=plan,
            parent=items.get(row["parent"]),
            code=code,
            title_ru=row["title_ru"],
            title_kk=row["title_kk"],
            title_en=row["title_en"],
            starts_on=dt.date.fromisoformat(row["starts_on"]),
            due_on=dt.date.fromisoformat(row["due_on"]),
            status=statuses[row["status"]],
            indicator=row["indicator"],
            unit=row["unit"],
            baseline=_amount(row["baseline"]),
            target=_amount(row["target"]),
            responsible_user=executor if code in RESPONSIBLE else None,
            responsible_body="" if code in RESPONSIBLE else "ГУ «Отдел ЖКХ города Кокшетау»",
            latitude=row["latitude"],
            longitude=row["longitude"],
            by=clerk,
        )
        for source, year, planned, spent in row["financing"]:
            programme = {"rural": "011", "district": "013"}.get(source, "")
            services.financing_set(
                item=items[code],
                source=source,
                year=year,
                planned=Decimal(planned) * M,
                spent=Decimal(spent) * M,
                budget_programme_code=programme if year == 2026 else "",
                by=clerk,
            )
        for day, percent, text in row["progress"]:
            services.progress_add(
                item=items[code],
                on=dt.date.fromisoformat(day),
                percent=percent,
                text=text,
                by=clerk,
                notify=False,
            )
    from tyndau.appeals.models import Appeal

    for appeal in Appeal.objects.filter(
        topic__code="roads", territory__path__startswith=territory.path
    )[:3]:
        services.link_add(item=items["1.1"], appeal=appeal, by=clerk)
    log(f"Development plan: {len(items)} items (the gathering approves it: gathering.demo).")
