"""The maintained tally stays right on every state change of an appeal, the forms read it,
and report_verify catches any figure that differs from the raw records."""

import datetime as dt
import io

import pytest
from django.core.management import call_command
from django.utils import translation

from tyndau.appeals import services
from tyndau.appeals.importing import appeals_import
from tyndau.appeals.models import Appeal
from tyndau.appeals.tests.factories import register_appeal
from tyndau.core.errors import DomainError
from tyndau.reports import tally
from tyndau.reports.models import AppealTally
from tyndau.reports.services import report_build

pytestmark = pytest.mark.django_db

MONDAY = dt.datetime(2026, 3, 2, 10, 0, tzinfo=dt.timezone(dt.timedelta(hours=5)))
Q1 = {"date_from": dt.date(2026, 1, 1), "date_to": dt.date(2026, 3, 31)}


@pytest.fixture
def register(office, clerk):
    def make(**overrides):
        values = {
            "office": office,
            "territory": office.territory.children.get(code="111033100"),
            "channel": "written",
            "applicant_type": "individual",
            "kind": "statement",
            "topic": "water_supply",
            "text": "Нет воды на улице Ленина третий день.",
            "received_at": MONDAY,
            "registered_by": clerk,
            "applicant_name": "Иванов Иван",
        }
        values.update(overrides)
        return register_appeal(**values)

    return make


def outcomes(tree, code="110000000", scope="subtree", **period):
    """The form of the oblast (default; tallied), the country (code None) or another
    territory (read from the records), checked against the records."""
    territory = tree[code] if code else None
    data = report_build(form="appeal-outcomes", territory=territory, scope=scope, **(period or Q1))
    raw = report_build(
        form="appeal-outcomes", territory=territory, scope=scope, raw=True, **(period or Q1)
    )
    assert {k: v for k, v in data.items()} == raw  # served from the tally = from records
    return data


def assert_reconciled():
    assert tally.differences() == []


def test_register_answer_redirect_reopen_and_delete_keep_the_tally(
    tree, register, akim, executor, time_machine
):
    time_machine.move_to(dt.datetime(2026, 3, 20, 12, 0, tzinfo=dt.UTC))
    first = register()
    second = register(topic="land", channel="personal_reception")
    assert_reconciled()
    data = outcomes(tree)
    assert data["received"] == 2 and data["pending_at_end"] == 2
    assert data["received_by_source"]["personal_reception"] == 1

    first = services.appeal_assign(appeal=first, executor=executor, by=akim)
    assert_reconciled()
    services.appeal_answer(appeal=first, outcome="satisfied", text="Вода подана.", by=executor)
    assert_reconciled()
    data = outcomes(tree)
    assert data["satisfied"] == 1 and data["considered"] == 1 and data["pending_at_end"] == 1

    services.appeal_redirect(
        appeal=second, to="ГУ «Отдел земельных отношений»", reason="не наша компетенция", by=akim
    )
    assert_reconciled()
    data = outcomes(tree)
    assert data["redirected"] == 1 and data["pending_at_end"] == 0

    # Reopening (no service yet): the decision is withdrawn by a queryset update.
    Appeal.objects.filter(pk=first.pk).update(status="in_progress", outcome="", decided_on=None)
    assert_reconciled()
    data = outcomes(tree)
    assert data["satisfied"] == 0 and data["pending_at_end"] == 1

    second.delete()
    assert_reconciled()
    data = outcomes(tree)
    assert data["received"] == 1 and data["redirected"] == 0
    # The village's own sheet and the district's own sheet (nothing registered to it).
    assert outcomes(tree, code="111033100", scope="own")["received"] == 1
    assert outcomes(tree, code="111033000", scope="own")["received"] == 0
    assert outcomes(tree, code=None)["received"] == 1
    assert outcomes(tree, scope="own")["received"] == 0


def test_the_country_and_the_oblasts_are_tallied_the_territories_below_read_raw(tree, make_appeal):
    assert tally.covers(None) and tally.covers(tree["110000000"])
    assert not tally.covers(tree["111000000"]) and not tally.covers(tree["111033000"])
    make_appeal("110000000", "2026-02-02")  # registered to the oblast itself
    make_appeal("111033100", "2026-02-03", "2026-02-04", "refused")
    assert_reconciled()
    assert outcomes(tree, scope="own")["received"] == 1
    assert outcomes(tree)["received"] == outcomes(tree, code=None)["received"] == 2
    assert outcomes(tree, code="111033000")["refused"] == 1
    # Nothing is stored for the territories below the oblast.
    assert not AppealTally.objects.filter(territory_id=tree["111033000"].pk).exists()


def test_moving_an_appeal_to_another_territory_or_topic_moves_its_counts(tree, register):
    appeal = register()
    Appeal.objects.filter(pk=appeal.pk).update(
        territory=tree["114645100"], topic_id=appeal.topic_id
    )
    assert_reconciled()
    assert outcomes(tree, code="111033000")["received"] == 0
    assert outcomes(tree, code="114645000")["received"] == 1
    assert outcomes(tree)["received"] == 1


def test_import_keeps_the_tally(tree, clerk):
    rows = [
        {
            "number": f"KY-2026-{n:05d}", "territory": "111033100", "received_on": "2026-02-02",
            "channel": "written", "applicant_type": "individual", "kind": "statement",
            "topic": "water_supply", "text": "Нет воды", "status": "answered",
            "outcome": "explained", "decided_on": "2026-02-10", "redirected_to": "",
            "repeated": "1" if n % 2 else "0", "signatories": "1", "lat": "", "lon": "",
        }
        for n in range(1, 8)
    ]  # fmt: skip
    appeals_import(rows=rows, by=clerk)
    assert_reconciled()
    data = outcomes(tree)
    assert data["received"] == 7 and data["explained"] == 7 and data["repeated"] == 4
    # A refused import (one bad row) counts nothing and leaves no pause behind.
    bad = [{**row, "number": row["number"] + "b"} for row in rows] + [{**rows[0], "topic": "?"}]
    with pytest.raises(DomainError):
        appeals_import(rows=bad, by=clerk)
    assert_reconciled()
    assert outcomes(tree)["received"] == 7
    # Re-importing with a changed outcome updates the counts (bulk_update).
    appeals_import(rows=[{**row, "outcome": "satisfied"} for row in rows], by=clerk)
    assert_reconciled()
    data = outcomes(tree)
    assert data["explained"] == 0 and data["satisfied"] == 7


def test_a_bulk_insert_pauses_the_per_row_trigger_inside_its_transaction_only(tree, make_appeal):
    """On SQLite the import's bulk insert pauses the per-row trigger (0.5 ms an appeal)
    and counts the inserted appeals in one statement when it ends; outside, each appeal is
    counted by the trigger as it is written. PostgreSQL counts per statement anyway."""
    from django.db import connection, transaction

    from tyndau.reports.models import TallyPause

    with transaction.atomic():
        with tally.counted_after_insert():
            make_appeal("111033100", "2021-02-01")
            make_appeal("111033200", "2021-02-02", "2021-02-05", "explained")
            if connection.vendor == "sqlite":
                assert TallyPause.objects.count() == 1
                assert tally.differences() != []  # not counted yet
        assert_reconciled()
    assert not TallyPause.objects.exists()
    make_appeal("111033100", "2021-02-03")  # the trigger counts again
    assert_reconciled()
    assert (
        outcomes(tree, date_from=dt.date(2021, 2, 1), date_to=dt.date(2021, 2, 28))["received"] == 3
    )


def test_month_and_day_rows_add_up_for_ragged_periods(tree, make_appeal):
    for day in ["2021-01-31", "2021-02-01", "2021-02-28", "2021-03-01", "2021-03-15"]:
        make_appeal("111033100", day, day, "explained")
    assert_reconciled()
    for start, end, expected in [
        ("2021-01-31", "2021-03-01", 4),
        ("2021-02-01", "2021-02-28", 2),
        ("2021-02-02", "2021-02-27", 0),
        ("2021-01-01", "2021-12-31", 5),
        ("2021-03-15", "2021-03-15", 1),
    ]:
        period = {"date_from": dt.date.fromisoformat(start), "date_to": dt.date.fromisoformat(end)}
        assert outcomes(tree, **period)["received"] == expected, (start, end)


def test_report_verify_is_silent_when_right_and_prints_a_corrupted_count(tree, make_appeal):
    make_appeal("111033100", "2021-02-01", "2021-02-10", "satisfied")
    out = io.StringIO()
    call_command("report_verify", "--from", "2021-01-01", "--to", "2021-12-31", stdout=out)
    assert out.getvalue() == ""
    row = AppealTally.objects.filter(
        own=0, territory_id=tree["110000000"].pk, grain="m", event="r"
    ).get()
    AppealTally.objects.filter(pk=row.pk).update(n=row.n + 5)
    out = io.StringIO()
    with pytest.raises(SystemExit) as exit_, translation.override("en"):
        call_command(
            "report_verify", "--form", "appeal-outcomes", "--territory", "110000000",
            "--from", "2021-01-01", "--to", "2021-12-31", stdout=out,
        )  # fmt: skip
    assert exit_.value.code == 1
    printed = out.getvalue()
    assert "stored 6, from the records 1" in printed
    assert "appeal-outcomes 110000000 subtree 2021-01-01–2021-12-31 received: served 6" in printed
    # --rebuild recomputes the tally from the records: clean again.
    out = io.StringIO()
    call_command("report_verify", "--rebuild", "--from", "2021-01-01", "--to", "2021-12-31",
                 stdout=out)  # fmt: skip
    assert out.getvalue() == ""


def test_the_demo_is_reconciled(db):
    call_command("seed_demo", stdout=io.StringIO())
    out = io.StringIO()
    call_command("report_verify", "--from", "2021-01-01", "--to", "2022-06-30", stdout=out)
    assert out.getvalue() == ""


def test_a_migrate_that_dropped_the_triggers_puts_them_back_and_recounts(tree, make_appeal):
    """SQLite drops a table's triggers whenever a migration rebuilds it: appeals written
    before the next post_migrate were not counted, so the tally is recounted."""
    from tyndau.reports.apps import _reinstall_tally_triggers

    make_appeal("111033100", "2021-02-01")
    tally.remove_triggers()
    assert not tally.triggers_installed()
    make_appeal("111033100", "2021-02-02", "2021-02-05", "explained")
    assert tally.differences() != []
    _reinstall_tally_triggers(using="default")
    assert tally.triggers_installed()
    assert_reconciled()
    make_appeal("111033100", "2021-02-03")  # counted by the triggers again
    assert_reconciled()
    assert (
        outcomes(tree, date_from=dt.date(2021, 2, 1), date_to=dt.date(2021, 2, 28))["received"] == 3
    )
