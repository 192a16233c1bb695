"""Shipped name lists (``data/``) and how a word is matched against them in any case form;
Kazakh words and name shapes; place names in a text."""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path

from .letters import _LOW, _UP, _WORD, _fold
from .models import _is_common_word, _is_known, _name_probability
from .vocabulary import (
    _ENDINGS,
    _NEVER_NAMES,
    _STREET_NAMESAKES,
    _SURNAME_SUFFIX,
    _VOWELS,
    _kin_or_role,
)

_DATA = Path(__file__).resolve().parent.parent / "data"


def _read_names(path: Path) -> dict[str, list[str]]:
    """The names of a list in ``data/`` by section (``[given]``, ``[surname]``…)."""
    sections: dict[str, list[str]] = {}
    section = ""
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("["):
            section = line.strip("[]")
            continue
        sections.setdefault(section, []).append(line)
    return sections


@lru_cache(maxsize=1)
def _name_lists() -> tuple[frozenset[str], frozenset[str]]:
    """Stems of the shipped names (kazakh_names.txt, written for Tyndau, and the large list
    names_large.txt built from mimesis and airlock-pii, see its header): the names that are
    only names, and the given names that are also ordinary words («Арман», «Жұма»). Given
    names drop a final vowel; surnames keep -ов/-ев/-ин (the endings come from _ENDINGS and
    _SURNAME_SUFFIX)."""
    lists = [_read_names(_DATA / "kazakh_names.txt"), _read_names(_DATA / "names_large.txt")]
    words = {_fold(n) for names in lists for n in names.get("given-word", [])}
    stems: set[str] = set()
    word_stems: set[str] = set()
    for names in lists:
        for section, entries in names.items():
            for name in entries:
                if section == "given-word" or _fold(name) in words:
                    word_stems.update(_stems_of(name.lower()))
                else:
                    stems.update(_stems_of(name.lower(), surname=section == "surname"))
    return frozenset(stems), frozenset(word_stems - stems)


def _name_stems() -> frozenset[str]:
    return _name_lists()[0]


def _word_name_stems() -> frozenset[str]:
    return _name_lists()[1]


@lru_cache(maxsize=1)
def _word_name_bases() -> frozenset[str]:
    """The given names that are also words, as written (folded): the word itself."""
    lists = [_read_names(_DATA / "kazakh_names.txt"), _read_names(_DATA / "names_large.txt")]
    return frozenset(_fold(n) for names in lists for n in names.get("given-word", []))


def _stems_of(word: str, *, surname: bool = False) -> set[str]:
    word = _fold(word)
    stems = {word}
    if surname or re.search(r"(ов|ев|ин|ын)$", word):
        return stems
    if re.search(r"(ова|ева|ина|ына)$", word):  # a feminine surname typed in the name field
        return {word[:-1]}
    # one final vowel goes («Мария» → «Мари-и», «Алма» → «Алма-ға» / «Алм-ы»), not more:
    # «Жания» must not give «Жан», which «Жаңа» ("new") would then match
    stripped = word[:-1] if word[-1:] in _VOWELS else word
    if len(stripped) >= 3 and stripped != word:
        stems.add(stripped)
    # Kazakh voices a final к/қ/п before a vowel («жүктілік» → «жүктілігім», «Жақсылығы»)
    voiced = {"к": "г", "п": "б"}.get(word[-1:])
    if voiced and len(word) >= 4:
        stems.add(word[:-1] + voiced)
    return stems


def _matches_stems(token: str, stems: Iterable[str]) -> bool:
    """Whether ``token`` is one of the names whose stems (folded, see :func:`_stems_of`)
    are ``stems``, with a Russian or Kazakh case ending."""
    low = _fold(token)
    stems = stems if isinstance(stems, (set, frozenset)) else set(stems)
    for cut in range(len(low), max(2, len(low) - 7), -1):
        stem, rest = low[:cut], low[cut:]
        if stem in stems and (rest in _ENDINGS or _surname_rest(rest)):
            return True
    return False


def _listed_name(token: str) -> bool:
    """A shipped name in some case form; a dictionary word that is a listed given name only
    through a surname's ending is not («Машина» is «Маша» + «-ина», a car)."""
    stems = _name_stems()
    if not _matches_stems(token, stems):
        return False
    if not _is_known(token) or _name_probability(token) >= 0.1:
        return True
    low = _fold(token)
    return any(
        low[:cut] in stems and low[cut:] in _ENDINGS
        for cut in range(len(low), max(2, len(low) - 7), -1)
    )


def _surname_rest(rest: str) -> bool:
    for head in ("а", "ов", "ев", "ин", "ова", "ева", "ина"):
        if rest.startswith(head):
            tail = rest[len(head) :]
            if tail in _ENDINGS or tail in _SURNAME_SUFFIX:
                return True
    return rest in _SURNAME_SUFFIX


def _is_place_like(word: str) -> bool:
    """A word that may name a street at the start of a sentence («Кенесары 40»)."""
    if not _is_known(word):
        return _matches_stems(word, _name_stems()) or word.lower() in _STREET_NAMESAKES
    return not _is_common_word(word)


# Kazakh cases a person's name takes at the start of a sentence: genitive, dative,
# accusative, comitative, ablative («Талшынның үйі», «Қанағатқа жұмыс», «Ерланды»,
# «Ерланмен», «Бекарыстан басқа»)
_KK_PERSON_CASE = re.compile(
    r"^(?P<stem>[" + _UP + r"][" + _LOW + r"]{2,}?)"
    r"(?:ның|нің|дың|дің|тың|тің|ға|ге|қа|ке|ны|ні|ды|ді|ты|ті|мен|бен|пен"
    r"|нан|нен|дан|ден|тан|тен)$"
)


@lru_cache(maxsize=1)
def _kazakh_word_prefixes() -> frozenset[str]:
    """Every prefix (3 letters or more, folded) of the ordinary Kazakh words of
    ``data/kazakh_words.txt`` (see scripts/build_word_list.py)."""
    prefixes: set[str] = set()
    for line in (_DATA / "kazakh_words.txt").read_text(encoding="utf-8").splitlines():
        word = _fold(line.strip())
        if not word or line.startswith("#"):
            continue
        prefixes.update(word[:k] for k in range(3, len(word) + 1))
    return frozenset(prefixes)


def _kazakh_word(token: str) -> bool:
    """Whether ``token`` is an ordinary Kazakh word of ``data/kazakh_words.txt`` (or starts
    like one), in any form."""
    return _fold(token.lower()) in _kazakh_word_prefixes()


def _kazakh_possessive(token: str) -> bool:
    """An ordinary Kazakh word with the possessive «-ын», «-ін» (accusative), or «-ына»,
    «-іне» (dative): «Жолын», «Малына», which end like a surname («Лисицын»)."""
    m = re.match(r"(.{3,}?)(?:ын|ин)(?:а|е)?$", _fold(token))
    return m is not None and m.group(1) in _kazakh_word_prefixes()


# how Kazakh given names are built: «Нұр-» first, or «-бек», «-гүл», «-жан», «-бол»,
# «-ғали», «-зат», «-сұлтан» last («Нұрғиса», «Ерсұлтан»); folded, before a case ending
_NAME_HEAD = ("нур",)
_NAME_TAIL = ("бек", "гул", "гуль", "жан", "бол", "гали", "зат", "султан")
# ... and, alone at the start of a sentence in the nominative, where nothing else says it
# is a person: «-бай», «-хан», «-гелді», «-берді», «-берген» too («Сансызбай малды жайды»)
_NAME_TAIL_ALONE = (
    *(t for t in _NAME_TAIL if t != "зат"),
    "бай",
    "хан",
    "кали",
    "гелди",
    "келди",
    "берди",
    "берген",
)


@lru_cache(maxsize=50_000)
def _kazakh_name_shape(token: str) -> bool:
    """Whether ``token``, no dictionary word, is built like a Kazakh given name in some
    Russian or Kazakh case form (the recogniser's "person" at the start of a sentence
    needs this or a dictionary's word)."""
    if _is_known(token) or _kazakh_word(token):
        return False
    low = _fold(token)
    for cut in range(len(low), max(3, len(low) - 5), -1):
        stem, rest = low[:cut], low[cut:]
        if rest and rest not in _ENDINGS:
            continue
        if stem.startswith(_NAME_HEAD) and len(stem) >= 5 or stem.endswith(_NAME_TAIL):
            return True
    return False


@lru_cache(maxsize=50_000)
def _kazakh_name_alone(token: str) -> bool:
    """A word opening a sentence in the nominative that no dictionary knows and that ends
    the way Kazakh given names end, after three letters or more: an unlisted given name
    («Сансызбай», «Жұмагелді»); not a kin or job word, not «Ойбай», «Бөбек», «Еңбек»."""
    if _is_known(token) or _kazakh_word(token) or _kin_or_role(token) or "-" in token:
        return False
    low = _fold(token)
    return any(low.endswith(t) and len(low) - len(t) >= 3 for t in _NAME_TAIL_ALONE)


@lru_cache(maxsize=50_000)
def _unlisted_kazakh_name(token: str) -> bool:
    """A capitalised word that opens a sentence in a Kazakh person's case and is neither a
    Russian word (pymorphy's dictionary) nor an ordinary Kazakh word: an unlisted given
    name («Талшынның үйіне жарық жоқ», «Қанағатқа жұмыс табылмады»). The stem may change
    its last consonant before the ending («Мектебіне»), so one letter less is enough."""
    m = _KK_PERSON_CASE.match(token)
    if m is None or _is_known(token):
        return False
    stem = _fold(m.group("stem").lower())
    words = _kazakh_word_prefixes()
    # «Көшелерге»: an ordinary word in the plural («көше» + «лер»), never a person's name
    plural = re.match(r"(.{3,}?)(?:лар|лер|дар|дер|тар|тер)$", stem)
    if plural and (plural.group(1) in words or plural.group(1) in _NEVER_NAMES):
        return False
    return stem not in words and (len(stem) < 5 or stem[:-1] not in words)


@lru_cache(maxsize=16)
def _place_index(places: frozenset[str]):
    """The stems of one-word places, and the places of several words by the stems of
    their first word (each word as the set of its stems)."""
    single: set[str] = set()
    multi: dict[str, list[tuple[frozenset[str], ...]]] = {}
    for place in places:
        words = [w for w in _WORD.findall(place or "") if len(w) >= 2]
        if not words:
            continue
        if len(words) == 1:
            if len(words[0]) >= 3:
                single.update(_stems_of(words[0]))
            continue
        sequence = tuple(frozenset(_stems_of(w)) for w in words)
        for stem in sequence[0]:
            multi.setdefault(stem, []).append(sequence)
    return frozenset(single), multi


def _stem_hits(token: str, stems) -> list[str]:
    """The stems of ``stems`` that ``token`` is, with a case ending (see _matches_stems)."""
    low = _fold(token)
    hits = []
    for cut in range(len(low), max(2, len(low) - 7), -1):
        stem, rest = low[:cut], low[cut:]
        if stem in stems and (rest in _ENDINGS or _surname_rest(rest)):
            hits.append(stem)
    return hits


def _place_spans(text: str, single, multi) -> list[tuple[int, int]]:
    """The word spans of ``text`` that are a known place's name in some case form: a
    one-word place anywhere, a place of several words only whole («Малика Габдуллина»,
    not «Малика» alone)."""
    if not single and not multi:
        return []
    words = [(m.start(), m.end(), m.group()) for m in _WORD.finditer(text)]
    spans: list[tuple[int, int]] = []
    for i, (start, end, token) in enumerate(words):
        if not token[0].isupper():
            continue
        if single and _matches_stems(token, single):
            spans.append((start, end))
        for stem in _stem_hits(token, multi.keys()) if multi else ():
            for sequence in multi[stem]:
                following = words[i : i + len(sequence)]
                if len(following) < len(sequence):
                    continue
                whole = all(
                    w[2][0].isupper()
                    and _matches_stems(w[2], stems)
                    and (k == 0 or not text[following[k - 1][1] : w[0]].strip())
                    for k, (w, stems) in enumerate(zip(following, sequence, strict=True))
                )
                if whole:
                    spans.extend((a, b) for a, b, _ in following)
    return sorted(set(spans))


def _known_places() -> frozenset[str]:
    """Every territory's name, from the database when Django is set up (else none)."""
    try:
        from django.apps import apps

        if not apps.ready:
            return frozenset()
        from ..places import territory_names

        return territory_names()
    except Exception:  # no settings (a plain script): no places
        return frozenset()
