"""The meeting forms' sheets row by row as the seed prints them: the reporting meetings' rows
in the XLSX and PDF, and Decree 826's lines by akim level."""

import datetime as dt
import io

import pytest
from openpyxl import load_workbook

from tyndau.reports.services import report_build
from tyndau.reports.sheets import sheet_build

Y2022 = {"date_from": dt.date(2022, 1, 1), "date_to": dt.date(2022, 12, 31)}
SUBTREE = {"scope": "subtree"}


# The seed's sheet "Сведения об отчетных встречах" (on 3 February 2022), row by row: the
# number, the label and whether the row holds a total and an "of them repeated" figure.
SEED_REPORTING_ROWS = [
    ("1.", "Количество запланированных отчетных встреч (общее количество запланированных "
           "встреч акимов всех уровней за весь период)", True, False),
    ("2.", "Количество проведенных отчетных встреч (на дату отчета в сумме с предыдущими "
           "встречами)", True, False),
    ("", "в том числе в режиме онлайн-трансляции", True, False),
    ("3.", "Количество жителей, принявших участие в отчетных встречах", True, False),
    ("4.", "Количество жителей, выступивших на отчетных встречах", True, False),
    ("5.", "Всего высказано критических замечаний в том числе в адрес:", True, False),
    ("", "акима с/о, поселка", True, False),
    ("", "акима района (города)", True, False),
    ("", "акима области", True, False),
    ("6.", "Всего внесено предложений (общее количество): в том числе по вопросам:", True, True),
    ("", "экономического характера", True, True),
    ("", "политического характера", True, True),
    ("", "социального характера", True, True),
    ("", "оказания госуслуг", True, True),
    ("", "а) по проблеме питьевой воды", True, True),
    ("", "б) по жилищной проблеме (в т. ч. по долевому участию)", True, True),
    ("", "в) по земельным вопросам", True, True),
    ("", "г) по ремонту и строительству дорог", True, True),
    ("", "д) по ремонту и строительству объектов образования, здравоохранения, культуры",
         True, True),
    ("", "е) по электрификации, газификации и телефонизации населенных пунктов", True, True),
    ("", "ж) по благоустройству, санитарному и экологическому состоянию", True, True),
    ("", "з) другие", True, True),
    ("7.", "Освещение в СМИ всего в том числе:", True, False),
    ("", "в центральных (республиканских) СМИ", True, False),
    ("", "в местных (областных, районных) СМИ", True, False),
    ("8.", "Присутствовали на отчетных встречах представители:", False, False),
    ("", "Администрации Президента, Правительства", True, False),
    ("", "Парламента", True, False),
    ("", "местных исполнительных органов", True, False),
]  # fmt: skip


def _seed_reporting_meeting(make_meeting):
    make_meeting(
        "111033000", "2022-02-01", "2022-02-03", kind="reporting", participants_offline=725,
        speakers=36, media_local=1, officials_state_bodies=2,
        questions=[("water_supply", True, None), ("heating", True, 6), ("other", False, None)],
    )  # fmt: skip


def test_the_reporting_meeting_xlsx_has_the_seeds_rows_in_its_order(client, akim, make_meeting):
    _seed_reporting_meeting(make_meeting)
    client.force_login(akim)
    response = client.get(
        "/ru/staff/reports/export/?form=reporting-meetings&territory=111033000"
        "&date_from=2022-01-01&date_to=2022-02-03&format=xlsx"
    )
    ws = load_workbook(io.BytesIO(response.content)).active
    assert ws["A1"].value == "Сведения об отчетных встречах с населением акима"
    assert [c.value for c in ws[4]] == ["№", "Показатель", "Итого", "из них повторные"]
    body = [row for row in ws.iter_rows(min_row=5, max_row=4 + len(SEED_REPORTING_ROWS),
                                        values_only=True)]  # fmt: skip
    assert [(n or "", label) for n, label, _t, _r in body] == [
        (n, label) for n, label, _t, _r in SEED_REPORTING_ROWS
    ]
    for (_n, label, total, repeated), (_a, _b, value, of_them) in zip(
        SEED_REPORTING_ROWS, body, strict=True
    ):
        assert isinstance(value, int) is total, label
        assert isinstance(of_them, int) is repeated, label
    figures = {label: (value, of_them) for _n, label, value, of_them in body}
    assert figures["Количество жителей, принявших участие в отчетных встречах"][0] == 725
    assert figures["а) по проблеме питьевой воды"] == (1, 1)
    assert figures["б) по жилищной проблеме (в т. ч. по долевому участию)"] == (1, 1)
    assert figures["акима с/о, поселка"][0] == 1
    assert figures["в местных (областных, районных) СМИ"][0] == 1
    assert figures["местных исполнительных органов"][0] == 2
    # Under the rows, after one blank line, what each row counts.
    assert ws.cell(row=6 + len(SEED_REPORTING_ROWS), column=1).value.startswith("Строки 1–2")


@pytest.mark.parametrize("lang", ["ru", "kk"])
def test_the_reporting_meeting_pdf_is_drawn_from_the_seeds_rows(tree, make_meeting, lang):
    """The PDF is WeasyPrint's drawing of this HTML; its rows are the XLSX's, translated."""
    from html.parser import HTMLParser

    from django.template.loader import render_to_string
    from django.utils import translation

    from tyndau.reports.exports import report_export
    from tyndau.reports.sheet_notes import semantics

    _seed_reporting_meeting(make_meeting)
    data = report_build(
        form="reporting-meetings", territory=tree["111033000"],
        date_from=dt.date(2022, 1, 1), date_to=dt.date(2022, 2, 3),
    )  # fmt: skip
    with translation.override(lang):
        sheet = sheet_build(form="reporting-meetings", data=data)
        html = render_to_string(
            "reports/sheet_pdf.html",
            {"sheet": sheet, "semantics": semantics("reporting-meetings")},
        )
        pdf = report_export(form="reporting-meetings", data=data, fmt="pdf")
    assert pdf.startswith(b"%PDF")

    class Rows(HTMLParser):
        rows: list = []

        def handle_starttag(self, tag, attrs):
            if tag == "tr":
                self.rows.append([])
            elif tag == "td":
                self.rows[-1].append("")

        def handle_data(self, text):
            if self.rows and self.rows[-1]:
                self.rows[-1][-1] += text

    parser = Rows()
    parser.rows = []
    parser.feed(html)
    drawn = [row for row in parser.rows if row]
    assert len(drawn) == len(SEED_REPORTING_ROWS)
    if lang == "ru":
        assert [(row[0], row[1]) for row in drawn] == [
            (n, label) for n, label, _t, _r in SEED_REPORTING_ROWS
        ]
    else:
        assert drawn[0][1].startswith("Жоспарланған есепті кездесулер саны")
        assert drawn[-1][1] == "жергілікті атқарушы органдар"
    assert [row[2] != "" for row in drawn] == [t for _n, _l, t, _r in SEED_REPORTING_ROWS]


# The seed's Decree 826 sheet (Krasnoyarsk rural district, Q1 2022): the six lines by akim
# level under rows 1–2 (who held), 6 and 8 (addressed to) and 7 (held by), word for word.
SEED_826_LEVEL_LINES = {
    "held": [
        "аким области, города республиканского значения, столицы",
        "акимы районов в городе республиканского значения, столицы",
        "акимы городов областного значения",
        "акимы районов в городе областного значения",
        "акимы районного значения",
        "акимы сельских округов, сел, городов районного значения",
    ],
    "addressed": [
        "акима области, города республиканского значения, столицы",
        "акимов районов в городе республиканского значения, столицы",
        "акимов городов областного значения",
        "акимов районов в городе областного значения",
        "акимов районного значения",
        "акимов сельских округов, сел, городов районного значения",
    ],
    "by": [
        "акимом области, города республиканского значения, столицы",
        "акимами районов в городе республиканского значения, столицы",
        "акимами городов областного значения",
        "акимами районов в городе областного значения",
        "акимами районного значения",
        "акимами сельских округов, сел, городов районного значения",
    ],
}


@pytest.mark.parametrize("lang", ["ru", "kk"])
def test_decree_826_level_lines_are_worded_as_the_seeds_for_each_row(tree, lang):
    """Under rows 1, 2, 6, 7 and 8 the six akim levels read as the seed's sheet has them in
    that row (who held / addressed to / held by); in Kazakh, each row's own wording too."""
    from django.utils import translation

    data = report_build(form="decree-826", territory=tree["111000000"], **Y2022, **SUBTREE)
    with translation.override(lang):
        sheet = sheet_build(form="decree-826", data=data)
    lines: dict[str, list[str]] = {}
    number = None
    for row in sheet["rows"]:
        if row[0]["text"]:
            number = row[0]["text"]
        elif row[1].get("indent") and number in {"1.", "2.", "6.", "7.", "8."}:
            lines.setdefault(number, []).append(row[1]["text"])
    if lang == "ru":
        assert lines == {
            "1.": SEED_826_LEVEL_LINES["held"],
            "2.": SEED_826_LEVEL_LINES["held"],
            "6.": SEED_826_LEVEL_LINES["addressed"],
            "7.": SEED_826_LEVEL_LINES["by"],
            "8.": SEED_826_LEVEL_LINES["addressed"],
        }
    else:
        assert [len(v) for v in lines.values()] == [6, 6, 6, 6, 6]
        assert lines["6."][0].endswith("әкіміне") and lines["8."] == lines["6."]
        assert lines["1."][5].endswith("әкімдері") and lines["1."] == lines["2."]
