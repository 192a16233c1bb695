import pytest

from tyndau.triage import ml
from tyndau.triage.selectors import topic_codes_for, topic_suggest

pytestmark = pytest.mark.django_db


def test_a_text_gets_a_topic_with_its_confidence_and_the_words_that_drove_it():
    suggestion = topic_suggest(text="Третий день нет воды, прорвало водопровод")
    assert suggestion.topic.code == "water_supply"
    assert 0 < suggestion.confidence <= 1
    words = [w for w, _ in suggestion.words]
    assert words and set(words) <= {
        "третий", "день", "нет", "воды", "прорвало", "водопровод"
    }  # fmt: skip
    assert {"воды", "водопровод"} & set(words)
    assert [t.code for t, _ in suggestion.alternatives] != ["water_supply"]
    assert suggestion.model_version == 0  # the base model: no version trained yet


@pytest.mark.parametrize(
    "text",
    [
        "Көшеде жол бұзылған, шұңқыр көп, жөндеуді сұраймыз",
        "Кошеде жол бузылган, шункыр коп, жондеуди сураймыз",  # Russian look-alike letters
        "Koshede jol buzylgan, shunqyr kop, zhondeudi suraimyz",  # Latin
    ],
)
def test_kazakh_in_any_spelling_gets_the_same_topic(text):
    assert topic_suggest(text=text).topic.code == "roads"


def test_empty_text_gets_no_suggestion():
    assert topic_suggest(text="  ") is None


def test_codes_for_many_texts_keep_their_order():
    texts = ["сосед шумит по ночам", "нет воды третий день"] * 3
    assert topic_codes_for(texts) == ["everyday_life", "water_supply"] * 3


def test_the_base_model_is_saved_once_and_reused(settings):
    path = ml.base_model_path()
    ml.base_model()
    assert path.exists()
    stamp = path.stat().st_mtime_ns
    ml.base_model()
    assert path.stat().st_mtime_ns == stamp


def test_a_text_between_a_common_and_a_rare_topic_leans_to_the_one_residents_write_about():
    # the corpus holds both topics equally; residents write of roads far more often than
    # of the budget (data/real_topic_counts.json), and the model's priors say so
    train = [
        ("Дорога вся в ямах, машины ломаются", "roads"),
        ("Асфальт на улице разбит, после дождя грязь", "roads"),
        ("Куда ушли деньги бюджета района, отчёта нет", "economy_budget"),
        ("Бюджет села потратили непонятно на что, отчитайтесь", "economy_budget"),
    ] * 5
    texts, topics = zip(*train, strict=True)
    both = "Деньги бюджета на дорогу потратили, а асфальт разбит, отчёта нет"
    plain = ml.build_pipeline(prior_strength=0).fit(list(texts), list(topics))
    shifted = ml.build_pipeline().fit(list(texts), list(topics))
    roads = list(plain.classes_).index("roads")
    assert shifted.predict_proba([both])[0][roads] > plain.predict_proba([both])[0][roads]
    for text, topic in train[:4]:  # a text that says its topic plainly keeps it
        assert shifted.predict([text])[0] == topic
