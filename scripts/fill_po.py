#!/usr/bin/env python
"""Fill an app's Kazakh and Russian .po files from a JSON file of translations.

    python scripts/fill_po.py tyndau/APP translations.json      # fill
    python scripts/fill_po.py tyndau/APP --missing              # list untranslated msgids

The JSON maps a msgid (or "msgctxt\\u0004msgid") to {"ru": ..., "kk": ...}; for plural
entries the values are lists of forms (Russian has 3, Kazakh 2). Then run
``make compilemessages``.
"""

import json
import sys
from pathlib import Path

import polib


def key(entry):
    return f"{entry.msgctxt}\u0004{entry.msgid}" if entry.msgctxt else entry.msgid


def main():
    app = Path(sys.argv[1])
    if sys.argv[2] == "--missing":
        missing = {}
        for lang in ("ru", "kk"):
            po = polib.pofile(str(app / "locale" / lang / "LC_MESSAGES" / "django.po"))
            for e in po:
                if e.obsolete:
                    continue
                empty = not e.msgstr if not e.msgid_plural else not all(e.msgstr_plural.values())
                if empty or "fuzzy" in e.flags:
                    missing.setdefault(key(e), {"plural": e.msgid_plural or None})
        print(json.dumps(missing, ensure_ascii=False, indent=1))
        return
    data = json.loads(Path(sys.argv[2]).read_text(encoding="utf-8"))
    for lang in ("ru", "kk"):
        path = app / "locale" / lang / "LC_MESSAGES" / "django.po"
        po = polib.pofile(str(path))
        for e in po:
            tr = data.get(key(e))
            if not tr or lang not in tr:
                continue
            value = tr[lang]
            if e.msgid_plural:
                forms = value if isinstance(value, list) else [value]
                n = len(e.msgstr_plural) or len(forms)
                e.msgstr_plural = {i: forms[min(i, len(forms) - 1)] for i in range(n)}
            else:
                e.msgstr = value
            if "fuzzy" in e.flags:
                e.flags.remove("fuzzy")
        po.save(str(path))


if __name__ == "__main__":
    main()
