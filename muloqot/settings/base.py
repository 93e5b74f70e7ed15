"""Settings shared by every environment. Environment-specific values come from variables."""

from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

from .env import env_bool, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = Path(env_str("MULOQOT_VAR_DIR", str(BASE_DIR / "var")))

SECRET_KEY = env_str("SECRET_KEY")
DEBUG = env_bool("DEBUG", False)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    # Muloqot, in dependency order, lowest first (docs/architecture.md): seed_demo runs each
    # app's demo.py in this order
    "core",
    "accounts",
    "registry",
    "quizzes",
    "courses",
    "certificates",
    "playbooks",
    "regulations",
    "outcomes",
    "simulations",
    # Wagtail
    "wagtail.contrib.routable_page",
    "wagtail.contrib.table_block",
    "wagtail.contrib.simple_translation",
    "wagtail.contrib.redirects",
    "wagtail.embeds",
    "wagtail.sites",
    "accounts.apps.MuloqotUsersAppConfig",  # wagtail.users with our user forms
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.locales",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    # Third party
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "django_tasks",
    "django_tasks_db",
    # Django
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "core.csp.SiteCSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "core.caching.AnonymousPageCacheMiddleware",  # anonymous pages before routing
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "core.scripts.UzbekScriptMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "accounts.middleware.StaffMFARequiredMiddleware",
    "accounts.middleware.AdminForStaffOnlyMiddleware",
    "core.languages.UntranslatedPageFallbackMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

ROOT_URLCONF = "muloqot.urls"
WSGI_APPLICATION = "muloqot.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

# Database: SQLite in var/ unless DATABASE_URL names another (PostgreSQL in production).
DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL") or f"sqlite:///{VAR_DIR / 'db.sqlite3'}",
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 0),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL and a busy timeout let the web process and the task worker write side by side.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    # ModelBackend with permission sets kept in the cache between requests.
    "accounts.backends.CachedPermissionBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
# Argon2id first (accounts/hashers.py); the others only read hashes made before, which are
# re-hashed with Argon2id at their owner's next sign-in.
PASSWORD_HASHERS = [
    "accounts.hashers.Argon2idPasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2SHA1PasswordHasher",
    "django.contrib.auth.hashers.ScryptPasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "/"
LOGOUT_REDIRECT_URL = "/"

# Languages: Uzbek (Latin) is the default and unprefixed; Russian and English under /ru/, /en/.
LANGUAGE_CODE = "uz"
LANGUAGES = [
    ("uz", "Oʻzbekcha"),
    ("ru", "Русский"),
    ("en", "English"),
]
LOCALE_PATHS = [BASE_DIR / "locale"]
# One date style per language (core/formats/).
FORMAT_MODULE_PATH = ["core.formats"]
TIME_ZONE = "Asia/Tashkent"
USE_I18N = True
USE_TZ = True

# Static files and media. Production serves static files with whitenoise from a manifest.
STATIC_URL = "/static/"
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(BASE_DIR / "staticfiles")))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(VAR_DIR / "media")))
# Files only their owner may download (certificate PDFs): outside MEDIA_ROOT, so the web server
# never serves them; the owner's download view streams them or hands nginx an X-Accel-Redirect.
PRIVATE_MEDIA_ROOT = Path(env_str("PRIVATE_MEDIA_ROOT", str(VAR_DIR / "private")))
# The internal nginx location that maps to PRIVATE_MEDIA_ROOT (empty: Django streams the file).
MULOQOT_PRIVATE_ACCEL_PREFIX = env_str("PRIVATE_ACCEL_PREFIX", "")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "private": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": PRIVATE_MEDIA_ROOT, "base_url": None},
    },
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
if env_str("AWS_STORAGE_BUCKET_NAME"):
    # S3-compatible object storage (an on-premises MinIO keeps personal data in the country).
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": env_str("AWS_STORAGE_BUCKET_NAME"),
            "endpoint_url": env_str("AWS_S3_ENDPOINT_URL"),
            "region_name": env_str("AWS_S3_REGION_NAME"),
            "default_acl": None,
            "querystring_auth": True,
            "file_overwrite": False,
        },
    }
    STORAGES["private"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            **STORAGES["default"]["OPTIONS"],
            "location": "private",
            "default_acl": "private",
            "querystring_auth": True,
        },
    }
    if MULOQOT_PRIVATE_ACCEL_PREFIX:
        # nginx's internal location reads PRIVATE_MEDIA_ROOT on the local disk; the bucket's
        # files are streamed by whichever instance answers.
        raise ImproperlyConfigured(
            "PRIVATE_ACCEL_PREFIX serves files from the local disk; with a bucket "
            "(AWS_STORAGE_BUCKET_NAME) leave it empty."
        )

# Cache: local memory by default, Redis when REDIS_URL is set (shared by every process, which
# the login rate limits need in production). The task queue is always the database backend.
REDIS_URL = env_str("REDIS_URL")
if REDIS_URL:
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}
    }
    # Sessions read from Redis (no database query per request) and written through to the
    # database, so a Redis restart or eviction never signs anyone out mid-test.
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

# E-mail through Django's backends.
EMAIL_BACKEND = env_str("EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL", False)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "Muloqot <noreply@muloqot.uz>")
SERVER_EMAIL = env_str("SERVER_EMAIL", DEFAULT_FROM_EMAIL)

# Accounts: django-allauth.
ACCOUNT_LOGIN_METHODS = {"email", "username"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_SIGNUP_FORM_CLASS = "accounts.forms.SignupForm"
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_USER_DISPLAY = "accounts.models.user_display"
ACCOUNT_EMAIL_SUBJECT_PREFIX = "Muloqot: "
ACCOUNT_ADAPTER = "accounts.adapter.AccountAdapter"
# Failed logins are limited per IP and per account; the cache holds the counters.
ACCOUNT_RATE_LIMITS = {
    "login_failed": env_str("LOGIN_FAILED_RATE_LIMIT", "10/m/ip,5/5m/key"),
}
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "Muloqot"
# Staff (anyone who can reach the Wagtail admin) must set up TOTP before using the site.
MULOQOT_STAFF_MFA_REQUIRED = env_bool("STAFF_MFA_REQUIRED", False)
MULOQOT_INVITATION_MAX_AGE_DAYS = env_int("INVITATION_MAX_AGE_DAYS", 14)
MULOQOT_IMPORT_MAX_BYTES = env_int("IMPORT_MAX_BYTES", 5 * 1024 * 1024)
MULOQOT_IMPORT_MAX_ROWS = env_int("IMPORT_MAX_ROWS", 20000)
# The Ed25519 key that signs certificate data (created by `manage.py create_signing_key`).
MULOQOT_SIGNING_KEY_PATH = Path(
    env_str("CERTIFICATE_SIGNING_KEY", str(VAR_DIR / "keys" / "certificate-signing.pem"))
)
# Or the key itself (PEM; one line with \n is fine) from the environment or a secret store, so
# that servers sharing nothing sign with one key; it takes precedence over the file.
MULOQOT_SIGNING_KEY_PEM = env_str("CERTIFICATE_SIGNING_KEY_PEM", "")

# Wagtail.
WAGTAIL_SITE_NAME = "Muloqot"
WAGTAILADMIN_BASE_URL = env_str("BASE_URL", "http://127.0.0.1:8000")
WAGTAILADMIN_LOGIN_URL = "account_login"
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
WAGTAILSEARCH_BACKENDS = {
    "default": {
        "BACKEND": "wagtail.search.backends.database",
        "INDEX_PREFIX": env_str("SEARCH_INDEX_PREFIX", "muloqot_"),
    }
}
WAGTAILDOCS_EXTENSIONS = [
    *("pdf", "docx", "odt", "xlsx", "ods", "pptx", "odp", "csv", "txt"),
    *("mp4", "webm", "vtt"),  # lesson videos and their captions
]
WAGTAILDOCS_MAX_UPLOAD_SIZE = env_int("DOCUMENT_MAX_UPLOAD_BYTES", 20 * 1024 * 1024)
WAGTAILDOCS_SERVE_METHOD = "serve_view"
# Playbooks: template uploads (proposals, new versions), posting limits and the edit window.
MULOQOT_PLAYBOOK_UPLOAD_MAX_BYTES = env_int("PLAYBOOK_UPLOAD_MAX_BYTES", 10 * 1024 * 1024)
MULOQOT_PLAYBOOK_POSTS_PER_WINDOW = env_int("PLAYBOOK_POSTS_PER_WINDOW", 10)
MULOQOT_PLAYBOOK_POST_WINDOW_SECONDS = env_int("PLAYBOOK_POST_WINDOW_SECONDS", 3600)
MULOQOT_PLAYBOOK_EDIT_WINDOW_MINUTES = env_int("PLAYBOOK_EDIT_WINDOW_MINUTES", 30)
WAGTAILIMAGES_MAX_UPLOAD_SIZE = env_int("IMAGE_MAX_UPLOAD_BYTES", 10 * 1024 * 1024)
WAGTAILUSERS_PASSWORD_REQUIRED = False
WAGTAIL_PASSWORD_RESET_ENABLED = False  # password reset goes through allauth
# No Gravatar: avatars would load from a third party (broken offline, and it learns each admin
# user's e-mail hash). Wagtail then shows its own default avatar.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
# The admin's date pickers (filters, go-live dates) day first, as in Uzbekistan, never mm/dd/yyyy.
WAGTAIL_DATE_FORMAT = "%d.%m.%Y"
WAGTAIL_DATETIME_FORMAT = "%d.%m.%Y %H:%M"

SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False
X_FRAME_OPTIONS = "SAMEORIGIN"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.db.backends": {"level": "INFO"},
        # WeasyPrint reports every step of every PDF at INFO; Wagtail every publish and redirect,
        # the task queue every task: quiet by default (NOISY_LOG_LEVEL=INFO to see them).
        "weasyprint": {"level": "WARNING"},
        "wagtail": {"level": env_str("NOISY_LOG_LEVEL", "WARNING")},
        "django_tasks": {"level": env_str("NOISY_LOG_LEVEL", "WARNING")},
        "modelsearch": {"level": env_str("NOISY_LOG_LEVEL", "WARNING")},
        "fontTools": {"level": "WARNING"},
    },
}


# Content-Security-Policy (core/csp.py, docs/security.md): no inline scripts on the site.
_VIDEO_FRAMES = [
    "https://www.youtube.com",
    "https://www.youtube-nocookie.com",
    "https://player.vimeo.com",
]
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:", "https:"],
        "font-src": ["'self'", "data:"],
        "media-src": ["'self'", "https:"],
        "frame-src": ["'self'", *_VIDEO_FRAMES],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'self'"],
    }
}
# Wagtail's admin still runs inline scripts (and its editor needs blob: workers and previews).
MULOQOT_ADMIN_CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'", "'unsafe-inline'"],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:", "blob:", "https:"],
        "font-src": ["'self'", "data:"],
        "media-src": ["'self'", "blob:", "https:"],
        "frame-src": ["'self'", *_VIDEO_FRAMES],
        "connect-src": ["'self'"],
        "worker-src": ["'self'", "blob:"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'self'"],
    }
}
