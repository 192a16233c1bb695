"""The register of assignments (таблица поручений) and the protocol of a meeting.

After meetings, receptions and gatherings the akim's office puts every assignment in a
table with the deadline and the responsible executor and sends it "протокольно": the
register below is that table (filters, no row cap, paginated on the page; exported whole
to XLSX and PDF), and ``protocol_pdf``/``protocol_docx`` write a meeting's protocol from
its record (questions raised, who answers for each, the assignments with executor and
deadline) in Kazakh or Russian.
"""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass

from django.db.models import Q, QuerySet
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from .services import ReportError

PROTOCOL_LANGUAGES = ("kk", "ru")


@dataclass(frozen=True)
class RegisterFilter:
    """What the register is narrowed to; every field optional."""

    meeting: int | None = None
    executor: int | None = None
    status: str = ""
    due_from: dt.date | None = None
    due_to: dt.date | None = None
    overdue: bool = False


def register_filter(assignments: QuerySet, flt: RegisterFilter, *, today=None) -> QuerySet:
    """The assignments matching the filter, in the order of the circulated table
    (deadline, then the order given)."""
    today = today or timezone.localdate()
    q = Q()
    if flt.meeting:
        q &= Q(question__meeting_id=flt.meeting)
    if flt.executor:
        q &= Q(executor_id=flt.executor)
    if flt.status:
        q &= Q(status=flt.status)
    if flt.due_from:
        q &= Q(due_on__gte=flt.due_from)
    if flt.due_to:
        q &= Q(due_on__lte=flt.due_to)
    if flt.overdue:
        q &= Q(status="in_progress", due_on__lt=today)
    return assignments.filter(q).order_by("due_on", "id")


def _person(user) -> str:
    if user is None:
        return "—"
    return user.get_full_name() or user.get_username()


def register_rows(assignments, *, today=None) -> list[dict]:
    """One plain row per assignment, as the table shows it."""
    today = today or timezone.localdate()
    rows = []
    for number, a in enumerate(assignments, start=1):
        meeting = a.question.meeting
        rows.append(
            {
                "number": number,
                "pk": a.pk,
                "meeting": str(meeting),
                "meeting_pk": meeting.pk,
                "question": a.question.text,
                "text": a.text,
                "executor": _person(a.executor),
                "given_on": a.given_on,
                "due_on": a.due_on,
                "status": a.get_status_display(),
                "overdue": a.is_overdue(today),
                "done_on": a.done_on,
                "result": a.result,
            }
        )
    return rows


def register_columns() -> list[str]:
    return [
        pgettext("assignment register", "No."),
        pgettext("assignment register", "Meeting"),
        pgettext("assignment register", "Question raised"),
        pgettext("assignment register", "Assignment"),
        pgettext("assignment register", "Responsible executor"),
        pgettext("assignment register", "Given on"),
        pgettext("assignment register", "Deadline"),
        pgettext("assignment register", "Status"),
        pgettext("assignment register", "Done on, result"),
    ]


def _d(value) -> str:
    """Dates as the office writes them in both languages: dd.mm.yyyy."""
    return f"{value:%d.%m.%Y}" if value else ""


def _status(row) -> str:
    return row["status"] + (" — " + _("overdue") if row["overdue"] else "")


def register_xlsx(*, rows: list[dict], title: str, subtitle: str) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Border, Font, Side

    book = Workbook()
    ws = book.active
    ws.title = _("Assignments")[:31]
    columns = register_columns()
    thin = Side(style="thin")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    ws.cell(row=1, column=1, value=title).font = Font(bold=True, size=13)
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(columns))
    ws.cell(row=2, column=1, value=subtitle)
    ws.merge_cells(start_row=2, start_column=1, end_row=2, end_column=len(columns))
    for column, label in enumerate(columns, start=1):
        cell = ws.cell(row=4, column=column, value=label)
        cell.font = Font(bold=True)
        cell.border = border
        cell.alignment = Alignment(wrap_text=True, horizontal="center", vertical="center")
    for index, row in enumerate(rows, start=5):
        values = [
            row["number"],
            row["meeting"],
            row["question"],
            row["text"],
            row["executor"],
            row["given_on"],
            row["due_on"],
            _status(row),
            " ".join(filter(None, [_d(row["done_on"]), row["result"]])),
        ]
        for column, value in enumerate(values, start=1):
            cell = ws.cell(row=index, column=column, value=value)
            cell.border = border
            cell.alignment = Alignment(wrap_text=True, vertical="top")
            if isinstance(value, dt.date):
                cell.number_format = "DD.MM.YYYY"
    for letter, width in zip("ABCDEFGHI", [6, 28, 40, 40, 24, 12, 12, 16, 36], strict=True):
        ws.column_dimensions[letter].width = width
    ws.freeze_panes = "A5"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _weasyprint():
    try:
        from weasyprint import HTML
    except (ImportError, OSError) as error:  # pragma: no cover - system libraries
        raise ReportError(
            _("PDF export is not available on this server: %(error)s") % {"error": error},
            code="pdf_unavailable",
        ) from error
    return HTML


def register_pdf(*, rows: list[dict], title: str, subtitle: str) -> bytes:
    html = render_to_string(
        "reports/register_pdf.html",
        {"rows": rows, "title": title, "subtitle": subtitle, "columns": register_columns()},
    )
    return _weasyprint()(string=html).write_pdf()


# --- the protocol of a meeting -------------------------------------------------------------


def _check_language(lang: str) -> None:
    if lang not in PROTOCOL_LANGUAGES:
        raise ReportError(
            _("The protocol is written in Kazakh (kk) or Russian (ru), not “%(lang)s”.")
            % {"lang": lang},
            code="bad_language",
        )


def protocol_data(meeting) -> dict:
    """What the protocol says, in the active language: the meeting, who was there, each
    question with who answers for it, and the assignments given."""
    questions = []
    for number, question in enumerate(
        meeting.questions.select_related(
            "topic", "appeal__executor", "assignment__executor"
        ).order_by("id"),
        start=1,
    ):
        assignment = getattr(question, "assignment", None)
        appeal = question.appeal
        if assignment is not None:
            answered_by = _("Answers for it: %(who)s.") % {"who": _person(assignment.executor)}
        elif appeal is not None:
            answered_by = _("Answers for it: %(who)s.") % {
                "who": _("registered as appeal %(number)s; executor: %(executor)s")
                % {"number": appeal.number, "executor": _person(appeal.executor)}
            }
        else:
            answered_by = _("Answered at the meeting.")
        questions.append(
            {
                "number": number,
                "text": question.text,
                "topic": question.topic.name,
                "repeated": question.repeated,
                "critical": question.critical_of is not None,
                "answered_by": answered_by,
                "assignment": assignment,
                "assignment_status": assignment.get_status_display() if assignment else "",
            }
        )
    assignments = [q for q in questions if q["assignment"] is not None]
    return {
        "title": _("Protocol of the meeting with residents"),
        "meeting": meeting,
        "kind": meeting.get_kind_display(),
        "date": _d(meeting.held_on or meeting.planned_on),
        "office": str(meeting.office),
        "territory": meeting.territory.name,
        "place": meeting.place,
        "subject": meeting.title,
        "present": meeting.participants_offline,
        "online": meeting.participants_online,
        "speakers": meeting.speakers,
        "questions": questions,
        "assignments": [
            {
                "number": q["number"],
                "text": q["assignment"].text,
                "executor": _person(q["assignment"].executor),
                "due_on": _d(q["assignment"].due_on),
                "status": q["assignment_status"],
            }
            for q in assignments
        ],
        "minutes": meeting.minutes,
    }


def protocol_pdf(*, meeting, lang: str) -> bytes:
    _check_language(lang)
    with translation.override(lang):
        html = render_to_string("reports/protocol_pdf.html", protocol_data(meeting))
    return _weasyprint()(string=html).write_pdf()


def protocol_docx(*, meeting, lang: str) -> bytes:
    """The protocol as a Word document (python-docx), in Kazakh or Russian."""
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    _check_language(lang)
    with translation.override(lang):
        data = protocol_data(meeting)
        document = Document()
        style = document.styles["Normal"]
        style.font.name = "Times New Roman"
        style.font.size = Pt(12)
        heading = document.add_paragraph()
        heading.alignment = WD_ALIGN_PARAGRAPH.CENTER
        heading.add_run(data["title"].upper()).bold = True
        centre = document.add_paragraph(f"{data['kind']} — {data['date']}")
        centre.alignment = WD_ALIGN_PARAGRAPH.CENTER
        office = document.add_paragraph(data["office"])
        office.alignment = WD_ALIGN_PARAGRAPH.CENTER
        for label, value in [
            (_("Territory"), data["territory"]),
            (pgettext("protocol", "Place"), data["place"]),
            (_("Subject"), data["subject"]),
            (_("Present in the hall"), data["present"]),
            (_("Watched online"), data["online"]),
            (_("Spoke"), data["speakers"]),
        ]:
            if value in ("", None):
                continue
            line = document.add_paragraph()
            line.add_run(f"{label}: ").bold = True
            line.add_run(str(value))
        document.add_heading(_("Questions raised and proposals made"), level=2)
        if not data["questions"]:
            document.add_paragraph(_("No questions were recorded."))
        for q in data["questions"]:
            marks = []
            if q["repeated"]:
                marks.append(pgettext("protocol, a question", "repeated"))
            if q["critical"]:
                marks.append(_("critical remark"))
            item = document.add_paragraph(f"{q['number']}. {q['text']}")
            detail = f"{q['topic']}" + (f" ({', '.join(marks)})" if marks else "")
            item.add_run(f"\n{detail}. ").italic = True
            item.add_run(q["answered_by"])
        document.add_heading(_("Assignments"), level=2)
        if data["assignments"]:
            columns = [
                _("Question No."),
                pgettext("assignment register", "Assignment"),
                pgettext("assignment register", "Responsible executor"),
                pgettext("assignment register", "Deadline"),
                pgettext("assignment register", "Status"),
            ]
            table = document.add_table(rows=1, cols=len(columns))
            table.style = "Table Grid"
            for cell, label in zip(table.rows[0].cells, columns, strict=True):
                cell.text = label
                cell.paragraphs[0].runs[0].bold = True
            for a in data["assignments"]:
                cells = table.add_row().cells
                values = [str(a["number"]), a["text"], a["executor"], a["due_on"], a["status"]]
                for cell, value in zip(cells, values, strict=True):
                    cell.text = value
        else:
            document.add_paragraph(_("No assignments were given."))
        document.add_paragraph()
        document.add_paragraph(_("Akim") + " ____________________")
        document.add_paragraph(_("Recorded by") + " ____________________")
        buffer = io.BytesIO()
        document.save(buffer)
    return buffer.getvalue()
