"""Shared test fixtures: a small territory tree and staff with each role."""

import pytest
from django.contrib.auth import get_user_model

from tyndau.territory.models import Membership, Office, Role, Territory
from tyndau.territory.services import territories_import

TREE_CSV = """code,parent_code,level,name_ru,name_kk,name_en,population
110000000,,oblast,Акмолинская область,Ақмола облысы,Akmola Region,
111000000,110000000,city_oblast,город Кокшетау,Көкшетау қаласы,Kokshetau,
111033000,111000000,rural_district,Красноярский сельский округ,Красноярск ауылдық округі,Krasnoyarsk,12405
111033100,111033000,village,село Красный Яр,Красный Яр ауылы,Krasny Yar,12361
111033200,111033000,village,село Кызыл Жулдыз,Қызыл Жұлдыз ауылы,Kyzyl Zhuldyz,44
114600000,110000000,district,Зерендинский район,Зеренді ауданы,Zerendi,
114645000,114600000,rural_district,сельский округ Малика Габдуллина,Мәлік Ғабдуллин ауылдық округі,Malik Gabdullin,
114645100,114645000,village,село Малика Габдуллина,Мәлік Ғабдуллин ауылы,Malik Gabdullin village,
"""


@pytest.fixture(autouse=True)
def _fresh_risk_rules():
    """Each test starts without the per-process cache of risk rules (a test's rules are
    rolled back with its transaction, and some tests edit them with queryset updates)."""
    from tyndau.appeals.risk import risk_config_forget

    risk_config_forget()


@pytest.fixture(autouse=True)
def _jobs_at_commit(settings):
    """Each test runs its background jobs at the commit, in its own thread (which sees the
    test's transaction), not on the process's job thread; a test of the threads turns
    them on."""
    settings.TYNDAU_JOBS_THREADS = False


@pytest.fixture(autouse=True)
def _fresh_place_names():
    """Each test starts without the anonymiser's per-process place names (a test's
    territories are rolled back with its transaction, which sends no signal)."""
    from tyndau.privacy.places import forget

    forget()


@pytest.fixture(autouse=True)
def _default_language():
    """Each test starts in the default language: a request through the test client
    leaves its language active in the thread (LocaleMiddleware does not reset it), so
    a test after a /kk/ request would otherwise read Kazakh."""
    from django.conf import settings
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@pytest.fixture
def tree(db):
    """Akmola → Kokshetau → Krasnoyarsk (2 villages); Akmola → Zerendi → Malik Gabdullin."""
    territories_import(text=TREE_CSV)
    return {t.code: t for t in Territory.objects.all()}


@pytest.fixture
def office(tree):
    """The Krasnoyarsk rural district office."""
    return Office.objects.get(territory__code="111033000")


@pytest.fixture
def neighbour_office(tree):
    return Office.objects.get(territory__code="114645000")


@pytest.fixture
def make_staff(db):
    """make_staff(role, office) -> a user holding that role in that office."""
    counter = {"n": 0}

    def make(role: str, office: Office, **fields):
        counter["n"] += 1
        user = get_user_model().objects.create_user(
            username=fields.pop("username", f"{role}{counter['n']}"),
            password="pass-12345",
            first_name=fields.pop("first_name", role.capitalize()),
            last_name=fields.pop("last_name", f"Test{counter['n']}"),
            email=fields.pop("email", f"{role}{counter['n']}@example.kz"),
            **fields,
        )
        Membership.objects.create(user=user, office=office, role=role)
        return user

    return make


@pytest.fixture
def clerk(make_staff, office):
    return make_staff(Role.CLERK, office)


@pytest.fixture
def executor(make_staff, office):
    return make_staff(Role.EXECUTOR, office)


@pytest.fixture
def akim(make_staff, office):
    return make_staff(Role.AKIM, office)


def pytest_configure(config):
    from django.conf import settings

    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(scope="session")
def _triage_model_dir(tmp_path_factory):
    return tmp_path_factory.mktemp("triage-models")


@pytest.fixture(autouse=True)
def _triage_small_models(settings, _triage_model_dir):
    """Topic models in tests train on 60 texts of each topic (seconds, once per session)
    in a temporary folder; the shipped model's accuracy is measured by
    ``benchmarks/triage_bench.py``, not here."""
    from tyndau.triage import ml
    from tyndau.triage.selectors import topic_model_forget

    settings.TRIAGE_CORPUS_PER_TOPIC = 60
    settings.TRIAGE_MODEL_DIR = _triage_model_dir
    topic_model_forget()
    yield
    topic_model_forget()
    for path in _triage_model_dir.glob("topic-v*.joblib"):  # versions made by a test
        ml._loaded.pop(str(path), None)
        path.unlink()


# --- skips: every one is printed (``-rs``); with TYNDAU_SKIP_ALLOWLIST (CI) any skip not
# named in that file fails the run. A line of the file is ``<test id prefix> | <words of
# the reason>``; ``#`` starts a comment.

_skips: list[tuple[str, str]] = []


def pytest_runtest_logreport(report):
    if report.skipped:
        longrepr = report.longrepr
        reason = longrepr[2] if isinstance(longrepr, tuple) else str(longrepr)
        _skips.append((report.nodeid, reason))


def pytest_sessionfinish(session, exitstatus):
    import os

    path = os.environ.get("TYNDAU_SKIP_ALLOWLIST")
    if not path or not _skips:
        return
    from tyndau.core.tests.skips import allowed_skips, unexpected_skips

    unexpected = unexpected_skips(_skips, allowed_skips(path))
    if unexpected:
        reporter = session.config.pluginmanager.get_plugin("terminalreporter")
        if reporter is not None:
            reporter.write_sep("!", f"skips not in {path} (each one fails the run)", red=True)
            for test, reason in unexpected:
                reporter.write_line(f"{test}: {reason}")
        session.exitstatus = 1
