"""State changes of surveys: one-time codes, responses (online or from paper). Nothing else
writes a Response.

One answer per resident: the respondent is keyed by a keyed hash of the phone (per survey);
the database refuses a second response with the same key, whatever the channel.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import re
import secrets

from django.conf import settings
from django.contrib.auth.hashers import check_password, make_password
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from tyndau.core.errors import DomainError
from tyndau.core.sms import sms_send

from .models import (
    Answer,
    PhoneCode,
    QuestionKind,
    Response,
    ResponseChannel,
    ResponseTrait,
    Survey,
)

CODE_TTL = dt.timedelta(minutes=10)
CODES_PER_HOUR = 3
MAX_ATTEMPTS = 5
MAX_TEXT = 2000
_PHONE = re.compile(r"^\+?[\d\s()-]{10,20}$")


def normalise_phone(phone: str) -> str:
    """+7 701 555 12 34, 87015551234 and 7015551234 are the same phone: 77015551234."""
    raw = (phone or "").strip()
    if not _PHONE.match(raw):
        raise DomainError(_("Enter a phone number, for example +7 701 555 12 34."), code="phone")
    digits = re.sub(r"\D", "", raw)
    if len(digits) == 10:
        digits = "7" + digits
    if len(digits) == 11 and digits[0] == "8":
        digits = "7" + digits[1:]
    if len(digits) != 11 or digits[0] != "7":
        raise DomainError(_("Enter a phone number, for example +7 701 555 12 34."), code="phone")
    return digits


def respondent_key(*, survey: Survey, phone: str) -> str:
    """A one-way key of the phone, different in each survey (keys cannot be linked)."""
    message = f"survey:{survey.pk}:{normalise_phone(phone)}".encode()
    return hmac.new(settings.SECRET_KEY.encode(), message, hashlib.sha256).hexdigest()


def _require_open(survey: Survey) -> None:
    if not survey.is_open():
        raise DomainError(_("This survey is not open for answers."), code="closed")


@transaction.atomic
def survey_code_send(*, survey: Survey, phone: str) -> None:
    """Send a one-time code by SMS (at most three an hour to one phone)."""
    _require_open(survey)
    key = respondent_key(survey=survey, phone=phone)
    recent = PhoneCode.objects.filter(
        survey=survey, respondent_key=key, created_at__gte=timezone.now() - dt.timedelta(hours=1)
    ).count()
    if recent >= CODES_PER_HOUR:
        raise DomainError(
            _("Three codes were already sent to this phone in the last hour. Try later."),
            code="too_many",
        )
    code = f"{secrets.randbelow(10**6):06d}"
    PhoneCode.objects.create(
        survey=survey,
        respondent_key=key,
        code_hash=make_password(code),
        expires_at=timezone.now() + CODE_TTL,
    )
    text = _("Tyndau: your code for the survey is %(code)s. Do not share it.") % {"code": code}
    transaction.on_commit(lambda: sms_send(phone="+" + normalise_phone(phone), text=text))


def survey_code_verify(*, survey: Survey, phone: str, code: str) -> str:
    """Check the latest code sent to the phone; return the respondent key on success.

    Not one transaction on purpose: a wrong attempt is counted even though it fails."""
    _require_open(survey)
    key = respondent_key(survey=survey, phone=phone)
    sent = (
        PhoneCode.objects.filter(survey=survey, respondent_key=key, used_at=None)
        .order_by("-created_at", "-id")
        .first()
    )
    wrong = DomainError(_("The code is wrong or has expired. Ask for a new one."), code="code")
    if sent is None or sent.expires_at < timezone.now() or sent.attempts >= MAX_ATTEMPTS:
        raise wrong
    if not check_password((code or "").strip(), sent.code_hash):
        PhoneCode.objects.filter(pk=sent.pk).update(attempts=F("attempts") + 1)
        raise wrong
    if not PhoneCode.objects.filter(pk=sent.pk, used_at=None).update(used_at=timezone.now()):
        raise wrong  # used at the same moment by another request
    return key


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
