"""Abuse resistance without refusing residents (issue 12, point 2): shared counters keyed
on the client address from the trusted proxy, SMS code past the filing limit, strict
limits for bookings and API/Open311 writes, image pixel limit, metadata removed."""

import io
import uuid

import pytest
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import RequestFactory
from rest_framework.authtoken.models import Token

from tyndau.appeals.models import Appeal, Topic
from tyndau.appeals.uploads import clean_upload
from tyndau.core import ratelimit
from tyndau.core.clientip import client_ip

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _clean_cache():
    cache.clear()
    yield
    cache.clear()


def _request(remote, xff=None):
    meta = {"REMOTE_ADDR": remote}
    if xff is not None:
        meta["HTTP_X_FORWARDED_FOR"] = xff
    return RequestFactory().get("/", **meta)


def test_client_address_comes_from_the_trusted_proxy_only(settings):
    settings.TYNDAU_TRUSTED_PROXIES = ["127.0.0.1", "10.0.0.0/8"]
    assert client_ip(_request("127.0.0.1", "198.51.100.7")) == "198.51.100.7"
    # a client cannot choose its address: the right-most untrusted hop counts
    assert client_ip(_request("127.0.0.1", "1.2.3.4, 198.51.100.7, 10.0.0.2")) == "198.51.100.7"
    # the header of an untrusted peer is ignored
    assert client_ip(_request("203.0.113.5", "198.51.100.7")) == "203.0.113.5"
    assert client_ip(_request("127.0.0.1", "not-an-ip")) == "127.0.0.1"


def test_counters_are_shared_by_workers_through_the_database_cache(settings):
    from tyndau.core.cache import DatabaseCache

    assert settings.CACHES["default"]["BACKEND"].endswith(("DatabaseCache", "RedisCache"))
    for _ in range(3):
        ratelimit.hit_for(scope="appeal", who="198.51.100.7")
    if "DatabaseCache" in settings.CACHES["default"]["BACKEND"]:
        # another worker has its own cache object: it reads the same table
        other_worker = DatabaseCache(settings.CACHES["default"]["LOCATION"], {})
        assert other_worker.get("tyndau:rl:appeal:198.51.100.7") == 3
    assert ratelimit.count(scope="appeal", who="198.51.100.7") == 3


def test_a_counter_keeps_its_window_of_an_hour_however_often_it_is_hit():
    import datetime as dt

    import time_machine

    start = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)
    with time_machine.travel(start, tick=False) as clock:
        assert ratelimit.hit_for(scope="api_write", who="user:1") == 1
        clock.shift(dt.timedelta(minutes=10))
        assert ratelimit.hit_for(scope="api_write", who="user:1") == 2
        clock.shift(dt.timedelta(minutes=30))  # long after a cache's default 5 minutes
        assert ratelimit.count(scope="api_write", who="user:1") == 2
        clock.shift(dt.timedelta(minutes=21))  # the hour from the first hit is over
        assert ratelimit.count(scope="api_write", who="user:1") == 0
        assert ratelimit.hit_for(scope="api_write", who="user:1") == 1  # a new window


HITS = 40  # by each of 4 workers


def _hits_from_threads() -> None:
    import threading

    from django.db import connections

    errors = []

    def worker():
        try:
            for _ in range(HITS):
                ratelimit.hit_for(scope="api_write", who="user:2")
        except Exception as exc:  # shown by the assertion below
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=worker) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert not errors


def _hits_from_processes(tmp_path) -> int:
    import os
    import subprocess
    import sys
    import time

    from tyndau.core.testing import ROOT, python_in

    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tyndau.settings_demo",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'cache.sqlite3'}",
        "REDIS_URL": "",
        "PYTHONPATH": str(ROOT),
    }
    python_in(
        env, "from django.core.management import call_command\ncall_command('createcachetable')"
    )
    go = tmp_path / "go"
    code = (
        "import django, pathlib, time\ndjango.setup()\nfrom tyndau.core import ratelimit\n"
        f"go = pathlib.Path({str(go)!r})\n"
        "while not go.exists(): time.sleep(0.01)\n"
        f"for _ in range({HITS}): ratelimit.hit_for(scope='api_write', who='user:2')\n"
    )
    workers = [
        subprocess.Popen(
            [sys.executable, "-c", code], cwd=ROOT, env=env, stderr=subprocess.PIPE, text=True
        )  # fmt: skip
        for _ in range(4)
    ]
    time.sleep(1)  # let them start; they wait for the signal
    go.touch()
    for worker in workers:
        assert worker.wait(120) == 0, worker.stderr.read()
    return int(python_in(env, "from tyndau.core import ratelimit\n"
                              "print(ratelimit.count(scope='api_write', who='user:2'))"))  # fmt: skip


@pytest.mark.django_db(transaction=True)
def test_hits_from_workers_at_the_same_time_are_all_counted(tmp_path):
    """Four workers hit one counter at once: no hit is lost, so a limit holds however the
    requests interleave. On PostgreSQL the workers are threads, each with its own
    connection to the test database; SQLite's in-memory test database cannot take
    writers that way, so there they are four processes on a database file, as gunicorn's
    workers are."""
    from django.db import connection

    if connection.vendor == "sqlite":
        assert _hits_from_processes(tmp_path) == 4 * HITS
    else:
        _hits_from_threads()
        assert ratelimit.count(scope="api_write", who="user:2") == 4 * HITS


@pytest.fixture
def topics(db):
    import importlib

    from django.apps import apps

    if not Topic.objects.exists():
        importlib.import_module(
            "tyndau.appeals.migrations.0002_default_topics_and_risk_rules"
        ).load(apps, None)
    return {t.code: t for t in Topic.objects.all()}


def _appeal(tree, topics, **extra):
    return {
        "territory": tree["111033100"].pk,
        "topic": topics["roads"].pk,
        "kind": "statement",
        "text": "На улице Мира третью неделю не горит фонарь.",
        "address": "ул. Мира, 12",
        "applicant_name": "Айгерим Серикова",
        "phone": "+7 701 555 12 34",
        "consent": "on",
        "website": "",
        "client_key": uuid.uuid4().hex,
        **extra,
    }


def test_residents_behind_one_proxy_are_counted_apart(client, tree, topics, settings):
    settings.TYNDAU_PORTAL_APPEALS_PER_HOUR = 5
    for n in range(8):  # eight residents, one nginx: nobody is asked for a code
        response = client.post(
            "/ru/appeal/new/", _appeal(tree, topics), REMOTE_ADDR="127.0.0.1",
            HTTP_X_FORWARDED_FOR=f"198.51.100.{n + 1}",
        )  # fmt: skip
        assert response.status_code == 302
    assert Appeal.objects.count() == 8


def test_past_the_limit_without_a_phone_the_form_asks_for_one(client, tree, topics, settings):
    settings.TYNDAU_PORTAL_APPEALS_PER_HOUR = 1
    assert client.post("/ru/appeal/new/", _appeal(tree, topics)).status_code == 302
    response = client.post("/ru/appeal/new/", _appeal(tree, topics, phone="", email="a@example.kz"))
    assert response.status_code == 200
    assert "одноразовый код" in response.content.decode()
    assert Appeal.objects.count() == 1


def test_sms_codes_to_one_number_are_limited(client, tree, topics, settings):
    from tyndau.core import onetime, sms

    settings.TYNDAU_SMS_CODES_PER_HOUR = 2
    sms.outbox.clear()
    assert onetime.code_send(phone="+7 701 000 00 01", purpose="appeal")
    assert onetime.code_send(phone="87010000001", purpose="appeal")  # the same number
    assert not onetime.code_send(phone="+77010000001", purpose="appeal")
    assert len(sms.outbox) == 2


def test_a_code_allows_five_tries(settings):
    from tyndau.core import onetime, sms

    sms.outbox.clear()
    onetime.code_send(phone="+77010000002", purpose="appeal")
    code = next(
        w for w in sms.outbox[-1][1].replace(".", " ").split() if w.isdigit() and len(w) == 6
    )
    for _ in range(5):
        assert not onetime.code_check(phone="+77010000002", purpose="appeal", code="99999x")
    assert not onetime.code_check(phone="+77010000002", purpose="appeal", code=code)


def test_reception_bookings_are_strictly_limited(client, office, settings):
    from django.urls import reverse
    from django.utils import timezone

    from tyndau.meetings.models import ReceptionBooking

    settings.TYNDAU_RECEPTION_BOOKINGS_PER_HOUR = 2
    url = reverse("meetings_public:reception-office", kwargs={"office_pk": office.pk})
    for _ in range(2):
        ratelimit.hit(RequestFactory().get("/", REMOTE_ADDR="127.0.0.1"), scope="booking")
    topic = Topic.objects.get(code="land")
    slot = timezone.localtime().replace(microsecond=0).isoformat()
    response = client.post(
        url, {"slot": slot, "name": "А", "phone": "+77011112233", "topic": topic.pk, "summary": "x"}
    )
    assert response.status_code == 429
    assert "Слишком много записей" in response.content.decode()
    assert ReceptionBooking.objects.count() == 0


def test_api_writes_are_limited_per_caller(clerk, tree, settings):
    from rest_framework.test import APIClient

    settings.TYNDAU_API_WRITES_PER_HOUR = 3
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=clerk).key}")
    body = {
        "territory": "111033100", "channel": "social", "applicant_type": "individual",
        "kind": "statement", "topic": "roads", "text": "Яма на дороге у школы.",
        "applicant_name": "Сейткали Айгерим",
    }  # fmt: skip
    codes = [api.post("/api/v1/appeals/", body, format="json").status_code for _ in range(5)]
    assert codes == [201, 201, 201, 429, 429]
    assert Appeal.objects.count() == 3
    assert api.get("/api/v1/appeals/").status_code == 200  # reading is not limited


def test_open311_posts_are_limited_per_key(client, clerk, tree, settings):
    settings.TYNDAU_API_WRITES_PER_HOUR = 2
    key = Token.objects.create(user=clerk).key
    body = {
        "api_key": key, "jurisdiction_id": "111033000", "service_code": "roads",
        "description": "Яма на дороге у школы", "email": "a@example.kz",
        "first_name": "Айгерим", "last_name": "Сейткали",
        "address_string": "ул. Мира", "attribute[territory]": "111033100",
    }  # fmt: skip
    codes = [client.post("/open311/v2/requests.json", body).status_code for _ in range(3)]
    assert codes[:2] == [201, 201] and codes[2] == 429
    assert Appeal.objects.count() == 2


# --- uploads ----------------------------------------------------------------------------


def _png(width, height) -> bytes:
    """A PNG header claiming width × height (what a decompression bomb looks like)."""
    import struct
    import zlib

    def chunk(kind, data):
        return (
            struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
        )

    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", ihdr)
        + chunk(b"IDAT", zlib.compress(b"\x00" * 64))
        + chunk(b"IEND", b"")
    )


def test_a_huge_picture_is_refused_before_it_is_decoded(settings):
    import time

    settings.TYNDAU_MAX_IMAGE_PIXELS = 40_000_000
    start = time.monotonic()
    with pytest.raises(ValidationError) as caught:
        clean_upload(SimpleUploadedFile("bomb.png", _png(13000, 13000), "image/png"))
    assert "40" in str(caught.value) and "мегапикс" in str(caught.value)
    assert time.monotonic() - start < 2


def test_uploads_lose_exif_xmp_and_comments():
    from PIL import Image

    buffer = io.BytesIO()
    image = Image.new("RGB", (40, 30), "red")
    exif = Image.Exif()
    exif[0x010F] = "Camera maker"
    image.save(buffer, "JPEG", exif=exif, comment=b"<?php system($_GET['c']); ?>",
               xmp=b"<x:xmpmeta>secret place</x:xmpmeta>")  # fmt: skip
    raw = buffer.getvalue()
    assert b"<?php" in raw and b"Camera maker" in raw
    cleaned = clean_upload(SimpleUploadedFile("p.jpg", raw, "image/jpeg")).read()
    assert (
        b"<?php" not in cleaned
        and b"Camera maker" not in cleaned
        and b"secret place" not in cleaned
    )
    again = Image.open(io.BytesIO(cleaned))
    assert again.size == (40, 30) and not again.getexif() and "comment" not in again.info

    gif = io.BytesIO()
    Image.new("P", (10, 10)).save(gif, "GIF", comment=b"<script>alert(1)</script>")
    assert (
        b"<script>"
        not in clean_upload(SimpleUploadedFile("a.gif", gif.getvalue(), "image/gif")).read()
    )
