"""The demo's expert survey is the seed's: 40 respondents, 15 officials and 25 residents
aged 25–55, entered as paper forms through the service; loading twice adds nothing."""

import pytest
from django.db.models import Count

from tyndau.surveys import selectors
from tyndau.surveys.demo import seed_surveys
from tyndau.surveys.models import Response, ResponseChannel, ResponseTrait, Survey
from tyndau.territory.demo import seed_territories, seed_users

pytestmark = pytest.mark.django_db


def _load():
    quiet = lambda _line: None  # noqa: E731
    seed_territories(log=quiet)
    seed_users(log=quiet)
    seed_surveys(log=quiet)


def test_the_expert_survey_has_the_seeds_forty_respondents_once():
    _load()
    _load()
    expert = Survey.objects.get(title_en__startswith="Expert survey")
    assert Survey.objects.count() == 2
    assert expert.responses.count() == 40
    assert set(expert.responses.values_list("channel", flat=True)) == {ResponseChannel.PAPER}
    by_role = dict(
        ResponseTrait.objects.filter(response__survey=expert, trait__code="role")
        .values_list("option__code")
        .annotate(n=Count("id"))
    )
    assert by_role == {"official": 15, "resident": 25}
    ages = set(
        ResponseTrait.objects.filter(response__survey=expert, trait__code="age").values_list(
            "option__code", flat=True
        )
    )
    assert ages == {"25-34", "35-44", "45-55"}
    # anonymous: neither the names nor the phones of the paper forms were kept
    assert not Response.objects.exclude(respondent_name="").exists()
    assert not Response.objects.exclude(phone="").exists()


def test_the_demo_results_are_published_by_role_and_the_open_survey_takes_answers():
    _load()
    expert = Survey.objects.get(title_en__startswith="Expert survey")
    role = expert.traits.get(code="role")
    results = selectors.survey_results(survey=expert, trait=role)
    assert not results["withheld"]
    assert [g["respondents"] for g in results["groups"]] == [15, 25]
    listening = results["questions"][0]
    assert listening["kind"] == "scale"
    assert listening["answered"] == [15, 25]
    # by hand from the demo's rule: officials 3, 4, 5 five times each; residents (n = 15…39)
    # 2 + n mod 4: six 2s, six 3s, six 4s and seven 5s (89 / 25 = 3.56)
    counts = [[c["count"] for c in row["cells"]] for row in listening["rows"]]
    assert counts == [[0, 0], [0, 6], [5, 6], [5, 6], [5, 7]]
    assert listening["means"] == [4.0, 3.56]
    park = Survey.objects.get(title_en__startswith="What should the central park")
    assert park.is_open() and park.responses.count() == 0
