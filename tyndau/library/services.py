"""State changes of the answer library. Nothing else writes an Entry or an Impression.

A published question must pass the project's anonymiser unchanged
(``tyndau.appeals.selectors.anonymise``): no IIN, phone, e-mail, house number, nor the
applicant's name. Filing an appeal is never blocked by the library: suggestions are only
shown, and counted.
"""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tyndau.appeals.models import Appeal, Topic
from tyndau.appeals.selectors import anonymise
from tyndau.core.errors import DomainError
from tyndau.core.locking import save_versioned
from tyndau.privacy.anonymiser import names_in
from tyndau.territory.models import Office

from . import search
from .models import Entry, Impression

TEXT_FIELDS = ("question_ru", "question_kk", "answer_ru", "answer_kk")


def _names_of(appeal: Appeal | None) -> list[str]:
    return [appeal.applicant_name] if appeal is not None and appeal.applicant_name else []


def _check(values: dict, *, appeal: Appeal | None) -> dict:
    values = {key: (values.get(key) or "").strip() for key in TEXT_FIELDS}
    pairs = [
        (values["question_ru"], values["answer_ru"]),
        (values["question_kk"], values["answer_kk"]),
    ]
    if not any(q and a for q, a in pairs):
        raise DomainError(
            _("Give a question and its answer in Russian or in Kazakh (or both)."), code="empty"
        )
    for question, answer in pairs:
        if bool(question) != bool(answer):
            raise DomainError(
                _("Each language needs both the question and the answer."), code="pair"
            )
    names = _names_of(appeal)
    for key in ("question_ru", "question_kk"):
        if values[key] and anonymise(values[key], names=names) != values[key]:
            raise DomainError(
                _(
                    "The question still contains personal data (a name, an IIN, a phone, an "
                    "e-mail or a house number). Rewrite it so that nobody can be recognised."
                ),
                code="personal_data",
            )
    for key in ("answer_ru", "answer_kk"):
        if values[key] and names_in(values[key], names=names):
            raise DomainError(
                _("The answer names the applicant. Remove the name before publishing."),
                code="personal_data",
            )
    if appeal is not None:
        for secret in (appeal.iin, appeal.phone, appeal.email):
            if secret and any(secret in values[key] for key in TEXT_FIELDS):
                raise DomainError(
                    _("The entry contains the applicant's IIN, phone or e-mail. Remove it."),
                    code="personal_data",
                )
    return values


def _search_text(values: dict) -> str:
    return " ".join(values[key] for key in TEXT_FIELDS if values[key]).lower()


@transaction.atomic
def entry_publish(
    *,
    office: Office,
    topic: Topic,
    question_ru: str = "",
    question_kk: str = "",
    answer_ru: str = "",
    answer_kk: str = "",
    legal_basis: str = "",
    source_appeal: Appeal | None = None,
    by=None,
) -> Entry:
    """Publish a question and its answer (typically from an appeal that was *explained*)."""
    values = _check(
        {
            "question_ru": question_ru,
            "question_kk": question_kk,
            "answer_ru": answer_ru,
            "answer_kk": answer_kk,
        },
        appeal=source_appeal,
    )
    entry = Entry.objects.create(
        office=office,
        topic=topic,
        legal_basis=(legal_basis or "").strip(),
        source_appeal=source_appeal,
        published_at=timezone.now(),
        published_by=by,
        search_text=_search_text(values),
        **values,
    )
    search.index_entry(entry)
    return entry


@transaction.atomic
def entry_update(
    *,
    entry: Entry,
    topic: Topic,
    question_ru: str = "",
    question_kk: str = "",
    answer_ru: str = "",
    answer_kk: str = "",
    legal_basis: str = "",
    is_published: bool = True,
    by=None,
    expected_version: int | None = None,
) -> Entry:
    values = _check(
        {
            "question_ru": question_ru,
            "question_kk": question_kk,
            "answer_ru": answer_ru,
            "answer_kk": answer_kk,
        },
        appeal=entry.source_appeal,
    )
    save_versioned(
        entry,
        expected_version,
        topic=topic,
        legal_basis=(legal_basis or "").strip(),
        is_published=is_published,
        search_text=_search_text(values),
        **values,
    )
    search.index_entry(entry)
    return entry


def impressions_record(*, entries, client_key: str) -> None:
    """Count that these entries were shown on one appeal form (once per entry and form)."""
    client_key = (client_key or "").strip()[:64]
    if not client_key:
        return
    Impression.objects.bulk_create(
        [Impression(entry=entry, client_key=client_key) for entry in entries],
        ignore_conflicts=True,
    )


def impressions_mark_filed(*, client_key: str) -> int:
    """The appeal form with this key was sent: its suggestions did not stop the filing."""
    client_key = (client_key or "").strip()[:64]
    if not client_key:
        return 0
    return Impression.objects.filter(client_key=client_key, filed=False).update(filed=True)
