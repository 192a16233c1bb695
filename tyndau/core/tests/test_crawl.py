"""Every page a demo user can reach by following links answers without a server error.

Loads the demo district, then for each role (and a visitor) follows the links and
``hx-get`` addresses of each page, breadth first, visiting each path once (with the first
query string met for it), up to PAGES per user. Any 5xx fails the test with the user and
the address. PDF exports are left to their own tests (WeasyPrint takes a second each).
"""

import re
from collections import deque
from urllib.parse import urljoin, urlsplit

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from tyndau.core.demo import seed_demo

pytestmark = pytest.mark.django_db

PAGES = 400
USERS = [None, "akim", "deputy", "clerk", "executor", "analyst", "administrator"]
USERS += ["neighbour_clerk", "admin"]
START = ["/ru/", "/kk/", "/en/", "/ru/staff/", "/ru/staff/appeals/", "/api/", "/admin/"]
LINK = re.compile(r'(?:href|hx-get)="([^"#]+)"')
SKIP = ("logout", "/static/", "/media/", "format=pdf", "/pdf", "/i18n/", "'")  # ' : in JS


def crawl(client: Client) -> tuple[int, list[tuple[str, int]]]:
    seen_paths: set[str] = set()
    queue = deque(START)
    visited, errors = 0, []
    while queue and visited < PAGES:
        address = queue.popleft()
        path = urlsplit(address).path
        if path in seen_paths or any(s in address for s in SKIP):
            continue
        seen_paths.add(path)
        response = client.get(address)
        visited += 1
        if response.status_code >= 500 or response.status_code in (403, 404):
            errors.append((address, response.status_code))
        if response.status_code == 200 and "html" in response.get("Content-Type", ""):
            for href in LINK.findall(response.content.decode("utf-8", "replace")):
                target = urlsplit(urljoin(address, href.replace("&amp;", "&")))
                if target.scheme in ("", "http") and target.netloc in ("", "testserver"):
                    queue.append(target.path + (f"?{target.query}" if target.query else ""))
    return visited, errors


def test_no_page_reachable_by_a_demo_user_fails():
    seed_demo(log=lambda _line: None)
    users = get_user_model().objects
    failures = {}
    for name in USERS:
        client = Client(raise_request_exception=False)
        if name:
            client.force_login(users.get(username=name))
        visited, errors = crawl(client)
        assert visited > 20, f"{name or 'visitor'} reached only {visited} pages"
        if errors:
            failures[name or "visitor"] = errors
    assert not failures, "\n".join(
        f"{user}: {status} {address}"
        for user, errors in failures.items()
        for address, status in errors
    )
