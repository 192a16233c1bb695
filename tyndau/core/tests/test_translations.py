"""Every message file is complete: no untranslated or fuzzy entry, and it compiles."""

from pathlib import Path

import polib
import pytest

ROOT = Path(__file__).resolve().parents[2]
PO_FILES = sorted(ROOT.glob("*/locale/*/LC_MESSAGES/django.po"))


def test_there_are_message_files_for_kazakh_and_russian():
    langs = {p.parts[-3] for p in PO_FILES}
    assert {"kk", "ru"} <= langs


@pytest.mark.parametrize("path", PO_FILES, ids=lambda p: str(p.relative_to(ROOT)))
def test_message_file_is_complete(path):
    po = polib.pofile(str(path))
    untranslated = [e.msgid for e in po.untranslated_entries() if not e.obsolete]
    fuzzy = [e.msgid for e in po.fuzzy_entries()]
    assert not untranslated, f"untranslated in {path}: {untranslated[:10]}"
    assert not fuzzy, f"fuzzy in {path}: {fuzzy[:10]}"


@pytest.mark.parametrize("path", PO_FILES, ids=lambda p: str(p.relative_to(ROOT)))
def test_compiled_catalog_is_up_to_date(path):
    mo = path.with_suffix(".mo")
    assert mo.exists(), f"{mo} is missing: run 'make compilemessages'"
    compiled = {
        (e.msgctxt, e.msgid): e.msgstr
        for e in polib.mofile(str(mo))
        if e.msgid and not e.msgid_plural
    }
    for entry in polib.pofile(str(path)).translated_entries():
        if not entry.msgid_plural:
            assert compiled.get((entry.msgctxt, entry.msgid)) == entry.msgstr, (
                f"{mo} is stale for {entry.msgid!r}: run 'make compilemessages'"
            )


@pytest.mark.parametrize("path", PO_FILES, ids=lambda p: str(p.relative_to(ROOT)))
def test_plural_entries_have_every_form_of_the_language(path):
    """Russian needs 4 forms (Django's catalogue), Kazakh 2: a missing form falls back
    to English for some numbers (e.g. "0 ratings" on a Russian page)."""
    import re

    po = polib.pofile(str(path))
    n = int(re.search(r"nplurals=(\d+)", po.metadata["Plural-Forms"]).group(1))
    short = [
        e.msgid
        for e in po
        if e.msgid_plural
        and not e.obsolete
        and (len(e.msgstr_plural) != n or not all(e.msgstr_plural.values()))
    ]
    assert not short, f"plural entries without all {n} forms in {path}: {short}"
