"""Responses, online or entered from paper: the answers and traits checked against the survey."""

from __future__ import annotations

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tyndau.core.errors import DomainError

from ..models import Answer, QuestionKind, Response, ResponseChannel, ResponseTrait, Survey
from .codes import _require_open, respondent_key

MAX_TEXT = 2000


def _clean_answers(survey: Survey, answers: dict) -> list[Answer]:
    rows: list[Answer] = []
    for question in survey.questions.prefetch_related("choices"):
        value = answers.get(question.pk)
        choices = {c.pk: c for c in question.choices.all()}
        empty = value in (None, "", [], ())
        if empty:
            if question.required:
                raise DomainError(
                    _("Answer the question: %(question)s") % {"question": question.text},
                    code="required",
                )
            continue
        if question.kind == QuestionKind.SINGLE:
            pk = int(value) if str(value).isdigit() else None
            if pk not in choices:
                raise DomainError(_("Choose one of the options."), code="choice")
            rows.append(Answer(question=question, choice=choices[pk]))
        elif question.kind == QuestionKind.MULTIPLE:
            picked = {int(v) for v in value if str(v).isdigit()}
            if not picked or not picked <= set(choices):
                raise DomainError(_("Choose one or more of the options."), code="choice")
            rows += [Answer(question=question, choice=choices[pk]) for pk in sorted(picked)]
        elif question.kind == QuestionKind.SCALE:
            score = int(value) if str(value).isdigit() else 0
            if not 1 <= score <= 5:
                raise DomainError(_("Choose a value from 1 to 5."), code="scale")
            rows.append(Answer(question=question, scale=score))
        else:
            text = str(value).strip()
            if len(text) > MAX_TEXT:
                raise DomainError(_("The answer is too long."), code="text")
            if text:
                rows.append(Answer(question=question, text=text))
            elif question.required:
                raise DomainError(
                    _("Answer the question: %(question)s") % {"question": question.text},
                    code="required",
                )
    return rows


def _clean_traits(survey: Survey, traits: dict) -> list[ResponseTrait]:
    rows = []
    for trait in survey.traits.prefetch_related("options"):
        code = traits.get(trait.code)
        option = next((o for o in trait.options.all() if o.code == code), None)
        if option is None:
            raise DomainError(
                _("Choose your answer to: %(trait)s") % {"trait": trait.name}, code="trait"
            )
        rows.append(ResponseTrait(trait=trait, option=option))
    return rows


@transaction.atomic
def response_submit(
    *,
    survey: Survey,
    respondent_key: str,
    answers: dict,
    traits: dict,
    channel: str = ResponseChannel.SMS,
    respondent_name: str = "",
    phone: str = "",
    entered_by=None,
) -> Response:
    """Record one respondent's answers. A second response of the same respondent is refused
    (the database constraint decides, so two at once cannot both pass)."""
    if channel == ResponseChannel.SMS:
        _require_open(survey)
    elif survey.opens_on > timezone.localdate():
        raise DomainError(_("This survey has not opened yet."), code="closed")
    if not respondent_key:
        raise DomainError(_("Confirm your phone first."), code="key")
    answer_rows = _clean_answers(survey, answers)
    trait_rows = _clean_traits(survey, traits)
    duplicate = DomainError(
        _("This respondent has already answered the survey: one answer per person.")
        if channel == ResponseChannel.PAPER
        else _("This survey was already answered from this phone: one answer per person."),
        code="duplicate",
    )
    if Response.objects.filter(survey=survey, respondent_key=respondent_key).exists():
        raise duplicate
    try:
        with transaction.atomic():
            response = Response.objects.create(
                survey=survey,
                channel=channel,
                respondent_key=respondent_key,
                respondent_name="" if survey.is_anonymous else (respondent_name or "").strip(),
                phone="" if survey.is_anonymous else (phone or "").strip(),
                entered_by=entered_by,
            )
    except IntegrityError:
        raise duplicate from None
    for row in answer_rows:
        row.response = response
    for row in trait_rows:
        row.response = response
    Answer.objects.bulk_create(answer_rows)
    ResponseTrait.objects.bulk_create(trait_rows)
    return response


def response_enter_paper(
    *, survey: Survey, phone: str, respondent_name: str, answers: dict, traits: dict, by
) -> Response:
    """A clerk enters a paper form; the respondent's phone keys the one-answer rule."""
    if not (respondent_name or "").strip():
        raise DomainError(_("Write down the respondent's name from the form."), code="name")
    return response_submit(
        survey=survey,
        respondent_key=respondent_key(survey=survey, phone=phone),
        answers=answers,
        traits=traits,
        channel=ResponseChannel.PAPER,
        respondent_name=respondent_name,
        phone=phone,
        entered_by=by,
    )
