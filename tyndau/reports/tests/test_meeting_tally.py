"""Decree 826 and the reporting-meeting sheet of the oblasts and the country are read from
the maintained tallies: they stay right through every state change of a meeting or a
question (plan, hold, correct, re-kind, cancel, delete), and follow a territory moved to
another oblast. Expected figures are the hand-written tables below."""

import datetime as dt
import importlib
import io

import pytest
from django.core.management import call_command

from tyndau.meetings.models import Meeting, Question
from tyndau.meetings.services import meeting_cancel, meeting_hold, meeting_plan, meeting_update
from tyndau.meetings.services.questions import question_add
from tyndau.reports import meeting_tally, tally
from tyndau.reports.models import MeetingTally
from tyndau.reports.services import report_build, report_values
from tyndau.reports.sheets import figure_value
from tyndau.territory.services import territories_import, territory_move

pytestmark = pytest.mark.django_db

H1 = {"date_from": dt.date(2022, 1, 1), "date_to": dt.date(2022, 6, 30)}
Q1 = {"date_from": dt.date(2022, 1, 1), "date_to": dt.date(2022, 3, 31)}
OBLAST = "110000000"


def sheet(form, territory, period, scope="subtree"):
    """The form as served (from the tally) after checking it equals the records' figures
    and that both tallies reconcile with the raw records."""
    assert tally.differences() == []
    assert meeting_tally.differences() == []
    asked = dict(form=form, territory=territory, scope=scope, **period)
    assert report_values(**asked) == report_values(**asked, raw=True)
    return report_build(**asked)


def check(data, expected: dict):
    assert {key: figure_value(data, key) for key in expected} == expected


@pytest.fixture
def today(time_machine):
    time_machine.move_to(dt.datetime(2022, 6, 30, 12, 0, tzinfo=dt.UTC))


def test_the_tallied_sheets_follow_every_change_of_meetings_and_questions(
    tree, akim, make_appeal, today
):
    oblast = tree[OBLAST]
    # The rural district's reporting meeting in a village (akim level 6), with questions.
    reporting = meeting_plan(
        territory=tree["111033200"], kind="reporting", planned_on=dt.date(2022, 2, 1), by=akim
    )
    reporting = meeting_hold(
        meeting=reporting, held_on=dt.date(2022, 2, 3), by=akim, participants_offline=120,
        participants_instagram=1200, broadcasts_instagram=1, speakers=36, media_local=1,
    )  # fmt: skip
    question_add(meeting=reporting, topic="heating", text="Отопление", repeated=True)
    question_add(meeting=reporting, topic="roads", text="Дорога", critical_of=6)
    land = question_add(meeting=reporting, topic="land", text="Земля")
    # The city akim's gathering (level 3): planned in Q1, held in Q2.
    city = meeting_plan(
        territory=tree["111000000"], kind="gathering", planned_on=dt.date(2022, 3, 20), by=akim
    )
    meeting_hold(meeting=city, held_on=dt.date(2022, 4, 10), by=akim, participants_offline=50)
    # Heads of organisations: listed apart.
    heads = meeting_plan(
        territory=tree["111033100"], kind="organisations", planned_on=dt.date(2022, 2, 20)
    )
    meeting_hold(meeting=heads, held_on=dt.date(2022, 2, 21), by=akim, participants_offline=25)
    question_add(meeting=heads, topic="business", text="Налоги")
    # Planned for May and cancelled.
    cancelled = meeting_plan(
        territory=tree["111033100"], kind="gathering", planned_on=dt.date(2022, 5, 15)
    )
    meeting_cancel(meeting=cancelled, reason="Карантин", by=akim)
    # Row 6: appeals through online channels (and one by phone, which is not online).
    make_appeal("111033100", "2022-02-10", channel="social")  # rural district office, 6
    make_appeal("111033100", "2022-05-10", channel="email")
    make_appeal("111000000", "2022-05-11", channel="eotinish")  # city office, 3
    make_appeal("111033100", "2022-05-12", channel="phone")

    decree = {
        "quarters.0.meetings_planned.total": 2,
        "quarters.0.meetings_planned.by_level.6": 1,
        "quarters.0.meetings_planned.by_level.3": 1,
        "quarters.0.meetings_held.total": 1,
        "quarters.0.participants.total": 1320,
        "quarters.0.participants.online": 1200,
        "quarters.0.broadcasts.total": 1,
        "quarters.0.questions.total": 3,
        "quarters.0.critical_remarks.by_level.6": 1,
        "quarters.0.organisation_meetings.planned": 1,
        "quarters.0.organisation_meetings.held": 1,
        "quarters.0.social_appeals.total": 1,
        "quarters.1.meetings_planned.total": 3,
        "quarters.1.meetings_held.total": 2,
        "quarters.1.meetings_held.by_level.3": 1,
        "quarters.1.participants.offline": 170,
        "quarters.1.social_appeals.total": 3,
        "quarters.1.social_appeals.by_level.6": 2,
        "quarters.1.social_appeals.by_level.3": 1,
        "quarters.1.questions.total": 3,
    }
    reporting_sheet = {
        "planned": 1,
        "held": 1,
        "held_online": 1,
        "present": 1320,
        "speakers": 36,
        "proposals.total": 3,
        "proposals.repeated": 1,
        "critical_remarks.total": 1,
        "critical_remarks.by_level.local": 1,
        "media.local": 1,
    }
    for place in (oblast, None):  # the oblast, and the country (the only oblast)
        check(sheet("decree-826", place, H1), decree)
        check(sheet("reporting-meetings", place, Q1), reporting_sheet)
    # The oblast's own records: none (every meeting is held below it).
    check(sheet("decree-826", oblast, H1, scope="own"), {"quarters.1.meetings_held.total": 0})

    # Corrected attendance, a question taken back.
    meeting_hold(meeting=reporting, held_on=dt.date(2022, 2, 3), by=akim,
                 participants_offline=130, participants_instagram=1200, broadcasts_instagram=1,
                 speakers=36, media_local=1)  # fmt: skip
    land.delete()
    check(
        sheet("reporting-meetings", oblast, Q1),
        {"present": 1330, "proposals.total": 2, "proposals.repeated": 1},
    )
    check(sheet("decree-826", oblast, H1), {"quarters.0.questions.total": 2})

    # Re-kinded from reporting to a gathering: the sheet loses it and its questions, Decree
    # 826 keeps them (still a meeting with residents).
    meeting_update(meeting=Meeting.objects.get(pk=reporting.pk), by=akim, kind="gathering")
    check(
        sheet("reporting-meetings", oblast, Q1),
        {"planned": 0, "held": 0, "present": 0, "proposals.total": 0},
    )
    check(sheet("decree-826", oblast, H1), {"quarters.0.questions.total": 2})

    # The meeting with heads of organisations deleted (its question with it).
    Meeting.objects.get(pk=heads.pk).delete()
    assert not Question.objects.filter(meeting_id=heads.pk).exists()
    check(
        sheet("decree-826", oblast, H1),
        {
            "quarters.0.organisation_meetings.planned": 0,
            "quarters.0.organisation_meetings.held": 0,
            "quarters.0.meetings_held.total": 1,
        },
    )
    assert MeetingTally.objects.filter(territory_id=tree["111033000"].pk).count() == 0


def test_a_period_across_a_year_ending_mid_month_puts_each_day_in_its_quarter(
    tree, akim, make_appeal, today
):
    """The tally is read in one range for the whole period: a meeting, a question and an
    online appeal on the last and first day of each quarter land in that quarter, and the
    day after the period's ragged end counts nowhere."""
    oblast = tree[OBLAST]
    days = ["2021-12-31", "2022-01-01", "2022-03-31", "2022-04-01", "2022-05-12", "2022-05-13"]
    for day in days:
        on = dt.date.fromisoformat(day)
        meeting = meeting_plan(territory=tree["111033200"], kind="reporting", planned_on=on)
        meeting = meeting_hold(meeting=meeting, held_on=on, by=akim, participants_offline=10)
        question_add(meeting=meeting, topic="roads", text="Дорога", critical_of=6)
        make_appeal("111033100", day, channel="email")
    period = {"date_from": dt.date(2021, 11, 15), "date_to": dt.date(2022, 5, 12)}
    # Cumulative quarters: all of 2021 to Q4 2021, then 2022 to the end of Q1, to 12 May;
    # the reporting sheet counts the period itself (five of the six days).
    expected = {}
    for index, count in enumerate([1, 2, 4]):
        for row in ("meetings_planned", "meetings_held", "questions", "social_appeals"):
            expected[f"quarters.{index}.{row}.total"] = count
        expected[f"quarters.{index}.participants.total"] = 10 * count
        expected[f"quarters.{index}.critical_remarks.by_level.6"] = count
    for place in (oblast, None):
        check(sheet("decree-826", place, period), expected)
        check(
            sheet("reporting-meetings", place, period),
            {"planned": 5, "held": 5, "present": 50, "critical_remarks.by_level.local": 5},
        )


def test_a_district_moved_to_another_oblast_takes_its_counts_with_it(
    tree, akim, make_appeal, today
):
    territories_import(
        text="code,parent_code,level,name_ru,name_kk,name_en,population\n"
        "590000000,,oblast,Северо-Казахстанская область,Солтүстік Қазақстан облысы,"
        "North Kazakhstan Region,\n"
    )
    akmola, north = tree[OBLAST], type(tree[OBLAST]).objects.get(code="590000000")
    # In Zerendi district's village: a gathering and an online appeal; in Kokshetau: one.
    zerendi = meeting_plan(
        territory=tree["114645100"], kind="gathering", planned_on=dt.date(2022, 3, 1)
    )
    meeting_hold(meeting=zerendi, held_on=dt.date(2022, 3, 2), by=akim, participants_offline=40)
    question_add(meeting=zerendi, topic="roads", text="Дорога в село")
    make_appeal("114645100", "2022-03-03", channel="portal")
    make_appeal("114645100", "2022-03-04", "2022-03-10", "satisfied")
    make_appeal("111033100", "2022-03-05", channel="social")
    before = {
        "quarters.0.meetings_held.total": 1,
        "quarters.0.participants.total": 40,
        "quarters.0.questions.total": 1,
        "quarters.0.social_appeals.total": 2,
    }
    check(sheet("decree-826", akmola, Q1), before)
    check(sheet("decree-826", north, Q1), dict.fromkeys(before, 0))

    territory_move(territory=tree["114600000"], parent=north)

    check(
        sheet("decree-826", akmola, Q1),
        {
            "quarters.0.meetings_held.total": 0,
            "quarters.0.participants.total": 0,
            "quarters.0.questions.total": 0,
            "quarters.0.social_appeals.total": 1,
        },
    )
    check(
        sheet("decree-826", north, Q1),
        {
            "quarters.0.meetings_held.total": 1,
            "quarters.0.participants.total": 40,
            "quarters.0.questions.total": 1,
            "quarters.0.social_appeals.total": 1,
        },
    )
    check(sheet("decree-826", None, Q1), before)  # the country is unchanged
    check(sheet("appeal-outcomes", north, Q1), {"received": 2, "satisfied": 1})
    check(sheet("appeal-outcomes", akmola, Q1), {"received": 1, "satisfied": 0})


def test_report_verify_catches_a_corrupted_meeting_count(tree, akim, today):
    meeting = meeting_plan(
        territory=tree["111033100"], kind="reporting", planned_on=dt.date(2022, 2, 1)
    )
    meeting_hold(meeting=meeting, held_on=dt.date(2022, 2, 2), by=akim, participants_offline=9)
    out = io.StringIO()
    args = ("report_verify", "--form", "reporting-meetings", "--from", "2022-01-01")
    call_command(*args, "--to", "2022-03-31", "--scope", "subtree", stdout=out)
    assert out.getvalue() == ""
    row = MeetingTally.objects.get(
        territory_id=tree[OBLAST].pk, own=0, grain="m", event="h", day=dt.date(2022, 2, 1)
    )
    MeetingTally.objects.filter(pk=row.pk).update(participants_offline=10)
    with pytest.raises(SystemExit):
        call_command(*args, "--to", "2022-03-31", "--scope", "subtree", stdout=out)
    printed = out.getvalue()
    # The tally's key (the oblast, its subtree, February, held, a reporting meeting)…
    assert f"{tree[OBLAST].pk}/0/m/2022-02-01/h/reporting/" in printed
    # … and the figure it makes wrong.
    assert "reporting-meetings 110000000 subtree 2022-01-01–2022-03-31 present" in printed


@pytest.mark.django_db(transaction=True)
def test_a_migration_that_rebuilds_the_office_table_keeps_both_tallies(
    tree, akim, make_appeal, today
):
    """SQLite changes a column by copying the table, dropping it and renaming the copy; a
    trigger naming that table would fail the migration ("no such table"). Unapplying and
    reapplying territory 0004 (office addresses) rebuilds territory_office on SQLite."""
    from django.apps import apps

    from tyndau.appeals.models import Topic

    if not Topic.objects.exists():  # an earlier transactional test flushed the migration's rows
        defaults = importlib.import_module(
            "tyndau.appeals.migrations.0002_default_topics_and_risk_rules"
        )
        defaults.load(apps, None)
    make_appeal(channel="email", registered_on="2022-02-01")
    meeting_plan(
        territory=tree["111033200"], kind="reporting", planned_on=dt.date(2022, 2, 1), by=akim
    )
    out = io.StringIO()
    call_command("migrate", "territory", "0003", verbosity=0, stdout=out)
    call_command("migrate", verbosity=0, stdout=out)
    assert tally.triggers_installed() and meeting_tally.triggers_installed()
    make_appeal(channel="email", registered_on="2022-02-02")  # counted by the triggers
    assert tally.differences() == []
    assert meeting_tally.differences() == []
