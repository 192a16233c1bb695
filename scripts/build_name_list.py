"""Build tyndau/privacy/data/names_large.txt, the large list of Kazakh and Russian given
names and surnames the anonymiser reads besides the hand-written kazakh_names.txt.

    d=$(mktemp -d) && .venv/bin/pip download --no-deps -d "$d" mimesis==22.2.0 airlock-pii==0.1.0 \
      && .venv/bin/python scripts/build_name_list.py "$d"

It reads, from the two wheels (nothing is installed, nothing is imported from them):

- mimesis 22.2.0 (MIT licence, © 2016-present Isaak Uchakaev): ``mimesis/datasets/kk/
  person.json``, its Kazakh given names of either sex and its surnames;
- airlock-pii 0.1.0 (Apache License 2.0, © 2026 the Airlock authors):
  ``airlock_pii/data/given_names_kk.txt``, ``given_names_ru.txt`` (given names and their
  other spellings) and ``ordinary_words.txt`` (the given names that are also ordinary words
  or the names of days and months).

It writes three sections: ``[given]``, ``[given-word]`` (names that are also ordinary
words: the anonymiser takes them for a person only where something else says so) and
``[surname]`` (the masculine form). The output is sorted and has no duplicates.
"""

from __future__ import annotations

import json
import re
import sys
import zipfile
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "tyndau" / "privacy" / "data" / "names_large.txt"

HEADER = """\
# Kazakh and Russian given names and surnames, many of them (the anonymiser's large list).
# Built by scripts/build_name_list.py from two published, licence-compatible lists; do not
# edit by hand (add names to kazakh_names.txt instead). Sources and their licences:
#
# - mimesis 22.2.0 (https://pypi.org/project/mimesis/), file mimesis/datasets/kk/person.json:
#   Kazakh given names and surnames. MIT licence, Copyright (c) 2016-present Isaak Uchakaev.
# - airlock-pii 0.1.0 (https://pypi.org/project/airlock-pii/), files airlock_pii/data/
#   given_names_kk.txt, given_names_ru.txt and ordinary_words.txt: Kazakh and Russian given
#   names, their other spellings, and which of them are also ordinary words. Apache License,
#   Version 2.0, Copyright 2026 the Airlock authors (http://www.apache.org/licenses/LICENSE-2.0).
#   Changed here: merged with mimesis, the comments and the split by sex dropped.
#
# [given]: given names of either sex. [given-word]: given names that are also ordinary words,
# places, days or months (Арман "dream", Жұма "Friday"). [surname]: surnames, masculine form
# (the anonymiser derives the feminine, the plural and the Russian and Kazakh case forms).
"""


def _read(wheel: Path, name: str) -> str:
    with zipfile.ZipFile(wheel) as z:
        return z.read(name).decode("utf-8")


def _entries(text: str) -> dict[str, list[str]]:
    """The entries of an airlock-pii list by section: each line's spellings, and the stem
    in brackets («Павел (Павл)»)."""
    sections: dict[str, list[str]] = {}
    section = ""
    for raw in text.splitlines():
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        if line.startswith("[") and line.endswith("]"):
            section = line.strip("[]")
            continue
        for spelling in line.split(","):
            spelling = re.sub(r"\(.*?\)", "", spelling).strip()
            if spelling:
                sections.setdefault(section, []).append(spelling)
    return sections


def _masculine(surname: str) -> str:
    return re.sub(r"(ов|ев|ёв|ин|ын)а$", r"\1", surname)


def main(folder: str) -> int:
    wheels = {p.name.split("-")[0]: p for p in Path(folder).glob("*.whl")}
    person = json.loads(_read(wheels["mimesis"], "mimesis/datasets/kk/person.json"))
    airlock = wheels["airlock_pii"]
    data = "airlock_pii/data/"
    given: set[str] = set(person["names"]["female"]) | set(person["names"]["male"])
    for file in ("given_names_kk.txt", "given_names_ru.txt"):
        for names in _entries(_read(airlock, data + file)).values():
            given.update(names)
    words: set[str] = set()
    for names in _entries(_read(airlock, data + "ordinary_words.txt")).values():
        words.update(names)
    surnames = {_masculine(s) for group in person["surnames"].values() for s in group}
    clean = {n for n in given if re.fullmatch(r"[А-ЯЁӘІҢҒҮҰҚӨҺ][а-яёәіңғүұқөһ-]+", n)}
    lines = [HEADER, "[given]", *sorted(clean - words), "", "[given-word]", *sorted(words)]
    lines += ["", "[surname]", *sorted(surnames)]
    OUT.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{OUT}: {len(clean - words)} given names, {len(words)} that are also words, ")
    print(f"  {len(surnames)} surnames")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1] if len(sys.argv) > 1 else "."))
