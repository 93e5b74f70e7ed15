"""Production defaults that hold load without a tuning guide (docs/deployment.md).

Each case loads the settings in a fresh interpreter, as tests/core/test_settings.py does.
"""

import json
import os
import subprocess
import sys

from tests.core.test_settings import BASE_DIR, GOOD_KEY, run_python

PRINT_DEFAULTS = (
    "import django, json; django.setup(); from django.conf import settings as s; "
    "db = s.DATABASES['default']; "
    "print(json.dumps({'conn_max_age': db['CONN_MAX_AGE'], "
    "'health_checks': db['CONN_HEALTH_CHECKS'], 'session': s.SESSION_ENGINE, "
    "'cache': s.CACHES['default']['BACKEND'], "
    "'page_cache': 'core.caching.AnonymousPageCacheMiddleware' in s.MIDDLEWARE}))"
)
PRODUCTION = {
    "SECRET_KEY": GOOD_KEY,
    "ALLOWED_HOSTS": "muloqot.uz",
    "DATABASE_URL": "postgres://muloqot:pw@db.internal:5432/muloqot",
}


def read_defaults(settings_module: str, **env: str) -> dict:
    result = run_python(PRINT_DEFAULTS, settings_module, **env)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_production_keeps_one_checked_connection_per_worker():
    values = read_defaults("muloqot.settings.production", **PRODUCTION)
    assert values["conn_max_age"] == 600
    assert values["health_checks"] is True


def test_production_connection_age_can_still_be_set_or_turned_off():
    values = read_defaults("muloqot.settings.production", DATABASE_CONN_MAX_AGE="0", **PRODUCTION)
    assert values["conn_max_age"] == 0


def test_development_closes_connections_after_each_request():
    assert read_defaults("muloqot.settings.dev")["conn_max_age"] == 0


def test_sessions_are_read_from_redis_and_written_through_when_redis_is_configured():
    values = read_defaults(
        "muloqot.settings.production", REDIS_URL="redis://cache.internal:6379/1", **PRODUCTION
    )
    assert values["session"] == "django.contrib.sessions.backends.cached_db"
    assert values["cache"] == "django.core.cache.backends.redis.RedisCache"
    assert values["page_cache"] is True


def test_sessions_stay_in_the_database_without_redis():
    values = read_defaults("muloqot.settings.production", **PRODUCTION)
    assert values["session"] == "django.contrib.sessions.backends.db"


def gunicorn_workers(cpus: int, **env: str) -> subprocess.CompletedProcess:
    code = (
        f"import os, runpy; os.cpu_count = lambda: {cpus}; "
        "print(runpy.run_path('deploy/gunicorn.conf.py')['workers'])"
    )
    clean = {k: v for k, v in os.environ.items() if k != "WEB_CONCURRENCY"}
    return subprocess.run(  # noqa: S603 - our own interpreter and code
        [sys.executable, "-c", code],
        cwd=BASE_DIR,
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def test_gunicorn_sizes_workers_for_the_machine():
    assert gunicorn_workers(2).stdout.strip() == "5"
    assert gunicorn_workers(4).stdout.strip() == "9"
    assert gunicorn_workers(16).stdout.strip() == "12"  # beyond that, add machines
    assert gunicorn_workers(2, WEB_CONCURRENCY="3").stdout.strip() == "3"
