from tyndau.triage.text import normalise


def test_latin_transliteration_reads_as_cyrillic():
    assert normalise("Suv JOQ, zhol buzylgan") == "сув жок жол бузылган"


def test_kazakh_letters_and_their_russian_look_alikes_are_one_spelling():
    assert normalise("Көшеде шұңқыр көп") == normalise("Кошеде шункыр коп")


def test_punctuation_dropped_and_shouted_letters_shortened():
    assert normalise("Нет  воды!!! Помогитеееее...") == "нет воды помогите"
