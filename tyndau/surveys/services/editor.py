"""Setting a survey up (the staff editor): the survey, its traits and its questions.

Every change to a survey, its traits or its questions claims the survey's version
(``tyndau.core.locking.save_versioned``): of two editors working from the same page, the
second is told to reload, and nothing of theirs is saved. Results are never corrupted by
an edit: a question that has answers, and a trait respondents have given, cannot be
changed or deleted; once anyone has answered, no trait can be added and the survey
cannot switch between anonymous and identified.
"""

from __future__ import annotations

import datetime as dt
import re

from django.db import transaction
from django.db.models import Count, Max
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from tyndau.core.audit import acting
from tyndau.core.errors import DomainError, TransitionError
from tyndau.core.locking import save_versioned

from ..models import Choice, Question, QuestionKind, ResponseTrait, Survey, Trait, TraitOption

SURVEY_TEXTS = ("title_ru", "title_kk", "title_en", "intro_ru", "intro_kk", "intro_en")
_CODE = re.compile(r"^[a-z0-9][a-z0-9_-]{0,31}$")


def _clean_survey(values: dict) -> dict:
    cleaned = {key: (values.get(key) or "").strip() for key in SURVEY_TEXTS}
    if not cleaned["title_ru"] or not cleaned["title_kk"]:
        raise DomainError(_("Give the title in Russian and in Kazakh."), code="title")
    opens_on, closes_on = values.get("opens_on"), values.get("closes_on")
    if not isinstance(opens_on, dt.date) or not isinstance(closes_on, dt.date):
        raise DomainError(_("Give the dates the survey opens and closes."), code="dates")
    if closes_on < opens_on:
        raise DomainError(_("The survey cannot close before it opens."), code="dates")
    cleaned.update(
        opens_on=opens_on, closes_on=closes_on, is_anonymous=bool(values.get("is_anonymous"))
    )
    return cleaned


def _require_editable(survey: Survey) -> None:
    if survey.closed_at is not None:
        raise DomainError(_("The survey is closed: it can no longer be changed."), code="closed")


def _clean_labels(rows, *, incomplete: str) -> list[tuple[str, str, str]]:
    """(ru, kk, en) for each option, at least two, Russian and Kazakh required."""
    cleaned = []
    for row in rows:
        ru, kk, en = ((list(row) + ["", "", ""])[:3]) if row else ("", "", "")
        ru, kk, en = (ru or "").strip(), (kk or "").strip(), (en or "").strip()
        if not ru or not kk:
            raise DomainError(incomplete, code="options")
        if max(len(ru), len(kk), len(en)) > 200:
            raise DomainError(_("An option is too long (200 characters at most)."), code="options")
        cleaned.append((ru, kk, en))
    if len(cleaned) < 2:
        raise DomainError(_("Give at least two options."), code="options")
    return cleaned


@transaction.atomic
def survey_create(*, territory, by, **values) -> Survey:
    """A new survey, a draft until published; the office is the one serving the territory."""
    from tyndau.territory.selectors import office_serving

    cleaned = _clean_survey(values)
    with acting(by):
        return Survey.objects.create(
            office=office_serving(territory=territory), territory=territory, **cleaned
        )


@transaction.atomic
def survey_update(*, survey: Survey, by, expected_version: int | None, **values) -> Survey:
    _require_editable(survey)
    cleaned = _clean_survey(values)
    if cleaned["is_anonymous"] != survey.is_anonymous and survey.responses.exists():
        raise DomainError(
            _(
                "Respondents have already answered under the promise that the survey is "
                "anonymous: it cannot become identified now."
            )
            if survey.is_anonymous
            else _(
                "Respondents have already answered a survey that keeps their names: it "
                "cannot become anonymous now (their names are already recorded)."
            ),
            code="anonymous",
        )
    with acting(by):
        save_versioned(survey, expected_version, **cleaned)
    return survey


@transaction.atomic
def survey_publish(*, survey: Survey, by, expected_version: int | None) -> Survey:
    """Publish a draft: it appears on the portal and takes answers between its dates."""
    _require_editable(survey)
    if survey.is_published:
        raise TransitionError(_("The survey is already published."), code="published")
    questions = list(survey.questions.annotate(n=Count("choices")))
    if not questions:
        raise DomainError(_("Add at least one question before publishing."), code="empty")
    for question in questions:
        if question.kind in (QuestionKind.SINGLE, QuestionKind.MULTIPLE) and question.n < 2:
            raise DomainError(
                _("The question “%(question)s” needs at least two options.")
                % {"question": question.text},
                code="options",
            )
    with acting(by):
        save_versioned(survey, expected_version, is_published=True)
    return survey


@transaction.atomic
def survey_close(*, survey: Survey, by, expected_version: int | None) -> Survey:
    """Close a published survey before its last date: it takes no more answers."""
    _require_editable(survey)
    if not survey.is_published:
        raise TransitionError(_("Only a published survey can be closed."), code="draft")
    with acting(by):
        save_versioned(survey, expected_version, closed_at=timezone.now())
    return survey


def _next_order(queryset) -> int:
    last = queryset.aggregate(n=Max("order"))["n"]
    return 0 if last is None else last + 1


@transaction.atomic
def trait_save(
    *,
    survey: Survey,
    by,
    expected_version: int | None,
    trait: Trait | None = None,
    code: str,
    name_ru: str,
    name_kk: str,
    name_en: str = "",
    options,
) -> Trait:
    """Add a trait or change one nobody has given yet; ``options``: (ru, kk, en) rows."""
    _require_editable(survey)
    if trait is None and survey.responses.exists():
        raise DomainError(
            _(
                "Respondents have already answered: a new trait would leave their answers "
                "out of its breakdown. Traits can only be added before the first answer."
            ),
            code="answered",
        )
    if trait is not None and ResponseTrait.objects.filter(trait=trait).exists():
        raise DomainError(
            _(
                "Respondents have already given this trait: changing it would change their "
                "answers and the breakdowns. It cannot be changed."
            ),
            code="answered",
        )
    code = (code or "").strip().lower()
    if not _CODE.match(code):
        raise DomainError(
            _("The code is latin letters, digits, “-” or “_”, for example: age."), code="code"
        )
    if survey.traits.filter(code=code).exclude(pk=getattr(trait, "pk", None)).exists():
        raise DomainError(_("The survey already has a trait with this code."), code="code")
    names = {"name_ru": (name_ru or "").strip(), "name_kk": (name_kk or "").strip()}
    if not names["name_ru"] or not names["name_kk"]:
        raise DomainError(_("Give the trait's name in Russian and in Kazakh."), code="name")
    names["name_en"] = (name_en or "").strip()
    labels = _clean_labels(
        options, incomplete=_("Each option of the trait needs its label in Russian and in Kazakh.")
    )
    with acting(by):
        save_versioned(survey, expected_version)
        if trait is None:
            trait = Trait.objects.create(
                survey=survey, code=code, order=_next_order(survey.traits), **names
            )
        else:
            for name, value in {"code": code, **names}.items():
                setattr(trait, name, value)
            trait.save()
            trait.options.all().delete()
        for n, (ru, kk, en) in enumerate(labels):
            TraitOption.objects.create(
                trait=trait, code=str(n + 1), label_ru=ru, label_kk=kk, label_en=en, order=n
            )
    return trait


@transaction.atomic
def trait_delete(*, trait: Trait, by, expected_version: int | None) -> None:
    survey = trait.survey
    _require_editable(survey)
    if ResponseTrait.objects.filter(trait=trait).exists():
        raise DomainError(
            _("Respondents have already given this trait: it cannot be deleted."),
            code="answered",
        )
    with acting(by):
        save_versioned(survey, expected_version)
        trait.delete()


@transaction.atomic
def question_save(
    *,
    survey: Survey,
    by,
    expected_version: int | None,
    question: Question | None = None,
    kind: str,
    text_ru: str,
    text_kk: str,
    text_en: str = "",
    required: bool = True,
    choices=(),
) -> Question:
    """Add a question, or change one that has no answers yet; ``choices``: (ru, kk, en)."""
    _require_editable(survey)
    if question is not None and question.answers.exists():
        raise DomainError(
            _(
                "This question already has answers: changing it would change what the "
                "respondents answered. Leave it as it is, or add a new question."
            ),
            code="answered",
        )
    if kind not in QuestionKind.values:
        raise DomainError(_("Choose the kind of the question."), code="kind")
    texts = {
        key: (value or "").strip()
        for key, value in (("text_ru", text_ru), ("text_kk", text_kk), ("text_en", text_en))
    }
    if not texts["text_ru"] or not texts["text_kk"]:
        raise DomainError(
            pgettext("survey", "Give the question in Russian and in Kazakh."), code="text"
        )
    if max(len(value) for value in texts.values()) > 500:
        raise DomainError(_("The question is too long (500 characters at most)."), code="text")
    choices = [row for row in choices if any((cell or "").strip() for cell in row)]
    if kind in (QuestionKind.SINGLE, QuestionKind.MULTIPLE):
        labels = _clean_labels(
            choices,
            incomplete=_("Each answer option needs its text in Russian and in Kazakh."),
        )
    elif choices:
        raise DomainError(
            _("A scale or free-text question has no answer options: leave them empty."),
            code="options",
        )
    else:
        labels = []
    with acting(by):
        save_versioned(survey, expected_version)
        if question is None:
            question = Question.objects.create(
                survey=survey,
                kind=kind,
                required=bool(required),
                order=_next_order(survey.questions),
                **texts,
            )
        else:
            for name, value in {"kind": kind, "required": bool(required), **texts}.items():
                setattr(question, name, value)
            question.save()
            question.choices.all().delete()
        for n, (ru, kk, en) in enumerate(labels):
            Choice.objects.create(question=question, text_ru=ru, text_kk=kk, text_en=en, order=n)
    return question


@transaction.atomic
def question_delete(*, question: Question, by, expected_version: int | None) -> None:
    survey = question.survey
    _require_editable(survey)
    if question.answers.exists():
        raise DomainError(
            _("This question already has answers: it cannot be deleted."), code="answered"
        )
    with acting(by):
        save_versioned(survey, expected_version)
        question.delete()
