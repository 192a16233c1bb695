"""What the applicant marked private, found in any grammatical form: by the word's lemma
(«кризисный центр» → «в кризисном центре») and as a whole phrase with its numbers
(«школа-гимназия №8» → «в школе-гимназии №8»)."""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

from .letters import _fold
from .models import _load

# short words of a phrase that are no evidence alone («в», «на», «и», «№»)
_TOKEN = re.compile(r"\w+")


@lru_cache(maxsize=20_000)
def _lemmas(word: str) -> frozenset[str]:
    """The lemmas pymorphy3 gives ``word`` (its parses with some weight), folded."""
    low = word.lower()
    parses = _load()["morph"].parse(low)
    return frozenset(_fold(p.normal_form) for p in parses if p.score >= 0.05) | {_fold(low)}


def private_lemmas_of(private: Iterable[str]) -> frozenset[str]:
    """The lemmas of the words (4 letters or more, no number) of the private terms."""
    lemmas: set[str] = set()
    for term in private:
        for word in _TOKEN.findall(term or ""):
            if len(word) >= 4 and not word.isdigit():
                lemmas.update(_lemmas(word))
    return frozenset(lemmas)


def same_lemma(token: str, lemmas: frozenset[str]) -> bool:
    """Whether ``token`` (4 letters or more) is a form of a word whose lemma is in ``lemmas``."""
    return len(token) >= 4 and bool(_lemmas(token) & lemmas)


def private_phrase_spans(text: str, term: str) -> list[tuple[int, int]]:
    """The places where the words of ``term`` stand one after another in ``text``, each
    equal or in another form of the same lemma, numbers equal, with at most spaces, «-»,
    «№» or «.» between them: the span from the first to the last."""
    wanted = _TOKEN.findall(term or "")
    if len(wanted) < 2:
        return []
    words = list(_TOKEN.finditer(text))
    spans = []
    for i in range(len(words) - len(wanted) + 1):
        ok = True
        for k, want in enumerate(wanted):
            m = words[i + k]
            if k and not re.fullmatch(r"[\s\-№.]{0,4}", text[words[i + k - 1].end() : m.start()]):
                ok = False
                break
            got = m.group()
            if want.isdigit() or got.isdigit():
                ok = got == want
            else:
                ok = _fold(got) == _fold(want) or bool(_lemmas(got) & _lemmas(want))
            if not ok:
                break
        if ok:
            spans.append((words[i].start(), words[i + len(wanted) - 1].end()))
    return spans
