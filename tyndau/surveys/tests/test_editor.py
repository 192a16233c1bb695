"""The staff editor: a survey set up, published and closed through the pages; edits that
would change what respondents answered are refused; two editors at once are detected."""

import datetime as dt

import pytest
from auditlog.models import LogEntry

from tyndau.core.audit import history_of
from tyndau.core.errors import DomainError
from tyndau.surveys import services
from tyndau.surveys.models import Choice, Question, Survey, Trait

from .conftest import choice

pytestmark = pytest.mark.django_db

TODAY = dt.date.today()


def _setup_data(territory=None, **changes):
    data = {
        "title_ru": "Благоустройство парка",
        "title_kk": "Саябақты абаттандыру",
        "title_en": "",
        "intro_ru": "",
        "intro_kk": "",
        "intro_en": "",
        "opens_on": TODAY.isoformat(),
        "closes_on": (TODAY + dt.timedelta(days=14)).isoformat(),
        "is_anonymous": "on",
    }
    if territory is not None:
        data["territory"] = territory.pk
    data.update(changes)
    return data


def _answer(survey, clerk, phone="+77010000001"):
    q = survey.q
    return services.response_enter_paper(
        survey=survey,
        phone=phone,
        respondent_name="Ким Сергей",
        answers={
            q["single"].pk: str(choice(q["single"], "да")),
            q["multiple"].pk: [str(choice(q["multiple"], "a"))],
            q["scale"].pk: "4",
        },
        traits={"role": "resident", "age": "25-34"},
        by=clerk,
    )


def test_clerk_sets_a_survey_up_and_publishes_it(client, clerk, office):
    client.force_login(clerk)
    created = client.post("/ru/staff/surveys/new/", _setup_data(office.territory))
    survey = Survey.objects.get()
    assert created.status_code == 302 and created["Location"].endswith(f"/{survey.pk}/edit/")
    assert (survey.office, survey.territory, survey.is_published) == (
        office,
        office.territory,
        False,
    )
    trait = client.post(
        f"/ru/staff/surveys/{survey.pk}/traits/new/",
        {
            "version": survey.version,
            "code": "gender",
            "name_ru": "Пол",
            "name_kk": "Жынысы",
            "options": "Женщина | Әйел | Female\nМужчина | Ер",
        },
    )
    assert trait.status_code == 302
    survey.refresh_from_db()
    question = client.post(
        f"/ru/staff/surveys/{survey.pk}/questions/new/",
        {
            "version": survey.version,
            "kind": "single",
            "text_ru": "Нужны ли скамейки?",
            "text_kk": "Орындықтар керек пе?",
            "required": "on",
            "choices": "Да | Иә\nНет | Жоқ",
        },
    )
    assert question.status_code == 302
    survey.refresh_from_db()
    published = client.post(
        f"/ru/staff/surveys/{survey.pk}/publish/", {"version": survey.version}, follow=True
    )
    assert "опубликован" in published.content.decode()
    survey.refresh_from_db()
    assert survey.is_published and survey.is_open()
    gender = survey.traits.get()
    assert [(o.code, o.label_ru, o.label_kk, o.label_en) for o in gender.options.all()] == [
        ("1", "Женщина", "Әйел", "Female"),
        ("2", "Мужчина", "Ер", ""),
    ]
    assert [c.text_kk for c in survey.questions.get().choices.all()] == ["Иә", "Жоқ"]
    # the portal now lists it, and its answer form asks the trait and the question
    assert "Саябақты абаттандыру" in client.get("/kk/surveys/").content.decode()
    # every step is in the audit trail, with the clerk as the actor
    entries = list(history_of(survey))
    assert [e.actor for e in entries] == [clerk, clerk]
    assert "is_published" in entries[-1].changes_dict
    assert LogEntry.objects.get_for_object(gender).get().actor == clerk


def test_a_survey_cannot_be_created_outside_the_users_territory(client, clerk, neighbour_office):
    client.force_login(clerk)
    refused = client.post("/ru/staff/surveys/new/", _setup_data(neighbour_office.territory))
    assert refused.status_code == 422
    assert not Survey.objects.exists()


def test_an_executor_may_not_set_surveys_up(client, make_staff, office, survey):
    client.force_login(make_staff("executor", office))
    assert client.get("/ru/staff/surveys/new/").status_code == 403
    assert client.get(f"/ru/staff/surveys/{survey.pk}/edit/").status_code == 403
    response = client.post(f"/ru/staff/surveys/{survey.pk}/close/", {"version": survey.version})
    assert response.status_code == 403
    survey.refresh_from_db()
    assert survey.closed_at is None


def test_another_offices_survey_is_not_found(client, make_staff, neighbour_office, survey):
    client.force_login(make_staff("clerk", neighbour_office))
    assert client.get(f"/ru/staff/surveys/{survey.pk}/edit/").status_code == 404


def test_bad_dates_are_refused_with_a_message_and_nothing_saved(client, clerk, office):
    client.force_login(clerk)
    data = _setup_data(office.territory, closes_on=(TODAY - dt.timedelta(days=1)).isoformat())
    refused = client.post("/kk/staff/surveys/new/", data)
    assert refused.status_code == 422
    assert "ашылмай тұрып жабыла алмайды" in refused.content.decode()
    assert not Survey.objects.exists()


def test_a_question_with_answers_cannot_be_changed_or_deleted(client, clerk, survey):
    _answer(survey, clerk)
    question = survey.q["single"]
    client.force_login(clerk)
    refused = client.post(
        f"/ru/staff/surveys/{survey.pk}/questions/{question.pk}/",
        {
            "version": survey.version,
            "kind": "single",
            "text_ru": "Другой вопрос",
            "text_kk": "Басқа сұрақ",
            "choices": "Да | Иә\nНет | Жоқ",
        },
    )
    assert refused.status_code == 422
    assert "уже есть ответы" in refused.content.decode()
    deleted = client.post(
        f"/ru/staff/surveys/{survey.pk}/questions/{question.pk}/delete/",
        {"version": survey.version},
        follow=True,
    )
    assert "уже есть ответы" in deleted.content.decode()
    question.refresh_from_db()
    assert question.text_ru == "Были ли вы на сходе?"
    assert [c.text_ru for c in question.choices.all()] == ["да", "нет"]
    # the unanswered free-text question may still change
    services.question_save(
        survey=survey,
        by=clerk,
        expected_version=None,
        question=survey.q["text"],
        kind="text",
        text_ru="Что улучшить?",
        text_kk="Нені жақсарту керек?",
        required=False,
    )
    assert Question.objects.get(pk=survey.q["text"].pk).text_ru == "Что улучшить?"


def test_traits_are_frozen_once_respondents_have_given_them(clerk, survey):
    _answer(survey, clerk)
    role = survey.traits.get(code="role")
    with pytest.raises(DomainError) as changed:
        services.trait_save(
            survey=survey,
            by=clerk,
            expected_version=None,
            trait=role,
            code="role",
            name_ru="Роль",
            name_kk="Рөлі",
            options=[("a", "a"), ("b", "b")],
        )
    assert changed.value.code == "answered"
    with pytest.raises(DomainError) as added:
        services.trait_save(
            survey=survey,
            by=clerk,
            expected_version=None,
            code="gender",
            name_ru="Пол",
            name_kk="Жынысы",
            options=[("Ж", "Ә"), ("М", "Е")],
        )
    assert added.value.code == "answered"
    with pytest.raises(DomainError):
        services.trait_delete(trait=role, by=clerk, expected_version=None)
    assert list(Trait.objects.get(pk=role.pk).options.values_list("code", flat=True)) == [
        "official",
        "resident",
    ]
    with pytest.raises(DomainError) as anonymous:
        services.survey_update(
            survey=survey,
            by=clerk,
            expected_version=None,
            title_ru=survey.title_ru,
            title_kk=survey.title_kk,
            opens_on=survey.opens_on,
            closes_on=survey.closes_on,
            is_anonymous=False,
        )
    assert anonymous.value.code == "anonymous"
    assert Survey.objects.get(pk=survey.pk).is_anonymous


def test_the_second_of_two_concurrent_edits_is_refused(client, clerk, akim, survey):
    read_version = survey.version
    client.force_login(akim)
    first = _setup_data(title_ru="Первая правка", version=read_version)
    first.pop("is_anonymous")
    first["is_anonymous"] = "on"
    assert client.post(f"/ru/staff/surveys/{survey.pk}/edit/", first).status_code == 302
    client.force_login(clerk)
    second = client.post(
        f"/ru/staff/surveys/{survey.pk}/questions/new/",
        {
            "version": read_version,
            "kind": "scale",
            "text_ru": "Оценка",
            "text_kk": "Баға",
            "required": "on",
        },
    )
    assert second.status_code == 422
    assert "изменил эту запись" in second.content.decode()
    survey.refresh_from_db()
    assert survey.title_ru == "Первая правка"
    assert survey.questions.count() == 4  # the clerk's question was not added


def test_publishing_needs_a_question(clerk, office):
    survey = services.survey_create(
        territory=office.territory,
        by=clerk,
        title_ru="Пусто",
        title_kk="Бос",
        opens_on=TODAY,
        closes_on=TODAY,
        is_anonymous=True,
    )
    with pytest.raises(DomainError) as refused:
        services.survey_publish(survey=survey, by=clerk, expected_version=survey.version)
    assert refused.value.code == "empty"
    assert not Survey.objects.get(pk=survey.pk).is_published


def test_a_choice_question_needs_two_options_and_a_scale_none(clerk, survey):
    for kind, choices in (("single", [("Да", "Иә")]), ("scale", [("1", "1"), ("2", "2")])):
        with pytest.raises(DomainError) as refused:
            services.question_save(
                survey=survey,
                by=clerk,
                expected_version=None,
                kind=kind,
                text_ru="Вопрос",
                text_kk="Сұрақ",
                choices=choices,
            )
        assert refused.value.code == "options"
    assert survey.questions.count() == 4
    assert not Choice.objects.filter(text_ru="Да").exists()


def test_a_closed_survey_takes_no_answers_and_no_edits(client, clerk, survey):
    client.force_login(clerk)
    client.post(f"/ru/staff/surveys/{survey.pk}/close/", {"version": survey.version})
    survey.refresh_from_db()
    assert survey.closed_at is not None and not survey.is_open()
    public = client.get(f"/ru/surveys/{survey.pk}/").content.decode()
    assert "не принимает ответы" in public
    with pytest.raises(DomainError) as refused:
        services.question_delete(question=survey.q["text"], by=clerk, expected_version=None)
    assert refused.value.code == "closed"
