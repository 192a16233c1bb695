"""Strings two apps translate differently, in the merged message catalogue.

Django merges every app's catalogue into one per language, so a (msgctxt, msgid) gets ONE
translation everywhere: if two apps translate it differently, one app shows the other's
wording. Which one: ``LOCALE_PATHS`` (settings: every ``tyndau/*/locale``, sorted by the
app's name) are merged after the installed apps, in reverse order, each over the last, so
the first of them wins — the app whose name sorts first
(``django/utils/translation/trans_real.py``: ``_add_local_translations``).

Untranslated and fuzzy entries are not compiled into the ``.mo``
(``scripts/compilemessages.py`` writes polib's ``translated_entries()``), so they take no
part. Where the meanings differ, the uses get distinct contexts (``pgettext``,
``{% translate "…" context "…" %}``); where they do not, all catalogues agree on one wording.
"""

from collections import defaultdict
from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parents[2]
LANGUAGES = ("kk", "ru")


def translation(entry):
    """What the ``.mo`` holds for an entry: its msgstr, or its plural forms in order."""
    if entry.msgid_plural:
        return tuple(entry.msgstr_plural[i] for i in sorted(entry.msgstr_plural))
    return entry.msgstr


def catalogues(language, root=ROOT):
    """{app: POFile} for one language, the apps in ``LOCALE_PATHS`` order (by name)."""
    paths = sorted(Path(root).glob(f"tyndau/*/locale/{language}/LC_MESSAGES/django.po"))
    return {path.parts[-5]: polib.pofile(str(path)) for path in paths}


def conflicts(language, root=ROOT):
    """[((msgctxt, msgid), {app: translation})] for every key two apps translate
    differently; the first app of each dict is the one Django shows."""
    found = defaultdict(dict)
    for app, po in catalogues(language, root).items():
        for entry in po.translated_entries():
            found[(entry.msgctxt, entry.msgid)][app] = translation(entry)
    return [
        (key, by_app)
        for key, by_app in sorted(found.items(), key=lambda item: (item[0][1], item[0][0] or ""))
        if len(set(by_app.values())) > 1
    ]


def describe(language, found):
    """The conflicts as readable lines: the key, then each app's wording (* = shown)."""
    lines = []
    for (msgctxt, msgid), by_app in found:
        lines.append(f"{language} [{msgctxt}] {msgid!r}" if msgctxt else f"{language} {msgid!r}")
        shown = next(iter(by_app))
        for app, text in by_app.items():
            lines.append(f"   {'*' if app == shown else ' '} {app:10} {text!r}")
    return lines
