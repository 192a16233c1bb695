"""Demo applications for the five land services of Krasnoyarsk and its land-plot queue.

A few dozen applications over the last weeks (rendered, refused with a reason, open, one
overdue) and a queue for individual housing and for farming. Registered and decided through
the services, so numbers, due dates and queue positions are real. Idempotent: nothing is
added when the office already has applications.
"""

import datetime as dt
from zoneinfo import ZoneInfo

from django.contrib.auth import get_user_model
from django.utils import timezone

from tyndau.appeals.validators import check_digit_ok
from tyndau.territory.models import Office

from . import services
from .models import Application, PublicService

ALMATY = ZoneInfo("Asia/Almaty")
NAMES = ["Ахметов Нурлан", "Иванова Ольга", "Жумабаев Ерлан", "Ким Сергей", "Садыкова Айжан"]


def demo_iin(n: int) -> str:
    for tail in range(100):
        candidate = f"{80 + n % 15:02d}0{1 + n % 9}{10 + n % 18:02d}3{n:03d}{tail % 10}"[:11]
        for last in "0123456789":
            if check_digit_ok(candidate + last):
                return candidate + last
        n += 1000
    raise AssertionError("no IIN")


def seed_services(*, log=print):
    office = Office.objects.filter(territory__code="111033000").first()
    if office is None or Application.objects.filter(office=office).exists():
        return
    clerk = get_user_model().objects.get(username="clerk")
    village = office.territory.subtree().get(code="111033100")
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
