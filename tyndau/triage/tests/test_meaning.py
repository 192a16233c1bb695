"""The meaning features (Russian word embeddings): a resident's word that the training
texts never used still points to the topic whose words mean the same."""

from tyndau.triage import ml
from tyndau.triage.meaning import MeaningVectors

# Three topics, and not one word of the test texts below in them.
TRAIN = [
    ("В школе нет учителя математики, дети без уроков", "education"),
    ("Школу не отремонтировали, в классах холодно, учеников перевели", "education"),
    ("Учительница не приходит на занятия, ученики сидят одни", "education"),
    ("В поликлинике нет врача, больным некуда идти", "health"),
    ("Больница закрыта, пациентов везут в район, лекарств нет", "health"),
    ("Врач принимает раз в неделю, больные стоят в очереди", "health"),
    ("Дорога вся в ямах, машины ломаются", "roads"),
    ("Асфальт на улице разбит, после дождя грязь", "roads"),
    ("Тротуара нет, идём по обочине", "roads"),
]


def _fit(meaning: float):
    texts, topics = zip(*TRAIN, strict=True)
    return ml.build_pipeline(meaning=meaning).fit(list(texts) * 5, list(topics) * 5)


def test_a_word_the_corpus_never_used_points_to_the_topic_of_its_meaning():
    # терапевт, медсестра: in none of the training texts, no shared stem with their words
    text = "Терапевт и медсестра уволились"
    assert _fit(1.0).predict([text])[0] == "health"
    assert _fit(0).predict([text])[0] != "health"  # spelling alone does not get there
    assert _fit(1.0).predict(["Шоссе разбитое, колдобины"])[0] == "roads"


def test_the_words_that_drove_a_suggestion_include_a_word_known_only_by_its_meaning():
    payload = {"pipeline": _fit(1.0), "version": 0}
    suggestion = ml.suggest(payload, "Терапевт и медсестра уволились")
    assert suggestion.topic == "health"
    assert {"терапевт", "медсестра"} & {w for w, _ in suggestion.words}


def test_a_text_of_unknown_words_has_no_meaning_vector():
    vectors = MeaningVectors().fit(["нет воды"]).transform(["zzqx 123", ""])
    assert not vectors.any()


def test_a_kazakh_text_has_no_meaning_vector_even_typed_with_russian_letters():
    # folded onto Russian letters, «су», «жол», «бар» are Russian words of another meaning
    fitted = MeaningVectors().fit(["нет воды", "су жок"])
    kazakh = ["Ауылда ауыз су жоқ, жол бұзылған", "ауылда су жок биз сураймыз комек"]
    assert not fitted.transform(kazakh).any()
    assert fitted.transform(["В селе нет воды, дорога разбита"]).any()
