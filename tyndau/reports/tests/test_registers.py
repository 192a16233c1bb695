"""The register of assignments (filters, no cap, pages, XLSX/PDF) and meeting protocols."""

import datetime as dt
import io
import zipfile

import pytest
from django.utils import translation
from openpyxl import load_workbook

from tyndau.meetings import services as meetings
from tyndau.meetings.models import Assignment
from tyndau.territory.models import Role

pytestmark = pytest.mark.django_db

BASE = "/ru/staff/reports/assignments/"


@pytest.fixture
def given(tree, akim, executor, make_staff, office):
    """Two held meetings; 7 assignments to the executor, 1 to a second executor (done)."""
    second = make_staff(Role.EXECUTOR, office, first_name="Айгерим", last_name="Омарова")
    executor.first_name, executor.last_name = "Ерлан", "Жумабаев"
    executor.save()
    made = {}
    for name, code, day, count in [
        ("first", "111033000", dt.date(2025, 2, 3), 5),
        ("second", "111033200", dt.date(2025, 3, 10), 3),
    ]:
        meeting = meetings.meeting_plan(
            territory=tree[code], kind="gathering", planned_on=day, by=akim, title=name
        )
        meetings.meeting_hold(meeting=meeting, held_on=day, by=akim, participants_offline=40)
        made[name] = meeting
        for i in range(count):
            question = meetings.question_add(
                meeting=meeting, topic="roads", text=f"Ремонт улицы {name} {i}", repeated=i == 0
            )
            who = second if (name == "second" and i == 2) else executor
            assignment = meetings.assignment_give(
                question=question, executor=who, by=akim, given_on=day, notify=False,
                text=f"Поручение {name} {i}",
            )  # fmt: skip
            if who == second:
                meetings.assignment_complete(
                    assignment=assignment, result="Отремонтировано", by=second,
                    done_on=day + dt.timedelta(days=3),
                )  # fmt: skip
    made["executor"], made["other_executor"] = executor, second
    return made


def test_the_register_filters_by_meeting_executor_status_due_and_overdue(client, akim, given):
    client.force_login(akim)
    assert client.get(BASE).context["page"].paginator.count == 8
    by_meeting = client.get(BASE, {"meeting": given["second"].pk})
    assert by_meeting.context["page"].paginator.count == 3
    by_executor = client.get(BASE, {"executor": given["other_executor"].pk})
    assert [r["text"] for r in by_executor.context["rows"]] == ["Поручение second 2"]
    done = client.get(BASE, {"status": "done"})
    assert done.context["page"].paginator.count == 1
    # Every open one is long overdue (given in 2025, 15 working days).
    overdue = client.get(BASE, {"overdue": "on"})
    assert overdue.context["page"].paginator.count == 7
    first_due = Assignment.objects.filter(question__meeting=given["first"]).first().due_on
    due = client.get(BASE, {"due_from": first_due.isoformat(), "due_to": first_due.isoformat()})
    assert due.context["page"].paginator.count == 5


def test_a_bad_filter_is_a_clear_message_not_a_500(client, akim, given):
    client.force_login(akim)
    response = client.get(BASE, {"due_from": "2025-05-01", "due_to": "2025-01-01"})
    assert response.status_code == 200
    assert "Начало периода позже его конца" in response.content.decode()
    assert client.get(BASE + "export/", {"executor": "999999", "format": "xlsx"}).status_code == 400


def test_the_register_has_no_cap_and_pages_by_50(client, akim, given, tree):
    meeting = given["first"]
    for i in range(60):
        question = meetings.question_add(meeting=meeting, topic="land", text=f"Участок {i}")
        meetings.assignment_give(
            question=question, executor=given["executor"], by=akim,
            given_on=meeting.held_on, notify=False,
        )  # fmt: skip
    client.force_login(akim)
    first = client.get(BASE)
    assert first.context["page"].paginator.count == 68
    assert len(first.context["rows"]) == 50
    second = client.get(BASE, {"page": 2})
    assert len(second.context["rows"]) == 18
    assert second.context["rows"][0]["number"] == 51
    book = load_workbook(io.BytesIO(client.get(BASE + "export/", {"format": "xlsx"}).content))
    assert book.active.max_row == 4 + 68  # title, subtitle, blank, header + every row


def test_the_register_exports_as_the_office_circulates_it(client, akim, given):
    client.force_login(akim)
    response = client.get(BASE + "export/", {"format": "xlsx", "meeting": given["second"].pk})
    assert response.status_code == 200
    ws = load_workbook(io.BytesIO(response.content)).active
    assert [c.value for c in ws[4]] == [
        "№ п/п", "Встреча", "Поднятый вопрос", "Поручение", "Ответственный исполнитель",
        "Дата поручения", "Срок исполнения", "Статус", "Отметка об исполнении",
    ]  # fmt: skip
    rows = {row[3]: row for row in ws.iter_rows(min_row=5, values_only=True)}
    assert rows["Поручение second 2"][4] == "Айгерим Омарова"
    assert "Отремонтировано" in rows["Поручение second 2"][8]
    assert "просрочено" in rows["Поручение second 0"][7]
    pdf = client.get(BASE + "export/", {"format": "pdf"})
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")


def test_the_register_shows_only_what_the_user_may_see(client, make_staff, neighbour_office, given):
    stranger = make_staff(Role.AKIM, neighbour_office)
    client.force_login(stranger)
    assert client.get(BASE).context["page"].paginator.count == 0
    book = load_workbook(io.BytesIO(client.get(BASE + "export/", {"format": "xlsx"}).content))
    assert book.active.max_row == 4


def _docx_text(content: bytes) -> str:
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        return archive.read("word/document.xml").decode()


@pytest.mark.parametrize(
    ("lang", "title", "executor_heading"),
    [
        ("ru", "ПРОТОКОЛ ВСТРЕЧИ С НАСЕЛЕНИЕМ", "Ответственный исполнитель"),
        ("kk", "ТҰРҒЫНДАРМЕН КЕЗДЕСУ ХАТТАМАСЫ", "Жауапты орындаушы"),
    ],
)
def test_the_protocol_is_written_as_docx_in_kazakh_and_russian(
    client, akim, given, lang, title, executor_heading
):
    client.force_login(akim)
    meeting = given["second"]
    response = client.get(
        f"/ru/staff/reports/protocol/{meeting.pk}/", {"format": "docx", "lang": lang}
    )
    assert response.status_code == 200
    text = _docx_text(response.content)
    assert title in text
    assert executor_heading in text
    for i in range(3):
        assert f"Ремонт улицы second {i}" in text and f"Поручение second {i}" in text
    assert "Омарова" in text and "Жумабаев" in text
    due = Assignment.objects.filter(question__meeting=meeting).first().due_on
    assert f"{due:%d.%m.%Y}" in text


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_the_protocol_is_written_as_pdf(client, akim, given, lang):
    client.force_login(akim)
    response = client.get(
        f"/ru/staff/reports/protocol/{given['first'].pk}/", {"format": "pdf", "lang": lang}
    )
    assert response.status_code == 200
    assert response.content.startswith(b"%PDF")
    assert f"_{lang}.pdf" in response["Content-Disposition"]


def test_the_protocol_refuses_other_languages_formats_and_strangers(
    client, akim, given, make_staff, neighbour_office
):
    client.force_login(akim)
    url = f"/ru/staff/reports/protocol/{given['first'].pk}/"
    bad_lang = client.get(url, {"format": "docx", "lang": "de"})
    assert bad_lang.status_code == 400
    assert "казахском (kk) или русском (ru)" in bad_lang.content.decode()
    assert client.get(url, {"format": "odt"}).status_code == 400
    client.force_login(make_staff(Role.AKIM, neighbour_office))
    assert client.get(url, {"format": "pdf"}).status_code == 404


def test_the_meeting_page_links_its_protocols(client, akim, given):
    client.force_login(akim)
    body = client.get(f"/ru/staff/meetings/{given['first'].pk}/").content.decode()
    assert f"/ru/staff/reports/protocol/{given['first'].pk}/?format=docx&amp;lang=kk" in body


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("ru", {
            "title": "ПРОТОКОЛ ВСТРЕЧИ С НАСЕЛЕНИЕМ", "place": "Место проведения:",
            "questions": "Поднятые вопросы и внесенные предложения",
            "assignments": "Поручения", "repeated": "(повторный)",
            "executor": "Ответственный: Ерлан Жумабаев.", "at_meeting": ". Ответ дан на встрече.",
            "columns": ["№ вопроса", "Поручение", "Ответственный исполнитель",
                        "Срок исполнения", "Статус"],
            "signatures": ["Аким ____________________", "Протокол вел ____________________"],
        }),
        ("kk", {
            "title": "ТҰРҒЫНДАРМЕН КЕЗДЕСУ ХАТТАМАСЫ", "place": "Өткізілген орны:",
            "questions": "Көтерілген мәселелер мен енгізілген ұсыныстар",
            "assignments": "Тапсырмалар", "repeated": "(қайталама)",
            "executor": "Жауапты: Ерлан Жумабаев.", "at_meeting": ". Кездесуде жауап берілді.",
            "columns": ["Мәселе №", "Тапсырма", "Жауапты орындаушы", "Орындау мерзімі",
                        "Мәртебесі"],
            "signatures": ["Әкім ____________________",
                           "Хаттаманы жүргізген ____________________"],
        }),
    ],
)  # fmt: skip
def test_the_protocol_docx_reads_back_in_the_order_of_a_protocol(
    client, akim, given, lang, expected
):
    """Read back with python-docx: title, meeting and office, the facts, the questions in
    order with who answers for each, the assignments' table, then the signatures."""
    from docx import Document

    meeting = given["second"]
    meeting.place = "Дом культуры"
    meeting.save()
    question = meetings.question_add(meeting=meeting, topic="land", text="Участок под огород")
    client.force_login(akim)
    response = client.get(
        f"/ru/staff/reports/protocol/{meeting.pk}/", {"format": "docx", "lang": lang}
    )
    document = Document(io.BytesIO(response.content))
    lines = [p.text for p in document.paragraphs if p.text.strip()]
    assert lines[0] == expected["title"]
    assert lines[1].endswith("10.03.2025")
    with translation.override(lang):
        assert lines[2] == str(meeting.office)  # the office, centred, without a label
    assert expected["place"] + " Дом культуры" in lines
    questions = lines.index(expected["questions"])
    asked = [line for line in lines[questions + 1 :] if line[:2] in ("1.", "2.", "3.", "4.")]
    assert [line.split("\n")[0] for line in asked] == [
        "1. Ремонт улицы second 0", "2. Ремонт улицы second 1", "3. Ремонт улицы second 2",
        f"4. {question.text}",
    ]  # fmt: skip
    assert expected["repeated"] in asked[0] and expected["repeated"] not in asked[1]
    assert asked[0].endswith(expected["executor"])
    assert "Омарова" in asked[2]
    assert asked[3].endswith(expected["at_meeting"])
    assert lines.index(expected["assignments"]) > questions
    assert lines[-2:] == expected["signatures"]
    (table,) = document.tables
    assert [c.text for c in table.rows[0].cells] == expected["columns"]
    due = Assignment.objects.filter(question__meeting=meeting).order_by("id").first().due_on
    assert [c.text for c in table.rows[1].cells][:4] == [
        "1", "Поручение second 0", "Ерлан Жумабаев", f"{due:%d.%m.%Y}",
    ]  # fmt: skip
    assert len(table.rows) == 1 + 3  # the question without an assignment has no row
