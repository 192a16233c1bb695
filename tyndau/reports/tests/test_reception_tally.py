"""Decree 826 row 7 (receptions held, citizens received) of the oblasts and the country is
read from the meeting tally's reception visits and reception days: it stays right through
every change of the reception journal (a visit recorded, a second visit on the same day, a
booking cancelled or kept, a visit moved or deleted, a journal loaded in bulk), follows a
territory moved to another oblast, and report_verify catches a corrupted count. A
reception is an office's reception day: visits on the same day share it. Expected
figures are written out by hand below."""

import datetime as dt
import io
from zoneinfo import ZoneInfo

import pytest
from django.core.management import call_command
from django.utils import translation

from tyndau.meetings.models import ReceptionQuestion, ReceptionSession
from tyndau.meetings.services.receptions import (
    AskedQuestion,
    reception_book,
    reception_cancel,
    reception_record,
)
from tyndau.reports import meeting_tally, tally
from tyndau.reports.models import MeetingTally
from tyndau.reports.services import report_build, report_values
from tyndau.reports.sheets import figure_value
from tyndau.territory.models import Office
from tyndau.territory.services import territories_import, territory_move

pytestmark = pytest.mark.django_db

ALMATY = ZoneInfo("Asia/Almaty")
Q1 = {"date_from": dt.date(2022, 1, 1), "date_to": dt.date(2022, 3, 31)}
H1 = {"date_from": dt.date(2022, 1, 1), "date_to": dt.date(2022, 6, 30)}
OBLAST = "110000000"
HELD, CITIZENS = "quarters.0.receptions.total", "quarters.0.receptions.citizens"
RURAL = "quarters.0.receptions.by_level.6"  # the rural district akim receives


def row7(territory, period=Q1, scope="subtree", quarter=0):
    """(receptions held, citizens received) of a quarter, as served, after checking that
    both tallies reconcile with the records and the served figures equal the records'."""
    assert tally.differences() == []
    assert meeting_tally.differences() == []
    asked = dict(form="decree-826", territory=territory, scope=scope, **period)
    assert report_values(**asked) == report_values(**asked, raw=True)
    data = report_build(**asked)
    p = f"quarters.{quarter}.receptions."
    return figure_value(data, p + "total"), figure_value(data, p + "citizens")


def visit(office, village, at, name="Ахметов Серик"):
    return reception_record(
        office=office,
        visitor_name=name,
        questions=[AskedQuestion(topic="roads", text="Дорога до села разбита.")],
        by=None,
        held_at=at,
        territory=village,
    )


def local(day, hour, minute=0):
    return dt.datetime.combine(day, dt.time(hour, minute), tzinfo=ALMATY)


@pytest.fixture
def today(time_machine):
    time_machine.move_to(dt.datetime(2022, 6, 30, 12, 0, tzinfo=dt.UTC))


def test_row_7_follows_every_change_of_the_reception_journal(
    tree, office, akim, today, time_machine
):
    oblast = tree[OBLAST]
    first, second = tree["111033100"], tree["111033200"]
    assert row7(oblast) == (0, 0)

    a = visit(office, first, local(dt.date(2022, 3, 15), 10))
    assert a.place == first
    assert row7(oblast) == (1, 1)
    assert row7(None) == (1, 1)  # the country
    assert row7(oblast, scope="own") == (0, 0)  # nothing registered to the oblast itself

    # A second visitor on the same day, from the other village: the same reception.
    b = visit(office, second, local(dt.date(2022, 3, 15), 11), name="Иванова Мария")
    assert row7(oblast) == (1, 2)
    # Each village's own sheet counts the reception its resident came to.
    assert row7(first, scope="own") == (1, 1)
    assert row7(second, scope="own") == (1, 1)
    assert row7(tree["111033000"], scope="own") == (0, 0)
    assert row7(tree["111033000"], scope="subtree") == (1, 2)

    # The next day (00:30 in Almaty is still the 15th in UTC): a second reception.
    c = visit(office, first, local(dt.date(2022, 3, 16), 0, 30))
    assert row7(oblast) == (2, 3)
    visit(office, first, local(dt.date(2022, 3, 16), 12))
    assert row7(oblast) == (2, 4)

    # A booking cancelled adds nothing; one kept is a visit like the others.
    time_machine.move_to(dt.datetime(2022, 3, 16, 12, 0, tzinfo=dt.UTC))
    slot = local(dt.date(2022, 3, 17), 10)
    with_booking = {"office": office, "name": "Касымов Ерлан", "phone": "+77011234567"}
    kept = {"topic": "land", "summary": "Участок"}
    booked = reception_book(starts_at=slot, **with_booking, **kept, by=akim)
    reception_cancel(booking=booked, by=akim)
    assert row7(oblast) == (2, 4)
    booked = reception_book(starts_at=slot + dt.timedelta(minutes=20), **with_booking, **kept)
    reception_record(
        office=office,
        visitor_name="Касымов Ерлан",
        questions=[AskedQuestion(topic="land", text="Участок под огород.")],
        by=akim,
        held_at=booked.starts_at,
        booking=booked,
        territory=second,
    )
    time_machine.move_to(dt.datetime(2022, 6, 30, 12, 0, tzinfo=dt.UTC))
    assert row7(oblast) == (3, 5)

    # A visit deleted: its reception stays while another visit holds it, then goes.
    ReceptionQuestion.objects.filter(session=b).delete()
    b.delete()
    assert row7(oblast) == (3, 4)
    assert row7(second, scope="own") == (1, 1)  # the kept booking of the 17th
    ReceptionQuestion.objects.filter(session=a).delete()
    a.delete()
    assert row7(oblast) == (2, 3)

    # A visit's time corrected into April: out of Q1, into Q2's cumulative window.
    c.held_at = local(dt.date(2022, 4, 5), 10)
    c.save()
    assert row7(oblast) == (2, 2)
    assert row7(oblast, period=H1, quarter=1) == (3, 3)

    # A journal loaded in bulk (one statement): three visits of one office on one day.
    rows = ReceptionSession.objects.bulk_create(
        ReceptionSession(
            office=office, place=first, held_at=local(dt.date(2022, 2, 1), 10, i), visitor_name="X"
        )
        for i in range(3)
    )
    assert row7(oblast) == (3, 5)
    # …and deleted in one statement.
    ReceptionSession.objects.filter(pk__in=[r.pk for r in rows]).delete()
    assert row7(oblast) == (2, 2)
    data = report_build(form="decree-826", territory=oblast, scope="subtree", **Q1)
    assert figure_value(data, RURAL) == 2


def test_a_district_moved_to_another_oblast_takes_its_receptions_with_it(tree, akim, today):
    territories_import(
        text="code,parent_code,level,name_ru,name_kk,name_en,population\n"
        "590000000,,oblast,Северо-Казахстанская область,Солтүстік Қазақстан облысы,"
        "North Kazakhstan Region,\n"
    )
    akmola, north = tree[OBLAST], type(tree[OBLAST]).objects.get(code="590000000")
    zerendi = Office.objects.get(territory__code="114645000")
    visit(zerendi, tree["114645100"], local(dt.date(2022, 3, 1), 10))
    visit(zerendi, tree["114645100"], local(dt.date(2022, 3, 1), 11))
    office = Office.objects.get(territory__code="111033000")
    visit(office, tree["111033100"], local(dt.date(2022, 3, 1), 10))
    assert row7(akmola) == (2, 3)
    assert row7(north) == (0, 0)

    territory_move(territory=tree["114600000"], parent=north)

    assert row7(akmola) == (1, 1)
    assert row7(north) == (1, 2)
    assert row7(None) == (2, 3)  # the country is unchanged


def test_report_verify_catches_a_corrupted_reception_count(tree, office, today):
    visit(office, tree["111033100"], local(dt.date(2022, 2, 1), 10))
    visit(office, tree["111033100"], local(dt.date(2022, 2, 1), 11))
    out = io.StringIO()
    args = ("report_verify", "--form", "decree-826", "--territory", OBLAST)
    period = ("--from", "2022-01-01", "--to", "2022-03-31", "--scope", "subtree")
    call_command(*args, *period, stdout=out)
    assert out.getvalue() == ""
    # One reception held, counted twice (as a per-visit counter would).
    MeetingTally.objects.filter(
        territory_id=tree[OBLAST].pk, own=0, grain="m", event="e", day=dt.date(2022, 2, 1)
    ).update(n=2)
    with pytest.raises(SystemExit), translation.override("en"):
        call_command(*args, *period, stdout=out)
    printed = out.getvalue()
    assert f"{tree[OBLAST].pk}/0/m/2022-02-01/e/" in printed
    figure = "decree-826 110000000 subtree 2022-01-01–2022-03-31 quarters.0.receptions.total"
    assert f"{figure}: served 2, from the records 1" in printed


def _plain_client():
    """A DB-API connection of the database's own driver, made outside Django: none of the
    functions Django registers on its connections (SQLite's ``django_*``) exist on it."""
    from django.db import connection

    settings = connection.settings_dict
    if connection.vendor == "sqlite":
        import sqlite3

        name = settings["NAME"]  # the test database, perhaps a shared in-memory one
        return sqlite3.connect(name, uri=str(name).startswith("file:"), isolation_level=None)
    import psycopg

    return psycopg.connect(
        dbname=settings["NAME"], user=settings["USER"], password=settings["PASSWORD"] or None,
        host=settings["HOST"] or None, port=settings["PORT"] or None, autocommit=True,
    )  # fmt: skip


@pytest.mark.django_db(transaction=True)
def test_a_plain_database_client_can_write_the_reception_journal(tree, office, today):
    """The row triggers use the database's own date functions: a visit written, moved and
    deleted by a plain client (a ``sqlite3`` shell, a backup tool, another program) is
    counted on its Almaty date like one the services write."""
    oblast = tree[OBLAST]
    mark = "%s" if connection_vendor() == "postgresql" else "?"
    client = _plain_client()
    try:
        # 19:30 UTC on 3 February is 01:30 on the 4th in Almaty.
        client.execute(
            "INSERT INTO meetings_receptionsession (office_id, place_id, held_at, "
            "visitor_name, iin, phone, address, created_at) "
            f"VALUES ({mark}, {mark}, {mark}, 'Ахметов Серик', '', '', '', {mark})",
            (office.pk, tree["111033100"].pk, _stored("2022-02-03 19:30:00"),
             _stored("2022-02-03 19:31:00")),
        )  # fmt: skip
        # Decree 826 is cumulative: to the 3rd the visit is not there yet, to the 4th it is.
        to_3rd = {"date_from": dt.date(2022, 1, 1), "date_to": dt.date(2022, 2, 3)}
        to_4th = {"date_from": dt.date(2022, 1, 1), "date_to": dt.date(2022, 2, 4)}
        assert row7(oblast, period=to_3rd) == (0, 0)
        assert row7(oblast, period=to_4th) == (1, 1)
        assert visit_days(oblast) == [(dt.date(2022, 2, 4), 1)]
        # Moved to 09:00 on the 3rd in Almaty.
        client.execute(
            f"UPDATE meetings_receptionsession SET held_at = {mark}",
            (_stored("2022-02-03 04:00:00"),),
        )
        assert row7(oblast, period=to_3rd) == (1, 1)
        assert visit_days(oblast) == [(dt.date(2022, 2, 3), 1)]
        client.execute("DELETE FROM meetings_receptionsession")
        assert row7(oblast) == (0, 0)
    finally:
        client.close()


def visit_days(territory):
    """The tally's day rows of visits of the territory's subtree: (day, visits)."""
    rows = MeetingTally.objects.filter(territory_id=territory.pk, own=0, grain="d", event="v")
    return [(r.day, r.n) for r in rows.order_by("day") if r.n]


def connection_vendor() -> str:
    from django.db import connection

    return connection.vendor


def _stored(utc: str):
    """A UTC moment as a plain client writes it: on SQLite the text Django stores (UTC,
    "YYYY-MM-DD HH:MM:SS"), on PostgreSQL a timestamptz."""
    if connection_vendor() == "sqlite":
        return utc
    return dt.datetime.fromisoformat(utc).replace(tzinfo=dt.UTC)
