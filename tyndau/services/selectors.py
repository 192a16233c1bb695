"""Reads of services, applications and the queue. Public reads never carry a name or IIN."""

from __future__ import annotations

import datetime as dt

from django.db.models import (
    BooleanField,
    Case,
    Count,
    F,
    Q,
    QuerySet,
    Value,
    When,
)
from django.db.models.expressions import Window
from django.db.models.functions import RowNumber
from django.utils import timezone
from django.utils.crypto import constant_time_compare

from tyndau.territory.models import Office, Territory
from tyndau.territory.selectors import scope_q

from .models import (
    Application,
    ApplicationStatus,
    PublicService,
    QueueEntry,
    QueuePurpose,
    QueueStatus,
)


def service_list_public() -> QuerySet[PublicService]:
    return PublicService.objects.filter(is_active=True).prefetch_related("reasons")


def with_overdue(qs: QuerySet[Application], *, today: dt.date | None = None):
    """Annotate ``is_overdue``: still open and the due date has passed (as appeals)."""
    today = today or timezone.localdate()
    return qs.annotate(
        is_overdue=Case(
            When(status=ApplicationStatus.REGISTERED, due_on__lt=today, then=Value(True)),
            default=Value(False),
            output_field=BooleanField(),
        )
    )


def application_list_visible_to(*, user) -> QuerySet[Application]:
    return with_overdue(
        Application.objects.filter(scope_q(user=user, field="territory__path")).select_related(
            "service", "office__territory", "territory", "refusal_reason", "queue_entry"
        )
    )


def application_get_for_tracking(*, number: str, code: str) -> Application | None:
    number, code = (number or "").strip().upper(), (code or "").strip()
    if not number or not code:
        return None
    application = (
        Application.objects.filter(number__iexact=number)
        .select_related("service", "office__territory", "refusal_reason", "queue_entry")
        .first()
    )
    if application is None or not constant_time_compare(application.tracking_code, code):
        return None
    return application


def _waiting(office: Office, purpose: str) -> QuerySet[QueueEntry]:
    return QueueEntry.objects.filter(office=office, purpose=purpose, status=QueueStatus.WAITING)


def queue_public(*, office: Office, purpose: str) -> list[dict]:
    """The waiting list of one queue: position and date joined only (no number, no name)."""
    return list(
        _waiting(office, purpose)
        .annotate(position=Window(RowNumber(), order_by=[F("joined_on").asc(), F("id").asc()]))
        .order_by("joined_on", "id")
        .values("position", "joined_on")
    )


def queue_summary(*, office: Office) -> list[dict]:
    """How many wait in each queue of the office (for the public index)."""
    counts = dict(
        QueueEntry.objects.filter(office=office, status=QueueStatus.WAITING)
        .values_list("purpose")
        .annotate(n=Count("id"))
        .values_list("purpose", "n")
    )
    return [
        {"purpose": value, "label": label, "waiting": counts.get(value, 0)}
        for value, label in QueuePurpose.choices
    ]


def queue_position_of(entry: QueueEntry) -> int | None:
    if entry.status != QueueStatus.WAITING:
        return None
    ahead = (
        _waiting(entry.office, entry.purpose)
        .filter(Q(joined_on__lt=entry.joined_on) | Q(joined_on=entry.joined_on, id__lt=entry.id))
        .count()
    )
    return ahead + 1


def queue_lookup(*, number: str, iin_last4: str) -> dict | None:
    """A resident's own place: the queue number and the last four digits of their IIN.

    Anything wrong (no such number, a wrong suffix) gives ``None``, the same answer, so
    a guess reveals nothing about anybody else's place."""
    number, suffix = (number or "").strip().upper(), (iin_last4 or "").strip()
    if not number or len(suffix) != 4 or not suffix.isdigit():
        return None
    entry = (
        QueueEntry.objects.filter(number__iexact=number).select_related("office__territory").first()
    )
    if entry is None or not constant_time_compare(entry.iin[-4:], suffix):
        return None
    return {
        "number": entry.number,
        "office": entry.office,
        "purpose": entry.get_purpose_display(),
        "joined_on": entry.joined_on,
        "status": entry.status,
        "status_label": entry.get_status_display(),
        "position": queue_position_of(entry),
        "waiting": _waiting(entry.office, entry.purpose).count(),
    }


def month_bounds(year: int, month: int) -> tuple[dt.date, dt.date]:
    first = dt.date(year, month, 1)
    nxt = dt.date(year + (month == 12), month % 12 + 1, 1)
    return first, nxt - dt.timedelta(days=1)


def service_monthly_report(
    *, territory: Territory, year: int, month: int, today: dt.date | None = None
) -> dict:
    """Per service, for applications of the territory's subtree:

    - received: registered in the month;
    - rendered / refused: decided in the month with that outcome;
    - overdue: received in the month and decided after the due date, or still open with
      the due date past (as of ``today``);
    - refusals by reason: refusals decided in the month, per reason.
    """
    today = today or timezone.localdate()
    first, last = month_bounds(year, month)
    base = Application.objects.filter(territory__path__startswith=territory.path)
    received = Q(registered_on__range=(first, last))
    decided = Q(decided_on__range=(first, last))
    late = Q(decided_on__gt=F("due_on")) | Q(status=ApplicationStatus.REGISTERED, due_on__lt=today)
    counts = {
        row["service"]: row
        for row in base.values("service").annotate(
            received=Count("id", filter=received),
            rendered=Count("id", filter=decided & Q(status=ApplicationStatus.RENDERED)),
            refused=Count("id", filter=decided & Q(status=ApplicationStatus.REFUSED)),
            overdue=Count("id", filter=received & late),
        )
    }
    reasons = {
        row["refusal_reason"]: row["n"]
        for row in base.filter(decided, status=ApplicationStatus.REFUSED)
        .values("refusal_reason")
        .annotate(n=Count("id"))
    }
    rows, totals = [], {"received": 0, "rendered": 0, "refused": 0, "overdue": 0}
    for service in PublicService.objects.prefetch_related("reasons"):
        figures = counts.get(service.pk, {})
        row = {
            "service": service,
            "code": service.code,
            "name": service.name,
            **{key: figures.get(key, 0) for key in totals},
            "reasons": [
                {"code": r.code, "name": r.name, "refused": reasons.get(r.pk, 0)}
                for r in service.reasons.all()
            ],
        }
        for key in totals:
            totals[key] += row[key]
        rows.append(row)
    return {
        "territory": territory,
        "year": year,
        "month": month,
        "first": first,
        "last": last,
        "rows": rows,
        "totals": totals,
    }
