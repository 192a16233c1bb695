"""What the words beside a word say of it: a name in quotes is a shop's, two words side by
side or joined by «and», a surname's ending right beside a given name, a number that
counts the noun after it."""

from __future__ import annotations

import re

from .letters import _LOW, _SENT_END, _WORD
from .models import _is_counted_plural, _is_known, _load, _name_probability
from .names import _matches_stems, _name_stems
from .vocabulary import (
    _CONTEXT_MARK,
    _NEVER_NAMES,
    _PATRONYMIC,
    _kin_or_role,
    _looks_like_surname,
)

# a capital «С.» or «Г.» right before the word: «село» / «город», or an initial
_INITIAL_BEFORE = re.compile(r"(?<![\w.])[СГ]\.\s*$")


def _place_context(text: str, start: int, token: str) -> bool:
    """Whether the words before ``token`` make it a street, a place or a shop (see
    _CONTEXT_MARK); a capital «С.» or «Г.» before a surname is an initial («хатқа
    С. Әбілқасымова қол қойды»), not «село» or «город»."""
    before = text[max(0, start - 30) : start]
    if not _CONTEXT_MARK.search(before):
        return False
    if _INITIAL_BEFORE.search(before) and _looks_like_surname(token):
        return _is_known(token) and _name_probability(token) == 0  # «Г. Рудный» stays
    return True


# after «Слава» these make it glory: «Слава Богу», «Слава героям», «Слава Казахстану»
_GLORY_TO = re.compile(r"\s+([^\W\d_]+)")


def _given_name_alone(text: str, start: int, end: int, at_start: bool) -> bool:
    """«Слава» alone is a man's name mid-sentence («Это Слава из третьего подъезда») or at
    the start before «из»/«с» or a verb in the past («Слава сказал»); not «Слава Богу»."""
    following = _GLORY_TO.match(text, end)
    if following:
        word = following.group(1)
        parse = _load()["morph"].parse(word.lower())[0]
        if "datv" in parse.tag and "NOUN" in parse.tag or word.lower() in ("богу", "аллаху"):
            return False
    if not at_start:
        return True
    if not following:
        return False
    word = following.group(1).lower()
    parse = _load()["morph"].parse(word)[0]
    return word in ("из", "с", "со", "опять", "снова") or (
        "VERB" in parse.tag and "past" in parse.tag and "masc" in parse.tag
    )


def _quoted(text: str, start: int, end: int) -> bool:
    """«Арай», "Нур": a name in quotes is a shop, a programme or a company."""
    before = text[:start].rstrip()[-1:] if text[:start].strip() else ""
    return before in ("«", '"', "“") or text[start - 1 : start] in ("«", '"')


def _surnames_beside_given_names(text, name_spans, ner, place_spans, in_street):
    """A capitalised word with a surname's ending right beside a listed given name is the
    surname, even when it is a dictionary word too («Штыковым Геннадием», «Штыков Геннадий»
    from «штык»); at the start of a sentence only inside the recogniser's person."""
    stems = _name_stems()
    given = [(a, b) for a, b in name_spans if _matches_stems(text[a:b], stems)]
    # a given name and a patronymic after it: the word before is the surname («Штыков
    # Геннадий Валерьевич»)
    full = [
        (a, b)
        for a, b in given
        if (after := re.match(r"\s+([^\W\d_]+)", text[b:])) and _PATRONYMIC.match(after.group(1))
    ]
    found = []
    for m in _WORD.finditer(text):
        token, span = m.group(), (m.start(), m.end())
        if not token[0].isupper() or span in name_spans or not _looks_like_surname(token):
            continue
        if not any(_adjacent(text, span, g) for g in given):
            continue
        if span in place_spans or in_street(*span) or _quoted(text, *span):
            continue
        if token.lower() in _NEVER_NAMES or _CONTEXT_MARK.search(
            text[max(0, span[0] - 30) : span[0]]
        ):
            continue
        if _SENT_END.search(text[: span[0]]) and (
            not any(s <= span[0] and span[1] <= e for s, e in ner)
            and not any(_adjacent(text, span, g) for g in full)
            or _kin_or_role(token)
            and not _is_known(token)
        ):
            continue
        found.append(span)
    return found


def _counts(text: str, end: int) -> bool:
    """Whether the number ending at ``end`` counts the noun after it, a genitive plural
    («40 квартир», «5 подъездов»), rather than numbering a house."""
    following = re.match(r"\s+([" + _LOW + r"]{3,})", text[end:])
    return bool(following) and _is_counted_plural(following.group(1))


def _adjacent(text: str, a: tuple[int, int], b: tuple[int, int]) -> bool:
    """Whether two word spans stand side by side, with only spaces between them."""
    first, second = (a, b) if a[0] < b[0] else (b, a)
    return first[1] <= second[0] and not text[first[1] : second[0]].strip()


def _joined(text: str, a: tuple[int, int], b: tuple[int, int]) -> bool:
    """Whether two word spans are joined by «and» («Мирас пен Бексұлтан», «Вера и Анна»)."""
    first, second = (a, b) if a[0] < b[0] else (b, a)
    between = text[first[1] : second[0]]
    return re.fullmatch(r"\s*(?:,|\s(?:мен|бен|пен|және|и))\s*", between) is not None
