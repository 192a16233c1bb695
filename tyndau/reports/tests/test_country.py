"""seed_country at a tiny scale: the tree's shape, determinism, reconciled tally."""

import io

import pytest
from django.core.management import CommandError, call_command

from tyndau.appeals.models import Appeal
from tyndau.meetings.models import Meeting, Question
from tyndau.reports import tally
from tyndau.reports.services import report_build
from tyndau.territory.models import Territory

pytestmark = pytest.mark.django_db


def _load():
    call_command(
        "seed_country", "--appeals", "600", "--meetings", "40", "--scale", "0.1",
        "--reception-rate", "0.02", stdout=io.StringIO(),
    )  # fmt: skip


def test_seed_country_loads_a_reconciled_country_and_refuses_twice(db):
    _load()
    tops = Territory.objects.filter(code__startswith="8", parent=None)
    assert tops.filter(level="oblast").count() == 17
    assert tops.filter(level="city_republican").count() == 3
    assert Territory.objects.filter(code__startswith="8", level="village").exists()
    assert Appeal.objects.count() == 600
    assert Meeting.objects.count() == 40
    assert Question.objects.count() == 3 * Meeting.objects.filter(status="held").count()
    assert tally.differences() == []
    import datetime as dt

    end = dt.date.today()
    start = end - dt.timedelta(days=800)
    country = report_build(
        form="appeal-outcomes", territory=None, scope="subtree", date_from=start, date_to=end
    )
    assert country["received"] == 600
    oblast = Territory.objects.get(code="801000000")
    served = report_build(form="appeal-topics", territory=oblast, date_from=start, date_to=end)
    raw = report_build(
        form="appeal-topics", territory=oblast, date_from=start, date_to=end, raw=True
    )
    assert served == raw and served["total"] > 0
    with pytest.raises(CommandError, match="already loaded"):
        _load()


def test_seed_country_is_deterministic(db, django_db_blocker):
    _load()
    first = list(
        Appeal.objects.order_by("number").values_list(
            "number", "territory__code", "registered_on", "topic__code", "outcome"
        )[:50]
    )
    from tyndau.meetings.models import ReceptionSession

    visits = list(
        ReceptionSession.objects.order_by("held_at", "id").values_list(
            "office__territory__code", "place__code", "held_at"
        )
    )
    ReceptionSession.objects.all().delete()
    Appeal.objects.all().delete()
    Question.objects.all().delete()
    Meeting.objects.all().delete()
    from tyndau.territory.models import Office

    Office.objects.filter(territory__code__startswith="8").delete()
    for depth in (3, 2, 1, 0):
        Territory.objects.filter(code__startswith="8", depth=depth).delete()
    _load()
    again = list(
        Appeal.objects.order_by("number").values_list(
            "number", "territory__code", "registered_on", "topic__code", "outcome"
        )[:50]
    )
    assert again == first
    assert visits and visits == list(
        ReceptionSession.objects.order_by("held_at", "id").values_list(
            "office__territory__code", "place__code", "held_at"
        )
    )


def test_seed_country_keeps_a_reception_journal_on_reception_days(db):
    """Decree 826 row 7 has visits to count: on Tuesdays and Thursdays before today, at
    the seed's rate (two years of 43 visits a year is 86 per rural district akim: at 2 %
    one or two), where the office serves, counted by the meeting tally like the records."""
    import datetime as dt
    from zoneinfo import ZoneInfo

    from tyndau.meetings.models import ReceptionSession
    from tyndau.reports import meeting_tally
    from tyndau.territory.models import Office

    _load()
    visits = ReceptionSession.objects.select_related("office__territory", "place")
    assert visits.count() >= Office.objects.filter(territory__code__startswith="8").count()
    almaty = ZoneInfo("Asia/Almaty")
    for visit in visits:
        local = visit.held_at.astimezone(almaty)
        assert local.isoweekday() in (2, 4) and 9 <= local.hour < 17
        assert local.date() < dt.date.today()
        office = visit.office.territory
        assert visit.place == office or visit.place.parent_id == office.pk
    rural = visits.filter(office__territory__level="rural_district").values("office")
    assert {row["office"] for row in rural}  # every level receives
    assert meeting_tally.differences() == []
    end = dt.date.today()
    start = end.replace(month=1, day=1) if end.month > 1 else end.replace(year=end.year - 1)
    oblast = Territory.objects.get(code="801000000")
    asked = dict(form="decree-826", territory=oblast, scope="subtree", date_from=start,
                 date_to=end)  # fmt: skip
    assert report_build(**asked) == report_build(**asked, raw=True)
