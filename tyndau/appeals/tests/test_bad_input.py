"""Bad input never gives a 500 (issue 12, point 3): the importer names the row of a huge
field, a NUL byte or the row past the limit (read as a stream), and saves nothing; the
staff risk map inserts numbers as text; property tests on the IIN/BIN check and the
importer."""

import csv
import datetime as dt
import io
import tracemalloc

import pytest
from django.core.management import CommandError, call_command
from django.utils import translation
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook

from tyndau.appeals.importing import IMPORT_COLUMNS, ImportFailed, appeals_import, read_rows
from tyndau.appeals.models import Appeal
from tyndau.appeals.validators import check_digit_ok, validate_iin

pytestmark = pytest.mark.django_db

GOOD = {
    "number": "KY-2025-00007",
    "territory": "111033100",
    "received_on": "2025-03-03",
    "channel": "written",
    "applicant_type": "individual",
    "kind": "statement",
    "topic": "water_supply",
    "text": "Нет воды на улице Ленина",
    "status": "answered",
    "outcome": "explained",
    "decided_on": "2025-03-20",
    "redirected_to": "",
    "repeated": "0",
    "signatories": "1",
    "lat": "53.28",
    "lon": "69.39",
}


def write_csv(path, *rows):
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=IMPORT_COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    return path


def import_errors(path) -> list[str]:
    with translation.override("en"):
        with pytest.raises(ImportFailed) as caught:
            appeals_import(path=path)
        return [str(e) for e in caught.value.errors]


def test_a_field_over_128_kb_names_its_row_and_saves_nothing(office, tmp_path):
    path = write_csv(
        tmp_path / "big.csv",
        GOOD,
        {**GOOD, "number": "KY-2025-00008"},
        {**GOOD, "number": "KY-2025-00009", "text": "а" * 140_000},
    )
    assert import_errors(path) == ["row 4: a field is longer than 131 072 characters"]
    assert Appeal.objects.count() == 0


def test_the_command_reports_the_huge_field_without_a_traceback(office, tmp_path):
    path = write_csv(tmp_path / "big.csv", {**GOOD, "text": "x" * 200_000})
    err = io.StringIO()
    with pytest.raises(CommandError) as caught:
        call_command(
            "import_appeals", str(path), "--language", "ru", stdout=io.StringIO(), stderr=err
        )
    shown = str(caught.value) + err.getvalue()
    assert "строка 2" in shown and "Traceback" not in shown
    assert Appeal.objects.count() == 0


def test_a_nul_byte_names_its_row_and_saves_nothing(office, tmp_path):
    path = write_csv(
        tmp_path / "nul.csv", GOOD, {**GOOD, "number": "KY-2025-00008", "text": "вода\x00 нет"}
    )
    assert import_errors(path) == ["row 3: contains a NUL character (a damaged file?)"]
    assert Appeal.objects.count() == 0


def test_rows_past_the_limit_are_refused_while_reading_csv(office, tmp_path, settings):
    settings.TYNDAU_IMPORT_MAX_ROWS = 50
    path = write_csv(tmp_path / "many.csv", *({**GOOD, "number": f"N-{i}"} for i in range(60)))
    assert import_errors(path) == [
        "row 52: the file has more than 50 rows: split it into smaller files"
    ]
    assert Appeal.objects.count() == 0


def test_an_xlsx_past_the_limit_is_refused_while_streaming(office, tmp_path, settings):
    """Reading stops at the limit: memory stays far below what the whole sheet needs."""
    settings.TYNDAU_IMPORT_MAX_ROWS = 100
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet()
    sheet.append(IMPORT_COLUMNS)
    for i in range(20_000):
        sheet.append([f"N-{i}", *list(GOOD.values())[1:]])
    path = tmp_path / "many.xlsx"
    workbook.save(path)
    tracemalloc.start()
    with translation.override("en"):
        with pytest.raises(ImportFailed) as caught:
            read_rows(path)
        errors = [str(e) for e in caught.value.errors]
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert errors == ["row 102: the file has more than 100 rows: split it into smaller files"]
    assert peak < 20 * 1024 * 1024  # 20,000 rows read whole would hold every cell


def test_a_damaged_xlsx_is_a_clear_error(office, tmp_path):
    path = tmp_path / "broken.xlsx"
    path.write_bytes(b"PK\x03\x04 not really a workbook")
    with pytest.raises(CommandError):
        call_command("import_appeals", str(path), stdout=io.StringIO())
    assert Appeal.objects.count() == 0


# --- property-based ----------------------------------------------------------------------

WEIGHTS_1 = (1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11)
WEIGHTS_2 = (3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2)


def _reference_check(number: str) -> bool:
    """The check written out again from the official description (an independent oracle)."""
    if len(number) != 12 or not all("0" <= c <= "9" for c in number):
        return False
    digits = list(map(int, number))
    first = sum(a * b for a, b in zip(digits[:11], WEIGHTS_1, strict=True)) % 11
    if first != 10:
        return first == digits[11]
    second = sum(a * b for a, b in zip(digits[:11], WEIGHTS_2, strict=True)) % 11
    return second != 10 and second == digits[11]


@settings(max_examples=300, deadline=None, database=None)
@given(st.text(alphabet="0123456789", min_size=12, max_size=12) | st.text(max_size=14))
def test_iin_check_agrees_with_the_reference(number):
    assert check_digit_ok(number) == _reference_check(number)


@settings(max_examples=200, deadline=None, database=None)
@given(st.text(alphabet="0123456789", min_size=11, max_size=11), st.integers(0, 9))
def test_exactly_one_check_digit_or_none_fits(body, digit):
    fits = [d for d in range(10) if check_digit_ok(body + str(d))]
    assert len(fits) <= 1
    if fits and digit != fits[0]:
        from django.core.exceptions import ValidationError

        with pytest.raises(ValidationError):
            validate_iin(body + str(digit))


CELL = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=40)


@settings(
    max_examples=40,
    deadline=None,
    database=None,
    suppress_health_check=list(HealthCheck),
)
@given(st.lists(st.fixed_dictionaries({c: CELL for c in IMPORT_COLUMNS}), min_size=1, max_size=4))
def test_any_csv_is_imported_or_refused_with_named_rows(tree, tmp_path_factory, rows):
    from django.db import transaction

    path = tmp_path_factory.mktemp("fuzz") / "fuzz.csv"
    write_csv(path, *rows)
    before = Appeal.objects.count()
    sid = transaction.savepoint()
    try:
        with translation.override("en"):
            try:
                appeals_import(path=path)
            except ImportFailed as failed:
                assert failed.errors and all(str(e).startswith("row ") for e in failed.errors)
                assert Appeal.objects.count() == before  # nothing half-saved
    finally:
        transaction.savepoint_rollback(sid)


# XLSX cells carry types a CSV has not: numbers, dates and times, booleans, empty cells,
# formulas. A clerk's spreadsheet may put any of them in any column.
XLSX_CELL = st.one_of(
    st.none(),
    st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), max_size=40),
    st.integers(-(10**20), 10**20),
    st.floats(allow_nan=False, allow_infinity=False),
    st.booleans(),
    st.datetimes(min_value=dt.datetime(1900, 3, 1), max_value=dt.datetime(2100, 1, 1)),
    st.dates(min_value=dt.date(1900, 3, 1), max_value=dt.date(2100, 1, 1)),
    st.sampled_from(["=1+1", '=HYPERLINK("http://x")', "#N/A", "1e309", "  ", "0"]),
)


@settings(
    max_examples=40,
    deadline=None,
    database=None,
    suppress_health_check=list(HealthCheck),
)
@given(
    st.lists(
        st.dictionaries(st.sampled_from(IMPORT_COLUMNS), XLSX_CELL, max_size=4),
        min_size=1,
        max_size=4,
    )
)
def test_any_xlsx_is_imported_whole_or_refused_with_named_rows(tree, tmp_path_factory, changes):
    """Each row is a good one with up to four cells replaced by any typed value: the file
    is imported whole (one appeal a row) or refused, every error naming its row, and
    nothing is saved; never another exception."""
    from django.db import transaction

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet()
    sheet.append(IMPORT_COLUMNS)
    for i, change in enumerate(changes):
        row = {**GOOD, "number": f"XL-2025-{i:05d}", **change}
        sheet.append([row[c] for c in IMPORT_COLUMNS])
    path = tmp_path_factory.mktemp("fuzz") / "fuzz.xlsx"
    workbook.save(path)
    before = Appeal.objects.count()
    sid = transaction.savepoint()
    try:
        with translation.override("en"):
            try:
                result = appeals_import(path=path)
            except ImportFailed as failed:
                assert failed.errors and all(str(e).startswith("row ") for e in failed.errors)
                assert Appeal.objects.count() == before  # nothing half-saved
            else:  # every row went in: as a new appeal, or onto one of the same number
                assert result.total == len(changes)
                assert Appeal.objects.count() - before == result.created
    finally:
        transaction.savepoint_rollback(sid)


# --- the risk map -----------------------------------------------------------------------


def test_the_risk_map_inserts_an_imported_number_as_text(client, office, clerk):
    payload = "<img src=x onerror=alert(1)>"
    appeals_import(
        rows=[{**GOOD, "number": payload, "status": "registered", "outcome": "", "decided_on": ""}]
    )
    appeal = Appeal.objects.get()
    assert appeal.number == payload and appeal.latitude
    client.force_login(clerk)
    page = client.get("/ru/staff/appeals/risk-map/").content.decode()
    assert payload not in page  # json_script escapes < and >
    assert "\\u003Cimg src=x onerror=alert(1)\\u003E" in page
    assert "<script>" not in page and "bindPopup('<" not in page
    script = (
        __import__("pathlib").Path(__file__).parents[1] / "static/appeals/risk_map.js"
    ).read_text()
    assert "innerHTML" not in script and "textContent = String(p.number)" in script


def test_a_nul_in_a_territory_address_is_a_400_page(client, tree):
    response = client.get("/ru/territories/%00/")
    assert response.status_code == 400
    assert "Неверный запрос" in response.content.decode()
    api = client.get("/api/v1/territories/?code=%00")
    assert api.status_code in (400, 403)
