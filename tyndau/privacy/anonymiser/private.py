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
                ok = (
                    _fold(got) == _fold(want)
                    or bool(_lemmas(got) & _lemmas(want))
                    or kazakh_form_of(got, _kazakh_stems_in_phrase(want))
                )
            if not ok:
                break
        if ok:
            spans.append((words[i].start(), words[i + len(wanted) - 1].end()))
    return spans


# Kazakh suffixes (folded, see letters._fold) that may follow a stem in a chain: the
# abstract noun (-лық/-дік/-тік, voiced -лығ-/-діг- before a vowel), the plural, the
# possessives, the cases, the personal endings of a predicate («жүктімін», «жұмыссызбын»),
# the participles and the gerund («тұрғаным», «тұрып») and the nominalising «-дығ-» of a
# participle («сотталғандығы»)
_KK_SUFFIX = (
    r"(?:л[ыи][кг]|д[ыи][кг]|т[ыи][кг]|лар|лер|дар|дер|тар|тер|ган|ген|кан|кен|[ыи]п"
    r"|атын|етин|йтын|йтин"
    r"|[ыи]м[ыи]з|м[ыи]з|[ыи]н[ыи]з|н[ыи]з|б[ыи]з|п[ыи]з|с[ыи]з"
    r"|м[ыи]н|б[ыи]н|п[ыи]н|с[ыи]н|[ыи]м|[ыи]н|м|н|с[ыи]|[ыи]"
    r"|н[ыи]н|д[ыи]н|т[ыи]н|н[ыи]|д[ыи]|т[ыи]|га|ге|ка|ке|на|не|а|е"
    r"|нда|нде|да|де|та|те|нан|нен|дан|ден|тан|тен|мен|бен|пен)"
)
_KK_CHAIN = re.compile(_KK_SUFFIX + r"{1,5}")
# the abstract-noun ending of a private term: «жүктілік» is «жүкті» + «-лік»
_KK_ABSTRACT = re.compile(r"(?:л[ыи]к|д[ыи]к|т[ыи]к)$")


def kazakh_bases_of(private: Iterable[str]) -> frozenset[str]:
    """The bases (folded, 5 letters or more) of the Kazakh words of the private terms, with
    an abstract-noun ending cut: «мүгедектік» → «мүгедектік», «мүгедек»."""
    bases: set[str] = set()
    for term in private:
        for word in _TOKEN.findall(term or ""):
            folded = _fold(word)
            if len(folded) < 5 or word.isdigit():
                continue
            bases.add(folded)
            cut = _KK_ABSTRACT.sub("", folded)
            if cut != folded and len(cut) >= 5:
                bases.add(cut)
    return frozenset(bases)


def kazakh_form_of(token: str, bases: frozenset[str]) -> bool:
    """Whether ``token`` is one of ``bases`` followed by a chain of Kazakh suffixes (or
    alone): «жүктілігімді», «жүктімін» for «жүктілік»; «мүгедектігіне» for «мүгедектік»."""
    low = _fold(token)
    for base in bases:
        if low.startswith(base):
            rest = low[len(base) :]
            if not rest or _KK_CHAIN.fullmatch(rest):
                return True
        # a final к/қ voiced before a vowel: «мүгедектік» → «мүгедектігі»
        elif base[-1] == "к" and low.startswith(base[:-1] + "г"):
            rest = low[len(base) :]
            if _KK_CHAIN.fullmatch(rest):
                return True
    return False


def _kazakh_stems_in_phrase(word: str) -> frozenset[str]:
    """Inside a phrase (where its neighbours vouch for it) a Kazakh word's stem may be
    short: «тұру» ("to be", the infinitive's «-у» cut) → «тұр», so «тұрғанымды» matches."""
    folded = _fold(word)
    stems = {folded}
    cut = _KK_ABSTRACT.sub("", folded)
    if len(cut) >= 3:
        stems.add(cut)
    if re.search(r"[^аеиоуы]у$", folded) and len(folded) >= 4:
        stems.add(folded[:-1])
    return frozenset(stems)
