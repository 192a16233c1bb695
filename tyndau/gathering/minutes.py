"""The minutes (протокол / хаттама) of a session, generated from its record as a PDF in
Kazakh or Russian (WeasyPrint). The minutes are drawn up from what the services recorded:
the roll that day, who was present, the quorum, each question with the votes counted in
the database and the decision, and the lines the chair and the secretary sign."""

from __future__ import annotations

from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _

from tyndau.core.errors import DomainError

from . import selectors
from .models import Session

LANGUAGES = ("kk", "ru")


def minutes_html(*, session: Session, language: str) -> str:
    if language not in LANGUAGES:
        raise DomainError(_("The minutes are drawn up in Kazakh or Russian."))
    with translation.override(language):
        return render_to_string(
            "gathering/minutes.html",
            {**selectors.session_record(session=session), "language": language},
        )


def minutes_document(*, session: Session, language: str):
    """The laid-out document (WeasyPrint), before it is written as PDF."""
    try:
        from weasyprint import HTML
    except (ImportError, OSError) as error:  # pragma: no cover - depends on system libraries
        raise DomainError(
            _("PDF export is not available on this server: %(error)s") % {"error": error}
        ) from error
    return HTML(string=minutes_html(session=session, language=language)).render()


def minutes_pdf(*, session: Session, language: str) -> bytes:
    return minutes_document(session=session, language=language).write_pdf()


def minutes_filename(*, session: Session, language: str) -> str:
    return f"minutes-{session.territory.code}-{session.number}-{language}.pdf"
