"""The appeal forms count the right records: carried over, pending, other places and years."""

import datetime as dt

import pytest

from tyndau.reports.services import ReportError, report_build, report_records

Y2021 = {"date_from": dt.date(2021, 1, 1), "date_to": dt.date(2021, 12, 31)}


def test_appeal_outcomes_count_received_decided_and_pending(tree, records):
    data = report_build(form="appeal-outcomes", territory=tree["111033000"], **Y2021)
    assert data["received"] == 8
    assert data["received_by_source"] == {
        "individual": 4,
        "legal_entity": 1,
        "personal_reception": 1,
        "anonymous": 2,
    }
    # Considered includes the carried-over appeal from 2020; the December one is not yet.
    assert data["considered"] == 4
    assert data["redirected"] == 1
    assert (data["satisfied"], data["refused"], data["explained"], data["terminated"]) == (
        1,
        1,
        1,
        1,
    )
    assert data["repeated"] == 1
    # Registered by the end and undecided on 31 Dec: the December one and the open one.
    assert data["pending_at_end"] == 2


def test_a_village_report_counts_only_that_village(tree, records):
    data = report_build(form="appeal-outcomes", territory=tree["111033200"], **Y2021)
    assert data["received"] == 2
    assert data["pending_at_end"] == 1


def test_the_city_report_rolls_up_the_rural_district(tree, records):
    city = report_build(form="appeal-outcomes", territory=tree["111000000"], **Y2021)
    district = report_build(form="appeal-outcomes", territory=tree["111033000"], **Y2021)
    assert city["received"] == district["received"]
    oblast = report_build(form="appeal-outcomes", territory=tree["110000000"], **Y2021)
    assert oblast["received"] == district["received"] + 1


def test_pending_at_end_of_2020_counts_the_carried_over_appeal(tree, records):
    data = report_build(
        form="appeal-outcomes",
        territory=tree["111033000"],
        date_from=dt.date(2020, 1, 1),
        date_to=dt.date(2020, 12, 31),
    )
    assert data["received"] == 1
    assert data["considered"] == 0
    assert data["pending_at_end"] == 1


def test_appeal_topics_map_internal_topics_onto_table_2(tree, records):
    data = report_build(form="appeal-topics", territory=tree["111033000"], **Y2021)
    assert data["total"] == 8
    assert data["topics"] == {
        "housing_utilities": 2,  # water_supply, roads
        "land": 1,
        "labour_employment": 1,
        "housing_provision": 0,
        "education_science": 1,
        "agriculture": 0,
        "everyday_life": 0,
        "social_assistance": 0,
        "complaints_officials": 1,
        "other": 2,
    }
    assert sum(data["topics"].values()) == data["total"]


def test_an_edited_mapping_moves_a_topic_to_another_column(tree, records):
    from tyndau.reports.models import FormTopicMapping

    FormTopicMapping.objects.filter(form="appeal-topics", topic__code="roads").delete()
    data = report_build(form="appeal-topics", territory=tree["111033000"], **Y2021)
    assert data["topics"]["housing_utilities"] == 1
    assert data["topics"]["other"] == 3


def test_personal_reception_counts_categories_and_outcomes(tree, make_appeal):
    make_appeal(
        "111033100",
        "2021-03-02",
        "2021-03-10",
        "satisfied",
        topic="land",
        channel="personal_reception",
    )
    make_appeal(
        "111033100",
        "2021-03-04",
        "2021-03-11",
        "explained",
        topic="heating",
        channel="personal_reception",
    )
    make_appeal(
        "111033100",
        "2021-03-04",
        "2021-03-12",
        "refused",
        topic="roads",
        channel="personal_reception",
    )
    make_appeal("111033100", "2021-03-04", None, topic="political", channel="personal_reception")
    make_appeal("111033100", "2021-03-04", "2021-03-12", "satisfied", topic="land")  # written
    data = report_build(form="personal-reception", territory=tree["111033000"], **Y2021)
    assert data["total"] == 4
    assert data["categories"]["land"] == 1
    assert data["categories"]["housing_utilities"] == 1
    assert data["categories"]["industry_transport"] == 1
    assert data["categories"]["other"] == 1
    assert len(data["categories"]) == 16
    assert sum(data["categories"].values()) == 4
    assert (data["satisfied"], data["explained"], data["rejected"]) == (1, 1, 1)


def test_drill_down_lists_exactly_the_records_counted(tree, records):
    for key in ["received", "considered", "pending_at_end", "received_by_source.anonymous"]:
        data = report_build(form="appeal-outcomes", territory=tree["111033000"], **Y2021)
        source, records_qs = report_records(
            form="appeal-outcomes", figure=key, territory=tree["111033000"], **Y2021
        )
        value = data
        for part in key.split("."):
            value = value[part]
        assert source == "appeals"
        assert records_qs.count() == value


def test_unknown_form_and_reversed_period_are_refused(tree):
    with pytest.raises(ReportError, match="Неизвестная форма отчета"):
        report_build(form="nope", territory=tree["111033000"], **Y2021)
    with pytest.raises(ReportError, match="Начало периода позже его конца"):
        report_build(
            form="appeal-topics",
            territory=tree["111033000"],
            date_from=dt.date(2021, 2, 1),
            date_to=dt.date(2021, 1, 1),
        )


@pytest.mark.parametrize(("form", "group"), [("appeal-topics", "topics"),
                                             ("personal-reception", "categories")])  # fmt: skip
def test_every_topic_column_drills_down_to_its_count(tree, records, make_appeal, form, group):
    make_appeal("111033100", "2021-03-04", None, topic="credit", channel="personal_reception")
    data = report_build(form=form, territory=tree["111033000"], **Y2021)
    for column, value in data[group].items():
        _source, rows = report_records(
            form=form, figure=f"{group}.{column}", territory=tree["111033000"], **Y2021
        )
        assert rows.count() == value, column
