"""The legal deadline and the office's numbers of an appeal: one home for both, used by
the registration service (:mod:`.intake`) and its batch form (:mod:`.intake_batch`)."""

from __future__ import annotations

import datetime as dt

from django.db import connection

from tyndau.core import calendar
from tyndau.territory.models import Office

from .models import AppealCounter, ApplicantType, Kind, Status

TERM_DAYS = 15  # working days, the general term of the АППК
COMPLAINT_TERM_DAYS = 20


def term_days_for(kind: str) -> int:
    return COMPLAINT_TERM_DAYS if kind == Kind.COMPLAINT else TERM_DAYS


def status_and_due_on(
    *, applicant_type: str, crime_report: bool, kind: str, registered_on: dt.date, due_on=None
) -> tuple[str, dt.date]:
    """The first status and the legal deadline. Anonymous appeals are not considered unless
    they report a crime (then redirected at once). ``due_on`` computes working days."""
    due_on = due_on or calendar.add_working_days
    anonymous = applicant_type == ApplicantType.ANONYMOUS
    if anonymous and crime_report:
        return Status.REGISTERED, due_on(registered_on, 1)
    if anonymous:
        return Status.NOT_CONSIDERED, registered_on
    return Status.REGISTERED, due_on(registered_on, term_days_for(kind))


def next_number(office: Office, year: int) -> str:
    """The office's next number of the year, gap-free: one ``UPDATE … RETURNING`` takes
    it under the row lock, so concurrent registrations queue here, inside their
    transaction (a rolled-back registration gives its number back)."""
    return number_format(office, year, reserve_numbers(office, year, 1))


def reserve_numbers(office: Office, year: int, count: int) -> int:
    """Take ``count`` numbers of the office's year under the counter's row lock; returns
    the last one taken."""
    table = connection.ops.quote_name(AppealCounter._meta.db_table)
    sql = f"UPDATE {table} SET last = last + %s WHERE office_id = %s AND year = %s RETURNING last"
    with connection.cursor() as cursor:
        cursor.execute(sql, [count, office.pk, year])
        row = cursor.fetchone()
        if row is None:  # the office's first appeal of the year
            AppealCounter.objects.get_or_create(office=office, year=year)
            cursor.execute(sql, [count, office.pk, year])
            row = cursor.fetchone()
    return row[0]


def number_format(office: Office, year: int, n: int) -> str:
    prefix = office.prefix or office.territory.code
    return f"{prefix}-{year}-{n:05d}"
