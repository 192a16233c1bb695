"""List the strings two apps translate differently (see tyndau/core/catalogues.py).

    .venv/bin/python scripts/po_conflicts.py            # the list and the counts
    .venv/bin/python scripts/po_conflicts.py --django   # also ask Django which one it shows

Exit status 1 while any is left.
"""

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tyndau.core.catalogues import LANGUAGES, conflicts, describe  # noqa: E402


def shown_by_django(language, msgctxt, msgid, plural):
    from django.utils import translation as dj

    with dj.override(language):
        if plural:
            return tuple(
                dj.npgettext(msgctxt, msgid, msgid, n) if msgctxt else dj.ngettext(msgid, msgid, n)
                for n in (1, 2, 5)
            )
        return dj.pgettext(msgctxt, msgid) if msgctxt else dj.gettext(msgid)


def main(argv):
    ask_django = "--django" in argv
    if ask_django:
        import django

        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tyndau.settings_demo")
        os.environ.setdefault("TYNDAU_DEMO", "1")
        django.setup()
    counts, wrong = {}, 0
    for language in LANGUAGES:
        found = conflicts(language)
        counts[language] = len(found)
        for item in found:
            print("\n".join(describe(language, [item])))
            if ask_django:
                (msgctxt, msgid), by_app = item
                first = next(iter(by_app))
                plural = isinstance(by_app[first], tuple)
                shown = shown_by_django(language, msgctxt, msgid, plural)
                ok = set(shown) <= set(by_app[first]) if plural else shown == by_app[first]
                wrong += not ok
                print(f"     django shows {shown!r} ({'= *' if ok else 'NOT the app marked *'})")
    print(", ".join(f"{lang} {n}" for lang, n in counts.items()), end="")
    print(f": {sum(counts.values())} (msgctxt, msgid) translated differently by two apps")
    if ask_django:
        print(f"the app marked * is not the one Django shows for {wrong}")
    return 1 if any(counts.values()) else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
