"""Demo surveys of Krasnoyarsk: the seed's expert survey (40 respondents: 15 officials of
local executive bodies and 25 residents, aged 25–55) on how the office listens, and an open
survey on the central park that residents can answer on the portal.

Answers of the expert survey are entered as paper forms through the service (so the
one-answer rule and the traits are real). Idempotent by title.
"""

import datetime as dt

from django.contrib.auth import get_user_model
from django.utils import timezone

from tyndau.territory.models import Office

from . import services
from .models import Choice, Question, Survey, Trait, TraitOption

TRAITS = [
    (
        "role",
        "Кто вы",
        "Сіз кімсіз",
        "Who you are",
        [
            ("official", "Представитель МИО", "ЖАО өкілі", "Official"),
            ("resident", "Житель", "Тұрғын", "Resident"),
        ],
    ),
    (
        "age",
        "Возраст",
        "Жасы",
        "Age",
        [
            ("25-34", "25–34", "25–34", "25–34"),
            ("35-44", "35–44", "35–44", "35–44"),
            ("45-55", "45–55", "45–55", "45–55"),
        ],
    ),
    (
        "gender",
        "Пол",
        "Жынысы",
        "Gender",
        [("female", "Женщина", "Әйел", "Female"), ("male", "Мужчина", "Ер", "Male")],
    ),
]

QUESTIONS = [
    (
        "scale",
        "Насколько акимат слышит жителей? (1 — совсем не слышит, 5 — полностью)",
        "Әкімдік тұрғындарды қаншалықты тыңдайды? (1 — мүлде тыңдамайды, 5 — толық тыңдайды)",
        "How well does the akimat listen to residents? (1 — not at all, 5 — fully)",
        [],
    ),
    (
        "single",
        "Участвовали ли вы за последний год в сходе или встрече с акимом?",
        "Соңғы бір жылда жиынға немесе әкіммен кездесуге қатыстыңыз ба?",
        "In the last year, did you take part in a village gathering or a meeting with the akim?",
        [("Да", "Иә", "Yes"), ("Нет", "Жоқ", "No")],
    ),
    (
        "multiple",
        "Какими каналами вы пользуетесь, чтобы обратиться в акимат?",
        "Әкімдікке жүгіну үшін қандай арналарды пайдаланасыз?",
        "Which channels do you use to reach the akimat?",
        [
            ("Социальные сети акима", "Әкімнің әлеуметтік желілері", "The akim's social networks"),
            ("Личный приём", "Жеке қабылдау", "Personal reception"),
            ("Письменное обращение", "Жазбаша өтініш", "Written appeal"),
            ("eOtinish", "eOtinish", "eOtinish"),
            ("Телефон", "Телефон", "Phone"),
            ("Сход жителей", "Тұрғындар жиыны", "Village gathering"),
        ],
    ),
    (
        "single",
        "Что важнее всего, чтобы государство «слышало» жителей?",
        "Мемлекет тұрғындарды «естуі» үшін ең маңыздысы не?",
        "What matters most for the state to 'hear' residents?",
        [
            ("Чаще встречаться с населением", "Халықпен жиі кездесу", "Meet people more often"),
            ("Быстро решать проблемы", "Мәселелерді жедел шешу", "Solve problems quickly"),
            (
                "Понятно разъяснять решения",
                "Шешімдерді түсінікті түсіндіру",
                "Explain decisions clearly",
            ),
            ("Публиковать результаты", "Нәтижелерді жариялау", "Publish the results"),
        ],
    ),
    (
        "text",
        "Что акимату стоит изменить в работе с жителями?",
        "Әкімдікке тұрғындармен жұмыста нені өзгерту керек?",
        "What should the akimat change in how it works with residents?",
        [],
    ),
]

COMMENTS = [
    "Чаще проводить встречи во дворах, а не только в здании акимата.",
    "Отвечать в директ быстрее, в течение дня.",
    "Публиковать, что сделано по нашим обращениям.",
    "Проводить сходы вечером, когда люди после работы.",
    "Разъяснять решения простым языком на казахском и русском.",
]


def _make_survey(office, *, title, opens_on, closes_on, questions, traits, anonymous=True):
    survey = Survey.objects.create(
        office=office,
        territory=office.territory,
        title_ru=title[0],
        title_kk=title[1],
        title_en=title[2],
        intro_ru="Опрос проводит аппарат акима. Ответы используются только в обобщённом виде.",
        intro_kk="Сауалнаманы әкім аппараты жүргізеді. Жауаптар тек жалпыланған түрде қолданылады.",
        intro_en="The akim's office runs this survey. Answers are used only in aggregate.",
        opens_on=opens_on,
        closes_on=closes_on,
        is_anonymous=anonymous,
        is_published=True,
    )
    for order, (code, ru, kk, en, options) in enumerate(traits):
        trait = Trait.objects.create(
            survey=survey, code=code, name_ru=ru, name_kk=kk, name_en=en, order=order
        )
        for n, (ocode, oru, okk, oen) in enumerate(options):
            TraitOption.objects.create(
                trait=trait, code=ocode, label_ru=oru, label_kk=okk, label_en=oen, order=n
            )
    made = []
    for order, (kind, ru, kk, en, choices) in enumerate(questions):
        question = Question.objects.create(
            survey=survey,
            kind=kind,
            text_ru=ru,
            text_kk=kk,
            text_en=en,
            order=order,
            required=kind != "text",
        )
        for n, (cru, ckk, cen) in enumerate(choices):
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
        office,
        title=(
            "Экспертный опрос: как акимат слышит жителей",
            "Сарапшылық сауалнама: әкімдік тұрғындарды қалай тыңдайды",
            "Expert survey: how the akimat listens to residents",
        ),
        opens_on=dt.date(2022, 4, 1),
        closes_on=dt.date(2022, 4, 30),
        questions=QUESTIONS,
        traits=TRAITS,
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
        title=(
            "Каким быть центральному парку Красного Яра?",
            "Красный Яр орталық саябағы қандай болуы керек?",
            "What should the central park of Krasny Yar be like?",
        ),
        opens_on=today - dt.timedelta(days=7),
        closes_on=today + dt.timedelta(days=30),
        questions=[
            (
                "multiple",
                "Что нужно в парке в первую очередь?",
                "Саябаққа ең алдымен не қажет?",
                "What does the park need first?",
                [
                    ("Детская площадка", "Балалар алаңы", "Playground"),
                    ("Освещение", "Жарықтандыру", "Lighting"),
                    ("Скамейки и тень", "Орындықтар мен көлеңке", "Benches and shade"),
                    ("Спортивная площадка", "Спорт алаңы", "Sports ground"),
                ],
            ),
            (
                "scale",
                "Как вы оцениваете парк сейчас? (1–5)",
                "Саябақты қазір қалай бағалайсыз? (1–5)",
                "How do you rate the park now? (1–5)",
                [],
            ),
            ("text", "Ваше предложение", "Сіздің ұсынысыңыз", "Your proposal", []),
        ],
        traits=[
            TRAITS[1],
            (
                "village",
                "Село",
                "Ауыл",
                "Village",
                [
                    ("krasny-yar", "Красный Яр", "Красный Яр", "Krasny Yar"),
                    ("kyzyl-zhuldyz", "Кызыл Жулдыз", "Қызыл Жұлдыз", "Kyzyl Zhuldyz"),
                ],
            ),
        ],
    )
    log("Surveys: the expert survey with 40 respondents (15 officials, 25 residents), an open one.")
