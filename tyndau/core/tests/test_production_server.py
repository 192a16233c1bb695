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
