import datetime as dt

import pytest

from tyndau.portal.tests.conftest import map_without_tiles  # noqa: F401  (browser tests)
from tyndau.portal.tests.test_browser import browser, phone_page  # noqa: F401
from tyndau.surveys.models import Choice, Question, Survey, Trait, TraitOption

LABELS = {  # code: (ru, kk)
    "role": ("Кто вы", "Сіз кімсіз"),
    "age": ("Возраст", "Жасы"),
    "official": ("Представитель МИО", "ЖАО өкілі"),
    "resident": ("Житель", "Тұрғын"),
}


def _trait(survey, code, options, order):
    ru, kk = LABELS.get(code, (code, code))
    trait = Trait.objects.create(survey=survey, code=code, name_ru=ru, name_kk=kk, order=order)
    for n, option in enumerate(options):
        ru, kk = LABELS.get(option, (option, option))
        TraitOption.objects.create(trait=trait, code=option, label_ru=ru, label_kk=kk, order=n)
    return trait


@pytest.fixture
def survey(office):
    """An open survey: traits role and age; a single, a multiple, a scale, a text question."""
    today = dt.date.today()
    survey = Survey.objects.create(
        office=office,
        territory=office.territory,
        title_ru="Как акимат слушает жителей",
        title_kk="Әкімдік тұрғындарды қалай тыңдайды",
        opens_on=today - dt.timedelta(days=3),
        closes_on=today + dt.timedelta(days=30),
        is_anonymous=True,
        is_published=True,
    )
    _trait(survey, "role", ["official", "resident"], 0)
    _trait(survey, "age", ["25-34", "35-44", "45-55"], 1)
    q = {}
    for n, (kind, text, text_kk) in enumerate(
        [
            ("single", "Были ли вы на сходе?", "Жиынға қатыстыңыз ба?"),
            ("multiple", "Каналы", "Арналар"),
            ("scale", "Оценка", "Баға"),
            ("text", "Что изменить?", "Нені өзгерту керек?"),
        ]
    ):
        q[kind] = Question.objects.create(
            survey=survey,
            kind=kind,
            text_ru=text,
            text_kk=text_kk,
            order=n,
            required=kind != "text",
        )
    for n, (text, text_kk) in enumerate([("да", "иә"), ("нет", "жоқ")]):
        Choice.objects.create(question=q["single"], text_ru=text, text_kk=text_kk, order=n)
    for n, text in enumerate(["a", "b", "c"]):
        Choice.objects.create(question=q["multiple"], text_ru=text, text_kk=text, order=n)
    survey.q = q
    return survey


def choice(question, text):
    return question.choices.get(text_ru=text).pk
