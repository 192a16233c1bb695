"""One translation per string in each language: Django merges every app's catalogue into
one, so a (msgctxt, msgid) that two apps translate differently shows one app's wording in
the other (tyndau/core/catalogues.py). Where the meanings differ the uses have contexts;
these tests read the catalogues, then ask Django what a user of each app sees."""

import runpy
import shutil
from pathlib import Path

import polib
import pytest
from django.apps import apps
from django.template import Context, Template
from django.utils import translation

from tyndau.core.catalogues import LANGUAGES, ROOT, conflicts, describe
from tyndau.reports.definitions import COLUMNS, DECREE_826


@pytest.mark.parametrize("language", LANGUAGES)
def test_no_string_is_translated_differently_by_two_apps(language):
    found = conflicts(language)
    assert not found, (
        f"{len(found)} (msgctxt, msgid) translated differently by two apps; Django shows "
        "the wording marked * in every app. Make the catalogues agree, or give the uses "
        "whose meaning differs a context:\n" + "\n".join(describe(language, found))
    )


def _verbose(app_label, model, field=None, plural=False):
    meta = apps.get_model(app_label, model)._meta
    if field:
        return str(meta.get_field(field).verbose_name)
    return str(meta.verbose_name_plural if plural else meta.verbose_name)


# Each pair: the same English word, two meanings, each app's own wording (from its
# catalogue, written down here by hand).
OWN_WORDING = [
    # a person's name (jury volunteers) / a file's name (appeal attachments)
    ("ru", lambda: _verbose("jury", "Volunteer", "name"), "имя"),
    ("ru", lambda: _verbose("appeals", "Attachment", "name"), "название"),
    ("kk", lambda: _verbose("jury", "Volunteer", "name"), "аты-жөні"),
    ("kk", lambda: _verbose("appeals", "Attachment", "name"), "атауы"),
    # when a visitor was received at a reception / when an appeal came in
    ("ru", lambda: _verbose("meetings", "ReceptionSession", "held_at"), "время приема"),
    ("ru", lambda: _verbose("appeals", "Appeal", "received_at"), "поступило"),
    # a survey's question (kk «сұрақ») / the question a jury deliberates (kk «мәселе»)
    ("kk", lambda: _verbose("surveys", "Question"), "сұрақ"),
    ("kk", lambda: _verbose("jury", "Jury", "question"), "мәселе"),
    # the services' model / Decree 826's sheet line «… вопросы оказания госуслуг»
    ("ru", lambda: _verbose("services", "PublicService", plural=True), "государственные услуги"),
    (
        "ru",
        lambda: str(dict(COLUMNS[DECREE_826])["public_services"]),
        "оказания государственных услуг",
    ),
]


@pytest.mark.parametrize("language, label, expected", OWN_WORDING)
def test_each_app_shows_its_own_wording(language, label, expected):
    with translation.override(language):
        assert label() == expected


@pytest.mark.parametrize(
    "template, tag, expected",
    [
        (
            "surveys/templates/surveys/staff/setup.html",
            '{% translate "Add a question" context "survey" %}',
            "Сұрақ қосу",
        ),
        (
            "meetings/templates/meetings/partials/questions.html",
            '{% translate "Add a question" %}',
            "Мәселе қосу",
        ),
        (
            "library/templates/library/staff/list.html",
            '{% translate "Question" context "library" %}',
            "Сұрақ",
        ),
        ("jury/templates/jury/public.html", '{% translate "Question" %}', "Мәселе"),
    ],
)
def test_a_template_shows_its_apps_wording_in_kazakh(template, tag, expected):
    assert tag in (ROOT / "tyndau" / template).read_text()
    with translation.override("kk"):
        assert Template("{% load i18n %}" + tag).render(Context()) == expected


def test_an_empty_entry_does_not_hide_another_apps_translation(tmp_path):
    """scripts/compilemessages.py leaves untranslated entries out of the .mo, so an app
    whose entry is empty does not blank another app's translation, whichever wins."""
    (tmp_path / "scripts").mkdir()
    shutil.copy(ROOT / "scripts" / "compilemessages.py", tmp_path / "scripts")
    for app, msgstr in (("first", "Мәселе"), ("second", "")):
        po = polib.POFile()
        po.metadata = {"Content-Type": "text/plain; charset=UTF-8"}
        po.append(polib.POEntry(msgid="Question", msgstr=msgstr))
        folder = tmp_path / "tyndau" / app / "locale" / "kk" / "LC_MESSAGES"
        folder.mkdir(parents=True)
        po.save(str(folder / "django.po"))
    runpy.run_path(str(tmp_path / "scripts" / "compilemessages.py"))
    compiled = {
        app: {e.msgid: e.msgstr for e in polib.mofile(str(mo))}
        for app, mo in (
            (p.parts[-5], p) for p in Path(tmp_path).glob("tyndau/*/locale/kk/LC_MESSAGES/*.mo")
        )
    }
    assert compiled["first"]["Question"] == "Мәселе"
    assert "Question" not in compiled["second"]
    merged = {**compiled["first"], **compiled["second"]}  # the second merged over the first
    assert merged["Question"] == "Мәселе"
