"""Django settings for Tyndau.

Everything that differs between a laptop and production comes from the environment:

- ``DATABASE_URL``: SQLite file ``var/db.sqlite3`` by default;
  ``postgres://user@host/db`` for PostgreSQL.
- ``CELERY_BROKER_URL``: when set (e.g. ``redis://localhost:6379/0``), background jobs go
  to Celery workers; otherwise they run in-process after the transaction commits.
- ``SECRET_KEY``, ``DEBUG``, ``ALLOWED_HOSTS``.

Production is the default: DEBUG off, a SECRET_KEY required, secure cookies, HSTS, an SSL
redirect (TLS ends at nginx, which sets ``X-Forwarded-Proto``). ``TYNDAU_DEMO=1`` (set by
``make run`` and by the tests through ``tyndau.settings_demo``) switches on what the laptop
demo needs: DEBUG, a fixed development key, plain-HTTP cookies, ``seed_demo``.
"""

import os
from pathlib import Path
from urllib.parse import urlsplit

import dj_database_url
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("TYNDAU_VAR_DIR", BASE_DIR / "var"))
VAR_DIR.mkdir(parents=True, exist_ok=True)


def env_bool(name: str, default: bool = False) -> bool:
    return os.environ.get(name, str(default)).lower() in {"1", "true", "yes", "on"}


def env_int(name: str, default: int) -> int:
    return int(os.environ.get(name) or default)


# The laptop demo (make run, the tests); everything else is production.
TYNDAU_DEMO = env_bool("TYNDAU_DEMO", False)
DEBUG = env_bool("DEBUG", TYNDAU_DEMO)
# Production without SECRET_KEY refuses to start (tyndau.wsgi, tyndau.celery and
# `check --deploy` call tyndau.core.security.require_secret_key).
SECRET_KEY = os.environ.get("SECRET_KEY") or (
    "dev-only-insecure-key-for-the-laptop-demo" if TYNDAU_DEMO else ""
)
ALLOWED_HOSTS = os.environ.get("ALLOWED_HOSTS", "127.0.0.1,localhost,testserver").split(",")
CSRF_TRUSTED_ORIGINS = [o for o in os.environ.get("CSRF_TRUSTED_ORIGINS", "").split(",") if o]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "rules.apps.AutodiscoverRulesConfig",
    "auditlog",
    "rest_framework",
    "rest_framework.authtoken",
    "drf_spectacular",
    "django_filters",
    "csp",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "health_check",
    "django_prometheus",
    "tyndau.core",
    "tyndau.accounts",
    "tyndau.territory",
    "tyndau.appeals",
    "tyndau.meetings",
    "tyndau.reports",
    "tyndau.plans",
    "tyndau.budget",
    "tyndau.gathering",
    "tyndau.opendata",
    "tyndau.portal",
    "tyndau.services",
    "tyndau.library",
    "tyndau.surveys",
    "tyndau.api",
    "tyndau.triage",
    "tyndau.jury",
    "tyndau.privacy",
]

MIDDLEWARE = [
    "django_prometheus.middleware.PrometheusBeforeMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "tyndau.core.security.RequestBodyLimitMiddleware",
    "tyndau.core.security.NulByteMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "tyndau.core.security.IdleSessionTimeoutMiddleware",
    "tyndau.core.security.StaffSecondFactorMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "auditlog.middleware.AuditlogMiddleware",
    "django_prometheus.middleware.PrometheusAfterMiddleware",
    # last, so that a locked-out login gets its (translated) lockout page
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "tyndau.urls"
WSGI_APPLICATION = "tyndau.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "tyndau.core.context_processors.site",
                "tyndau.territory.context_processors.roles",
                "tyndau.privacy.context_processors.nav",
            ],
        },
    },
]

# --- Database ---------------------------------------------------------------------------
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{VAR_DIR / 'db.sqlite3'}"),
        conn_max_age=600,
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers work while one writer writes; IMMEDIATE avoids "database is locked"
    # upgrades in the middle of a transaction; NORMAL sync is safe with WAL.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": (
            "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=5000;"
            "PRAGMA foreign_keys=ON;"
        ),
        "transaction_mode": "IMMEDIATE",
    }
    DATABASES["default"]["TEST"] = {"NAME": os.environ.get("TYNDAU_TEST_SQLITE_NAME")}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "rules.permissions.ObjectPermissionBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "core:staff-home"
LOGOUT_REDIRECT_URL = "portal:home"

# --- Internationalisation ---------------------------------------------------------------
LANGUAGE_CODE = "ru"
LANGUAGES = [
    ("kk", _("Kazakh")),
    ("ru", _("Russian")),
    ("en", _("English")),
]
# Each app keeps its own locale/ folder; listing them here makes the project's catalogue win
# over Django's own for the same msgid (the admin's "Home" read "Негізгі", not "Басты бет").
LOCALE_PATHS = sorted((BASE_DIR / "tyndau").glob("*/locale"))
TIME_ZONE = "Asia/Almaty"
# Kazakh date and number formats (Django has none for kk): tyndau/formats/kk/formats.py
FORMAT_MODULE_PATH = ["tyndau.formats"]
USE_I18N = True
USE_TZ = True

# --- Static and media -------------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("TYNDAU_STATIC_ROOT", BASE_DIR / "staticfiles"))
STATICFILES_DIRS = [BASE_DIR / "tyndau" / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("TYNDAU_MEDIA_ROOT", VAR_DIR / "media"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        # hashed names (long caching) and gzip/brotli copies; TYNDAU_STATIC_STORAGE may
        # name another (the production-server test skips the slow compression)
        "BACKEND": os.environ.get("TYNDAU_STATIC_STORAGE")
        or (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

# --- E-mail and SMS ---------------------------------------------------------------------
EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "tyndau@localhost")
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
EMAIL_TIMEOUT = env_int("EMAIL_TIMEOUT", 20)
SMS_BACKEND = os.environ.get("SMS_BACKEND", "tyndau.core.sms.ConsoleSmsBackend")

# --- Background jobs --------------------------------------------------------------------
# Without a broker, tasks run eagerly in-process (after commit), so a laptop needs no
# extra server. With CELERY_BROKER_URL set, they go to Celery workers.
CELERY_BROKER_URL = os.environ.get("CELERY_BROKER_URL", "")
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TIMEZONE = TIME_ZONE
CELERY_RESULT_BACKEND = None
# Without a broker, jobs run on threads of the web process, so the request returns at once:
# the ones of ``core.jobs.enqueue`` (an appeal's notice) one after another on the process's
# job thread, each long one (``enqueue_long``, a jury's lottery) on its own. False runs
# them at the commit, in the request (the tests).
TYNDAU_JOBS_THREADS = env_bool("TYNDAU_JOBS_THREADS", True)

# --- Working calendar (АППК) -------------------------------------------------------------
# Office hours: an appeal received outside them is registered on the next working day.
TYNDAU_WORKDAY_START = os.environ.get("TYNDAU_WORKDAY_START", "09:00")
TYNDAU_WORKDAY_END = os.environ.get("TYNDAU_WORKDAY_END", "18:30")

# --- API --------------------------------------------------------------------------------
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    # writes are limited per caller and hour (TYNDAU_API_WRITES_PER_HOUR), shared counters
    "DEFAULT_THROTTLE_CLASSES": ["tyndau.api.throttling.WriteThrottle"],
    # JSON nested too deeply is a 400, not a RecursionError (issue 12)
    "DEFAULT_PARSER_CLASSES": [
        "tyndau.api.parsers.SafeJSONParser",
        "rest_framework.parsers.FormParser",
        "rest_framework.parsers.MultiPartParser",
    ],
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.PageNumberPagination",
    "PAGE_SIZE": 50,
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Tyndau API",
    "DESCRIPTION": "Appeals, meetings, territories and reports of a local akimat.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    # Swagger UI from our own static files (vendored from npm), no CDN.
    "SWAGGER_UI_DIST": STATIC_URL + "vendor/swagger-ui",
    "SWAGGER_UI_FAVICON_HREF": STATIC_URL + "vendor/swagger-ui/favicon-32x32.png",
    "COMPONENT_SPLIT_REQUEST": True,
    "ENUM_NAME_OVERRIDES": {
        "AppealStatusEnum": "tyndau.appeals.models.Status",
        "AppealKindEnum": "tyndau.appeals.models.Kind",
        "MeetingStatusEnum": "tyndau.meetings.models.MeetingStatus",
        "MeetingKindEnum": "tyndau.meetings.models.MeetingKind",
        "AssignmentStatusEnum": "tyndau.meetings.models.AssignmentStatus",
        "AkimLevelEnum": "tyndau.territory.models.AkimLevel",
        "SessionStatusEnum": "tyndau.gathering.models.SessionStatus",
    },
}

AUDITLOG_INCLUDE_ALL_MODELS = False

# Logs: one JSON object a line in production (journald, Loki, any collector parses them),
# plain text for the laptop demo. TYNDAU_LOG_FORMAT=json|text overrides.
TYNDAU_LOG_FORMAT = os.environ.get("TYNDAU_LOG_FORMAT", "text" if TYNDAU_DEMO else "json")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "json": {
            "()": "pythonjsonlogger.json.JsonFormatter",
            "fmt": "%(asctime)s %(levelname)s %(name)s %(message)s %(process)d",
            "rename_fields": {"asctime": "time", "levelname": "level", "name": "logger"},
            "json_ensure_ascii": False,
        },
        "text": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": "json" if TYNDAU_LOG_FORMAT == "json" else "text",
        }
    },
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}

# Map tiles for Leaflet maps (an empty value shows pins without a base map, e.g. offline).
# The portal's public address, for the links sent to residents (SMS, e-mail, slip QR code).
# The demo district (manage.py seed_demo): each app's step, in order (tyndau.core.demo).
TYNDAU_DEMO_STEPS = [
    "tyndau.territory.demo.seed_territories",
    "tyndau.territory.demo.seed_users",
    "tyndau.territory.demo.seed_profile",
    "tyndau.appeals.demo.seed_appeals",
    "tyndau.meetings.demo.seed_meetings",
    "tyndau.reports.demo.seed_report_demo",
    "tyndau.budget.demo.seed_budget",
    "tyndau.plans.demo.seed_plan",
    "tyndau.gathering.demo.seed_gathering",
    "tyndau.services.demo.seed_services",
    "tyndau.library.demo.seed_library",
    "tyndau.surveys.demo.seed_surveys",
    "tyndau.api.demo.seed_api_token",
    "tyndau.privacy.demo.seed_publications",
]
# seed_demo --oblast: Akmola oblast with the seed's oblast figures (after the steps above).
TYNDAU_DEMO_OBLAST = "tyndau.reports.oblast_demo.seed_oblast"
# Surveys: a breakdown of results by a trait is published only when each of its groups has
# none or at least this many respondents (smaller groups would show a person's answers).
TYNDAU_SURVEY_MIN_GROUP = int(os.environ.get("TYNDAU_SURVEY_MIN_GROUP", "5"))
TYNDAU_PUBLIC_URL = os.environ.get("TYNDAU_PUBLIC_URL", "http://127.0.0.1:8000")
TYNDAU_TILE_URL = os.environ.get(
    "TYNDAU_TILE_URL", "https://tile.openstreetmap.org/{z}/{x}/{y}.png"
)

# --- Security (issue 12) ----------------------------------------------------------------
# TLS ends at nginx, which tells us the scheme; the laptop demo is plain HTTP.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
_PRODUCTION = not TYNDAU_DEMO
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", _PRODUCTION)
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = env_bool("SECURE_COOKIES", _PRODUCTION)
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 365 * 24 * 3600 if _PRODUCTION else 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
# A signed-in session ends after this many minutes without a request, and in any case
# after SESSION_COOKIE_AGE seconds (tyndau.core.security.IdleSessionTimeoutMiddleware).
TYNDAU_IDLE_TIMEOUT_MINUTES = env_int("TYNDAU_IDLE_TIMEOUT_MINUTES", 30)
SESSION_COOKIE_AGE = env_int("SESSION_COOKIE_AGE", 12 * 3600)
# With this on, staff must confirm a TOTP code (django-otp) after the password; a user who
# has a confirmed TOTP device is always asked for it.
TYNDAU_STAFF_OTP_REQUIRED = env_bool("TYNDAU_STAFF_OTP_REQUIRED", False)
OTP_TOTP_ISSUER = "Tyndau"

# Reverse proxies we trust (nginx on the same host by default): only when the request
# comes from one of them is the client address read from TYNDAU_CLIENT_IP_HEADER.
TYNDAU_TRUSTED_PROXIES = [
    p.strip() for p in os.environ.get("TYNDAU_TRUSTED_PROXIES", "127.0.0.1,::1").split(",") if p
]
TYNDAU_CLIENT_IP_HEADER = os.environ.get("TYNDAU_CLIENT_IP_HEADER", "HTTP_X_FORWARDED_FOR")

# Content Security Policy (django-csp): our own scripts only, no inline script.
_tiles = urlsplit(TYNDAU_TILE_URL)
_tile_origin = f"{_tiles.scheme}://{_tiles.netloc}" if _tiles.netloc else ""
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:", *([_tile_origin] if _tile_origin else [])],
        "connect-src": ["'self'"],
        "font-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}

# Login lockout (django-axes): after AXES_FAILURE_LIMIT wrong passwords for one user name
# or from one address, that name or address is locked for AXES_COOLOFF_HOURS (also /admin/).
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = float(os.environ.get("AXES_COOLOFF_HOURS", "0.25"))
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "tyndau.core.security.lockout_response"
AXES_CLIENT_IP_CALLABLE = "tyndau.core.clientip.axes_client_ip"
AXES_VERBOSE = False
AXES_DISABLE_ACCESS_LOG = True  # record failures only (no write on every good login)

# Shared cache for rate limits: Redis when REDIS_URL is set, else a table of the database
# (`manage.py createcachetable`), so that every worker counts the same hits.
REDIS_URL = os.environ.get("REDIS_URL", "")
CACHES = {
    "default": (
        {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": os.environ.get("TYNDAU_CACHE_PREFIX", "tyndau"),
        }
        if REDIS_URL
        else {
            # Django's table cache with an atomic counter that keeps its window (tyndau.core.cache)
            "BACKEND": "tyndau.core.cache.DatabaseCache",
            "LOCATION": "tyndau_cache",
            # Culled only past this many rows (Django's default, 300, would drop live rate
            # counters as soon as 300 addresses filed in an hour); expired rows go first.
            "OPTIONS": {"MAX_ENTRIES": env_int("TYNDAU_CACHE_MAX_ENTRIES", 100_000)},
        }
    )
}

# Rate limits per hour (tyndau.core.ratelimit), shared by every worker through the cache.
# Filing is never refused: past its limit the portal asks for a one-time SMS code.
TYNDAU_PORTAL_APPEALS_PER_HOUR = env_int("TYNDAU_PORTAL_APPEALS_PER_HOUR", 5)
TYNDAU_PORTAL_TRACK_FAILURES_PER_HOUR = env_int("TYNDAU_PORTAL_TRACK_FAILURES_PER_HOUR", 20)
TYNDAU_RECEPTION_BOOKINGS_PER_HOUR = env_int("TYNDAU_RECEPTION_BOOKINGS_PER_HOUR", 3)
TYNDAU_API_WRITES_PER_HOUR = env_int("TYNDAU_API_WRITES_PER_HOUR", 600)
TYNDAU_SMS_CODES_PER_HOUR = env_int("TYNDAU_SMS_CODES_PER_HOUR", 3)

# Request size: Django refuses form bodies above this before parsing them (nginx too).
DATA_UPLOAD_MAX_MEMORY_SIZE = env_int("DATA_UPLOAD_MAX_MEMORY_SIZE", 2_621_440)
# Any request body above this is refused before it is read (tyndau.core.security).
TYNDAU_MAX_REQUEST_BYTES = env_int("TYNDAU_MAX_REQUEST_BYTES", 25 * 1024 * 1024)
# Images with more pixels than this are refused before they are decoded.
TYNDAU_MAX_IMAGE_PIXELS = env_int("TYNDAU_MAX_IMAGE_PIXELS", 40_000_000)

# Media on an S3-compatible bucket (django-storages; MinIO or a provider) when
# TYNDAU_MEDIA_STORAGE=s3, so that several web hosts share the files. The bucket stays
# private: tyndau.portal.media redirects to a link signed for AWS_QUERYSTRING_EXPIRE s.
TYNDAU_S3_STORAGE = {
    "BACKEND": "storages.backends.s3.S3Storage",
    "OPTIONS": {
        "bucket_name": os.environ.get("AWS_STORAGE_BUCKET_NAME", "tyndau-media"),
        "endpoint_url": os.environ.get("AWS_S3_ENDPOINT_URL") or None,
        "region_name": os.environ.get("AWS_S3_REGION_NAME") or None,
        "default_acl": None,
        "querystring_auth": True,
        "querystring_expire": env_int("AWS_QUERYSTRING_EXPIRE", 300),
        "file_overwrite": False,
        "signature_version": "s3v4",
    },
}
if os.environ.get("TYNDAU_MEDIA_STORAGE", "") == "s3":
    STORAGES["default"] = TYNDAU_S3_STORAGE

# Health checks (/health/, tyndau.core.health) and Prometheus metrics (/metrics, only for
# these peer addresses or networks; tyndau.core.metrics). Both skip the HTTPS redirect,
# so that a load balancer or Prometheus can reach gunicorn directly.
TYNDAU_METRICS_ALLOWED_IPS = [
    p.strip() for p in os.environ.get("TYNDAU_METRICS_ALLOWED_IPS", "127.0.0.1,::1").split(",") if p
]
SECURE_REDIRECT_EXEMPT = [r"^health/$", r"^metrics$"]

# Attachments are never served directly: tyndau.portal.media checks permission and, behind
# nginx, answers with X-Accel-Redirect to this internal location (e.g. /protected-media/).
TYNDAU_MEDIA_ACCEL_REDIRECT = os.environ.get("TYNDAU_MEDIA_ACCEL_REDIRECT", "")

# Development plans: an item is late when its progress is behind the straight line from
# its start to its due date by more than this many percentage points.
TYNDAU_PLAN_LATE_THRESHOLD = int(os.environ.get("TYNDAU_PLAN_LATE_THRESHOLD", "15"))

# The local community gathering: a session decides only when the members present are at
# least this share of the members serving that day (numerator, denominator): one half, as
# the Law on local government (art. 39-3) counts a session competent.
TYNDAU_GATHERING_QUORUM = (1, 2)

# Access log of staff reads of personal data: records older than this are purged daily.
TYNDAU_ACCESS_LOG_RETENTION_DAYS = int(os.environ.get("TYNDAU_ACCESS_LOG_RETENTION_DAYS", "365"))
