"""The models, loaded once per process: pymorphy3 (dictionary, name tags) and natasha's
named-entity recogniser."""

from __future__ import annotations

import threading
from functools import lru_cache

from .vocabulary import _NAME_TAGS

_lock = threading.Lock()
_models: dict = {}


def _load():
    if not _models:
        with _lock:
            if not _models:
                import pymorphy3
                from natasha import Doc, NewsEmbedding, NewsNERTagger, Segmenter

                embedding = NewsEmbedding()
                _models.update(
                    morph=pymorphy3.MorphAnalyzer(),
                    segmenter=Segmenter(),
                    ner=NewsNERTagger(embedding),
                    doc=Doc,
                )
    return _models


@lru_cache(maxsize=50_000)
def _name_probability(word: str) -> float:
    """pymorphy3's probability that ``word`` is a given name, surname or patronymic."""
    morph = _load()["morph"]
    parses = morph.parse(word)
    return sum(p.score for p in parses if any(t in p.tag for t in _NAME_TAGS))


@lru_cache(maxsize=50_000)
def _is_known(word: str) -> bool:
    return _load()["morph"].word_is_known(word)


def _is_counted_noun(word: str) -> bool:
    """A lower-case noun after a number makes it a quantity: «120 домов», «7 лет»."""
    if word in ("кв", "д", "дом", "пәтер", "үй", "корп", "корпус", "и"):
        return False
    tag = _load()["morph"].parse(word)[0].tag
    return "NOUN" in tag and _is_known(word)


def _is_counted_plural(word: str) -> bool:
    """A noun in the genitive plural only, as after «40»: «квартир», «подъездов»."""
    parses = [p for p in _load()["morph"].parse(word) if p.score >= 0.1]
    return (
        _is_known(word)
        and bool(parses)
        and all("NOUN" in p.tag and "gent" in p.tag and "plur" in p.tag for p in parses)
    )


def _is_common_word(word: str) -> bool:
    """A dictionary word that is not a name, surname or place (a verb, an adverb, a noun)."""
    if not _is_known(word) or _name_probability(word) > 0:
        return False
    tag = _load()["morph"].parse(word)[0].tag
    return "Geox" not in tag and not ("ADJF" in tag and "femn" in tag)


def _ner_person_spans(text: str) -> list[tuple[int, int]]:
    models = _load()
    doc = models["doc"](text)
    doc.segment(models["segmenter"])
    doc.tag_ner(models["ner"])
    return [(s.start, s.stop) for s in doc.spans if s.type == "PER"]
