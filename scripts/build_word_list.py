"""Build tyndau/privacy/data/kazakh_words.txt: ordinary Kazakh words, in lower case, that
the anonymiser uses to tell a capitalised word at the start of a sentence («Мектепке»,
«Ауылдың») from an unlisted given name in a case form («Талшынның», «Қанағатқа»).

    .venv/bin/python scripts/build_word_list.py

The words come from the project's own hand-written triage fragments
(``tyndau/triage/data/fragments.json``, written for Tyndau, no third-party text): every word
with a Kazakh letter, or in a Kazakh fragment list, that is not a name of the anonymiser's
lists. Sorted, no duplicates.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "tyndau" / "privacy" / "data" / "kazakh_words.txt"

HEADER = """\
# Ordinary Kazakh words (lower case), from the project's own triage fragments
# (tyndau/triage/data/fragments.json, written for Tyndau). Built by scripts/build_word_list.py;
# do not edit by hand. The anonymiser reads them to keep a capitalised ordinary word at the
# start of a sentence in a case form («Мектепке», «Ауылдың»).
"""


def main() -> int:
    sys.path.insert(0, str(ROOT))
    from tyndau.privacy.anonymiser.names import _matches_stems, _name_stems

    fragments = json.loads(
        (ROOT / "tyndau" / "triage" / "data" / "fragments.json").read_text(encoding="utf-8")
    )

    texts: list[str] = []

    def walk(value, kazakh=False):
        if isinstance(value, dict):
            for key, inner in value.items():
                walk(inner, kazakh or key == "kk")
        elif isinstance(value, (list, tuple)):
            for inner in value:
                walk(inner, kazakh)
        elif isinstance(value, str) and kazakh:
            texts.append(value)

    walk(fragments)
    names = _name_stems()
    words = set()
    for text in texts:
        for word in re.findall(r"[^\W\d_]+", text):
            low = word.lower()
            if len(low) < 3 or not re.search("[а-яёәіңғүұқөһ]", low):
                continue
            if word[0].isupper() and _matches_stems(word, names):
                continue
            words.add(low)
    OUT.write_text(HEADER + "".join(f"{w}\n" for w in sorted(words)), encoding="utf-8")
    print(f"{len(words)} words -> {OUT.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
