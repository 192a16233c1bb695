"""Demo surveys of Krasnoyarsk: the seed's expert survey (40 respondents: 15 officials of
local executive bodies and 25 residents, aged 25–55) on how the office listens, and an open
survey on the central park that residents can answer on the portal.

Answers of the expert survey are entered as paper forms through the service (so the
one-answer rule and the traits are real). Idempotent by title.
"""

import datetime as dt
import json
from pathlib import Path

from django.contrib.auth import get_user_model
from django.utils import timezone

from tyndau.territory.models import Office

from . import services
from .models import Choice, Question, Survey, Trait, TraitOption

# The two surveys are data, in ``demo_surveys.json`` beside this file: each with its
# ``title``, ``traits`` (code, name and options in ru, kk, en) and ``questions`` (kind,
# text and choices in ru, kk, en); the expert survey also has the residents' ``comments``.
SURVEYS = json.loads((Path(__file__).resolve().parent / "demo_surveys.json").read_text("utf-8"))
COMMENTS = SURVEYS["expert"]["comments"]


def _make_survey(office, spec: dict, *, opens_on, closes_on, anonymous=True):
    title_ru, title_kk, title_en = spec["title"]
    survey = Survey.objects.create(
        office=office,
        territory=office.territory,
        title_ru=title_ru,
        title_kk=title_kk,
        title_en=title_en,
        intro_ru="Опрос проводит аппарат акима. Ответы используются только в обобщённом виде.",
        intro_kk="Сауалнаманы әкім аппараты жүргізеді. Жауаптар тек жалпыланған түрде қолданылады.",
        intro_en="The akim's office runs this survey. Answers are used only in aggregate.",
        opens_on=opens_on,
        closes_on=closes_on,
        is_anonymous=anonymous,
        is_published=True,
    )
    for order, spec_trait in enumerate(spec["traits"]):
        ru, kk, en = spec_trait["name"]
        trait = Trait.objects.create(
            survey=survey, code=spec_trait["code"], name_ru=ru, name_kk=kk, name_en=en, order=order
        )
        for n, (ocode, oru, okk, oen) in enumerate(spec_trait["options"]):
            TraitOption.objects.create(
                trait=trait, code=ocode, label_ru=oru, label_kk=okk, label_en=oen, order=n
            )
    made = []
    for order, spec_question in enumerate(spec["questions"]):
        kind = spec_question["kind"]
        ru, kk, en = spec_question["text"]
        question = Question.objects.create(
            survey=survey,
            kind=kind,
            text_ru=ru,
            text_kk=kk,
            text_en=en,
            order=order,
            required=kind != "text",
        )
        for n, (cru, ckk, cen) in enumerate(spec_question["choices"]):
            Choice.objects.create(question=question, text_ru=cru, text_kk=ckk, text_en=cen, order=n)
        made.append(question)
    return survey, made


def _expert_answers(n: int, official: bool, questions) -> dict:
    scale, gathering, channels, priority, text = questions
    c = lambda q: [ch.pk for ch in q.choices.all()]  # noqa: E731
    chosen = c(channels)
    picks = [chosen[(n + k) % len(chosen)] for k in range(1 + n % 3)]
    if not official:
        picks.append(chosen[0])  # residents write to the akim's social networks
    return {
        scale.pk: str((3 + n % 3) if official else (2 + n % 4)),
        gathering.pk: str(c(gathering)[0 if (official or n % 3 != 0) else 1]),
        channels.pk: [str(pk) for pk in sorted(set(picks))],
        priority.pk: str(c(priority)[(n + (0 if official else 1)) % 4]),
        text.pk: COMMENTS[n % len(COMMENTS)] if n % 4 == 0 else "",
    }


def seed_surveys(*, log=print):
    office = Office.objects.filter(territory__code="111033000").first()
    if office is None or Survey.objects.filter(office=office).exists():
        return
    clerk = get_user_model().objects.get(username="clerk")
    today = timezone.localdate()
    expert, questions = _make_survey(
        office, SURVEYS["expert"], opens_on=dt.date(2022, 4, 1), closes_on=dt.date(2022, 4, 30)
    )
    ages = ["25-34", "35-44", "45-55"]
    for n in range(40):
        official = n < 15
        services.response_enter_paper(
            survey=expert,
            phone=f"+7 700 000 {n // 100:02d} {n % 100:02d}",
            respondent_name=f"Респондент {n + 1}",
            answers=_expert_answers(n, official, questions),
            traits={
                "role": "official" if official else "resident",
                "age": ages[n % 3],
                "gender": "female" if n % 2 else "male",
            },
            by=clerk,
        )
    _make_survey(
        office,
        SURVEYS["park"],
        opens_on=today - dt.timedelta(days=7),
        closes_on=today + dt.timedelta(days=30),
    )
    log("Surveys: the expert survey with 40 respondents (15 officials, 25 residents), an open one.")
