"""The test suite: fast hasher, local-memory cache, plain static storage, immediate tasks.

DATABASE_URL still chooses the database, so the same suite runs on SQLite and PostgreSQL.
"""

import os
from pathlib import Path

from .base import *  # noqa: F403
from .base import DATABASES, VAR_DIR

SECRET_KEY = "tests-only-key-not-secret-0123456789abcdefghijklmnopqrstuvwxyz"  # noqa: S105
DEBUG = False
ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "private": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": VAR_DIR / "test-private"},
    },
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
MEDIA_ROOT = VAR_DIR / "test-media"
MULOQOT_STAFF_MFA_REQUIRED = False
WAGTAILADMIN_BASE_URL = "http://testserver"

if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # A named file (not :memory:) so that --reuse-db and the live server share one database.
    DATABASES["default"]["TEST"] = {"NAME": str(VAR_DIR / "test-db.sqlite3")}

# Static files come straight from the apps (no collectstatic before tests).
STATIC_ROOT = None
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
# A process can be pointed elsewhere (the offline verification test points it at no key at all).
MULOQOT_SIGNING_KEY_PATH = Path(
    os.environ.get("CERTIFICATE_SIGNING_KEY", VAR_DIR / "test-keys" / "certificate-signing.pem")
)
MULOQOT_SIGNING_KEY_PEM = ""  # tests that need a key from the environment set it themselves
