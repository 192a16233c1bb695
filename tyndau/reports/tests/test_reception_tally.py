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
