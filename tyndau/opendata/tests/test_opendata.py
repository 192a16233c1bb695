"""Open data: every file downloads in CSV and JSON, the DCAT catalogue lists them, and no
file ever carries an IIN, a phone, an e-mail or a resident's name."""

import csv
import datetime as dt
import importlib
import io
import json
import re
from decimal import Decimal

import pytest
from django.apps import apps

from tyndau.opendata.datasets import DATASETS

IIN = re.compile(r"\b\d{12}\b")
PHONE = re.compile(r"(?:\+?[78][\s\-()]*)?(?:\d[\s\-()]*){10}")
EMAIL = re.compile(r"[\w.+-]+@[\w-]+\.[\w.-]+")


@pytest.fixture
def published(file_appeal, tree, clerk, executor, answer):
    from tyndau.budget import services as budget_services
    from tyndau.plans import services as plan_services

    importlib.import_module("tyndau.plans.migrations.0002_default_statuses").load(apps, None)
    appeals = [
        file_appeal(
            text="Я, Гульнара Ахметова, ИИН 870412300456, тел. +7 701 555 12 34, gulnara@mail.kz: яма на улице Сейфуллина",
            applicant_name="Гульнара Ахметова",
            phone="+7 701 555 12 34",
            email="gulnara@mail.kz",
            iin="870412300456",
        ),
        file_appeal(applicant_name="Ержан Сапаров", phone="87017778899"),
    ]
    answer(appeal=appeals[1], outcome="satisfied", text="Отремонтировано", by=clerk)
    plan = plan_services.plan_create(
        territory=tree["111033000"],
        title_ru="План",
        title_kk="Жоспар",
        first_year=2026,
        last_year=2027,
        by=clerk,
    )
    item = plan_services.item_create(
        plan=plan,
        code="1",
        title_ru="Ремонт улицы Сейфуллина",
        title_kk="Сейфуллин көшесін жөндеу",
        responsible_user=executor,
        responsible_body="ТОО «Жолшы»",
        by=clerk,
    )
    plan_services.financing_set(
        item=item,
        source="rural",
        year=2026,
        planned=Decimal(1000),
        spent=Decimal(400),
        budget_programme_code="008",
        by=clerk,
    )
    plan_services.progress_add(
        item=item,
        on=dt.date(2026, 6, 1),
        percent=40,
        text="Позвоните прорабу 87011112233",
        by=clerk,
    )
    plan_services.link_add(item=item, appeal=appeals[0], by=clerk)
    budget = budget_services.budget_create(territory=tree["111033000"], year=2026)
    budget_services.budget_import(
        budget=budget,
        filename="b.csv",
        content=(
            "section,code,name_ru,name_kk,month,planned,adjusted,executed\n"
            "revenue,income_tax,,,1,1000,1000,900\n"
            "expenditure,008,Освещение,Жарықтандыру,1,500,500,100\n"
        ).encode(),
    )
    from tyndau.gathering.models import Member
    from tyndau.gathering.tests.factories import approve_by_gathering

    approve_by_gathering(budget=budget, by=clerk)
    return {
        "appeals": appeals,
        "names": [
            *(m.full_name.split()[0] for m in Member.objects.all()),
            "Гульнара",
            "Ахметова",
            "Ержан",
            "Сапаров",
            executor.last_name,
            executor.first_name,
        ],
    }


def test_every_dataset_downloads_with_rows(client, published):
    for dataset in DATASETS:
        data = client.get(f"/ru/open-data/{dataset.slug}.json").json()
        assert data["rows"], dataset.slug
        assert data["licence"].startswith("https://creativecommons.org/")
        rows = list(
            csv.DictReader(
                io.StringIO(
                    client.get(f"/ru/open-data/{dataset.slug}.csv").content.decode("utf-8-sig")
                )
            )
        )
        assert len(rows) == len(data["rows"]) and list(rows[0]) == dataset.columns


def test_appeal_statistics_are_counts_by_territory_month_and_topic(client, published):
    rows = client.get("/ru/open-data/appeal-statistics.json").json()["rows"]
    assert sum(r["received"] for r in rows) == 2
    assert sum(r["satisfied"] for r in rows) == 1
    assert {r["topic"] for r in rows} == {"roads"}


def test_no_file_holds_an_iin_a_phone_an_email_or_a_name(client, published):
    for dataset in DATASETS:
        for fmt in ("csv", "json"):
            body = client.get(f"/kk/open-data/{dataset.slug}.{fmt}").content.decode("utf-8-sig")
            assert not IIN.search(body), (dataset.slug, fmt)
            assert not PHONE.search(body), (dataset.slug, fmt)
            assert not EMAIL.search(body), (dataset.slug, fmt)
            for name in published["names"]:
                assert name not in body, (dataset.slug, fmt, name)


def test_the_dcat_catalogue_lists_every_dataset_with_both_formats(client, published):
    response = client.get("/en/open-data/catalog.jsonld")
    assert response["Content-Type"] == "application/ld+json"
    catalogue = json.loads(response.content)
    assert catalogue["@type"] == "dcat:Catalog"
    ids = {d["dct:identifier"]: d for d in catalogue["dcat:dataset"]}
    assert set(ids) == {d.slug for d in DATASETS}
    for d in ids.values():
        assert {x["dct:format"] for x in d["dcat:distribution"]} == {"CSV", "JSON"}
        assert d["dct:license"]["@id"]


@pytest.mark.parametrize("lang", ["kk", "ru", "en"])
def test_the_open_data_page_describes_each_file(client, lang, db):
    body = client.get(f"/{lang}/open-data/").content.decode()
    for dataset in DATASETS:
        assert f'id="{dataset.slug}"' in body
    assert "CC BY 4.0" in body


def test_an_unknown_file_is_404(client, db):
    assert client.get("/ru/open-data/people.csv").status_code == 404
    assert client.get("/ru/open-data/plan-items.xml").status_code == 404


def test_the_gathering_decisions_carry_the_votes_and_what_they_approved(client, published):
    rows = client.get("/ru/open-data/gathering-decisions.json").json()["rows"]
    assert len(rows) == 1
    row = rows[0]
    assert row["kind"] == "budget" and row["budget_year"] == 2026 and row["budget_version"] == 1
    assert row["adopted"] is True and row["votes_for"] == row["present"] == 7
