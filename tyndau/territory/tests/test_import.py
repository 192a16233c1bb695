import pytest
from django.core.management import CommandError, call_command
from django.utils import translation

from tyndau.territory.models import AkimLevel, Office, Territory
from tyndau.territory.services import ImportFailed, territories_import

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


HEADER = "code,parent_code,level,name_ru,name_kk,name_en\n"
GOOD = HEADER + (
    "100,,oblast,Область,Облыс,Oblast\n"
    "110,100,city_oblast,Город,Қала,City\n"
    "111,110,district_in_city,Район в городе,Қаладағы аудан,City district\n"
    "112,110,rural_district,Сельский округ,Ауылдық округ,Rural district\n"
    "113,112,village,Село в округе,Округтегі ауыл,Village in rural district\n"
    "120,100,district,Район,Аудан,District\n"
    "121,120,village,Село района,Аудан ауылы,Village of a district\n"
    "122,120,town,Город районного значения,Аудандық маңызы бар қала,Town\n"
    "200,,capital,Астана,Астана,Astana\n"
    "201,200,district_in_city,Район столицы,Астана ауданы,Capital district\n"
)


def test_import_builds_the_tree_with_derived_akim_levels():
    result = territories_import(text=GOOD)
    assert result.created == 10
    level = dict(Territory.objects.values_list("code", "akim_level"))
    assert level == {
        "100": AkimLevel.OBLAST,
        "110": AkimLevel.CITY_OBLAST,
        "111": AkimLevel.DISTRICT_IN_OBLAST_CITY,
        "112": AkimLevel.LOCAL,
        "113": AkimLevel.LOCAL,
        "120": AkimLevel.DISTRICT,
        "121": AkimLevel.LOCAL,
        "122": AkimLevel.LOCAL,
        "200": AkimLevel.OBLAST,
        "201": AkimLevel.DISTRICT_IN_REPUBLICAN_CITY,
    }


def test_every_territory_with_an_akim_gets_an_office_but_a_village_in_a_rural_district_does_not():
    territories_import(text=GOOD)
    with_office = set(Office.objects.values_list("territory__code", flat=True))
    assert with_office == {"100", "110", "111", "112", "120", "121", "122", "200", "201"}
    assert "113" not in with_office


def test_children_may_come_before_parents_in_the_file():
    lines = GOOD.splitlines()
    text = "\n".join([lines[0], *reversed(lines[1:])]) + "\n"
    territories_import(text=text)
    assert Territory.objects.get(code="113").path == "/100/110/112/113/"


def test_import_is_idempotent_by_code_and_updates_names():
    territories_import(text=GOOD)
    result = territories_import(text=GOOD.replace("Село района", "Село района (новое)"))
    assert result.created == 0 and result.updated == 10
    assert Territory.objects.count() == 10
    assert Office.objects.count() == 9
    assert Territory.objects.get(code="121").name_ru == "Село района (новое)"


def test_population_column_is_optional():
    text = "code,parent_code,level,name_ru,name_kk,name_en,population\n100,,oblast,О,О,O,735000\n"
    territories_import(text=text)
    assert Territory.objects.get(code="100").population == 735000


@pytest.mark.parametrize(
    ("bad_line", "reason"),
    [
        ("130,999,village,Село,Ауыл,Village", "unknown parent code 999"),
        ("130,100,hamlet,Село,Ауыл,Village", "unknown level “hamlet”"),
        ("110,100,district,Дубль,Дубль,Dup", "duplicate code 110 (first on row 3)"),
        ("130,120,village,,Ауыл,Village", "the name name_ru is empty"),
        ("130,120,village,Село,,Village", "the name name_kk is empty"),
        ("130,121,village,Село,Ауыл,Village", "cannot stand under"),
    ],
)
def test_a_bad_row_is_reported_with_its_number_and_nothing_is_saved(bad_line, reason):
    text = GOOD + bad_line + "\n"
    with pytest.raises(ImportFailed) as failure:
        territories_import(text=text)
    messages = [str(e) for e in failure.value.errors]
    assert any(m.startswith("row 12:") and reason in m for m in messages), messages
    assert Territory.objects.count() == 0
    assert Office.objects.count() == 0


def test_all_bad_rows_are_reported_at_once():
    text = HEADER + "1,,oblast,,,\n2,77,village,С,А,V\n"
    with pytest.raises(ImportFailed) as failure:
        territories_import(text=text)
    rows = sorted({e.row for e in failure.value.errors})
    assert rows == [2, 3]


def test_missing_columns_are_reported():
    with pytest.raises(ImportFailed) as failure:
        territories_import(text="code,level\n1,oblast\n")
    assert "missing columns: parent_code, name_ru, name_kk, name_en" in str(failure.value)


def test_command_imports_a_file(tmp_path, capsys):
    path = tmp_path / "t.csv"
    path.write_text(GOOD, encoding="utf-8")
    call_command("import_territories", str(path))
    assert Territory.objects.count() == 10
    assert "10 created" in capsys.readouterr().out


def test_command_exits_non_zero_on_bad_rows_and_saves_nothing(tmp_path, capsys):
    path = tmp_path / "t.csv"
    path.write_text(GOOD + "130,999,village,Село,Ауыл,Village\n", encoding="utf-8")
    with pytest.raises(CommandError, match="nothing was saved"):
        call_command("import_territories", str(path))
    assert "row 12: unknown parent code 999" in capsys.readouterr().err
    assert Territory.objects.count() == 0


def test_moving_a_territory_moves_its_subtree():
    territories_import(text=GOOD)
    territories_import(text=HEADER + "112,120,rural_district,Сельский округ,Ауылдық округ,RD\n")
    assert Territory.objects.get(code="113").path == "/100/120/112/113/"


def test_errors_read_in_russian_for_a_russian_user():
    with translation.override("ru"), pytest.raises(ImportFailed) as failure:
        territories_import(text=GOOD + "130,999,village,Село,Ауыл,Village\n")
    assert "строка 12: неизвестный код вышестоящей территории 999" in str(failure.value)
