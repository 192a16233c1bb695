"""Settings of the benchmarks: the product's settings, plus a URL module with the bare
views, fast password hashing and no real e-mail. Never used by the product or the tests."""

import os

# The product's production settings, except the key and the HTTPS redirect (the
# benchmarks speak plain HTTP to gunicorn); DEBUG stays off (below).
os.environ.setdefault("TYNDAU_DEMO", "1")
# the API's write limit would stop a benchmark after 600 appeals an hour
os.environ.setdefault("TYNDAU_API_WRITES_PER_HOUR", "100000000")

from tyndau.settings import *  # noqa: E402,F403
from tyndau.settings import DATABASES  # noqa: E402

DEBUG = False
ROOT_URLCONF = "benchmarks.urls"
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "testserver"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.dummy.EmailBackend"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
LOGGING = {"version": 1, "disable_existing_loggers": False, "root": {"level": "ERROR"}}
DATABASES["default"].pop("TEST", None)
