"""Results by trait against a table counted by hand (not by the code under test)."""

import pytest
from django.test import override_settings

from tyndau.surveys import selectors, services

from .conftest import choice

pytestmark = pytest.mark.django_db

# role, age, went to a gathering, channels, score, free text
RESPONDENTS = [
    ("official", "25-34", "да", ["a", "b"], 4, "Чаще встречаться с жителями"),
    ("official", "35-44", "нет", ["a"], 3, ""),
    ("official", "45-55", "да", ["b", "c"], 5, "Позвоните мне +7 701 111 22 33"),
    ("resident", "25-34", "нет", ["c"], 2, ""),
    ("resident", "25-34", "да", ["a", "c"], 4, ""),
    ("resident", "35-44", "нет", ["a"], 1, ""),
    ("resident", "45-55", "нет", ["b"], 3, ""),
    ("resident", "45-55", "да", ["a", "b", "c"], 5, ""),
]

# (count, share %) by hand
OVERALL = {
    "single": {"да": (4, 50.0), "нет": (4, 50.0)},
    "multiple": {"a": (5, 62.5), "b": (4, 50.0), "c": (4, 50.0)},
    "scale": {1: (1, 12.5), 2: (1, 12.5), 3: (2, 25.0), 4: (2, 25.0), 5: (2, 25.0)},
}
BY_ROLE = {  # official (3 people), resident (5 people)
    "single": {"да": [(2, 66.7), (2, 40.0)], "нет": [(1, 33.3), (3, 60.0)]},
    "multiple": {
        "a": [(2, 66.7), (3, 60.0)],
        "b": [(2, 66.7), (2, 40.0)],
        "c": [(1, 33.3), (3, 60.0)],
    },
    "scale": {
        1: [(0, 0.0), (1, 20.0)],
        2: [(0, 0.0), (1, 20.0)],
        3: [(1, 33.3), (1, 20.0)],
        4: [(1, 33.3), (1, 20.0)],
        5: [(1, 33.3), (1, 20.0)],
    },
}
MEANS_BY_ROLE = [4.0, 3.0]
BY_AGE_SINGLE = {"да": [(2, 66.7), (0, 0.0), (2, 66.7)], "нет": [(1, 33.3), (2, 100.0), (1, 33.3)]}


@pytest.fixture
def answered(survey, clerk):
    q = survey.q
    for n, (role, age, single, multiple, score, text) in enumerate(RESPONDENTS):
        services.response_enter_paper(
            survey=survey,
            phone=f"+7701000{n:04d}",
            respondent_name=f"Респондент {n}",
            answers={
                q["single"].pk: str(choice(q["single"], single)),
                q["multiple"].pk: [str(choice(q["multiple"], m)) for m in multiple],
                q["scale"].pk: str(score),
                q["text"].pk: text,
            },
            traits={"role": role, "age": age},
            by=clerk,
        )
    return survey


def _table(results, kind, by_group):
    item = next(i for i in results["questions"] if i["kind"] == kind)
    out = {}
    for row in item["rows"]:
        cells = [(c["count"], c["share"]) for c in row["cells"]]
        out[row["label"] if kind != "scale" else row["value"]] = cells if by_group else cells[0]
    return out, item


def test_overall_counts_and_shares(answered):
    results = selectors.survey_results(survey=answered)
    assert results["respondents"] == 8
    for kind, expected in OVERALL.items():
        assert _table(results, kind, False)[0] == expected, kind
    _, scale = _table(results, "scale", False)
    assert scale["means"] == [3.38]  # 27 / 8 = 3.375


def test_breakdown_by_role(answered):
    role = answered.traits.get(code="role")
    results = selectors.survey_results(survey=answered, trait=role, smallest=1)
    assert not results["withheld"]
    assert [g["respondents"] for g in results["groups"]] == [3, 5]
    for kind, expected in BY_ROLE.items():
        assert _table(results, kind, True)[0] == expected, kind
    assert _table(results, "scale", True)[1]["means"] == MEANS_BY_ROLE


def test_breakdown_by_age_band(answered):
    age = answered.traits.get(code="age")
    results = selectors.survey_results(survey=answered, trait=age, smallest=1)
    assert [g["respondents"] for g in results["groups"]] == [3, 2, 3]
    assert _table(results, "single", True)[0] == BY_AGE_SINGLE


def test_free_text_is_listed_anonymised(answered):
    results = selectors.survey_results(survey=answered)
    texts = next(i for i in results["questions"] if i["kind"] == "text")["texts"]
    assert texts[0] == "Чаще встречаться с жителями"
    assert "111 22 33" not in texts[1] and "[…]" in texts[1]


def test_a_breakdown_with_a_small_group_is_withheld_whole(answered):
    """Age bands of 3, 2 and 3 people with a minimum of 3: not one band is published (the
    total minus the two others would give the hidden one back), the overall figures are."""
    age = answered.traits.get(code="age")
    results = selectors.survey_results(survey=answered, trait=age, smallest=3)
    assert results["withheld"] and results["withheld_trait"] == age
    assert results["trait"] is None and len(results["groups"]) == 1
    assert _table(results, "single", False)[0] == OVERALL["single"]
    role = answered.traits.get(code="role")  # 3 officials and 5 residents: published
    assert not selectors.survey_results(survey=answered, trait=role, smallest=3)["withheld"]


@override_settings(TYNDAU_SURVEY_MIN_GROUP=3)
def test_results_page_and_exports(client, answered):
    html = client.get(f"/ru/surveys/{answered.pk}/results/?trait=role").content.decode()
    assert 'data-count="3" data-share="60.0"' in html
    assert "breakdown-withheld" not in html
    withheld = client.get(f"/kk/surveys/{answered.pk}/results/?trait=age").content.decode()
    assert 'id="breakdown-withheld"' in withheld
    assert 'data-count="4" data-share="50.0"' in withheld  # all together: 4 of 8 said "да"
    assert 'data-count="2" data-share="100.0"' not in withheld  # the 35–44 band of two
    csv_age = client.get(
        f"/ru/surveys/{answered.pk}/results/export/?format=csv&trait=age"
    ).content.decode()
    assert "Были ли вы на сходе?,нет,4,50.0\r\n" in csv_age
    csv_text = client.get(
        f"/ru/surveys/{answered.pk}/results/export/?format=csv&trait=role"
    ).content.decode()
    assert "Были ли вы на сходе?,да,2,66.7,2,40.0" in csv_text
    xlsx = client.get(f"/kk/surveys/{answered.pk}/results/export/?format=xlsx")
    assert xlsx["Content-Type"].startswith("application/vnd.openxmlformats")
    assert client.get(f"/ru/surveys/{answered.pk}/results/?trait=nope").status_code == 404


# A cross table role × age, counted by hand. Each line: role, age, went to a gathering, score.
CROSS = [
    ("official", "25-34", "да", 4),
    ("official", "25-34", "да", 5),
    ("official", "45-55", "нет", 3),
    ("official", "45-55", "да", 4),
    ("official", "45-55", "нет", 2),
    ("resident", "25-34", "да", 5),
    ("resident", "25-34", "да", 4),
    ("resident", "25-34", "нет", 1),
    ("resident", "35-44", "нет", 2),
    ("resident", "35-44", "нет", 3),
]
# columns: official 25-34, 35-44, 45-55, resident 25-34, 35-44, 45-55
CROSS_SIZES = [2, 0, 3, 3, 2, 0]
CROSS_SINGLE = {
    "да": [(2, 100.0), (0, 0.0), (1, 33.3), (2, 66.7), (0, 0.0), (0, 0.0)],
    "нет": [(0, 0.0), (0, 0.0), (2, 66.7), (1, 33.3), (2, 100.0), (0, 0.0)],
}
CROSS_MEANS = [4.5, None, 3.0, 3.33, 2.5, None]  # 9/2, —, 9/3, 10/3, 5/2, —


def _enter(survey, clerk, rows, start=0):
    q = survey.q
    for n, (role, age, single, score) in enumerate(rows, start=start):
        services.response_enter_paper(
            survey=survey,
            phone=f"+7702000{n:04d}",
            respondent_name=f"Респондент {n}",
            answers={
                q["single"].pk: str(choice(q["single"], single)),
                q["multiple"].pk: [str(choice(q["multiple"], "a"))],
                q["scale"].pk: str(score),
            },
            traits={"role": role, "age": age},
            by=clerk,
        )


@pytest.fixture
def crossed(survey, clerk):
    _enter(survey, clerk, CROSS)
    return survey


def test_cross_table_of_two_traits_against_the_hand_count(crossed):
    role, age = crossed.traits.get(code="role"), crossed.traits.get(code="age")
    results = selectors.survey_results(survey=crossed, trait=role, by=age, smallest=2)
    assert not results["withheld"]
    assert (results["trait"], results["by"]) == (role, age)
    assert [(g["code"], g["by_code"]) for g in results["groups"]] == [
        ("official", "25-34"),
        ("official", "35-44"),
        ("official", "45-55"),
        ("resident", "25-34"),
        ("resident", "35-44"),
        ("resident", "45-55"),
    ]
    assert [g["respondents"] for g in results["groups"]] == CROSS_SIZES
    assert results["respondents"] == 10
    table, _ = _table(results, "single", True)
    assert table == CROSS_SINGLE
    assert _table(results, "scale", True)[1]["means"] == CROSS_MEANS
    assert [h["span"] for h in results["header"]] == [3, 3]


def test_a_cross_table_with_one_small_cell_is_withheld_whole(crossed, clerk):
    """Cells of 0 are fine; one resident aged 45–55 makes a cell of 1 < 2: the whole cross
    table is withheld, though each trait alone still has big enough groups."""
    role, age = crossed.traits.get(code="role"), crossed.traits.get(code="age")
    _enter(crossed, clerk, [("resident", "45-55", "да", 5)], start=50)
    results = selectors.survey_results(survey=crossed, trait=role, by=age, smallest=2)
    assert results["withheld"] and results["trait"] is None and results["by"] is None
    assert (results["withheld_trait"], results["withheld_by"]) == (role, age)
    assert len(results["groups"]) == 1 and results["respondents"] == 11
    assert not selectors.survey_results(survey=crossed, trait=role, smallest=2)["withheld"]
    assert not selectors.survey_results(survey=crossed, trait=age, smallest=2)["withheld"]
    staff = selectors.survey_results(survey=crossed, trait=role, by=age, smallest=1)
    assert [g["respondents"] for g in staff["groups"]] == [2, 0, 3, 3, 2, 1]


@override_settings(TYNDAU_SURVEY_MIN_GROUP=2)
def test_cross_table_on_the_pages_in_the_exports_and_the_api(client, clerk, crossed):
    from rest_framework.test import APIClient

    html = client.get(f"/ru/surveys/{crossed.pk}/results/?trait=role&by=age").content.decode()
    assert 'scope="colgroup" colspan="3"' in html and "breakdown-withheld" not in html
    csv_text = client.get(
        f"/ru/surveys/{crossed.pk}/results/export/?format=csv&trait=role&by=age"
    ).content.decode()
    header, *lines = csv_text.splitlines()
    assert "Представитель МИО · 25-34" in header and "Житель · 45-55" in header
    assert "Были ли вы на сходе?,да,2,100.0,0,0.0,1,33.3,2,66.7,0,0.0,0,0.0" in lines
    api = APIClient()
    data = api.get(f"/api/v1/surveys/{crossed.pk}/results/", {"trait": "role", "by": "age"})
    data = data.json()
    assert (data["trait"], data["by"], data["breakdown_withheld"]) == ("role", "age", False)
    assert [g["respondents"] for g in data["groups"]] == CROSS_SIZES
    assert [g["by_option"] for g in data["groups"]][:3] == ["25-34", "35-44", "45-55"]
    same = api.get(f"/api/v1/surveys/{crossed.pk}/results/", {"trait": "age", "by": "age"})
    assert same.status_code == 400 and "by" in same.json()
    assert api.get(f"/api/v1/surveys/{crossed.pk}/results/", {"by": "age"}).status_code == 400
    # one more resident aged 45–55: a cell of 1, withheld everywhere with the reason
    _enter(crossed, clerk, [("resident", "45-55", "да", 5)], start=50)
    withheld = client.get(f"/kk/surveys/{crossed.pk}/results/?trait=role&by=age")
    assert 'id="breakdown-withheld"' in withheld.content.decode()
    assert "colgroup" not in withheld.content.decode()
    csv_text = client.get(
        f"/ru/surveys/{crossed.pk}/results/export/?format=csv&trait=role&by=age"
    ).content.decode()
    assert "не публикуется" in csv_text.splitlines()[-1]
    data = api.get(f"/api/v1/surveys/{crossed.pk}/results/", {"trait": "role", "by": "age"})
    assert data.json()["breakdown_withheld"] is True and len(data.json()["groups"]) == 1
    client.force_login(clerk)
    staff = client.get(f"/ru/staff/surveys/{crossed.pk}/results/?trait=role&by=age")
    assert "colgroup" in staff.content.decode()
    staff_csv = client.get(
        f"/ru/staff/surveys/{crossed.pk}/results/?trait=role&by=age&format=csv"
    ).content.decode()
    assert "Были ли вы на сходе?,да,2,100.0,0,0.0,1,33.3,2,66.7,0,0.0,1,100.0" in staff_csv
