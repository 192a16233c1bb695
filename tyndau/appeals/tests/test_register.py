"""The register export (the filtered inbox as CSV and XLSX) and the saved default view of
the inbox: what a clerk, an analyst and the office above get, in the active language."""

import csv
import datetime as dt
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from tyndau.appeals import services
from tyndau.appeals.models import Appeal, SavedInboxView
from tyndau.privacy import policy
from tyndau.privacy.models import AccessRecord
from tyndau.territory.models import Office, Role

pytestmark = pytest.mark.django_db

HEADER_RU = [
    "Номер", "Зарегистрировано", "Канал поступления", "Вид обращения", "Тип заявителя",
    "Заявитель", "Телефон", "Адрес", "Населённый пункт", "Улица", "Тематика", "Исполнитель",
    "Срок", "Осталось рабочих дней", "Статус", "Результат рассмотрения", "Дата решения",
    "На особом контроле", "Риск",
]  # fmt: skip


@pytest.fixture
def appeals(register, executor, clerk):
    first = services.appeal_assign(appeal=register(), executor=executor, by=clerk)
    second = register(topic="roads", applicant_name="Петрова Анна", phone="+77017654321")
    return first, second


def export(client, user, query="", fmt="csv"):
    client.force_login(user)
    r = client.get(reverse("appeals:export") + f"?{query}&format={fmt}")
    assert r.status_code == 200, r.content[:300]
    return r


def csv_rows(response) -> list[list[str]]:
    assert response.streaming  # written while it is sent
    text = b"".join(response.streaming_content).decode("utf-8")
    assert text.startswith("\ufeff")  # Excel reads UTF-8
    return list(csv.reader(io.StringIO(text.lstrip("\ufeff")), delimiter=";"))


def test_the_clerk_exports_the_filtered_inbox_as_the_register(client, appeals, clerk):
    first, second = appeals
    rows = csv_rows(export(client, clerk, "topic=water_supply"))
    assert rows[0] == HEADER_RU
    assert len(rows) == 2  # the filter holds: only the water appeal
    row = dict(zip(rows[0], rows[1], strict=True))
    assert row["Номер"] == first.number
    assert row["Зарегистрировано"] == "02.11.2026"  # dd.mm.yyyy
    assert row["Срок"] == "23.11.2026"
    assert row["Заявитель"] == "Иванов Иван" and row["Телефон"] == "+77011234567"
    assert row["Тематика"] == first.topic.name_ru
    assert row["Статус"] == "на исполнении"
    assert row["Осталось рабочих дней"].lstrip("-").isdigit()
    assert row["Исполнитель"].startswith("Test")
    # the clerk read personal data: the read is logged
    [record] = AccessRecord.objects.filter(user=clerk)
    assert (record.appeal_id, record.channel, record.parts) == (first.pk, "export", ["applicant"])


def test_the_register_is_in_the_active_language(client, appeals, clerk):
    client.force_login(clerk)
    r = client.get("/kk/staff/appeals/export/?format=csv&topic=water_supply")
    rows = csv_rows(r)
    assert rows[0][0] == "Нөмірі"
    assert rows[1][10] == appeals[0].topic.name_kk


def test_an_analyst_gets_the_register_without_personal_data(client, appeals, make_staff, office):
    analyst = make_staff(Role.ANALYST, office)
    rows = csv_rows(export(client, analyst, "status=all"))
    assert len(rows) == 3
    for row in rows[1:]:
        assert row[5:8] == ["", "", ""]  # applicant, phone, address
    assert not AccessRecord.objects.filter(user=analyst).exists()


def test_the_office_above_gets_the_register_without_personal_data(client, appeals, make_staff):
    above = make_staff(Role.AKIM, Office.objects.get(territory__code="111000000"))
    rows = csv_rows(export(client, above, "status=all"))
    assert {r[0] for r in rows[1:]} == {a.number for a in appeals}
    assert all(r[5:8] == ["", "", ""] for r in rows[1:])


def test_the_register_as_xlsx(client, appeals, clerk):
    r = export(client, clerk, "status=all&sort=number", fmt="xlsx")
    assert r["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = load_workbook(io.BytesIO(b"".join(r.streaming_content))).active
    rows = list(sheet.values)
    assert list(rows[0]) == HEADER_RU
    assert [row[0] for row in rows[1:]] == sorted(a.number for a in appeals)
    assert rows[1][1] == dt.datetime(2026, 11, 2)  # a real date cell
    assert sheet.cell(row=2, column=2).number_format == "DD.MM.YYYY"


def test_an_unknown_format_is_refused_with_a_message(client, clerk):
    client.force_login(clerk)
    r = client.get(reverse("appeals:export") + "?format=pdf")
    assert r.status_code == 400
    assert "CSV" in r.content.decode()


def test_the_set_based_policy_agrees_with_the_per_appeal_policy(appeals, make_staff, office):
    first, second = appeals
    services.appeal_assign(
        appeal=second, executor=make_staff(Role.EXECUTOR, office), by=first.registered_by
    )
    users = [make_staff(role, office) for role in Role]
    users += [first.executor, Appeal.objects.get(pk=second.pk).executor]
    users += [make_staff(Role.AKIM, Office.objects.get(territory__code="111000000"))]
    users += [make_staff(Role.CLERK, Office.objects.get(territory__code="114645000"))]
    for user in users:
        for appeal in Appeal.objects.filter(pk__in=[first.pk, second.pk]):
            per_row = policy.Part.APPLICANT in policy.parts_for(user, appeal)
            as_set = Appeal.objects.filter(policy.applicant_q(user=user), pk=appeal.pk).exists()
            assert per_row == as_set, (user, appeal)


# --- the saved default view ------------------------------------------------------------------


def test_the_clerk_saves_a_default_view_and_gets_it_back(client, appeals, clerk):
    client.force_login(clerk)
    r = client.post(reverse("appeals:default-view"), {"query": "topic=roads&sort=risk&junk=1"})
    assert r.status_code == 302
    assert SavedInboxView.objects.get(user=clerk).query == "topic=roads&sort=risk"
    r = client.get(reverse("appeals:inbox"))
    assert r.status_code == 302 and r["Location"].endswith("?topic=roads&sort=risk")
    page = client.get(r["Location"])
    assert [a.number for a in page.context["page"]] == [appeals[1].number]
    assert page.context["is_saved_view"]
    # other filters can still be chosen
    assert client.get(reverse("appeals:inbox") + "?status=all").status_code == 200
    # and the view can be forgotten
    client.post(reverse("appeals:default-view"), {"clear": "1"})
    assert not SavedInboxView.objects.filter(user=clerk).exists()
    assert client.get(reverse("appeals:inbox")).status_code == 200


def test_filters_are_folded_on_a_phone_and_open_when_chosen(client, appeals, clerk):
    client.force_login(clerk)
    page = client.get(reverse("appeals:inbox")).content.decode()
    assert '<details class="filters-fold card">' in page  # folded: the appeals come first
    page = client.get(reverse("appeals:inbox") + "?topic=roads").content.decode()
    assert '<details class="filters-fold card" open>' in page


def test_the_registers_working_days_agree_with_the_calendar(db):
    from tyndau.core import calendar

    today = dt.date(2026, 11, 18)
    left = calendar.WorkingDaysFrom(today)
    for day in [today + dt.timedelta(days=n) for n in (40, -40, 0, 1, -1, 7, -7, 400, -400)]:
        assert left(day) == calendar.working_days_between(today, day), day
