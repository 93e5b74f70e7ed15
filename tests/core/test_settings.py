"""Settings are read from the environment; production refuses to start half-configured.

Each case runs Django in a fresh interpreter so that settings modules load from scratch.
"""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

BASE_DIR = Path(__file__).resolve().parents[2]
GOOD_KEY = "k3y-" + "x9Q2" * 16
PRINT_SETTINGS = (
    "import django, json; django.setup(); from django.conf import settings as s; "
    "print(json.dumps({'debug': s.DEBUG, 'hosts': s.ALLOWED_HOSTS, "
    "'db': s.DATABASES['default']['ENGINE'], 'db_name': s.DATABASES['default']['NAME'], "
    "'cache': s.CACHES['default']['BACKEND'], 'tasks': s.TASKS['default']['BACKEND'], "
    "'email': s.EMAIL_BACKEND, 'static_root': str(s.STATIC_ROOT), "
    "'media_root': str(s.MEDIA_ROOT), 'mfa': s.MULOQOT_STAFF_MFA_REQUIRED, "
    "'ssl': getattr(s, 'SECURE_SSL_REDIRECT', False), 'base_url': s.WAGTAILADMIN_BASE_URL, "
    "'proxies': getattr(s, 'ALLAUTH_TRUSTED_PROXY_COUNT', 0)}))"
)


def run_python(code: str, settings_module: str, **env: str) -> subprocess.CompletedProcess:
    clean = {
        key: value
        for key, value in os.environ.items()
        if key
        not in {
            "SECRET_KEY",
            "DATABASE_URL",
            "ALLOWED_HOSTS",
            "DEBUG",
            "REDIS_URL",
            "MEDIA_ROOT",
            "DJANGO_ALLOW_ASYNC_UNSAFE",
            "MULOQOT_VAR_DIR",
        }
    }
    clean.update(env, DJANGO_SETTINGS_MODULE=settings_module)
    return subprocess.run(  # noqa: S603 - our own interpreter and code
        [sys.executable, "-c", code],
        cwd=BASE_DIR,
        env=clean,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def read_settings(settings_module: str, **env: str) -> dict:
    result = run_python(PRINT_SETTINGS, settings_module, **env)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_production_refuses_to_start_without_a_secret_key():
    result = run_python(PRINT_SETTINGS, "muloqot.settings.production", ALLOWED_HOSTS="muloqot.uz")
    assert result.returncode != 0
    assert "ImproperlyConfigured: SECRET_KEY must be set" in result.stderr


@pytest.mark.parametrize("key", ["short", "django-insecure-" + "a" * 50, "a" * 60])
def test_production_refuses_a_weak_secret_key(key):
    result = run_python(
        PRINT_SETTINGS, "muloqot.settings.production", SECRET_KEY=key, ALLOWED_HOSTS="muloqot.uz"
    )
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


@pytest.mark.parametrize("hosts", ["", "*", "muloqot.uz,*"])
def test_production_refuses_missing_or_wildcard_hosts(hosts):
    result = run_python(
        PRINT_SETTINGS, "muloqot.settings.production", SECRET_KEY=GOOD_KEY, ALLOWED_HOSTS=hosts
    )
    assert result.returncode != 0
    assert "ALLOWED_HOSTS must list" in result.stderr


def test_production_reads_everything_from_the_environment():
    values = read_settings(
        "muloqot.settings.production",
        SECRET_KEY=GOOD_KEY,
        ALLOWED_HOSTS="muloqot.uz, www.muloqot.uz",
        DATABASE_URL="postgres://muloqot:pw@db.internal:5432/muloqot",
        REDIS_URL="redis://cache.internal:6379/1",
        MEDIA_ROOT="/srv/muloqot-media",
    )
    assert values["debug"] is False
    assert values["hosts"] == ["muloqot.uz", "www.muloqot.uz"]
    assert values["db"] == "django.db.backends.postgresql"
    assert values["db_name"] == "muloqot"
    assert values["cache"] == "django.core.cache.backends.redis.RedisCache"
    assert values["tasks"] == "django_tasks_db.DatabaseBackend"
    assert values["media_root"] == "/srv/muloqot-media"
    assert values["mfa"] is True
    assert values["ssl"] is True
    assert values["base_url"] == "https://muloqot.uz"  # invitation links use the public host
    assert values["proxies"] == 1  # login limits count the client behind nginx


def test_production_without_redis_shares_its_cache_through_the_database():
    values = read_settings(
        "muloqot.settings.production", SECRET_KEY=GOOD_KEY, ALLOWED_HOSTS="muloqot.uz"
    )
    assert values["cache"] == "django.core.cache.backends.db.DatabaseCache"


def test_production_passes_check_deploy():
    result = run_python(
        "import sys; from django.core.management import execute_from_command_line; "
        "execute_from_command_line(['manage.py', 'check', '--deploy', '--fail-level', 'WARNING'])",
        "muloqot.settings.production",
        SECRET_KEY=GOOD_KEY,
        ALLOWED_HOSTS="muloqot.uz",
    )
    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout


def test_development_defaults_to_sqlite_in_var_and_console_email():
    values = read_settings("muloqot.settings.dev")
    assert values["debug"] is True
    assert values["db"] == "django.db.backends.sqlite3"
    assert values["db_name"].endswith("var/db.sqlite3")
    assert values["email"] == "django.core.mail.backends.console.EmailBackend"
    assert values["tasks"] == "django_tasks_db.DatabaseBackend"
    assert "127.0.0.1" in values["hosts"]


def test_development_honours_debug_and_database_url():
    values = read_settings(
        "muloqot.settings.dev", DEBUG="false", DATABASE_URL="postgres://u:p@localhost/other"
    )
    assert values["debug"] is False
    assert (values["db"], values["db_name"]) == ("django.db.backends.postgresql", "other")
