"""The site served as in production (issue 12, point 1): gunicorn, DEBUG=0, after
collectstatic with the manifest storage; public and staff pages answer, the static files
are served, errors are our own pages, attachments are not public."""

import re

import pytest

from tyndau.core.testing import (
    Browser,
    Server,
    manage,
    manage_many,
    production_env,
    throwaway_database,
)


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("prod")
    url, drop = throwaway_database(tmp, "prodwalk")
    env = production_env(url, tmp)
    manage_many(env, ["migrate", "--noinput"], ["createcachetable"], ["seed_demo", "--force"])
    manage(env, "collectstatic", "--noinput")
    srv = Server(env, workers=2).start()
    yield srv
    srv.stop()
    drop()


PUBLIC = [
    "/ru/",
    "/kk/",
    "/en/",
    "/ru/appeal/new/",
    "/ru/track/",
    "/ru/appeals/",
    "/ru/territories/111033000/",
    "/ru/meetings/",
    "/ru/meetings/reception/",
    "/api/",
    "/api/docs/",
]
STAFF = [
    "/ru/staff/",
    "/ru/staff/appeals/",
    "/ru/staff/appeals/risk-map/",
    "/ru/staff/meetings/",
    "/ru/staff/reports/",
]


def test_public_pages_and_static_files_answer(server):
    browser = Browser(server)
    for path in PUBLIC:
        response = browser.get(path)
        assert response.status == 200, (path, response.status)
        assert "Content-Security-Policy" in dict(response.getheaders())
    home = browser.get("/ru/").data.decode()
    css = re.search(r'href="(/static/css/tyndau\.[0-9a-f]{12}\.css)"', home)
    assert css, "the stylesheet is not the hashed (manifest) name"
    assert browser.get(css.group(1)).status == 200
    script = re.search(
        r'src="(/static/vendor/leaflet/leaflet\.[0-9a-f]{12}\.js)"',
        browser.get("/ru/appeal/new/").data.decode(),
    )
    assert script and browser.get(script.group(1)).status == 200


def test_plain_http_is_sent_to_https_and_headers_are_safe(server):
    response = server.request("GET", "/ru/", headers={"Host": "127.0.0.1"})
    assert response.status == 301 and response.getheader("Location").startswith("https://")
    secure = Browser(server).get("/ru/accounts/login/")
    headers = dict(secure.getheaders())
    assert "max-age=31536000" in headers["Strict-Transport-Security"]
    cookie = [v for k, v in secure.getheaders() if k.lower() == "set-cookie" and "csrftoken" in v][
        0
    ]
    assert "Secure" in cookie


def test_errors_are_our_own_pages_without_debug_details(server):
    browser = Browser(server)
    missing = browser.get("/ru/no-such-page/")
    assert missing.status == 404
    body = missing.data.decode()
    assert "Страница не найдена" in body and 'class="main-nav"' in body
    assert "Traceback" not in body and "settings" not in body.lower()
    # a 30 MB body is refused from its Content-Length, before it is read
    big = server.raw(
        b"POST /open311/v2/requests.json HTTP/1.1\r\nHost: 127.0.0.1\r\n"
        b"X-Forwarded-Proto: https\r\nContent-Type: application/json\r\n"
        b"Content-Length: 31457280\r\nConnection: close\r\n\r\n" + b"x" * 1000
    )
    assert big.startswith(b"HTTP/1.1 413") and b"Traceback" not in big


def test_staff_pages_and_admin_answer_after_login(server):
    akim = Browser(server)
    akim.login("akim")
    for path in STAFF:
        response = akim.get(path)
        assert response.status == 200, (path, response.status)
    admin = Browser(server)
    admin.login("admin")
    assert admin.get("/admin/").status == 200


def test_media_are_not_public(server):
    assert Browser(server).get("/media/appeals/2026/11/1/scan.pdf").status == 404


def test_health_answers_on_plain_http_for_the_probe(server):
    """/health/ skips the HTTPS redirect, so deploy/healthcheck.py (compose, systemd)
    probes gunicorn directly; it reports every check."""
    import json
    import subprocess
    import sys

    from tyndau.core.testing import ROOT

    response = server.request(
        "GET", "/health/", headers={"Host": "127.0.0.1", "Accept": "application/json"}
    )
    assert response.status == 200
    checks = json.loads(response.data)
    assert {k.split("(")[0] for k in checks} >= {"Database", "Cache", "Storage", "Migrations"}
    probe = subprocess.run(
        [sys.executable, str(ROOT / "deploy/healthcheck.py"), "--url",
         f"http://127.0.0.1:{server.port}/health/"],
        capture_output=True, text=True, timeout=60,
        env={"ALLOWED_HOSTS": "localhost,127.0.0.1", "PATH": "/usr/bin:/bin"},
    )  # fmt: skip
    assert probe.returncode == 0, probe.stderr
    refused = subprocess.run(
        [sys.executable, str(ROOT / "deploy/healthcheck.py"), "--url",
         f"http://127.0.0.1:{server.port}/no-health/"],
        capture_output=True, text=True, timeout=60, env={"PATH": "/usr/bin:/bin"},
    )  # fmt: skip
    assert refused.returncode == 1 and "UNHEALTHY" in refused.stderr


def test_metrics_are_summed_over_the_workers_and_access_log_is_json(server):
    """deploy/gunicorn.conf.py: with 2 workers a scrape counts every request, whichever
    worker served it (PROMETHEUS_MULTIPROC_DIR), and the access log is JSON lines."""
    import json
    import re

    def served():
        text = server.request("GET", "/metrics", headers={"Host": "127.0.0.1"}).data.decode()
        return sum(
            float(m.group(1))
            for m in re.finditer(
                r"^django_http_requests_total_by_view_transport_method_total\{[^}]*"
                r'view="health"[^}]*\} (\S+)$',
                text,
                re.M,
            )
        )

    before = served()
    for _ in range(12):  # separate connections: the workers share them out
        assert server.request("GET", "/health/", headers={"Host": "127.0.0.1"}).status == 200
    assert served() - before == 12
    lines = [
        json.loads(line)
        for line in server.log.read_text().splitlines()
        if line.startswith('{"time"') and '"gunicorn.access"' in line
    ]
    health = [line for line in lines if line["request"].startswith("GET /health/")]
    assert len(health) >= 12 and {line["status"] for line in health} == {200}
    assert all(isinstance(line["duration_ms"], int) for line in health)


def test_a_second_web_host_serves_the_same_visitors(server, tmp_path):
    """Web processes keep nothing of their own (point 6): a second gunicorn, as another
    host behind the same nginx would run it, takes a login form the first one served,
    and the session it starts is valid on the first. Its own var folder (metrics), the
    same database, media and SECRET_KEY."""
    other = Server({**server.env, "TYNDAU_VAR_DIR": str(tmp_path / "var")}, workers=1)
    other.env.pop("PROMETHEUS_MULTIPROC_DIR", None)
    other.start()
    try:
        akim = Browser(server)
        akim.get("/ru/accounts/login/")  # the CSRF cookie from the first host
        akim.server = other
        response = akim.post("/ru/accounts/login/", {"username": "akim", "password": "tyndau-demo"})
        assert response.status == 302, response.status
        akim.server = server  # the next request lands on the first host
        assert akim.get("/ru/staff/appeals/").status == 200
        assert Browser(other).get("/ru/staff/appeals/").status == 302  # no session: login
    finally:
        other.stop()
