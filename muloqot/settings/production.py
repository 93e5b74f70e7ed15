"""Production: refuses to start without a real SECRET_KEY and ALLOWED_HOSTS.

Run with DJANGO_SETTINGS_MODULE=muloqot.settings.production behind gunicorn and a TLS proxy.
"""

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import DATABASES, REDIS_URL, STORAGES
from .env import env_bool, env_int, env_list, env_str

DEBUG = False

SECRET_KEY = env_str("SECRET_KEY", "")
if len(SECRET_KEY) < 50 or len(set(SECRET_KEY)) < 5 or SECRET_KEY.startswith("django-insecure"):
    raise ImproperlyConfigured(
        "SECRET_KEY must be set to a random value of at least 50 characters in production "
        '(python -c "import secrets; print(secrets.token_urlsafe(50))").'
    )

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")
if not ALLOWED_HOSTS or "*" in ALLOWED_HOSTS:
    raise ImproperlyConfigured(
        "ALLOWED_HOSTS must list the site's host names in production (comma-separated, no '*')."
    )
CSRF_TRUSTED_ORIGINS = env_list(
    "CSRF_TRUSTED_ORIGINS", ",".join(f"https://{host}" for host in ALLOWED_HOSTS)
)

# Links in e-mails (invitations, password resets) point at the public address.
WAGTAILADMIN_BASE_URL = env_str("BASE_URL", f"https://{ALLOWED_HOSTS[0]}")

# Behind one reverse proxy (nginx) by default: allauth's per-IP login limits must count the
# client's address from X-Forwarded-For, not the proxy's.
ALLAUTH_TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 1)

# HTTPS everywhere; the proxy in front of gunicorn sets X-Forwarded-Proto.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# Rate limits count clients by the address nginx passes (deploy/nginx/muloqot.conf sets X-Real-IP).
MULOQOT_CLIENT_IP_HEADER = "HTTP_X_REAL_IP"
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 60 * 60 * 24 * 365)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True

# One persistent connection per worker process, checked before reuse (docs/deployment.md,
# "Database connections"): opening a PostgreSQL connection per request saturated 2 cores at
# 45 requests/s. 0 turns it off; pooling in-process gains nothing with one-request-at-a-time
# sync workers, and PgBouncer is the pool once app servers multiply.
DATABASES["default"]["CONN_MAX_AGE"] = env_int("DATABASE_CONN_MAX_AGE", 600)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
# Behind PgBouncer in transaction pooling mode, server-side cursors (.iterator()) must be off.
DATABASES["default"]["DISABLE_SERVER_SIDE_CURSORS"] = env_bool(
    "DATABASE_DISABLE_SERVER_SIDE_CURSORS", False
)

STORAGES["staticfiles"] = {
    "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage",
}

# No state in a process's memory: without Redis the cache lives in the database
# (run `manage.py createcachetable` once).
if not REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "muloqot_cache",
        }
    }

MULOQOT_STAFF_MFA_REQUIRED = env_bool("STAFF_MFA_REQUIRED", True)

# Wagtail's live preview shows the page in a same-origin iframe, so frames stay SAMEORIGIN
# (set in base.py) rather than DENY; other origins still cannot frame the site.
SILENCED_SYSTEM_CHECKS = ["security.W019"]
