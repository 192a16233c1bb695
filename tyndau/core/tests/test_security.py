"""Safe by default (issue 12, point 1): production settings unless the demo is asked for,
no start without SECRET_KEY, seed_demo refuses a production database, media behind a
permission check, idle timeout, TOTP for staff, login lockout, CSP, our own error pages."""

import datetime as dt
import os
import subprocess
import sys
import time
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.test import RequestFactory

from tyndau.appeals import services
from tyndau.appeals.tests.factories import register_appeal
from tyndau.core.security import IdleSessionTimeoutMiddleware
from tyndau.territory.models import Role

ROOT = Path(__file__).resolve().parents[3]
ALMATY = ZoneInfo("Asia/Almaty")
pytestmark = pytest.mark.django_db


def _production_env(**extra):
    env = {k: v for k, v in os.environ.items() if k not in {"TYNDAU_DEMO", "DEBUG", "SECRET_KEY"}}
    env["DJANGO_SETTINGS_MODULE"] = "tyndau.settings"
    env.update(extra)
    return env


def _run(args, env):
    return subprocess.run(
        [sys.executable, *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )


def test_production_is_the_default_and_check_deploy_is_clean():
    code = (
        "import django; django.setup(); from django.conf import settings as s; "
        "print(s.DEBUG, s.SECURE_SSL_REDIRECT, s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, "
        "s.SECURE_HSTS_SECONDS > 0)"
    )
    env = _production_env(SECRET_KEY="k" * 20 + "-production-secret-for-the-test-0123456789")
    out = _run(["-c", code], env)
    assert out.stdout.split() == ["False", "True", "True", "True", "True"], out.stderr
    deploy = _run(["manage.py", "check", "--deploy", "--fail-level", "WARNING"], env)
    assert deploy.returncode == 0, deploy.stdout + deploy.stderr
    assert "no issues" in deploy.stdout


def test_production_start_without_secret_key_refuses_with_a_clear_message():
    out = _run(["-c", "import tyndau.wsgi"], _production_env())
    assert out.returncode != 0
    assert "SECRET_KEY is not set" in out.stderr
    deploy = _run(["manage.py", "check", "--deploy"], _production_env())
    assert deploy.returncode != 0
    assert "tyndau.E001" in deploy.stderr + deploy.stdout


def test_seed_demo_refuses_a_production_database_unless_forced(settings):
    settings.TYNDAU_DEMO = False
    users = get_user_model().objects.count()
    with pytest.raises(CommandError, match="--force"):
        call_command("seed_demo")
    assert get_user_model().objects.count() == users  # nothing was created
    call_command("seed_demo", "--force", stdout=open(os.devnull, "w"))  # noqa: SIM115
    assert get_user_model().objects.filter(username="admin").exists()


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


def test_attachments_under_media_need_permission(
    client, appeal_with_file, clerk, make_staff, neighbour_office
):
    _, item = appeal_with_file
    url = "/media/" + item.file.name
    assert client.get(url).status_code == 404  # anonymous: as if it did not exist
    client.force_login(make_staff(Role.CLERK, neighbour_office))
    assert client.get(url).status_code == 404  # another district's clerk
    client.force_login(clerk)
    response = client.get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"%PDF-1.4 secret %%EOF"
    assert response["Cache-Control"] == "private, no-store"


def test_media_behind_nginx_answers_with_x_accel_redirect(
    client, settings, appeal_with_file, clerk
):
    settings.TYNDAU_MEDIA_ACCEL_REDIRECT = "/protected-media/"
    _, item = appeal_with_file
    client.force_login(clerk)
    response = client.get("/media/" + item.file.name)
    assert response.status_code == 200
    assert response["X-Accel-Redirect"] == "/protected-media/" + item.file.name
    assert response.content == b""


def test_idle_staff_session_ends(client, clerk, settings):
    settings.TYNDAU_IDLE_TIMEOUT_MINUTES = 30
    client.force_login(clerk)
    assert client.get("/ru/staff/").status_code == 200
    session = client.session
    session[IdleSessionTimeoutMiddleware.KEY] = int(time.time()) - 31 * 60
    session.save()
    response = client.get("/ru/staff/")
    assert response.status_code == 302
    assert "/ru/accounts/login/" in response["Location"]
    follow = client.get(response["Location"])
    assert "неактивности" in follow.content.decode()
    assert client.get("/ru/staff/").status_code == 302  # logged out for good


def test_active_staff_session_goes_on(client, clerk):
    client.force_login(clerk)
    session = client.session
    session[IdleSessionTimeoutMiddleware.KEY] = int(time.time()) - 10 * 60
    session.save()
    assert client.get("/ru/staff/").status_code == 200


def test_staff_with_a_totp_device_must_confirm_a_code(client, clerk):
    from django_otp.oath import totp
    from django_otp.plugins.otp_totp.models import TOTPDevice

    device = TOTPDevice.objects.create(user=clerk, name="phone", confirmed=True)
    client.post("/ru/accounts/login/", {"username": clerk.username, "password": "pass-12345"})
    response = client.get("/ru/staff/")
    assert response.status_code == 302 and "/ru/accounts/otp/" in response["Location"]
    wrong = client.post(
        "/ru/accounts/otp/", {"otp_device": device.persistent_id, "otp_token": "000000"}
    )
    assert wrong.status_code == 200
    assert client.get("/ru/staff/").status_code == 302
    device.refresh_from_db()
    device.throttle_reset()  # django-otp slows down guesses after a wrong code
    token = f"{totp(device.bin_key, device.step, device.t0, device.digits, device.drift):06d}"
    ok = client.post(
        "/ru/accounts/otp/",
        {"otp_device": device.persistent_id, "otp_token": token, "next": "/ru/staff/"},
    )
    assert ok.status_code == 302 and ok["Location"] == "/ru/staff/"
    assert client.get("/ru/staff/").status_code == 200


def test_otp_required_setting_sends_every_staff_login_to_the_code(client, clerk, settings):
    settings.TYNDAU_STAFF_OTP_REQUIRED = True
    client.force_login(clerk)
    response = client.get("/ru/staff/appeals/")
    assert response.status_code == 302 and "/ru/accounts/otp/" in response["Location"]


@pytest.mark.parametrize("login_url", ["/ru/accounts/login/", "/admin/login/"])
def test_thirty_wrong_passwords_lock_the_login(client, clerk, login_url):
    clerk.is_staff = True
    clerk.save()
    for _ in range(30):
        client.post(login_url, {"username": clerk.username, "password": "wrong"})
    # even the right password is refused now, with a message in Russian
    response = client.post(login_url, {"username": clerk.username, "password": "pass-12345"})
    assert response.status_code == 429
    assert "Слишком много неверных паролей" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_lockout_message_in_kazakh(client, clerk):
    for _ in range(5):
        client.post("/kk/accounts/login/", {"username": clerk.username, "password": "wrong"})
    response = client.post(
        "/kk/accounts/login/", {"username": clerk.username, "password": "pass-12345"}
    )
    assert response.status_code == 429
    assert "Қате құпиясөз тым көп" in response.content.decode()


def test_a_few_wrong_passwords_do_not_lock(client, clerk):
    for _ in range(3):
        client.post("/ru/accounts/login/", {"username": clerk.username, "password": "wrong"})
    response = client.post(
        "/ru/accounts/login/", {"username": clerk.username, "password": "pass-12345"}
    )
    assert response.status_code == 302


def test_pages_carry_a_content_security_policy(client, tree):
    response = client.get("/ru/")
    policy = response["Content-Security-Policy"]
    assert (
        "script-src 'self'" in policy
        and "unsafe-inline" not in policy.split("script-src")[1].split(";")[0]
    )
    assert "frame-ancestors 'none'" in policy


def test_no_template_has_inline_script_or_handlers():
    import re

    offenders = []
    for path in (ROOT / "tyndau").rglob("templates/**/*.html"):
        text = path.read_text()
        if re.search(r"<script(?![^>]*\bsrc=)[^>]*>", text) or re.search(r"\son[a-z]+=\"", text):
            offenders.append(str(path.relative_to(ROOT)))
    assert offenders == []


def test_no_script_of_ours_builds_html_from_strings():
    """Point 3: what a script inserts is text (textContent, createTextNode) or a node, so
    an imported number like <img src=x onerror=…> stays text; map popups get a node,
    never markup. Vendored libraries are left out."""
    import re

    string_html = re.compile(
        r"\.(innerHTML|outerHTML)\s*\+?=(?!=)|insertAdjacentHTML|document\.write|\.html\(|"
        r"bind(Popup|Tooltip)\(\s*['\"`]|bind(Popup|Tooltip)\([^)]*\+"
    )
    scripts = [p for p in (ROOT / "tyndau").rglob("*.js") if "vendor" not in p.parts]
    assert len(scripts) >= 3  # the maps and the site's script at least
    offenders = [
        f"{path.relative_to(ROOT)}:{number}"
        for path in scripts
        for number, line in enumerate(path.read_text().splitlines(), start=1)
        if string_html.search(line)
    ]
    assert offenders == []


@pytest.mark.parametrize(
    ("lang", "title"),
    [("ru", "Страница не найдена"), ("kk", "Бет табылмады"), ("en", "Page not found")],
)
def test_our_own_404_page_is_translated_and_has_the_navigation(client, tree, lang, title):
    response = client.get(f"/{lang}/no-such-page/")
    assert response.status_code == 404
    body = response.content.decode()
    assert title in body
    assert 'class="main-nav"' in body


def test_our_own_403_and_500_pages(tree):
    from django.contrib.auth.models import AnonymousUser
    from django.utils import translation

    from tyndau.core import views

    request = RequestFactory().get("/ru/")
    request.user = AnonymousUser()
    with translation.override("ru"):
        forbidden = views.permission_denied(request)
        error = views.server_error(request)
    assert forbidden.status_code == 403 and "Доступ запрещён" in forbidden.content.decode()
    assert error.status_code == 500 and "Что-то пошло не так" in error.content.decode()
    assert 'class="main-nav"' in error.content.decode()


def test_a_body_above_the_limit_is_refused_before_it_is_read(client, settings, tree):
    settings.TYNDAU_MAX_REQUEST_BYTES = 1000
    response = client.post(
        "/open311/v2/requests.json", data=b"x" * 2000, content_type="application/json"
    )
    assert response.status_code == 413
