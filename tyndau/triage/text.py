"""Normalising residents' text before the model reads it.

Residents write Kazakh with Russian look-alike letters (``кок`` for ``көк``), in Latin
transliteration (``suv zhok``, ``su joq``), with typos and doubled letters. The model sees
one spelling: lowercase Cyrillic, Kazakh-only letters folded onto their Russian
look-alikes, Latin transliterated back, punctuation dropped, runs of a letter shortened.
"""

from __future__ import annotations

import re

KAZAKH_FOLD = str.maketrans(
    {"ә": "а", "ғ": "г", "қ": "к", "ң": "н", "ө": "о", "ұ": "у", "ү": "у", "һ": "х", "і": "и"}
)
LATIN_MULTI = [
    ("shch", "щ"),
    ("sch", "щ"),
    ("sh", "ш"),
    ("ch", "ч"),
    ("zh", "ж"),
    ("kh", "х"),
    ("gh", "г"),
    ("ts", "ц"),
    ("yu", "ю"),
    ("iu", "ю"),
    ("ya", "я"),
    ("ia", "я"),
    ("yo", "е"),
    ("ye", "е"),
]
LATIN_SINGLE = str.maketrans(
    {
        "a": "а", "b": "б", "c": "с", "d": "д", "e": "е", "f": "ф", "g": "г", "h": "х",
        "i": "и", "j": "ж", "k": "к", "l": "л", "m": "м", "n": "н", "o": "о", "p": "п",
        "q": "к", "r": "р", "s": "с", "t": "т", "u": "у", "v": "в", "w": "у", "x": "кс",
        "y": "ы", "z": "з", "ä": "а", "ö": "о", "ü": "у", "ğ": "г", "ş": "ш", "ı": "ы",
        "ñ": "н", "ç": "ч",
    }
)  # fmt: skip
_LATIN_WORD = re.compile(r"[a-zäöüğşıñç]+")
_NOT_WORD = re.compile(r"[^0-9а-яё]+")
_RUNS = re.compile(r"([а-я])\1{2,}")


def _latin_to_cyrillic(match: re.Match) -> str:
    word = match.group(0)
    for latin, cyrillic in LATIN_MULTI:
        word = word.replace(latin, cyrillic)
    return word.translate(LATIN_SINGLE)


def normalise(text: str) -> str:
    """One spelling for the model: ``"Suv JOQ!!! көшеде"`` -> ``"сув жок кошеде"``."""
    text = (text or "").lower().replace("ё", "е")
    text = _LATIN_WORD.sub(_latin_to_cyrillic, text)
    text = text.translate(KAZAKH_FOLD)
    text = _NOT_WORD.sub(" ", text)
    text = _RUNS.sub(r"\1", text)
    return " ".join(text.split())


WORD = re.compile(r"\w+", re.UNICODE)


def words_of(text: str) -> list[str]:
    """The words of the original text, as the resident wrote them."""
    return WORD.findall(text or "")
