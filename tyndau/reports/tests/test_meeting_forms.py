"""Decree 826 (quarterly, cumulative, by akim level) and the reporting-meeting sheet."""

import datetime as dt
import io

import pytest
from django.apps import apps
from openpyxl import load_workbook

from tyndau.reports.services import FIGURES, _aggregate, report_build, report_records
from tyndau.reports.sheets import figure_value, sheet_build
from tyndau.territory.selectors import office_serving

Meeting = apps.get_model("meetings", "Meeting")
Question = apps.get_model("meetings", "Question")

Y2022 = {"date_from": dt.date(2022, 1, 1), "date_to": dt.date(2022, 12, 31)}
SUBTREE = {"scope": "subtree"}


@pytest.fixture
def make_reception(tree, clerk):
    """make_reception(village code, "YYYY-MM-DD HH:MM"): one visit recorded in the
    reception journal of the office serving the village (its question becomes an appeal)."""
    from tyndau.meetings.services import AskedQuestion, reception_record

    def make(code, when):
        territory = tree[code]
        return reception_record(
            office=office_serving(territory=territory),
            visitor_name="Жумабаев Ерлан",
            questions=[AskedQuestion(topic="land", text="Прошу выделить участок")],
            by=clerk,
            held_at=dt.datetime.fromisoformat(when).replace(
                tzinfo=dt.timezone(dt.timedelta(hours=5))
            ),
            territory=territory,
        )

    return make


@pytest.fixture
def meetings(make_meeting, make_appeal, make_reception, tree):
    # Q1: the rural district's reporting meeting in a village (level 6), seed-like figures.
    make_meeting(
        "111033200", "2022-02-01", "2022-02-03", kind="reporting",
        broadcasts_instagram=1, broadcasts_tv=2, participants_offline=120,
        participants_instagram=1200, speakers=36, media_social=1,
        questions=[("heating", True, None), ("land", False, None), ("roads", False, 6),
                   ("health", True, None), ("political", False, None)],
    )  # fmt: skip
    # Q2: a gathering of the city akim (level 3), planned in Q1, held in Q2.
    make_meeting(
        "111000000", "2022-03-20", "2022-04-10", participants_offline=50,
        officials_government=1, media_local=2,
        questions=[("water_supply", False, 3), ("business", False, None)],
    )  # fmt: skip
    # Planned for Q3, not held; cancelled in Q2.
    make_meeting("111033100", "2022-07-15")
    make_meeting("111033100", "2022-05-15", status="cancelled")
    # Another year and another district: never counted here.
    make_meeting("111033100", "2021-11-01", "2021-11-02", participants_offline=999)
    make_meeting("114645100", "2022-02-01", "2022-02-02", participants_offline=777)
    # A meeting with heads of organisations: listed apart, not a meeting with residents.
    make_meeting(
        "111033100", "2022-02-20", "2022-02-21", kind="organisations", participants_offline=25,
        questions=[("business", False, None)],
    )  # fmt: skip
    # Appeals through online channels (row 6) and one that is not online.
    make_appeal("111033100", "2022-02-10", channel="social")
    make_appeal("111033100", "2022-05-10", channel="email")
    make_appeal("111000000", "2022-05-11", channel="eotinish")  # city office, level 3
    make_appeal("111033100", "2022-05-12", channel="phone")
    # Receptions (row 7) are visits of the reception journal, two on one day.
    make_reception("111033100", "2022-03-15 10:00")
    make_reception("111033100", "2022-03-15 10:20")
    make_reception("111033200", "2022-03-17 11:00")
    # A personal-reception appeal with no visit in the journal is not a reception.
    make_appeal("111033100", "2022-03-18", channel="personal_reception")


def test_decree_826_is_cumulative_by_quarter(tree, meetings):
    data = report_build(form="decree-826", territory=tree["111000000"], **Y2022, **SUBTREE)
    q1, q2, q3, q4 = data["quarters"]
    assert [q["quarter"] for q in data["quarters"]] == [1, 2, 3, 4]
    assert q1["meetings_planned"]["total"] == 2
    assert q1["meetings_held"]["total"] == 1
    assert q2["meetings_planned"]["total"] == 3  # cumulative; includes the cancelled one
    assert q2["meetings_held"]["total"] == 2
    assert q3["meetings_planned"]["total"] == 4
    assert q4["meetings_held"]["total"] == 2
    assert q1["broadcasts"] == {"total": 3, "instagram": 1, "facebook": 0,
                                "videoconference": 0, "tv": 2}  # fmt: skip
    assert q1["participants"]["total"] == 1320
    assert q1["participants"]["offline"] == 120
    assert q1["participants"]["online"] == 1200
    assert q2["participants"]["total"] == 1370
    assert q1["questions"]["total"] == 5
    assert q1["questions"]["by_topic"]["utilities"] == 1  # heating
    assert q1["questions"]["by_topic"]["facilities"] == 1  # health
    assert q1["questions"]["by_topic"]["housing"] == 0
    assert q2["questions"]["by_topic"]["utilities"] == 2  # heating, water supply
    assert q2["questions"]["by_topic"]["business"] == 1
    assert q1["media"] == {"total": 1, "central": 0, "local": 0, "social": 1}
    assert q2["officials_present"]["government"] == 1


def test_decree_826_by_level(tree, meetings):
    data = report_build(form="decree-826", territory=tree["111000000"], **Y2022, **SUBTREE)
    q1, q2 = data["quarters"][:2]
    assert q1["meetings_held"]["by_level"]["6"] == 1
    assert q2["meetings_held"]["by_level"] == {"1": 0, "2": 0, "3": 1, "4": 0, "5": 0, "6": 1}
    assert q2["social_appeals"]["total"] == 3
    assert q2["social_appeals"]["by_level"]["3"] == 1
    assert q2["social_appeals"]["by_level"]["6"] == 2
    assert q1["social_appeals"]["total"] == 1
    assert q1["receptions"]["total"] == 2  # two reception days
    assert q1["receptions"]["by_level"]["6"] == 2
    assert q1["receptions"]["citizens"] == 3
    assert q1["critical_remarks"]["total"] == 1
    assert q2["critical_remarks"]["by_level"]["3"] == 1


def test_decree_826_row_6_counts_every_online_channel(tree, meetings):
    data = report_build(form="decree-826", territory=tree["111000000"], **Y2022, **SUBTREE)
    # social (Q1), e-mail and e-Otinish (Q2); the phone call is not online.
    assert data["quarters"][1]["social_appeals"]["total"] == 3
    assert data["quarters"][3]["social_appeals"]["total"] == 3


def test_decree_826_row_7_counts_reception_journal_visits_by_territory(tree, meetings):
    own = {"date_from": dt.date(2022, 1, 1), "date_to": dt.date(2022, 3, 31), "scope": "own"}
    (village,) = report_build(form="decree-826", territory=tree["111033200"], **own)["quarters"]
    assert village["receptions"]["total"] == 1
    assert village["receptions"]["citizens"] == 1
    (other,) = report_build(form="decree-826", territory=tree["111033100"], **own)["quarters"]
    assert other["receptions"]["total"] == 1  # one day, two visitors
    assert other["receptions"]["citizens"] == 2
    (district,) = report_build(form="decree-826", territory=tree["111033000"], **own)["quarters"]
    assert district["receptions"]["total"] == 0


def test_decree_826_lists_meetings_with_organisations_apart(tree, meetings):
    data = report_build(form="decree-826", territory=tree["111033000"], **Y2022, **SUBTREE)
    q1 = data["quarters"][0]
    assert q1["organisation_meetings"] == {"planned": 1, "held": 1}
    assert q1["meetings_held"]["total"] == 1  # the reporting meeting only
    assert q1["participants"]["total"] == 1320  # not the 25 heads of organisations
    assert q1["questions"]["by_topic"]["business"] == 0


def test_decree_826_of_a_rural_district_leaves_out_the_city_meeting(tree, meetings):
    data = report_build(
        form="decree-826",
        territory=tree["111033000"],
        date_from=dt.date(2022, 4, 1),
        date_to=dt.date(2022, 6, 30),
        **SUBTREE,
    )
    (q2,) = data["quarters"]
    assert q2["quarter"] == 2
    assert q2["meetings_held"]["total"] == 1  # the Q1 one, cumulatively
    assert q2["participants"]["total"] == 1320


def test_reporting_meetings_sheet(tree, meetings):
    data = report_build(form="reporting-meetings", territory=tree["111033000"], **Y2022, **SUBTREE)
    assert data["planned"] == 1
    assert data["held"] == 1
    assert data["held_online"] == 1
    assert data["present"] == 1320
    assert data["speakers"] == 36
    assert data["proposals"]["total"] == 5
    assert data["proposals"]["repeated"] == 2
    assert data["proposals"]["by_category"]["housing"] == {"total": 1, "repeated": 1}
    # Health is item д) (education, health, culture), not social matters.
    assert data["proposals"]["by_category"]["facilities"] == {"total": 1, "repeated": 1}
    assert data["proposals"]["by_category"]["social"] == {"total": 0, "repeated": 0}
    assert data["critical_remarks"]["by_level"] == {"local": 1, "district": 0, "oblast": 0}
    assert data["media"] == {"total": 1, "central": 0, "local": 0}


def test_reporting_meetings_drinking_water_is_water_only(tree, make_meeting):
    make_meeting(
        "111033000", "2022-02-01", "2022-02-03", kind="reporting",
        questions=[("water_supply", True, None), ("sewerage", False, 3), ("sport", False, 1)],
    )  # fmt: skip
    data = report_build(form="reporting-meetings", territory=tree["111033000"], **Y2022)
    assert data["scope"] == "own"
    by_category = data["proposals"]["by_category"]
    assert by_category["drinking_water"] == {"total": 1, "repeated": 1}
    assert by_category["improvement"] == {"total": 1, "repeated": 0}  # sewerage
    assert by_category["facilities"] == {"total": 0, "repeated": 0}  # sport is not д)
    assert by_category["other"] == {"total": 1, "repeated": 0}
    assert data["critical_remarks"]["by_level"] == {"local": 0, "district": 1, "oblast": 1}


def test_reporting_meetings_sheet_rows_are_the_seeds(tree, make_meeting):
    """Row labels as the seed's sheet has them (Russian)."""
    from django.utils import translation

    make_meeting("111033000", "2022-02-01", "2022-02-03", kind="reporting")
    data = report_build(form="reporting-meetings", territory=tree["111033000"], **Y2022)
    with translation.override("ru"):
        sheet = sheet_build(form="reporting-meetings", data=data)
    labels = [row[1]["text"] for row in sheet["rows"]]
    remarks = labels.index("Всего высказано критических замечаний в том числе в адрес:")
    assert labels[remarks + 1 : remarks + 4] == [
        "акима с/о, поселка",
        "акима района (города)",
        "акима области",
    ]
    media = labels.index("Освещение в СМИ всего в том числе:")
    assert labels[media + 1 : media + 3] == [
        "в центральных (республиканских) СМИ",
        "в местных (областных, районных) СМИ",
    ]
    assert "местных исполнительных органов" in labels
    assert "а) по проблеме питьевой воды" in labels
    assert "д) по ремонту и строительству объектов образования, здравоохранения, культуры" in labels
    # Every category carries "of them repeated".
    proposals = labels.index(
        "Всего внесено предложений (общее количество): в том числе по вопросам:"
    )
    for row in sheet["rows"][proposals : proposals + 13]:
        assert row[3].get("key", "").endswith("repeated")
    assert sheet["notes"]  # what each row counts, under the table


def test_meeting_figures_drill_down_to_meetings_and_questions(tree, meetings):
    source, records = report_records(
        form="decree-826", figure="quarters.1.meetings_held.total",
        territory=tree["111000000"], **Y2022, **SUBTREE,
    )  # fmt: skip
    assert source == "meetings"
    assert records.count() == 2
    source, records = report_records(
        form="decree-826", figure="quarters.0.receptions.citizens",
        territory=tree["111033100"], **Y2022, scope="own",
    )  # fmt: skip
    assert source == "receptions"
    assert records.count() == 2
    source, records = report_records(
        form="reporting-meetings", figure="proposals.repeated",
        territory=tree["111033000"], **Y2022, **SUBTREE,
    )  # fmt: skip
    assert source == "questions"
    assert records.count() == 2


@pytest.mark.parametrize("form", ["decree-826", "reporting-meetings"])
@pytest.mark.parametrize("fmt", ["xlsx", "pdf", "csv", "json"])
def test_meeting_forms_render_and_export(client, akim, meetings, form, fmt):
    client.force_login(akim)
    query = f"form={form}&territory=111033000&date_from=2022-01-01&date_to=2022-12-31"
    page = client.get(f"/ru/staff/reports/?{query}")
    assert page.status_code == 200
    response = client.get(f"/ru/staff/reports/export/?{query}&format={fmt}")
    assert response.status_code == 200
    if fmt == "pdf":
        assert response.content.startswith(b"%PDF")
    elif fmt == "xlsx":
        load_workbook(io.BytesIO(response.content))
    records = client.get(
        f"/ru/staff/reports/records/?{query}&figure="
        + ("quarters.0.questions.total" if form == "decree-826" else "proposals.total")
    )
    assert records.status_code == 200


PERIODS = [
    Y2022,
    {"date_from": dt.date(2022, 2, 15), "date_to": dt.date(2022, 5, 10)},
    {"date_from": dt.date(2021, 11, 1), "date_to": dt.date(2022, 3, 31)},  # across years
]


@pytest.mark.parametrize("scope", ["own", "subtree"])
@pytest.mark.parametrize("period", PERIODS)
@pytest.mark.parametrize("code", ["111000000", "111033000", "111033100"])
@pytest.mark.parametrize("form", list(FIGURES))
def test_every_figure_equals_its_records_aggregated_one_by_one(
    tree, meetings, records, make_appeal, form, code, period, scope
):
    """Forms compute most figures from a few GROUP BY queries; each must equal the
    aggregate of the records its drill-down lists (its own conditional aggregate)."""
    make_appeal("111033100", "2022-01-20", "2022-02-01", "satisfied",
                channel="personal_reception", topic="credit")  # fmt: skip
    make_appeal("111033100", "2021-12-20", "2022-01-05", "refused", channel="personal_reception")
    data = report_build(form=form, territory=tree[code], **period, scope=scope)
    for figure in FIGURES[form](period["date_from"], period["date_to"]):
        _source, rows = report_records(
            form=form, figure=figure.key, territory=tree[code], **period, scope=scope
        )
        expected = rows.aggregate(value=_aggregate(figure))["value"] or 0
        assert figure_value(data, figure.key) == expected, figure.key


def test_reception_figures_drill_down_to_visits_without_names(client, akim, meetings):
    client.force_login(akim)
    response = client.get(
        "/ru/staff/reports/records/?form=decree-826&territory=111033000&scope=subtree"
        "&date_from=2022-01-01&date_to=2022-03-31&figure=quarters.0.receptions.citizens"
    )
    assert response.status_code == 200
    assert response.context["page"].paginator.count == 3
    assert "Жумабаев" not in response.content.decode()
