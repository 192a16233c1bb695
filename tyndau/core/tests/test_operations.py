"""Operations (issue 12, point 6): health checks, Prometheus metrics, media on another
storage (django-storages) served by a short signed link after the permission check."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from tyndau.appeals import services
from tyndau.appeals.tests.factories import register_appeal

ALMATY = ZoneInfo("Asia/Almaty")


@pytest.mark.django_db(transaction=True)
def test_health_names_each_check_and_answers_200():
    from django.test import Client

    response = Client().get("/health/?format=json")
    assert response.status_code == 200, response.content
    checks = response.json()
    assert {k.split("(")[0] for k in checks} >= {"Database", "Cache", "Storage", "Migrations"}
    assert set(checks.values()) == {"OK"}


@pytest.mark.django_db(transaction=True)
def test_health_says_which_check_fails(settings, tmp_path):
    not_a_folder = tmp_path / "file"
    not_a_folder.write_text("x")
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(not_a_folder / "media")},
        },
    }
    from django.test import Client

    response = Client().get("/health/?format=json")
    assert response.status_code == 500
    failing = {k.split("(")[0]: v for k, v in response.json().items() if v != "OK"}
    assert list(failing) == ["Storage"]


@pytest.mark.django_db(transaction=True)
def test_health_probes_leave_no_database_connection_open(monkeypatch):
    """compose and systemd probe every 30 s: a check's thread closes what it opened."""
    import threading

    from django.db import connections
    from django.test import Client

    connection = connections["default"]
    opened, closed = [], []
    wrapper = type(connection)
    connect, close = wrapper.connect, wrapper.close

    def spy_connect(self):
        opened.append(threading.current_thread().name)
        return connect(self)

    def spy_close(self):
        closed.append(threading.current_thread().name)
        return close(self)

    monkeypatch.setattr(wrapper, "connect", spy_connect)
    monkeypatch.setattr(wrapper, "close", spy_close)
    for _ in range(3):
        assert Client().get("/health/?format=json").status_code == 200
    in_checks = {name for name in opened if name.startswith("health")}
    assert in_checks  # the cache (the database here) and the migrations were checked
    assert in_checks <= set(closed)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()"
            )
            assert cursor.fetchone()[0] == 1  # only this test's own connection


@pytest.mark.django_db
def test_metrics_only_for_the_scraper(client, settings):
    settings.TYNDAU_METRICS_ALLOWED_IPS = ["127.0.0.1", "10.0.0.0/8"]
    client.get("/ru/")
    assert client.get("/metrics", REMOTE_ADDR="203.0.113.5").status_code == 404
    # a forwarded header does not make an outsider the scraper
    forwarded = client.get("/metrics", REMOTE_ADDR="203.0.113.5", HTTP_X_FORWARDED_FOR="10.0.0.7")
    assert forwarded.status_code == 404
    response = client.get("/metrics", REMOTE_ADDR="10.1.2.3")
    assert response.status_code == 200
    text = response.content.decode()
    assert "django_http_requests_total_by_view_transport_method_total" in text
    assert "django_http_requests_latency_seconds_by_view_method" in text


@pytest.fixture
def appeal_with_file(office, clerk):
    appeal = register_appeal(
        office=office,
        territory=office.territory.children.get(code="111033100"),
        channel="written",
        applicant_type="individual",
        kind="statement",
        topic="water_supply",
        text="Нет воды.",
        received_at=dt.datetime.now(ALMATY) - dt.timedelta(hours=1),
        registered_by=clerk,
        applicant_name="Иванов Иван",
    )
    item = services.attachment_add(
        appeal=appeal,
        file=SimpleUploadedFile("scan.pdf", b"%PDF-1.4 secret %%EOF", "application/pdf"),
        by=clerk,
    )
    return appeal, item


@pytest.mark.django_db
def test_media_on_object_storage_get_a_short_signed_link_after_the_check(
    client, settings, appeal_with_file, clerk, monkeypatch
):
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "test-key")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "test-secret")
    settings.STORAGES = {**settings.STORAGES, "default": settings.TYNDAU_S3_STORAGE}
    settings.STORAGES["default"]["OPTIONS"] = {
        **settings.STORAGES["default"]["OPTIONS"],
        "bucket_name": "tyndau-media",
        "endpoint_url": "http://127.0.0.1:9000",
        "region_name": "us-east-1",
    }
    _, item = appeal_with_file
    url = "/media/" + item.file.name
    assert client.get(url).status_code == 404  # anonymous: no link at all
    client.force_login(clerk)
    response = client.get(url)
    assert response.status_code == 302
    link = response["Location"]
    assert link.startswith("http://127.0.0.1:9000/tyndau-media/" + item.file.name)
    assert "X-Amz-Signature=" in link and "X-Amz-Expires=300" in link
    assert response["Cache-Control"] == "private, no-store"
