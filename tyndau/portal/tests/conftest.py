import contextlib
import importlib
import io
import uuid

import pytest
from django.apps import apps
from django.core.cache import cache

from tyndau.appeals.models import ApplicantType, Channel, Kind, Topic
from tyndau.appeals.tests.factories import register_appeal

_defaults = importlib.import_module("tyndau.appeals.migrations.0002_default_topics_and_risk_rules")


def _clear_cache():
    # RuntimeError: the database cache (the default without REDIS_URL) in a test without
    # the database, which cannot count hits either; a database test's hits are rolled
    # back (or flushed) with its transaction.
    with contextlib.suppress(RuntimeError):
        cache.clear()


@pytest.fixture(autouse=True)
def _fresh_cache():
    """The rate limit lives in the cache: every test starts with a clean one."""
    _clear_cache()
    yield
    _clear_cache()


@pytest.fixture
def topics(db):
    """The default topics (a transactional test flushes the migration's rows)."""
    if not Topic.objects.exists():
        _defaults.load(apps, None)
    return {t.code: t for t in Topic.objects.all()}


@pytest.fixture
def map_without_tiles(settings):
    settings.TYNDAU_TILE_URL = ""


@pytest.fixture
def file_appeal(office, topics):
    """file_appeal(**fields) -> an appeal registered as if from the portal."""
    from tyndau.privacy import services as privacy

    def make(publish=True, **fields):
        params = {
            "office": office,
            "channel": Channel.PORTAL,
            "applicant_type": ApplicantType.INDIVIDUAL,
            "kind": Kind.STATEMENT,
            "topic": topics["roads"],
            "text": "Яма на дороге у школы, машины объезжают по тротуару.",
            "applicant_name": "Айгерим Серикова",
            "phone": "+7 701 555 12 34",
            "client_key": uuid.uuid4().hex,
        }
        params.update(fields)
        appeal = register_appeal(**params)
        publication = privacy.publication_create(appeal=appeal)
        if publish and publication.state == publication.State.PENDING:
            privacy.publication_publish(
                publication=publication,
                text=privacy.publication_text_for(appeal, publication=publication),
                by=None,
            )
        return appeal

    return make


def jpeg_with_gps() -> bytes:
    """A small JPEG carrying EXIF GPS coordinates."""
    from PIL import Image

    img = Image.new("RGB", (32, 24), (200, 30, 30))
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"  # Make
    gps = exif.get_ifd(0x8825)
    gps[1] = "N"
    gps[2] = (53.0, 17.0, 0.0)
    gps[3] = "E"
    gps[4] = (69.0, 23.0, 0.0)
    buf = io.BytesIO()
    img.save(buf, format="JPEG", exif=exif)
    return buf.getvalue()


PDF_BYTES = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def answer(executor):
    """answer(appeal=, outcome=, text=, by=): assign the executor, then answer (services)."""
    from tyndau.appeals.models import Appeal
    from tyndau.appeals.services import appeal_answer, appeal_assign

    def do(*, appeal, outcome, text, by):
        appeal_assign(appeal=appeal, executor=executor, by=by)
        return appeal_answer(
            appeal=Appeal.objects.get(pk=appeal.pk), outcome=outcome, text=text, by=by
        )

    return do
