"""The shipped corpus is what its generator writes, and each of its parts is there."""

import random
from collections import Counter

from tyndau.triage import ml
from tyndau.triage.data import make_corpus
from tyndau.triage.data.press import ASIDES, MORE_WORDS


def test_the_shipped_corpus_is_what_make_corpus_writes():
    texts, topics = ml.read_csv(ml.CORPUS)
    rows = make_corpus.build()
    assert [(r["text"], r["topic"]) for r in rows] == list(zip(texts, topics, strict=True))
    assert len(rows) >= 3000


def test_every_topic_has_reported_appeals_naming_its_words_among_shared_asides():
    rows = make_corpus.build()
    reported = Counter(r["topic"] for r in rows if "reported" in r["variant"])
    assert set(reported) == set(make_corpus.TOPIC_FRAGMENTS)
    assert set(reported.values()) == {make_corpus.REPORTED_PER_TOPIC}
    assert set(MORE_WORDS) == set(make_corpus.TOPIC_FRAGMENTS)


def test_a_reported_appeal_holds_an_aside_every_topic_shares():
    rng = random.Random(0)
    for _ in range(20):
        text, variant = make_corpus.compose_reported("roads", "ru", rng)
        assert variant.startswith("reported")
        if "latin" in variant or "typo" in variant or "mixed" in variant:
            continue
        flat = text.lower().replace(",", "").replace(".", "")
        assert any(a.lower().replace(",", "").replace(".", "")[:25] in flat for a in ASIDES["ru"])


def test_topics_with_boundary_sentences_have_appeals_that_name_a_neighbours_words():
    from tyndau.triage.data.boundaries import BOUNDARIES

    rows = make_corpus.build()
    boundary = Counter(r["topic"] for r in rows if "boundary" in r["variant"])
    assert set(boundary) == set(BOUNDARIES)
    assert set(boundary.values()) == {make_corpus.BOUNDARY_PER_TOPIC}
    # a leaking roof brings water into the flat, and is still the building's upkeep
    roof = [r for r in rows if "boundary" in r["variant"] and r["topic"] == "housing_utilities"]
    assert any("вод" in r["text"].lower() or "voda" in r["text"].lower() for r in roof)


def test_the_whole_appeals_written_elsewhere_are_a_part_of_the_corpus_as_written():
    import csv

    with make_corpus.WHOLE.open(encoding="utf-8", newline="") as f:
        written = list(csv.DictReader(f))
    rows = make_corpus.build()
    whole = [r for r in rows if r["variant"].startswith("whole")]
    # every one of them, once, with its writer's topic, after the composed parts
    assert len(whole) == len(written) >= 27 * 20
    assert rows[-len(whole) :] == whole
    by_text = {" ".join(w["text"].split()): w["topic"] for w in written}
    assert all(by_text[r["text"]] == r["topic"] for r in whole)
    assert set(Counter(r["topic"] for r in whole)) == set(make_corpus.TOPIC_FRAGMENTS)
    assert {r["variant"] for r in whole} <= {
        f"whole+{k}" for k in ("letter", "quote", "retold", "short")
    }
