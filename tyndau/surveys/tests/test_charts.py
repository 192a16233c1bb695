"""The results' charts: inline SVG drawn on the server, an image with a title and a
description, one bar per group and option sized by the share; the table stays."""

import re

import pytest

from tyndau.surveys import selectors
from tyndau.surveys.templatetags.survey_charts import PLOT_W

from .test_results import answered  # noqa: F401  (fixture)

pytestmark = pytest.mark.django_db


def _bars(svg: str) -> list[tuple[str, str]]:
    return re.findall(
        r'<rect x="\d+" y="[\d.]+" width="([\d.]+)" height="[\d.]+" fill="#\w+" data-share="([\d.]+)"',
        svg,
    )


def test_each_question_with_options_has_an_accessible_chart_and_its_table(client, answered):  # noqa: F811
    html = client.get(f"/ru/surveys/{answered.pk}/results/").content.decode()
    charts = re.findall(r"<svg .*?</svg>", html, flags=re.S)
    assert len(charts) == 3  # single, multiple, scale; none for the free text
    for svg in charts:
        assert 'role="img"' in svg and "<title id=" in svg and "<desc id=" in svg
        chart_id = re.search(r'data-chart="([\w-]+)"', svg).group(1)
        assert f'aria-labelledby="{chart_id}-t {chart_id}-d"' in svg
    single = charts[0]
    # 4 of 8 said «да», 4 «нет»: two bars, each half of the plot
    assert _bars(single) == [(f"{PLOT_W / 2:g}", "50"), (f"{PLOT_W / 2:g}", "50")]
    assert "да: 50,0%" in single  # the description gives the figures in words (ru: comma)
    assert html.count("<table") == 3  # the tables are still there
    assert "<script" not in html.split("<main", 1)[1] and " onclick" not in html


def test_a_cross_table_chart_has_a_bar_and_a_legend_entry_per_cell(client, clerk, answered):  # noqa: F811
    role, age = answered.traits.get(code="role"), answered.traits.get(code="age")
    data = selectors.survey_results(survey=answered, trait=role, by=age, smallest=1)
    assert len(data["groups"]) == 6
    client.force_login(clerk)
    html = client.get(
        f"/kk/staff/surveys/{answered.pk}/results/?trait=role&by=age"
    ).content.decode()
    single = re.findall(r"<svg .*?</svg>", html, flags=re.S)[0]
    assert len(_bars(single)) == 2 * 6  # two options × six cells
    assert single.count('width="12" height="12"') == 6  # the legend
    # official 25–34 (1 person) said «да»: the full width; official 35–44 said «нет»: none
    assert _bars(single)[0] == (f"{PLOT_W:g}", "100")
    assert _bars(single)[1] == ("0", "0")
    assert "," not in "".join(w for w, _ in _bars(single))  # coordinates never localised
