"""Full-text search of the library: the database's own engine on both databases."""

import pytest
from django.db import connection

from tyndau.library import search, selectors, services
from tyndau.library.models import Entry

pytestmark = pytest.mark.django_db


def _questions(found):
    return [e.question_ru for e in found]


def test_search_uses_the_databases_full_text_engine():
    expected = {"sqlite": "fts5", "postgresql": "postgresql"}[connection.vendor]
    assert search.backend() == expected


def test_a_different_form_of_a_word_finds_the_entry(library):
    # «воды» / «водопровод» vs «воды» in the question; «участки» vs «участок»
    found = selectors.entry_search_public(text="участки в очереди")
    assert _questions(found) == [library["plot"].question_ru]
    assert _questions(selectors.entry_search_public(text="фонарь")) == [
        library["lights"].question_ru
    ]


def test_search_in_kazakh_text(library):
    found = selectors.entry_search_public(text="кезекке тұру")
    assert [e.pk for e in found] == [library["plot"].pk]


def test_all_words_must_match_in_the_search_box(library):
    assert list(selectors.entry_search_public(text="фонари водопровод")) == []
    assert list(selectors.entry_search_public(text="космодром")) == []


def test_search_by_topic(library, topics):
    found = selectors.entry_search_public(topic=topics["roads"])
    assert [e.pk for e in found] == [library["lights"].pk]


def test_withdrawn_entry_is_no_longer_found(library, clerk):
    entry = library["lights"]
    services.entry_update(
        entry=entry,
        topic=entry.topic,
        question_ru=entry.question_ru,
        answer_ru=entry.answer_ru,
        is_published=False,
        by=clerk,
    )
    assert list(selectors.entry_search_public(text="фонари")) == []
    assert Entry.objects.get(pk=entry.pk).is_published is False


def test_suggestions_for_a_typed_appeal_are_at_most_three_and_best_first(publish, library):
    for n in range(3):
        publish(
            question_ru=f"Вопрос {n} про воду в доме и давление воды",
            answer_ru="Ответ про водоснабжение.",
        )
    text = "У нас третий день нет воды, авария на водопроводе, когда дадут воду?"
    found = selectors.entry_suggestions(text=text)
    assert len(found) == 3
    assert found[0].pk == library["water"].pk


def test_no_suggestions_for_a_few_letters(library):
    assert selectors.entry_suggestions(text="вода") == []
