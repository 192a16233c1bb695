"""Given names that are also words («Роман», «Дана», «Роза»), opening a sentence: what
around them says they name a person (a kin or job word after a comma, an imperative, a
verb the person does)."""

from __future__ import annotations

import re

from .letters import _fold
from .models import _load

# after a comma: «моя дочь», «наш сосед», «сын соседки», «менің қызым» say the word
# before is a person
_APPOSITION = re.compile(
    r",\s+(?:(?:мо[йяеи]|наш[аеи]?|его|её|ее|их|менің|біздің|сіздің)\s+)?([^\W\d_]+)",
    re.IGNORECASE,
)
# Kazakh kin words with a possessive ending, folded: «қызым», «ұлыңыз», «көршіміз»
_KK_KIN = re.compile(
    r"(?:кыз|ул|бала|немере|жиен|корши|дос|ага|апа|ини|синли|карындас|аже|ата)"
    r"(?:[ыи]м|м|[ыи]н|н|[ыи]м[ыи]з|м[ыи]з|[ыи]н[ыи]з|н[ыи]з|[ыи]|с[ыи])$"
)


def _named_by_comma(text: str, end: int) -> bool:
    """A given name that is also a word, opening a sentence, before a comma and a kin or
    job word («Дана, моя дочь, …», «Роза, менің қызым, …», «Роман, сосед») or a verb in
    the imperative («Роман, позвоните мне»): the person named or addressed."""
    from .lowercase import _role_word

    m = _APPOSITION.match(text, end)
    if m and (_role_word(m.group(1)) or _KK_KIN.match(_fold(m.group(1)))):
        return True
    m = re.match(r",\s+([^\W\d_]+)", text[end : end + 30])
    if not m:
        return False
    return any(
        "impr" in p.tag and p.score >= 0.05 or "VERB" in p.tag and "2per" in p.tag
        for p in _load()["morph"].parse(m.group(1).lower())
    )


def _acts(text: str, end: int, token: str) -> bool:
    """A man's given name that is also a word, opening a sentence, before «из»,
    «опять» («Роман из ЖЭУ сказал…») or a verb in the masculine past or the present
    («Роман пообещал», «Роман отвечает»);
    a woman's name that is a word is left there («Надежда умерла последней»)."""
    m = re.match(r"\s+([^\W\d_]+)", text[end : end + 30])
    if not m:
        return False
    word = m.group(1).lower()
    if word in ("из", "опять", "снова"):
        return True
    morph = _load()["morph"]
    if not any("Name" in p.tag and "masc" in p.tag for p in morph.parse(token)):
        return False
    parse = morph.parse(word)[0]
    return "VERB" in parse.tag and (
        "past" in parse.tag
        and "masc" in parse.tag
        or "pres" in parse.tag
        and "3per" in parse.tag
        and "sing" in parse.tag
    )
