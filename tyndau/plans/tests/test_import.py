"""Export to CSV/XLSX and import back: all-or-nothing, every bad row named."""

import datetime as dt
from decimal import Decimal

import pytest

from tyndau.plans import importing, services
from tyndau.plans.models import FinancingLine, PlanItem, ProgressEntry

ITEMS_HEADER = (
    "code,parent_code,title_ru,title_kk,title_en,due_on,starts_on,status,weight,lat,lon\n"
)


def run(plan, kind, text, filename="table.csv"):
    return importing.plan_import(plan=plan, kind=kind, content=text.encode(), filename=filename)


def test_items_import_creates_a_tree_in_one_go(plan):
    result = run(
        plan,
        "items",
        ITEMS_HEADER
        + "1.1,1,Улица Сейфуллина,Сейфуллин көшесі,Seifullin St,2027-10-01,2027-05-01,planned,,53.29,69.39\n"
        + "1,,Дороги,Жолдар,Roads,,,in_progress,,,\n",
    )
    assert (result.created, result.updated) == (2, 0)
    child = PlanItem.objects.get(plan=plan, code="1.1")
    assert child.parent.code == "1"
    assert child.depth == 1
    assert child.due_on == dt.date(2027, 10, 1)
    assert child.status.code == "planned"
    assert child.latitude == pytest.approx(53.29)


def test_every_bad_row_is_named_and_nothing_is_saved(plan, make_item):
    make_item(code="1", title_ru="Было")
    bad = (
        ITEMS_HEADER
        + "1,,Стало,Болды,,,,,,,\n"  # fine: an update
        + "2,9,Парк,Саябақ,,,,,,,\n"  # row 3: parent not in the plan
        + "3,,,Су,,,,,,,\n"  # row 4: no Russian title
        + "4,,Канал,Арық,,2027-01-01,2027-05-01,,,,\n"  # row 5: due before start
        + "5,,Котельная,Қазандық,,31.02.2027,,unknown,-1,91,\n"  # row 6: several problems
        + "1,,Дубль,Дубль,,,,,,,\n"  # row 7: code twice
    )
    with pytest.raises(importing.ImportFailed) as failed:
        run(plan, "items", bad)
    rows = {e.row for e in failed.value.errors}
    assert rows == {3, 4, 5, 6, 7}
    messages = [str(e) for e in failed.value.errors if e.row == 6]
    assert any("31.02.2027" in m for m in messages)
    assert any("unknown" in m for m in messages)
    assert any("weight" in m for m in messages)
    assert any("lat" in m for m in messages)
    assert PlanItem.objects.filter(plan=plan).count() == 1
    assert PlanItem.objects.get(plan=plan, code="1").title_ru == "Было"


def test_financing_import_names_bad_rows_and_saves_nothing(plan, make_item):
    make_item(code="1")
    with pytest.raises(importing.ImportFailed) as failed:
        run(
            plan,
            "financing",
            "item_code,source,year,planned,spent\n"
            "1,rural,2026,1000,0\n"
            "9,rural,2026,1000,0\n"  # row 3: no such item
            "1,bank,2026,1000,0\n"  # row 4: unknown source
            "1,oblast,2035,1000,0\n"  # row 5: outside the period
            "1,oblast,2026,-5,x\n"  # row 6: negative and not a number
            "1,rural,2026,5,0\n",  # row 7: same item, source and year as row 2
        )
    assert {e.row for e in failed.value.errors} == {3, 4, 5, 6, 7}
    assert not FinancingLine.objects.exists()


def test_export_then_import_round_trips_unchanged(plan, make_item, clerk):
    roads = make_item(code="1", due_on=dt.date(2027, 12, 1), starts_on=dt.date(2026, 4, 1))
    street = make_item(parent=roads, code="1.1", weight=Decimal("2.5"))
    services.financing_set(
        item=street,
        source="oblast",
        year=2027,
        planned=Decimal("1500000.50"),
        spent=Decimal(10),
        budget_programme_code="008",
        by=clerk,
    )
    services.progress_add(
        item=street, on=dt.date(2026, 6, 1), percent=35, text="Снят старый асфальт", by=clerk
    )
    for kind in importing.KINDS:
        for fmt in ("csv", "xlsx"):
            content = importing.plan_export(plan=plan, kind=kind, fmt=fmt)
            result = importing.plan_import(
                plan=plan, kind=kind, content=content, filename=f"x.{fmt}"
            )
            assert (result.created, result.updated) == (0, 0), (kind, fmt)
    assert PlanItem.objects.filter(plan=plan).count() == 2
    assert FinancingLine.objects.count() == 1
    assert ProgressEntry.objects.count() == 1


def test_an_edited_spreadsheet_updates_many_items_at_once(plan, make_item):
    for n in range(1, 6):
        make_item(code=str(n))
    content = importing.plan_export(plan=plan, kind="items", fmt="xlsx")
    from io import BytesIO

    from openpyxl import load_workbook

    book = load_workbook(BytesIO(content))
    sheet = book.active
    header = [c.value for c in sheet[1]]
    status_col = header.index("status") + 1
    for row in range(2, sheet.max_row + 1):
        sheet.cell(row=row, column=status_col, value="in_progress")
    buffer = BytesIO()
    book.save(buffer)
    result = importing.plan_import(
        plan=plan, kind="items", content=buffer.getvalue(), filename="p.xlsx"
    )
    assert result.updated == 5
    assert set(PlanItem.objects.values_list("status__code", flat=True)) == {"in_progress"}


def test_progress_import_updates_the_roll_up(plan, make_item):
    parent = make_item(code="1")
    make_item(parent=parent, code="1.1", money="100")
    make_item(parent=parent, code="1.2", money="100")
    result = run(
        plan,
        "progress",
        "item_code,date,percent,text\n1.1,01.06.2026,50,Половина\n1.2,2026-06-02,100,Готово\n",
    )
    assert result.created == 2
    assert PlanItem.objects.get(code="1").progress == Decimal("75.00")


def test_progress_on_an_item_with_parts_is_a_bad_row(plan, make_item):
    parent = make_item(code="1")
    make_item(parent=parent, code="1.1")
    with pytest.raises(importing.ImportFailed) as failed:
        run(plan, "progress", "item_code,date,percent,text\n1,2026-06-01,50,…\n")
    assert [e.row for e in failed.value.errors] == [2]
    assert not ProgressEntry.objects.exists()


def test_a_file_of_another_type_is_refused(plan):
    with pytest.raises(importing.ImportFailed, match="файл должен быть в формате .csv или .xlsx"):
        importing.plan_import(plan=plan, kind="items", content=b"x", filename="plan.pdf")


def test_missing_columns_are_named(plan):
    with pytest.raises(importing.ImportFailed, match="title_kk"):
        run(plan, "items", "code,title_ru\n1,Дороги\n")


def test_an_unknown_status_or_user_is_named_and_nothing_is_saved(plan):
    from tyndau.plans.models import ItemStatus

    codes = list(ItemStatus.objects.values_list("code", flat=True))
    text = "code,title_ru,title_kk,status,responsible_user\n1,Дороги,Жолдар,nope,nobody\n"
    with pytest.raises(importing.ImportFailed) as failed:
        run(plan, "items", text)
    status, user = (str(e) for e in failed.value.errors)
    assert status.startswith("строка 2:") and "«nope»" in status
    assert codes and all(code in status for code in codes)  # the statuses it may be
    assert user.startswith("строка 2:") and "«nobody»" in user
    assert not PlanItem.objects.filter(plan=plan).exists()
