"""Every message the source marks for translation is in the Kazakh and the Russian
catalogues: a msgid that makemessages was never run for reaches kk and ru users in English
while every catalogue looks complete (test_translations.py only checks what is in them).

Read from the source: the ``_``/``gettext``/``gettext_lazy``/``pgettext``(``_lazy``)
/``ngettext`` calls with literal strings in each app's Python (tests and migrations left
out), and ``{% translate "…" %}`` in its templates. A message may be in any of the
project's catalogues or Django's own.
"""

import ast
import re
from pathlib import Path

import django
import polib
import pytest

ROOT = Path(__file__).resolve().parents[2]
LANGUAGES = ("kk", "ru")
SINGULAR = {"_", "gettext", "gettext_lazy", "gettext_noop", "_lazy"}
CONTEXT = {"pgettext", "pgettext_lazy"}
PLURAL = {"ngettext", "ngettext_lazy"}
TEMPLATE_TAG = re.compile(
    r"""{%\s*(?:translate|trans)\s+(?P<q>["'])(?P<msgid>.*?)(?P=q)"""
    r"""(?:\s+context\s+(?P<q2>["'])(?P<context>.*?)(?P=q2))?"""
)


def _name(func) -> str | None:
    if isinstance(func, ast.Name):
        return func.id
    if isinstance(func, ast.Attribute):
        return func.attr
    return None


def _literal(node) -> str | None:
    return node.value if isinstance(node, ast.Constant) and isinstance(node.value, str) else None


def source_messages() -> dict[tuple[str | None, str], str]:
    """{(context, msgid): "where"} of every translatable literal in the apps."""
    found = {}
    for path in sorted(ROOT.rglob("*.py")):
        rel = path.relative_to(ROOT)
        if {"tests", "migrations"} & set(rel.parts):
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call) or not node.args:
                continue
            name = _name(node.func)
            if name in SINGULAR or name in PLURAL:
                msgid, context = _literal(node.args[0]), None
            elif name in CONTEXT and len(node.args) >= 2:
                context, msgid = _literal(node.args[0]), _literal(node.args[1])
            else:
                continue
            if msgid:
                found.setdefault((context, msgid), f"{rel}:{node.lineno}")
    for path in sorted(ROOT.rglob("templates/**/*.html")):
        rel = path.relative_to(ROOT)
        for match in TEMPLATE_TAG.finditer(path.read_text(encoding="utf-8")):
            found.setdefault((match["context"], match["msgid"]), str(rel))
    return found


def catalogue(language: str) -> set[tuple[str | None, str]]:
    files = list(ROOT.glob(f"*/locale/{language}/LC_MESSAGES/django.po"))
    files.append(Path(django.__file__).parent / f"conf/locale/{language}/LC_MESSAGES/django.po")
    for app in ("admin", "auth", "contenttypes", "sessions"):
        files.append(
            Path(django.__file__).parent / f"contrib/{app}/locale/{language}/LC_MESSAGES/django.po"
        )
    entries = set()
    for path in files:
        if path.exists():
            entries |= {
                (e.msgctxt, e.msgid) for e in polib.pofile(str(path)) if e.msgstr or e.msgstr_plural
            }
    return entries


def test_the_source_reader_finds_a_known_message():
    assert (None, "The period ends before it starts.") in source_messages()


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_message_of_the_source_is_translated(language):
    known = catalogue(language)
    missing = {key: where for key, where in source_messages().items() if key not in known}
    assert not missing, (
        f"not in any {language} catalogue (run makemessages for the app): "
        + "; ".join(
            f"{where}: {msgid!r}" + (f" (context {ctx!r})" if ctx else "")
            for (ctx, msgid), where in sorted(missing.items(), key=lambda kv: kv[1])
        )
    )
