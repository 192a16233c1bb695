"""Hiding only the house and flat numbers of an address, and the street as the public may
see it; merging spans of a text."""

from __future__ import annotations

import re

from .numbers import (
    _AFTER_STREET,
    _HOUSE_WORD,
    _KK_STREET,
    _NAME_NUM,
    _NOT_STREET,
    _NUM_HOUSE_WORD,
    _NUMBERED_HOUSE,
)

HIDDEN = "[…]"


def _merge(spans: list[tuple[int, int]], text: str) -> list[tuple[int, int]]:
    merged: list[list[int]] = []
    for start, end in sorted(spans):
        if merged and (start <= merged[-1][1] or not text[merged[-1][1] : start].strip()):
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    return [(s, e) for s, e in merged]


def hide_house_numbers(text: str) -> str:
    """Only the house and flat numbers of ``text`` hidden (for a street typed in a form)."""
    text = text or ""
    spans = []
    for rx, group in (
        (_AFTER_STREET, 2),
        (_KK_STREET, 2),
        (_HOUSE_WORD, 1),
        (_NUM_HOUSE_WORD, 1),
    ) + ((_NUMBERED_HOUSE, 1),):
        for m in rx.finditer(text):
            if m.group(group):
                spans.append((m.start(group), m.end(group)))
    for m in _NAME_NUM.finditer(text):
        if m.group(1).lower() not in _NOT_STREET:
            spans.append((m.start(3), m.end(3)))
    out, last = [], 0
    for start, end in _merge(spans, text):
        out.append(text[last:start])
        out.append(HIDDEN)
        last = end
    out.append(text[last:])
    return "".join(out)


def street_only(address: str) -> str:
    """A street as the public may see it: the name, no house or flat number."""
    cleaned = re.sub(
        r"(?i)[\s,]*(?:д\.|дом\w*|үй\w*|кв\.?|квартир\w*|пәтер\w*|house|apt\.?|flat|№)?\s*"
        r"\d+[\w/-]*(?:\s*-?\s*(?:үй|пәтер)\w*)?",
        "",
        address or "",
    )
    return re.sub(r"\s{2,}", " ", cleaned).strip(" ,.-")
