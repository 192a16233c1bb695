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
