"""Safe-by-default pieces: the production start check, the idle timeout of signed-in
sessions, the optional TOTP second factor of staff and the request body limit."""

from __future__ import annotations

import re
import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.signals import user_logged_in
from django.core import checks
from django.core.exceptions import ImproperlyConfigured
from django.http import HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _

DEMO_KEY_PREFIX = "dev-only-"
SECRET_KEY_MESSAGE = (
    "SECRET_KEY is not set. Production settings need a long random secret in the "
    "environment, e.g. SECRET_KEY=$(python -c 'import secrets; print(secrets.token_urlsafe(50))'). "
    "For the laptop demo use `make run` (it sets TYNDAU_DEMO=1)."
)


def _secret_key() -> str:
    try:
        return settings.SECRET_KEY or ""
    except ImproperlyConfigured:  # Django refuses to hand out an empty key
        return ""


def require_secret_key() -> None:
    """Refuse a production start without a real SECRET_KEY (called by wsgi and celery)."""
    if settings.TYNDAU_DEMO:
        return
    key = _secret_key()
    if not key or key.startswith(DEMO_KEY_PREFIX):
        raise ImproperlyConfigured(SECRET_KEY_MESSAGE)


@checks.register(checks.Tags.security, deploy=True)
def check_production(app_configs=None, **kwargs):
    errors = []
    key = _secret_key()
    if not settings.TYNDAU_DEMO and (not key or key.startswith(DEMO_KEY_PREFIX)):
        errors.append(checks.Error(SECRET_KEY_MESSAGE, id="tyndau.E001"))
    if settings.TYNDAU_DEMO:
        errors.append(
            checks.Warning(
                "TYNDAU_DEMO is on: demo settings (plain-HTTP cookies, seed_demo allowed).",
                id="tyndau.W001",
            )
        )
    return errors


class IdleSessionTimeoutMiddleware:
    """Log a signed-in user out after TYNDAU_IDLE_TIMEOUT_MINUTES without a request.

    The time of the last request is kept in the session, written at most once a minute so
    that reading pages does not write the session table on every request.
    """

    KEY = "_tyndau_last_seen"

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        timeout = settings.TYNDAU_IDLE_TIMEOUT_MINUTES * 60
        if user is not None and user.is_authenticated and timeout > 0:
            now = int(time.time())
            last = request.session.get(self.KEY)
            if last is not None and now - int(last) > timeout:
                logout(request)
                messages.info(
                    request, _("Your session ended after a period of inactivity. Please log in.")
                )
                if request.path.startswith("/api/"):
                    return self.get_response(request)
                return redirect(f"{reverse('login')}?next={request.get_full_path()}")
            if last is None or now - int(last) >= 60:
                request.session[self.KEY] = now
        return self.get_response(request)


def _mark_login_time(sender, request, user, **kwargs):
    """A fresh login counts as activity (so its first page does not write the session)."""
    if request is not None and hasattr(request, "session"):
        request.session[IdleSessionTimeoutMiddleware.KEY] = int(time.time())


user_logged_in.connect(_mark_login_time, dispatch_uid="tyndau-idle-timeout-login")


OTP_DEVICE_KEY = "_tyndau_has_otp_device"


def _has_otp_device(user) -> bool:
    from django_otp import user_has_device

    return user_has_device(user, confirmed=True)


def _mark_otp_device(sender, request, user, **kwargs):
    """Whether the user has a confirmed TOTP device is read once, at login (a device
    added later is asked for from the next login on), not on every request."""
    if request is not None and hasattr(request, "session"):
        request.session[OTP_DEVICE_KEY] = _has_otp_device(user)


user_logged_in.connect(_mark_otp_device, dispatch_uid="tyndau-otp-device-login")


def otp_required_for(user, session=None) -> bool:
    if not (user and user.is_authenticated):
        return False
    if settings.TYNDAU_STAFF_OTP_REQUIRED:
        return True
    if session is None:
        return _has_otp_device(user)
    if OTP_DEVICE_KEY not in session:  # a session from before this was kept
        session[OTP_DEVICE_KEY] = _has_otp_device(user)
    return session[OTP_DEVICE_KEY]


class StaffSecondFactorMiddleware:
    """With a TOTP device (or TYNDAU_STAFF_OTP_REQUIRED), a signed-in user reaches staff
    pages and /admin/ only after confirming a code at /<lang>/accounts/otp/."""

    STAFF_PATH = re.compile(r"^/(admin/|[a-z]{2}/staff/)")

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        path = request.path
        guarded = bool(self.STAFF_PATH.match(path))
        if (
            guarded
            and user is not None
            and not user.is_verified()
            and otp_required_for(user, request.session)
        ):
            return redirect(f"{reverse('otp-verify')}?next={request.get_full_path()}")
        return self.get_response(request)


class RequestBodyLimitMiddleware:
    """Refuse a body above TYNDAU_MAX_REQUEST_BYTES from its Content-Length, before any
    view, form or upload handler reads it (413, in the user's language)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        if length > settings.TYNDAU_MAX_REQUEST_BYTES:
            from django.template.defaultfilters import filesizeformat

            return HttpResponse(
                _("The request is too large: at most %(limit)s.")
                % {"limit": filesizeformat(settings.TYNDAU_MAX_REQUEST_BYTES)},
                status=413,
                content_type="text/plain; charset=utf-8",
            )
        return self.get_response(request)


def lockout_response(request, original_response=None, credentials=None):
    """AXES_LOCKOUT_CALLABLE: the lockout page in the visitor's language (also /admin/)."""
    from django.shortcuts import render

    minutes = round(float(settings.AXES_COOLOFF_TIME) * 60)
    return render(request, "core/lockout.html", {"cooloff_minutes": minutes}, status=429)


class NulByteMiddleware:
    """A NUL character in the address or the query is refused with our 400 page: no
    database accepts it in text (PostgreSQL raises), and no real address contains it."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        query = request.META.get("QUERY_STRING", "")
        if request.path.startswith("/open311/"):  # answers in Open311's own error format
            return self.get_response(request)
        if "\x00" in request.path or "%00" in query or "\x00" in query:
            if request.path.startswith("/api/"):
                from django.http import JsonResponse

                return JsonResponse(
                    {"detail": _("A NUL character is not allowed."), "code": "invalid"},
                    status=400,
                )
            from django.utils import translation

            from tyndau.core.views import bad_request

            with translation.override(translation.get_language_from_path(request.path) or "ru"):
                return bad_request(request)
        return self.get_response(request)
