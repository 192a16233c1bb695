"""What a text is about, beyond the words the corpus has: the mean of Russian word
embeddings (``navec``, shipped inside the ``natasha`` package: 250,000 words of Russian
news, 300 dimensions; nothing is downloaded) of the text's words, each weighted by how
rare it is in the training texts, as 300 dense features beside the TF-IDF ones.

Residents name their problem with words the hand-written corpus never used ("горка вся
ржавая", "сетки на поле"); their embeddings lie near words it did use (детская площадка,
стадион), so the classifier learns one weight per dimension of meaning instead of one per
spelling. A word the corpus lacks counts with the largest weight (it is rarer than any
word it has), which is what a missing everyday word needs. Kazakh words are mostly not in
navec, and once folded onto Russian letters many of them *are* Russian words of another
meaning (``су``/``жол``/``бар``, ``тура``, ``кезек``): on a Kazakh text the mean embedding
is noise that pulled it towards unrelated topics. A text that reads as Kazakh (``is_kazakh``:
more than 15 % of its words carry a Kazakh-only letter or are common Kazakh words) gets no
meaning vector, and is read by its character n-grams and words alone. Measured on 333
appeals written elsewhere (the first part of ``data/whole_appeals.csv``, before it was
added to the corpus): top-1 82.3 -> 86.5 %, Kazakh 105 -> 117 of 140, Russian 145 of 164
both; see benchmarks/RESULTS.md.
"""

from __future__ import annotations

import math
import threading
from collections import Counter
from functools import lru_cache
from pathlib import Path

import numpy as np
from sklearn.base import BaseEstimator, TransformerMixin

from .text import normalise, words_of

DIMENSIONS = 300
KAZAKH_LETTERS = frozenset("әғқңөұүһі")
# Common Kazakh words as ``normalise`` spells them (Kazakh letters folded), so that a Kazakh
# text typed with Russian look-alikes is told apart too.
KAZAKH_WORDS = frozenset(
    [
        "жок",
        "бар",
        "жане",
        "биз",
        "бизде",
        "деп",
        "ушин",
        "емес",
        "кажет",
        "керек",
        "ауыл",
        "ауылда",
        "бул",
        "осы",
        "мен",
        "сиз",
        "отыр",
        "жатыр",
        "калды",
        "болды",
        "турады",
        "ешкандай",
        "туралы",
        "кезде",
        "бирак",
        "улкен",
        "жыл",
        "жылы",
        "уй",
        "уйде",
        "коше",
        "кошеде",
        "тургындар",
        "тургын",
        "акимдик",
        "акимдикке",
        "сураймын",
        "сураймыз",
        "отиниш",
        "комек",
    ]
)
KAZAKH_SHARE = 0.15
_lock = threading.Lock()
_navec = None


def navec_path() -> Path:
    import natasha

    return Path(natasha.__file__).resolve().parent / "data/emb/navec_news_v1_1B_250K_300d_100q.tar"


def navec():
    """The embeddings, read once per process (about 2 s)."""
    global _navec
    if _navec is None:
        with _lock:
            if _navec is None:
                from navec import Navec

                _navec = Navec.load(str(navec_path()))
    return _navec


@lru_cache(maxsize=50_000)
def vector(word: str) -> np.ndarray | None:
    """A normalised word's embedding, or None when navec lacks it (or it is too short to
    mean anything on its own)."""
    if len(word) < 3:
        return None
    table = navec()
    return table.get(word)


def is_kazakh(text: str) -> bool:
    """Whether more than ``KAZAKH_SHARE`` of the text's words are Kazakh by their letters
    or are common Kazakh words."""
    words = words_of(text)
    if not words:
        return False
    kazakh = sum(
        bool(KAZAKH_LETTERS & set(w.lower())) or normalise(w) in KAZAKH_WORDS for w in words
    )
    return kazakh / len(words) > KAZAKH_SHARE


class MeaningVectors(BaseEstimator, TransformerMixin):
    """The idf-weighted mean embedding of a text's words, of length ``weight``."""

    def __init__(self, weight: float = 1.0):
        self.weight = weight

    def fit(self, texts, y=None):
        df: Counter = Counter()
        for text in texts:
            df.update(set(normalise(text).split()))
        n = len(texts)
        self.idf_ = {w: math.log((n + 1) / (c + 1)) + 1 for w, c in df.items()}
        self.max_idf_ = math.log(n + 1) + 1
        return self

    def word_weights(self, text: str) -> list[tuple[str, float, np.ndarray]]:
        """Each known word of the normalised text with its weight and embedding; none for a
        Kazakh text (see the module's docstring)."""
        found = []
        if is_kazakh(text):
            return found
        for word in normalise(text).split():
            v = vector(word)
            if v is not None:
                found.append((word, self.idf_.get(word, self.max_idf_), v))
        return found

    def transform(self, texts):
        out = np.zeros((len(texts), DIMENSIONS), dtype=np.float32)
        for i, text in enumerate(texts):
            found = self.word_weights(text)
            if not found:
                continue
            total = sum(w * v for _, w, v in found)
            norm = float(np.linalg.norm(total))
            if norm:
                out[i] = total / norm * self.weight
        return out

    def word_scores(self, text: str, weights: np.ndarray) -> dict[str, float]:
        """How much each word pushed the text towards the topic whose weights (over these
        300 features) are given: its share of the mean, times the weights."""
        found = self.word_weights(text)
        if not found:
            return {}
        norm = float(np.linalg.norm(sum(w * v for _, w, v in found)))
        if not norm:
            return {}
        scores: dict[str, float] = {}
        for word, w, v in found:
            scores[word] = scores.get(word, 0.0) + self.weight * w * float(v @ weights) / norm
        return scores
