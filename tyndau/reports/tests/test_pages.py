"""Report pages, exports, drill-down, CLI and who may run which report."""

import csv
import datetime as dt
import io
import json

import pytest
from django.core.management import CommandError, call_command
from openpyxl import load_workbook

from tyndau.territory.models import Role

QUERY = "form={form}&territory={code}&date_from=2021-01-01&date_to=2021-12-31"


@pytest.fixture
def some_appeals(make_appeal):
    make_appeal("111033100", "2021-02-01", "2021-02-10", "satisfied", topic="water_supply")
    make_appeal("111033100", "2020-12-20", "2021-01-12", "explained", topic="land")
    make_appeal("114645100", "2021-03-01", "2021-03-05", "satisfied", topic="land")


def url(path="", **kw):
    kw.setdefault("form", "appeal-outcomes")
    kw.setdefault("code", "111033000")
    return f"/ru/staff/reports/{path}?" + QUERY.format(**kw)


def test_akim_sees_the_table_with_links_chart_and_semantics(client, akim, some_appeals):
    client.force_login(akim)
    response = client.get(url())
    assert response.status_code == 200
    body = response.content.decode()
    assert "Всего поступило" in body
    assert "figure=considered" in body
    assert "<svg" in body
    assert "независимо от даты регистрации" in body


@pytest.mark.parametrize("form", ["appeal-outcomes", "appeal-topics", "personal-reception"])
def test_every_appeal_form_renders(client, akim, some_appeals, form):
    client.force_login(akim)
    assert client.get(url(form=form)).status_code == 200


def test_drill_down_lists_the_appeals_behind_a_figure(client, akim, some_appeals):
    client.force_login(akim)
    response = client.get(url("records/") + "&figure=considered")
    assert response.status_code == 200
    body = response.content.decode()
    assert body.count("<tr>") == 3  # header + 2 appeals (one carried over from 2020)
    assert "Земельные отношения" in body


def test_unknown_figure_is_not_found(client, akim, some_appeals):
    client.force_login(akim)
    assert client.get(url("records/") + "&figure=nope").status_code == 404


@pytest.mark.parametrize("code", ["114645000", "111000000", "110000000"])
def test_a_user_cannot_report_beside_or_above_their_territory(client, akim, code):
    client.force_login(akim)
    assert client.get(url(code=code)).status_code == 403
    assert client.get(url("export/", code=code) + "&format=json").status_code == 403
    assert client.get(url("records/", code=code) + "&figure=received").status_code == 403
    assert client.get(f"/ru/staff/reports/dashboard/?territory={code}").status_code == 403


def test_a_city_analyst_reports_on_the_rural_district_below(client, analyst_city, some_appeals):
    client.force_login(analyst_city)
    assert client.get(url()).status_code == 200
    assert client.get(url(code="111000000")).status_code == 200


def test_a_clerk_may_not_run_reports(client, clerk):
    client.force_login(clerk)
    assert client.get("/ru/staff/reports/").status_code == 403


def test_the_chooser_offers_only_territories_the_user_may_see(client, akim):
    client.force_login(akim)
    body = client.get("/ru/staff/reports/").content.decode()
    assert 'value="111033000"' in body
    assert 'value="111033100"' in body
    assert 'value="114645000"' not in body
    assert 'value="111000000"' not in body


def test_exports_open(client, akim, some_appeals):
    client.force_login(akim)
    data = json.loads(client.get(url("export/") + "&format=json").content)
    assert data["considered"] == 2
    csv_text = client.get(url("export/") + "&format=csv").content.decode("utf-8-sig")
    xlsx = client.get(url("export/") + "&format=xlsx")
    book = load_workbook(io.BytesIO(xlsx.content))
    values = [c.value for row in book.active.iter_rows() for c in row]
    assert "Всего поступило" in values
    # the CSV is the sheet: the same rows with their labels, no internal keys
    rows = list(csv.reader(io.StringIO(csv_text), delimiter=";"))
    assert [v for row in rows for v in row if v] == [str(v) for v in values if v not in (None, "")]
    assert "considered" not in csv_text
    pdf = client.get(url("export/") + "&format=pdf")
    assert pdf.content.startswith(b"%PDF")
    assert pdf["Content-Type"] == "application/pdf"


@pytest.mark.parametrize("form", ["appeal-outcomes", "appeal-topics", "personal-reception"])
@pytest.mark.parametrize("fmt", ["xlsx", "pdf"])
def test_every_appeal_form_exports_to_xlsx_and_pdf(client, akim, some_appeals, form, fmt):
    client.force_login(akim)
    response = client.get(url("export/", form=form) + f"&format={fmt}")
    assert response.status_code == 200
    if fmt == "pdf":
        assert response.content.startswith(b"%PDF")
    else:
        load_workbook(io.BytesIO(response.content))


def test_dashboard_shows_open_overdue_and_ratings(client, akim, make_appeal):
    from tyndau.appeals.models import Rating

    today = dt.date.today()
    make_appeal(
        "111033100", (today - dt.timedelta(days=40)).isoformat(), topic="land", risk_band="red"
    )
    answered = make_appeal(
        "111033100", (today - dt.timedelta(days=20)).isoformat(), today.isoformat(), "satisfied"
    )
    Rating.objects.create(appeal=answered, score=4)
    client.force_login(akim)
    response = client.get("/ru/staff/reports/dashboard/")
    assert response.status_code == 200
    body = response.content.decode()
    assert "Просрочено" in body
    assert "4,0 / 5" in body
    assert "<svg" in body


def test_cli_writes_json_to_stdout(tree, some_appeals):
    out = io.StringIO()
    call_command(
        "report",
        "appeal-outcomes",
        "--territory",
        "111033000",
        "--from",
        "2021-01-01",
        "--to",
        "2021-12-31",
        stdout=out,
    )
    data = json.loads(out.getvalue())
    assert data["received"] == 1
    assert data["considered"] == 2


@pytest.mark.parametrize("fmt", ["csv", "xlsx", "pdf", "json"])
def test_cli_writes_a_file(tree, some_appeals, tmp_path, fmt):
    target = tmp_path / f"report.{fmt}"
    call_command(
        "report",
        "appeal-topics",
        "--territory",
        "111033000",
        "--from",
        "2021-01-01",
        "--to",
        "2021-12-31",
        "--format",
        fmt,
        "--output",
        str(target),
        stderr=io.StringIO(),
    )
    content = target.read_bytes()
    if fmt == "pdf":
        assert content.startswith(b"%PDF")
    elif fmt == "xlsx":
        load_workbook(io.BytesIO(content))
    elif fmt == "csv":  # the sheet: labels, not keys
        rows = list(csv.reader(io.StringIO(content.decode("utf-8-sig")), delimiter=";"))
        assert rows[0] and rows[1] and b"total" not in content
    else:
        assert b"total" in content


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["nope", "--territory", "111033000"], "Неизвестная форма отчета"),
        (["appeal-topics", "--territory", "999"], "Нет территории с кодом"),
        (["appeal-topics", "--territory", "111033000", "--format", "doc"], "Неизвестный формат"),
    ],
)
def test_cli_explains_bad_arguments(tree, args, message):
    with pytest.raises(CommandError, match=message):
        call_command("report", *args, "--from", "2021-01-01", "--to", "2021-12-31")


def test_cli_explains_a_bad_date(tree):
    with pytest.raises(CommandError, match="ГГГГ-ММ-ДД"):
        call_command(
            "report",
            "appeal-topics",
            "--territory",
            "111033000",
            "--from",
            "2021-13-01",
            "--to",
            "2021-12-31",
        )
    with pytest.raises(CommandError, match="Начало периода позже его конца"):
        call_command(
            "report",
            "appeal-topics",
            "--territory",
            "111033000",
            "--from",
            "2021-12-01",
            "--to",
            "2021-01-31",
        )


def test_a_deputy_has_the_same_rights_as_the_akim(client, make_staff, office, some_appeals):
    deputy = make_staff(Role.DEPUTY, office)
    client.force_login(deputy)
    assert client.get(url()).status_code == 200


def test_cli_speaks_kazakh_when_asked(tree):
    from django.utils import translation

    with translation.override("kk"), pytest.raises(CommandError, match="есеп нысаны белгісіз"):
        call_command(
            "report",
            "nope",
            "--territory",
            "111033000",
            "--from",
            "2021-01-01",
            "--to",
            "2021-12-31",
        )


def test_the_report_page_speaks_kazakh(client, akim, some_appeals):
    client.force_login(akim)
    body = client.get(url().replace("/ru/", "/kk/")).content.decode()
    assert "Барлығы түсті" in body
    assert "Көрсеткіштер қалай есептеледі" in body


def test_the_report_page_query_count_does_not_grow_with_records(
    client, akim, make_appeal, django_assert_max_num_queries
):
    for day in range(1, 29):
        make_appeal("111033100", f"2021-02-{day:02d}", f"2021-03-{day:02d}", "satisfied")
    client.force_login(akim)
    with django_assert_max_num_queries(8):
        assert client.get(url()).status_code == 200
    with django_assert_max_num_queries(10):
        assert client.get(url(form="appeal-topics")).status_code == 200


def test_the_page_runs_a_form_for_own_records_or_the_subtree(client, akim, make_appeal):
    # One appeal registered to the rural district itself, one to a village below it.
    make_appeal("111033000", "2021-02-01", "2021-02-10", "satisfied")
    make_appeal("111033100", "2021-03-01", "2021-03-10", "satisfied")
    client.force_login(akim)
    own = client.get(url() + "&scope=own")
    assert own.status_code == 200
    assert own.context["sheet"]["rows"][0][1]["value"] == 1
    assert "только собственные записи" in own.context["sheet"]["subtitle"]
    assert "scope=own" in own.context["records_url"]
    records = client.get(url("records/") + "&scope=own&figure=received")
    assert records.context["page"].paginator.count == 1
    subtree = client.get(url() + "&scope=subtree")
    assert subtree.context["sheet"]["rows"][0][1]["value"] == 2
    # Table 1's default is the office's whole register.
    assert client.get(url()).context["sheet"]["rows"][0][1]["value"] == 2


def test_an_unknown_scope_is_a_form_error_not_a_500(client, akim, some_appeals):
    client.force_login(akim)
    response = client.get(url() + "&scope=everything")
    assert response.status_code == 200
    assert "sheet" not in response.context
    assert response.context["chooser"].errors["scope"]


def test_every_sheet_states_what_its_rows_count(client, akim, some_appeals):
    client.force_login(akim)
    body = client.get(url(form="appeal-topics")).content.decode()
    assert 'class="sheet-notes"' in body
    # The topic mapping as the admin has it: water supply counts in housing and utilities.
    assert "Водоснабжение" in body


def test_cli_refuses_an_unknown_scope(tree):
    with pytest.raises(CommandError, match="scope"):
        call_command(
            "report", "appeal-topics", "--territory", "111033000",
            "--from", "2021-01-01", "--to", "2021-12-31", "--scope", "all",
        )  # fmt: skip


def test_the_records_page_names_the_figure_in_words(client, akim, some_appeals):
    client.force_login(akim)
    body = client.get(url("records/") + "&figure=considered").content.decode()
    assert "Всего рассмотрено" in body
    assert "considered =" not in body and "<code>considered</code>" not in body


def test_report_subtitles_write_dates_in_the_active_language(client, akim, some_appeals):
    client.force_login(akim)
    for lang in ("ru", "kk"):
        subtitle = client.get(url().replace("/ru/", f"/{lang}/")).context["sheet"]["subtitle"]
        assert "2021-01-01" not in subtitle
        assert "01.01.2021" in subtitle and "31.12.2021" in subtitle
