"""List the strings whose translation differs between apps' catalogues.

Django merges every app's catalogue into one per language: a (msgctxt, msgid) present in
several apps with different non-empty msgstr gets ONE translation everywhere, so an app
can show another app's wording. LOCALE_PATHS (settings: every tyndau/*/locale, sorted by
app name) are merged last, in reverse, so the first of them wins: the app whose name
sorts first. Untranslated (empty) and fuzzy entries are not compiled into the .mo
(polib's translated_entries), so they take no part.

    .venv/bin/python scripts/po_conflicts.py            # the list and the counts
    .venv/bin/python scripts/po_conflicts.py --django   # also ask Django which one it shows
"""

import sys
from collections import defaultdict
from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parent.parent
LANGUAGES = ("kk", "ru")


def translation(entry):
    """What the .mo holds for an entry: its msgstr, or its plural forms in order."""
    if entry.msgid_plural:
        return tuple(entry.msgstr_plural[i] for i in sorted(entry.msgstr_plural))
    return entry.msgstr


def catalogues(language, root=ROOT):
    """{app: POFile} for one language, apps in LOCALE_PATHS order (sorted names)."""
    paths = sorted(root.glob(f"tyndau/*/locale/{language}/LC_MESSAGES/django.po"))
    return {path.parts[-5]: polib.pofile(str(path)) for path in paths}


def conflicts(language, root=ROOT):
    """[((msgctxt, msgid), {app: translation})] where two apps translate differently."""
    found = defaultdict(dict)
    for app, po in catalogues(language, root).items():
        for entry in po.translated_entries():
            found[(entry.msgctxt, entry.msgid)][app] = translation(entry)
    return [
        (key, by_app)
        for key, by_app in sorted(found.items(), key=lambda item: (item[0][1], item[0][0] or ""))
        if len(set(by_app.values())) > 1
    ]


def shown_by_django(language, key, plural):
    from django.utils import translation as dj

    msgctxt, msgid = key
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
        import os

        import django

        sys.path.insert(0, str(ROOT))
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tyndau.settings_demo")
        os.environ.setdefault("TYNDAU_DEMO", "1")
        django.setup()
    counts = {}
    mismatches = 0
    for language in LANGUAGES:
        found = conflicts(language)
        counts[language] = len(found)
        for (msgctxt, msgid), by_app in found:
            winner = next(iter(by_app))  # first app in LOCALE_PATHS order
            label = f"[{msgctxt}] {msgid!r}" if msgctxt else repr(msgid)
            print(f"{language} {label}")
            for app, text in by_app.items():
                mark = "*" if app == winner else " "
                print(f"   {mark} {app:10} {text!r}")
            if ask_django:
                plural = isinstance(by_app[winner], tuple)
                shown = shown_by_django(language, (msgctxt, msgid), plural)
                if plural:
                    winners = {a for a, t in by_app.items() if set(shown) <= set(t)}
                else:
                    winners = {a for a, t in by_app.items() if t == shown}
                ok = winner in winners
                mismatches += not ok
                print(f"     django shows {shown!r} ({'= *' if ok else 'NOT the predicted app'})")
    print("conflicts: " + ", ".join(f"{lang} {n}" for lang, n in counts.items()), end="")
    print(f", total {sum(counts.values())}")
    if ask_django:
        print(f"predicted winner (*) wrong for {mismatches}")
    return 1 if any(counts.values()) else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
