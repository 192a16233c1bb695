import datetime as dt

import pytest

from tyndau.core import sms
from tyndau.core.errors import DomainError
from tyndau.surveys import services
from tyndau.surveys.models import Answer, PhoneCode, Response

from .conftest import choice

pytestmark = pytest.mark.django_db


def _answers(survey, single="да", multiple=("a",), scale=4, text=""):
    q = survey.q
    return {
        q["single"].pk: str(choice(q["single"], single)),
        q["multiple"].pk: [str(choice(q["multiple"], m)) for m in multiple],
        q["scale"].pk: str(scale),
        q["text"].pk: text,
    }


def _paper(survey, clerk, phone, **kw):
    return services.response_enter_paper(
        survey=survey,
        phone=phone,
        respondent_name="Ким Сергей",
        answers=_answers(survey, **kw),
        traits={"role": "resident", "age": "25-34"},
        by=clerk,
    )


def test_a_second_paper_form_from_the_same_phone_is_refused(survey, clerk):
    _paper(survey, clerk, "+7 701 555 12 34")
    with pytest.raises(DomainError) as refused:
        _paper(survey, clerk, "8 (701) 555-12-34", single="нет")  # same phone, other format
    assert refused.value.code == "duplicate"
    assert Response.objects.count() == 1
    assert Answer.objects.filter(choice__text_ru="нет").count() == 0


def test_one_answer_per_phone_across_sms_and_paper(
    survey, clerk, django_capture_on_commit_callbacks
):
    sms.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):  # the SMS leaves after commit
        services.survey_code_send(survey=survey, phone="+77015551234")
    phone, text = sms.outbox[-1]
    assert phone == "+77015551234"
    code = "".join(ch for ch in text if ch.isdigit())
    key = services.survey_code_verify(survey=survey, phone="+77015551234", code=code)
    services.response_submit(
        survey=survey,
        respondent_key=key,
        answers=_answers(survey),
        traits={"role": "official", "age": "35-44"},
    )
    with pytest.raises(DomainError):
        _paper(survey, clerk, "87015551234")
    assert Response.objects.count() == 1


def test_a_wrong_code_is_refused_and_counted(survey):
    services.survey_code_send(survey=survey, phone="+77015551234")
    for _ in range(5):
        with pytest.raises(DomainError):
            services.survey_code_verify(survey=survey, phone="+77015551234", code="000000x")
    assert PhoneCode.objects.get().attempts == 5


def test_an_anonymous_survey_keeps_no_name_nor_phone(survey, clerk):
    response = _paper(survey, clerk, "+77015550000")
    fresh = Response.objects.get(pk=response.pk)
    assert fresh.respondent_name == "" and fresh.phone == ""
    assert "77015550000" not in fresh.respondent_key


def test_required_answers_and_traits_are_checked_and_nothing_half_saved(survey, clerk):
    answers = _answers(survey)
    del answers[survey.q["scale"].pk]
    with pytest.raises(DomainError):
        services.response_enter_paper(
            survey=survey,
            phone="+77015550001",
            respondent_name="X",
            answers=answers,
            traits={"role": "resident", "age": "25-34"},
            by=clerk,
        )
    with pytest.raises(DomainError):
        services.response_enter_paper(
            survey=survey,
            phone="+77015550001",
            respondent_name="X",
            answers=_answers(survey),
            traits={"role": "alien", "age": "25-34"},
            by=clerk,
        )
    with pytest.raises(DomainError):
        _paper(survey, clerk, "+77015550001", scale=7)
    assert Response.objects.count() == 0 and Answer.objects.count() == 0


def test_a_closed_survey_takes_no_online_answers(survey):
    survey.closes_on = dt.date.today() - dt.timedelta(days=1)
    survey.save()
    with pytest.raises(DomainError):
        services.survey_code_send(survey=survey, phone="+77015551234")
    assert PhoneCode.objects.count() == 0
