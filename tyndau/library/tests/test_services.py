import pytest

from tyndau.core.errors import DomainError
from tyndau.library.models import Entry

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "question",
    [
        "Иванов из дома 12 спрашивает про воду",
        "Мой ИИН 791028302728, когда дадут участок?",
        "Позвоните +7 701 555 12 34, нет воды",
        "Пишите на aigerim@example.kz про участок",
    ],
)
def test_a_question_with_personal_data_is_refused_and_nothing_is_saved(publish, question):
    with pytest.raises(DomainError) as refused:
        publish(question_ru=question, answer_ru="Ответ.")
    assert refused.value.code == "personal_data"
    assert Entry.objects.count() == 0


def test_a_question_naming_the_applicant_of_the_appeal_is_refused(
    publish, file_appeal, answer, clerk
):
    appeal = answer(
        appeal=file_appeal(applicant_name="Серикова Айгерим", text="Когда починят дорогу?"),
        outcome="explained",
        text="Ремонт в плане на май.",
        by=clerk,
    )
    with pytest.raises(DomainError):
        publish(
            question_ru="Серикова спрашивает, когда починят дорогу",
            answer_ru="Ремонт в плане на май.",
            source_appeal=appeal,
        )
    with pytest.raises(DomainError):
        publish(
            question_ru="Когда починят дорогу?",
            answer_ru="Айгерим, ремонт в плане на май.",
            source_appeal=appeal,
        )
    assert Entry.objects.count() == 0


def test_each_language_needs_question_and_answer(publish):
    with pytest.raises(DomainError):
        publish(question_ru="Когда починят дорогу?")
    with pytest.raises(DomainError):
        publish(question_ru="Когда починят дорогу?", answer_ru="В мае.", question_kk="Жол?")
    assert Entry.objects.count() == 0


def test_a_stale_edit_is_refused(library, clerk):
    from tyndau.core.errors import ConflictError
    from tyndau.library import services

    entry = library["lights"]
    services.entry_update(
        entry=entry,
        topic=entry.topic,
        question_ru="Почему не горят фонари?",
        answer_ru=entry.answer_ru,
        by=clerk,
        expected_version=1,
    )
    with pytest.raises(ConflictError):
        services.entry_update(
            entry=Entry.objects.get(pk=entry.pk),
            topic=entry.topic,
            question_ru="Старый текст?",
            answer_ru=entry.answer_ru,
            by=clerk,
            expected_version=1,
        )
    assert Entry.objects.get(pk=entry.pk).question_ru == "Почему не горят фонари?"


def test_the_applicant_check_holds_when_it_is_the_first_use_of_the_anonymiser():
    """In a fresh process, where the library's check loads the anonymiser's models itself
    (no earlier call warmed them), an answer naming the applicant is still refused."""
    import os
    import subprocess
    import sys

    from django.conf import settings

    script = (
        "import django; django.setup()\n"
        "from tyndau.appeals.models import Appeal\n"
        "from tyndau.core.errors import DomainError\n"
        "from tyndau.library.services import _check\n"
        "appeal = Appeal(applicant_name='Серикова Айгерим')\n"
        "try:\n"
        "    _check({'question_ru': 'Когда починят дорогу?',\n"
        "            'answer_ru': 'Айгерим, ремонт в плане на май.'}, appeal=appeal)\n"
        "except DomainError as error:\n"
        "    print(error.code)\n"
        "else:\n"
        "    print('accepted')\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        timeout=300,
        cwd=settings.BASE_DIR,
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "tyndau.settings"},
    )
    assert done.stdout.strip().splitlines()[-1:] == ["personal_data"], done.stderr[-2000:]
