"""Demo applications for the five land services of Krasnoyarsk and its land-plot queue.

The seed's figures first: "since the start of the year" (the seed reports on the first
half of 2022) the office rendered 1,535 services and gave 118 justified refusals. They
are loaded as the office's past register (``REGISTER_2022``, month by month and service
by service, through ``services.applications_import_decided``), so the monthly report of
January–June 2022 adds up to the seed's sheet.

Then a few dozen applications over the last weeks (rendered, refused with a reason, open, one
overdue) and a queue for individual housing and for farming. Registered and decided through
the services, so numbers, due dates and queue positions are real. Idempotent: nothing is
added when the office already has applications.
"""

import datetime as dt
from zoneinfo import ZoneInfo

from django.contrib.auth import get_user_model
from django.utils import timezone

from tyndau.appeals.validators import check_digit_ok
from tyndau.core import calendar
from tyndau.territory.models import Office

from . import services
from .models import Application, PublicService

ALMATY = ZoneInfo("Asia/Almaty")
NAMES = ["Ахметов Нурлан", "Иванова Ольга", "Жумабаев Ерлан", "Ким Сергей", "Садыкова Айжан"]
SURNAMES = ["Ахметов", "Иванов", "Жумабаев", "Ким", "Садыков", "Оспанов", "Петренко", "Нуров"]
GIVEN = ["Нурлан", "Сергей", "Ерлан", "Асхат", "Виктор", "Данияр", "Олжас", "Руслан"]

# The seed's period, Jan–Jun 2022: per service, per month (rendered, refused).
# Rendered add up to 1,535 and refusals to 118 (the seed's sheet).
REGISTER_2022 = {
    "land-purpose-change": [(26, 2), (28, 2), (31, 3), (30, 2), (33, 3), (32, 2)],
    "land-plot-construction": [(34, 3), (37, 4), (40, 4), (41, 3), (44, 4), (44, 4)],
    "land-rights-no-tender": [(45, 4), (48, 4), (52, 5), (53, 4), (56, 5), (56, 5)],
    "land-plot-sale": [(38, 3), (41, 3), (44, 3), (45, 3), (48, 4), (49, 3)],
    "land-queue": [(80, 5), (84, 6), (90, 6), (92, 6), (96, 7), (98, 6)],
}
QUEUE_PURPOSES = ["individual_housing"] * 7 + ["farming", "gardening", "business"]


def demo_iin(n: int) -> str:
    for tail in range(100):
        candidate = f"{80 + n % 15:02d}0{1 + n % 9}{10 + n % 18:02d}3{n:03d}{tail % 10}"[:11]
        for last in "0123456789":
            if check_digit_ok(candidate + last):
                return candidate + last
        n += 1000
    raise AssertionError("no IIN")


def _unused_iin(n: int, used: set) -> str:
    iin = demo_iin(n)
    while iin in used:
        n += 7919
        iin = demo_iin(n)
    used.add(iin)
    return iin


def _register_2022(office, village, clerk) -> list[services.PastApplication]:
    """The seed's half-year as register lines: received on the working days up to the 20th
    at 10:00, decided three working days later (within the month and the term)."""
    by_code = {s.code: s for s in PublicService.objects.prefetch_related("reasons")}
    rows, n, used = [], 0, set()
    for code, months in REGISTER_2022.items():
        service = by_code[code]
        reasons = list(service.reasons.all())
        for month, (rendered, refused) in enumerate(months, start=1):
            days = [
                d
                for d in (dt.date(2022, month, day) for day in range(1, 21))
                if calendar.is_working_day(d)
            ]
            for k in range(rendered + refused):
                n += 1
                day = days[k % len(days)]
                refusal = k >= rendered
                rows.append(
                    services.PastApplication(
                        service=service,
                        territory=village,
                        applicant_name=f"{SURNAMES[n % 8]} {GIVEN[(n // 8) % 8]}",
                        iin=_unused_iin(1000 + n, used),
                        received_at=dt.datetime.combine(day, dt.time(10), ALMATY),
                        decided_on=calendar.add_working_days(day, 3),
                        refusal_reason=reasons[k % len(reasons)] if refusal else None,
                        refusal_text="Основание отказа разъяснено заявителю." if refusal else "",
                        result_text="" if refusal else "Услуга оказана.",
                        queue_purpose=QUEUE_PURPOSES[k % len(QUEUE_PURPOSES)]
                        if service.kind == "queue"
                        else "",
                    )
                )
    return rows


def seed_services(*, log=print):
    office = Office.objects.filter(territory__code="111033000").first()
    if office is None or Application.objects.filter(office=office).exists():
        return
    clerk = get_user_model().objects.get(username="clerk")
    village = office.territory.subtree().get(code="111033100")
    past = services.applications_import_decided(
        office=office, rows=_register_2022(office, village, clerk), by=clerk
    )
    log(f"Public services: the seed's register of Jan–Jun 2022, {past} decided applications.")
    today = timezone.localdate()
    regular = list(PublicService.objects.exclude(kind="queue"))
    queue = PublicService.objects.get(kind="queue")
    count = 0
    for n in range(36):
        service = regular[n % len(regular)]
        received = dt.datetime.combine(today - dt.timedelta(days=60 - n), dt.time(10), ALMATY)
        application = services.application_register(
            office=office,
            territory=village,
            service=service,
            channel="portal" if n % 3 == 0 else "office",
            applicant_name=NAMES[n % len(NAMES)],
            iin=demo_iin(n),
            received_at=received,
            registered_by=clerk,
        )
        count += 1
        decided = min(application.registered_on + dt.timedelta(days=5 + n % 7), today)
        if n % 9 == 4:
            services.application_refuse(
                application=application,
                by=clerk,
                decided_on=decided,
                reason=service.reasons.first(),
                text="Недостаточно документов; заявитель может подать заявление повторно.",
            )
        elif n < 30:
            services.application_render(
                application=application, by=clerk, result_text="Решение выдано.", decided_on=decided
            )
    for n, purpose in enumerate(["individual_housing"] * 9 + ["farming"] * 3):
        received = dt.datetime.combine(today - dt.timedelta(days=300 - n * 20), dt.time(11), ALMATY)
        application = services.application_register(
            office=office,
            territory=village,
            service=queue,
            channel="office",
            applicant_name=NAMES[n % len(NAMES)],
            iin=demo_iin(100 + n),
            queue_action="join",
            queue_purpose=purpose,
            received_at=received,
            registered_by=clerk,
        )
        services.application_render(
            application=application, by=clerk, decided_on=application.registered_on
        )
        count += 1
    log(f"Public services: {count} demo applications, 12 places in the land-plot queue.")
