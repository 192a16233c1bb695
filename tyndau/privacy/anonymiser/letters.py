"""Letters of Russian and Kazakh, folding Kazakh letters onto Russian ones, words."""

from __future__ import annotations

import re

_UP = "А-ЯЁӘІҢҒҮҰҚӨҺA-Z"
_LOW = "а-яёәіңғүұқөһa-z"

# Kazakh letters folded onto their Russian look-alikes: one name has both spellings
# («Әйгерім» / «Айгерим», «Жұмаділова» / «Жумадилова»), and residents type either.
_KAZAKH_LETTER = re.compile("[әіңғүұқөһӘІҢҒҮҰҚӨҺ]")
_FOLD = str.maketrans("әіңғүұқөһё", "аингуукохе")


def _fold(word: str) -> str:
    return word.lower().translate(_FOLD)


_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")
_SENT_END = re.compile(r"(?:^|[.!?…:;\n]|[.!?…]\s*[«\"(])\s*$")
