"""Compose the starting corpus ``corpus.csv`` from the hand-written fragments.

Deterministic (a fixed seed): ``python -m tyndau.triage.data.make_corpus`` writes the same
file every time. Each appeal is an optional greeting, one *core* fragment of its topic, an
optional place, an optional *detail* of the same topic, an optional request and closing,
in the resident's language; then the ways residents really type are applied: Kazakh
letters written with Russian look-alikes, Latin transliteration, a second language mixed
in, typos, no capitals, no punctuation. See ``README.md`` beside this file.
"""

from __future__ import annotations

import csv
import json
import random
from pathlib import Path

from tyndau.triage.data.boundaries import BOUNDARIES
from tyndau.triage.data.lexicon import FRAMES, LEXICON
from tyndau.triage.data.press import ASIDES, MORE_WORDS, REPORT_FRAMES, REPORT_PLACES

HERE = Path(__file__).resolve().parent


def _load(name: str) -> dict:
    """One of the hand-written data files beside this one (see README.md)."""
    return json.loads((HERE / name).read_text(encoding="utf-8"))


# The short appeals' pieces: topic code -> {"ru": {"core": [...], "detail": [...]}, "kk": ...},
# and the shared greetings, places, requests and closings ({"ru": [...], "kk": [...]}).
_FRAGMENTS = _load("fragments.json")
TOPIC_FRAGMENTS = _FRAGMENTS["topics"]
OPENERS = _FRAGMENTS["openers"]
PLACES = _FRAGMENTS["places"]
REQUESTS = _FRAGMENTS["requests"]
CLOSERS = _FRAGMENTS["closers"]
# The long appeals' pieces: stories per topic and language, the complaints about the office
# shared by every topic, openers, and the second batch of stories.
_NARRATIVES = _load("narratives.json")
STORIES = _NARRATIVES["stories"]
FRUSTRATION = _NARRATIVES["frustration"]
NARRATIVE_OPENERS = _NARRATIVES["narrative_openers"]
MORE_STORIES = _NARRATIVES["more_stories"]
CORPUS = HERE / "corpus.csv"
# Whole appeals written from scratch by a separate writer (see README.md), taken as they are.
WHOLE = HERE / "whole_appeals.csv"
SEED = 15
PER_TOPIC = 120
NARRATIVE_PER_TOPIC = 40
VOCABULARY_PER_TOPIC = 20
MORE_NARRATIVE_PER_TOPIC = 20
REPORTED_PER_TOPIC = 30
BOUNDARY_PER_TOPIC = 25

KK_LOOKALIKE = str.maketrans(
    {"ә": "а", "ғ": "г", "қ": "к", "ң": "н", "ө": "о", "ұ": "у", "ү": "у", "һ": "х", "і": "i"}
)
TO_LATIN = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "yo", "ж": "zh",
    "з": "z", "и": "i", "й": "y", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o",
    "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f", "х": "h", "ц": "ts",
    "ч": "ch", "ш": "sh", "щ": "sch", "ъ": "", "ы": "y", "ь": "", "э": "e", "ю": "yu",
    "я": "ya", "ә": "a", "ғ": "g", "қ": "q", "ң": "n", "ө": "o", "ұ": "u", "ү": "u",
    "һ": "h", "і": "i",
}  # fmt: skip
NEIGHBOURS = "йцукенгшщзхъфывапролджэячсмитьбю"


def to_latin(text: str, rng: random.Random) -> str:
    table = dict(TO_LATIN)
    if rng.random() < 0.5:  # the Kazakh Latin alphabet habit: j for ж, q for қ
        table.update({"ж": "j", "қ": "q", "ш": "sh", "ғ": "gh", "ң": "ng"})
    out = []
    for ch in text:
        low = ch.lower()
        lat = table.get(low, ch)
        out.append(lat.upper() if ch != low and lat else lat)
    return "".join(out)


def typo(word: str, rng: random.Random) -> str:
    if len(word) < 4:
        return word
    i = rng.randrange(1, len(word) - 1)
    match rng.randrange(4):
        case 0:  # a letter dropped
            return word[:i] + word[i + 1 :]
        case 1:  # two letters swapped
            return word[: i - 1] + word[i] + word[i - 1] + word[i + 1 :]
        case 2:  # a letter doubled
            return word[:i] + word[i] + word[i:]
        case _:  # a neighbouring key
            if word[i] in NEIGHBOURS:
                j = NEIGHBOURS.index(word[i])
                return word[:i] + NEIGHBOURS[(j + 1) % len(NEIGHBOURS)] + word[i + 1 :]
            return word


def compose(topic: str, lang: str, rng: random.Random) -> tuple[str, str]:
    """One short appeal about ``topic`` in ``lang``; returns (text, variant)."""
    frags = TOPIC_FRAGMENTS[topic]
    other = "kk" if lang == "ru" else "ru"
    mixed = rng.random() < 0.15
    parts = []
    if rng.random() < 0.6:
        parts.append(rng.choice(OPENERS[other if mixed and rng.random() < 0.5 else lang]))
    core = rng.choice(frags[lang]["core"])
    place = rng.choice(PLACES[lang]) if rng.random() < 0.6 else ""
    if place and rng.random() < 0.5:
        core = f"{place} {core}"
    elif place:
        core = f"{core} {place}"
    parts.append(core)
    if rng.random() < 0.55:
        parts.append(rng.choice(frags[other if mixed else lang]["detail"]))
    if rng.random() < 0.15:
        parts.append(rng.choice(frags[lang]["core"]))
    if rng.random() < 0.5:
        parts.append(rng.choice(REQUESTS[other if mixed and rng.random() < 0.5 else lang]))
    if rng.random() < 0.3:
        parts.append(rng.choice(CLOSERS[lang]))
    return typed(parts, lang, ["mixed"] if mixed else [], rng)


def compose_narrative(
    topic: str, lang: str, rng: random.Random, *, stories: dict = STORIES
) -> tuple[str, str]:
    """One long first-person appeal about ``topic`` in ``lang``: the story of the problem
    (one or two of ``STORIES``), how the office answered (``FRUSTRATION``, the same for every
    topic), sometimes a short core fragment and a place; returns (text, variant)."""
    other = "kk" if lang == "ru" else "ru"
    mixed = rng.random() < 0.15
    told = stories[topic][lang]
    parts = [rng.choice(NARRATIVE_OPENERS[lang])]
    parts += rng.sample(told, k=min(len(told), rng.choice([1, 1, 2])))
    if rng.random() < 0.5:
        parts[-1] = f"{parts[-1]} {rng.choice(PLACES[lang])}".strip()
    if rng.random() < 0.35:
        core = rng.choice(TOPIC_FRAGMENTS[topic][lang]["core"])
        parts.insert(rng.randrange(1, len(parts) + 1), core)
    for _ in range(rng.choice([1, 2, 2, 3])):
        said = FRUSTRATION[other if mixed and rng.random() < 0.5 else lang]
        parts.insert(rng.randrange(1, len(parts) + 1), rng.choice(said))
    if rng.random() < 0.7:
        parts.append(rng.choice(REQUESTS[lang]))
    variants = ["narrative"] + (["mixed"] if mixed else [])
    return typed(list(dict.fromkeys(parts)), lang, variants, rng)


def compose_vocabulary(topic: str, lang: str, rng: random.Random) -> tuple[str, str]:
    """One short appeal naming two or three of the topic's words (``LEXICON``) in a sentence
    frame shared by every topic, sometimes with an opener and a complaint about the office;
    returns (text, variant)."""
    words = ", ".join(rng.sample(LEXICON[topic][lang], k=rng.choice([2, 3, 3])))
    parts = [rng.choice(OPENERS[lang]), rng.choice(FRAMES[lang]).format(words=words)]
    if rng.random() < 0.3:
        parts.append(rng.choice(FRUSTRATION[lang]))
    if rng.random() < 0.4:
        parts.append(rng.choice(REQUESTS[lang]))
    return typed(parts, lang, ["vocabulary"], rng)


def compose_reported(topic: str, lang: str, rng: random.Random) -> tuple[str, str]:
    """One complaint as the press or the akimat's chat retells it (``press.py``): a report
    frame naming two or three of the topic's words (``LEXICON`` and ``MORE_WORDS``) among
    one to three asides every topic shares (money paid or budgeted, offices written to, the
    family), sometimes a short core fragment; returns (text, variant)."""
    other = "kk" if lang == "ru" else "ru"
    mixed = rng.random() < 0.15
    pool = LEXICON[topic][lang] + MORE_WORDS[topic][lang]
    words = ", ".join(rng.sample(pool, k=rng.choice([1, 2, 2, 3])))
    frame = rng.choice(REPORT_FRAMES[lang])
    parts = [frame.format(place=rng.choice(REPORT_PLACES[lang]), words=words)]
    for _ in range(rng.choice([1, 2, 2, 3])):
        said = ASIDES[other if mixed and rng.random() < 0.5 else lang]
        parts.insert(rng.randrange(0, len(parts) + 1), rng.choice(said))
    if rng.random() < 0.3:
        core = rng.choice(TOPIC_FRAGMENTS[topic][lang]["core"])
        parts.insert(rng.randrange(0, len(parts) + 1), core)
    if rng.random() < 0.3:
        parts.append(rng.choice(REQUESTS[lang]))
    variants = ["reported"] + (["mixed"] if mixed else [])
    return typed(list(dict.fromkeys(parts)), lang, variants, rng)


def compose_boundary(topic: str, lang: str, rng: random.Random) -> tuple[str, str]:
    """One appeal that names ``topic`` together with a neighbouring topic's words
    (``boundaries.py``): one or two boundary sentences, a complaint about the office or an
    aside every topic shares, sometimes an opener and a request; returns (text, variant)."""
    said = BOUNDARIES[topic][lang]
    parts = rng.sample(said, k=min(len(said), rng.choice([1, 1, 2])))
    if rng.random() < 0.5:
        parts.insert(0, rng.choice(OPENERS[lang]))
    for _ in range(rng.choice([0, 1, 1, 2])):
        shared = rng.choice([FRUSTRATION, ASIDES])[lang]
        parts.insert(rng.randrange(0, len(parts) + 1), rng.choice(shared))
    if rng.random() < 0.4:
        parts.append(rng.choice(REQUESTS[lang]))
    return typed(list(dict.fromkeys(parts)), lang, ["boundary"], rng)


def typed(parts: list[str], lang: str, variants: list[str], rng: random.Random) -> tuple[str, str]:
    """The parts joined and typed the way residents type (look-alikes, Latin, typos...)."""
    parts = [p for p in parts if p]
    sep = rng.choice([". ", ", ", " ", "! ", ".. "])
    text = sep.join(p[0].upper() + p[1:] if rng.random() < 0.6 else p for p in parts)
    if lang == "kk" and rng.random() < 0.45:
        text = text.translate(KK_LOOKALIKE)
        variants.append("lookalike")
    if rng.random() < 0.12:
        text = to_latin(text, rng)
        variants.append("latin")
    words = text.split(" ")
    for _ in range(rng.choice([0, 0, 1, 1, 2, 3])):
        k = rng.randrange(len(words))
        words[k] = typo(words[k], rng)
        variants.append("typo")
    text = " ".join(words)
    if rng.random() < 0.4:
        text = text.lower()
    if rng.random() < 0.2:
        text = text.replace(",", "").replace(".", "")
    if rng.random() < 0.1:
        text += rng.choice(["!!!", "??", "!", " )", "..."])
    return text, "+".join(dict.fromkeys(variants)) or "plain"


def build(
    *,
    per_topic: int = PER_TOPIC,
    narrative_per_topic: int = NARRATIVE_PER_TOPIC,
    vocabulary_per_topic: int = VOCABULARY_PER_TOPIC,
    more_narrative_per_topic: int = MORE_NARRATIVE_PER_TOPIC,
    reported_per_topic: int = REPORTED_PER_TOPIC,
    boundary_per_topic: int = BOUNDARY_PER_TOPIC,
    seed: int = SEED,
) -> list[dict]:
    rows: list[dict] = []
    seen: set[str] = set()

    def part(stream: int, count: int, make, topics=TOPIC_FRAGMENTS) -> None:
        """``count`` new appeals of each topic from ``make(topic, lang, rng)``, drawn from
        the part's own random stream, so that adding a part leaves the earlier rows as
        they were."""
        rng = random.Random(seed + stream)
        for topic in topics:
            made = 0
            while made < count:
                lang = "ru" if rng.random() < 0.55 else "kk"
                text, variant = make(topic, lang, rng)
                if text in seen:
                    continue
                seen.add(text)
                rows.append({"text": text, "topic": topic, "lang": lang, "variant": variant})
                made += 1

    part(0, per_topic, compose)  # the short appeals
    part(1, narrative_per_topic, compose_narrative)  # the long narrative ones
    part(2, vocabulary_per_topic, compose_vocabulary)  # the vocabulary ones
    # narratives from the second batch of stories
    part(
        3,
        more_narrative_per_topic,
        lambda t, lang, rng: compose_narrative(t, lang, rng, stories=MORE_STORIES),
    )
    part(4, reported_per_topic, compose_reported)  # complaints as the press retells them
    # a topic said with its neighbour's words, for the topics that have boundary sentences
    part(5, boundary_per_topic, compose_boundary, topics=BOUNDARIES)
    rows.extend(whole_appeals(seen))
    return rows


def whole_appeals(seen: set[str]) -> list[dict]:
    """The written-from-scratch appeals of ``whole_appeals.csv``, in the file's order and
    as written (no typing applied: they have their own typos and mixed language); variant
    ``whole+<kind>`` (letter, short, quote, retold). A text already in the corpus or of a
    topic not in the list is left out."""
    rows = []
    with WHOLE.open(encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            text = " ".join(row["text"].split())
            if not text or text in seen or row["topic"] not in TOPIC_FRAGMENTS:
                continue
            seen.add(text)
            variant = f"whole+{row['kind']}" if row.get("kind") else "whole"
            rows.append(
                {"text": text, "topic": row["topic"], "lang": row["lang"], "variant": variant}
            )
    return rows


def main() -> None:
    rows = build()
    with CORPUS.open("w", newline="", encoding="utf-8") as f:
        writer = csv.DictWriter(f, fieldnames=["text", "topic", "lang", "variant"])
        writer.writeheader()
        writer.writerows(rows)
    print(f"{len(rows)} appeals written to {CORPUS}")


if __name__ == "__main__":
    main()
