"""Reads the labelled sentences the anonymiser is measured on (``data/labelled_sentences.txt``)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

PATH = Path(__file__).resolve().parent / "data" / "labelled_sentences.txt"
HELDOUT = PATH.with_name("heldout_sentences.txt")
# Written later, each before the anonymiser changes it was measured against (see the
# first lines of each file and benchmarks/RESULTS.md).
HELDOUT2 = PATH.with_name("heldout2_sentences.txt")
HELDOUT3 = PATH.with_name("heldout3_sentences.txt")
HELDOUT4 = PATH.with_name("heldout4_sentences.txt")
HELDOUT5 = PATH.with_name("heldout5_sentences.txt")
HELDOUT6 = PATH.with_name("heldout6_sentences.txt")
HELDOUT7 = PATH.with_name("heldout7_sentences.txt")
HELDOUT8 = PATH.with_name("heldout8_sentences.txt")
HELDOUT9 = PATH.with_name("heldout9_sentences.txt")
HELDOUT10 = PATH.with_name("heldout10_sentences.txt")
HELDOUT11 = PATH.with_name("heldout11_sentences.txt")
HELDOUT12 = PATH.with_name("heldout12_sentences.txt")
HELDOUT13 = PATH.with_name("heldout13_sentences.txt")
HELDOUT14 = PATH.with_name("heldout14_sentences.txt")
HELDOUT15 = PATH.with_name("heldout15_sentences.txt")
HELDOUT16 = PATH.with_name("heldout16_sentences.txt")
HELDOUT17 = PATH.with_name("heldout17_sentences.txt")
HELDOUT18 = PATH.with_name("heldout18_sentences.txt")
# Written on 2026-12-04 (02:00-02:08 UTC) by a helper who read no code; copied in after the
# fixes of that night had landed, measured once before its misses were read
HELDOUT19 = PATH.with_name("heldout19_sentences.txt")
HELDOUT20 = PATH.with_name("heldout20_sentences.txt")
# Written on 2026-12-04 (19:44-19:51 UTC) by a helper who read no code; copied in after set
# 20's fixes had landed (fb7c9a7), measured once before its misses were read
HELDOUT21 = PATH.with_name("heldout21_sentences.txt")
# Written on 2026-12-04 by the issue-17 helper for the classes it fixed (tuned on)
PRACTICE = PATH.with_name("practice_classes_sentences.txt")
_LABEL = re.compile(r"\[\[(.+?)\]\]")


@dataclass
class Sentence:
    text: str
    personal: list[tuple[int, int]]
    names: list[str] = field(default_factory=list)
    private: list[str] = field(default_factory=list)


def parse(line: str) -> Sentence:
    body, _, context = line.partition(" ## ")
    names, private = [], []
    for part in context.split(" ## ") if context else []:
        for item in re.split(r";\s*(?=applicant:|private:)", part):
            key, _, value = item.partition(":")
            values = [v.strip() for v in value.split(";") if v.strip()]
            (names if key.strip() == "applicant" else private).extend(values)
    text, spans, last = [], [], 0
    offset = 0
    for m in _LABEL.finditer(body):
        text.append(body[last : m.start()])
        offset += m.start() - last
        spans.append((offset, offset + len(m.group(1))))
        text.append(m.group(1))
        offset += len(m.group(1))
        last = m.end()
    text.append(body[last:])
    return Sentence("".join(text), spans, names, private)


def load(path: Path = PATH) -> list[Sentence]:
    return [
        parse(line)
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    ]


def score(
    sentence: Sentence, found: list[tuple[int, int]]
) -> tuple[int, int, int, int, list, list]:
    """(personal caught, personal total, other words kept, other words total, missed, lost)."""
    covered = set()
    for s, e in found:
        covered.update(range(s, e))
    caught, missed = 0, []
    for s, e in sentence.personal:
        chars = [i for i in range(s, e) if sentence.text[i].isalnum()]
        if all(i in covered for i in chars):
            caught += 1
        else:
            missed.append(sentence.text[s:e])
    labelled = set()
    for s, e in sentence.personal:
        labelled.update(range(s, e))
    kept = total = 0
    lost = []
    for m in re.finditer(r"\w+", sentence.text):
        if any(i in labelled for i in range(m.start(), m.end())):
            continue
        total += 1
        if any(i in covered for i in range(m.start(), m.end())):
            lost.append(m.group())
        else:
            kept += 1
    return caught, len(sentence.personal), kept, total, missed, lost
