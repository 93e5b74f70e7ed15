"""Benchmark the compliance report on a large data set; prints figures for docs/performance.md.

Run from the project root (`make bench-compliance` runs the first line):

    .venv/bin/python bench/compliance.py
    .venv/bin/python bench/compliance.py --learners 20000 --organisations 200
    .venv/bin/python bench/compliance.py --postgres postgres://postgres@127.0.0.1:5432/muloqot_bench

For each database the script builds a throwaway data set with `seed_scale` (learners, each with
five required courses in a realistic mix of statuses, organisations in a ministry → region →
district tree), then measures through Django's test Client (in-process, no network):

* the report's first page (`/admin/compliance/`) for a superuser (every organisation) and for the
  coordinator of one ministry (a subtree): the first request and the median of `--repeat` more,
  with the number of SQL queries;
* the CSV export of every required course in scope (`/admin/compliance/people/?export=csv`),
  read to the last byte, and its size.

SQLite: a file in a temporary directory, removed at the end (never var/). PostgreSQL (only with
`--postgres URL`): the database named in the URL is dropped and created again, so it must be a
throwaway name containing "bench". Settings: muloqot.settings.dev with DEBUG=false.
"""

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def machine() -> str:
    cpu = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    memory = ""
    try:
        kib = int(Path("/proc/meminfo").read_text().split()[1])
        memory = f", {kib / 1024 / 1024:.1f} GiB RAM"
    except (OSError, ValueError, IndexError):
        pass
    return f"{os.cpu_count()} × {cpu}{memory}; Python {platform.python_version()}"


# The child process: one database --------------------------------------------------------------


def run_one(args) -> dict:
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from accounts.models import Employment, Organization, User
    from accounts.roles import COORDINATORS
    from courses.models import RequiredCourse

    started = time.monotonic()
    call_command("migrate", verbosity=0)
    migrated = time.monotonic() - started
    started = time.monotonic()
    call_command(
        "seed_scale",
        learners=args.learners,
        organisations=args.organisations,
        stdout=sys.stderr,
    )
    seeded = time.monotonic() - started
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")
    elif connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")

    required_courses = RequiredCourse.objects.count()
    admin = User.objects.create_superuser("bench-admin", "bench-admin@bench.muloqot.uz", None)
    coordinator = User.objects.create_user("bench-coordinator", "bench-coord@bench.muloqot.uz")
    from django.contrib.auth.models import Group

    coordinator.groups.add(Group.objects.get(name=COORDINATORS))
    ministry = Organization.objects.filter(depth=1, code__startswith="scale-").first()
    Employment.objects.create(user=coordinator, organization=ministry, is_coordinator=True)

    def timed(client, url, repeat):
        times, queries, size = [], 0, 0
        for attempt in range(repeat + 1):
            with CaptureQueriesContext(connection) as captured:
                begin = time.perf_counter()
                response = client.get(url)
                if response.streaming:
                    size = sum(len(chunk) for chunk in response.streaming_content)
                else:
                    size = len(response.content)
                times.append(time.perf_counter() - begin)
            if response.status_code != 200:
                raise RuntimeError(f"{url} answered {response.status_code}")
            if attempt == 0:
                queries = len(captured)
        return {
            "first_ms": round(times[0] * 1000),
            "median_ms": round(statistics.median(times[1:]) * 1000) if repeat else None,
            "queries": queries,
            "bytes": size,
        }

    results = {
        "vendor": connection.vendor,
        "learners": args.learners,
        "organisations": args.organisations,
        "required_courses": required_courses,
        "migrate_s": round(migrated, 1),
        "seed_s": round(seeded, 1),
        "coordinator_scope": RequiredCourse.objects.filter(
            organization__path__startswith=ministry.path
        ).count(),  # their own five rows included
    }
    for who, user in (("admin", admin), ("coordinator", coordinator)):
        client = Client()
        client.force_login(user)
        results[f"report_{who}"] = timed(client, "/admin/compliance/", args.repeat)
        results[f"csv_{who}"] = timed(
            client, "/admin/compliance/people/?export=csv", max(1, args.repeat // 3)
        )
    return results


# The parent: one child per database ---------------------------------------------------------


def child_environment(var_dir: Path, database_url: str) -> dict:
    env = dict(os.environ)
    for name in ("REDIS_URL", "RUNTIME_DIRECTORY", "AWS_STORAGE_BUCKET_NAME"):
        env.pop(name, None)
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "muloqot.settings.dev",
            "MULOQOT_VAR_DIR": str(var_dir),
            "DATABASE_URL": database_url,
            "DEBUG": "false",
            "ALLOWED_HOSTS": "testserver,127.0.0.1,localhost",
            "LOG_LEVEL": "WARNING",
            "PYTHONPATH": str(ROOT),
        }
    )
    return env


def recreate_postgres(url: str) -> None:
    import psycopg

    base, name = url.rsplit("/", 1)
    name = name.split("?", 1)[0]
    if "bench" not in name:
        sys.exit(f"Refusing to drop {name!r}: the benchmark database name must contain 'bench'.")
    with psycopg.connect(base + "/postgres", autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        connection.execute(f'CREATE DATABASE "{name}"')


def run_child(args, var_dir: Path, database_url: str) -> dict:
    command = [
        sys.executable,
        __file__,
        "--child",
        "--learners",
        str(args.learners),
        "--organisations",
        str(args.organisations),
        "--repeat",
        str(args.repeat),
    ]
    done = subprocess.run(  # noqa: S603 - our own script
        command,
        cwd=ROOT,
        env=child_environment(var_dir, database_url),
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        sys.stderr.write(done.stderr)
        sys.exit(f"The benchmark failed on {database_url}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def print_results(all_results: list[dict]) -> None:
    print(f"\nMachine: {machine()}")
    print(
        "| database | learners | required courses | seed | report, admin (first / median, "
        "queries) | report, coordinator | CSV, admin (rows, time, size) | CSV, coordinator |"
    )
    print("| --- | ---: | ---: | ---: | --- | --- | --- | --- |")

    def report(r):
        return f"{r['first_ms']} / {r['median_ms']} ms, {r['queries']} q"

    def export(r, rows):
        return f"{rows:,} rows, {r['median_ms'] or r['first_ms']} ms, {r['bytes'] / 1e6:.1f} MB"

    for result in all_results:
        print(
            f"| {result['vendor']} | {result['learners']:,} | {result['required_courses']:,} | "
            f"{result['seed_s']} s | {report(result['report_admin'])} | "
            f"{report(result['report_coordinator'])} | "
            f"{export(result['csv_admin'], result['required_courses'])} | "
            f"{export(result['csv_coordinator'], result['coordinator_scope'])} |"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--learners", type=int, default=100_000)
    parser.add_argument("--organisations", type=int, default=500)
    parser.add_argument("--repeat", type=int, default=5, help="Timed requests after the first.")
    parser.add_argument("--postgres", metavar="URL", help="Also run on this PostgreSQL database.")
    parser.add_argument("--no-sqlite", action="store_true", help="Only PostgreSQL.")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        sys.path.insert(0, str(ROOT))
        print(json.dumps(run_one(args)))
        return

    results = []
    temp_dir = Path(tempfile.mkdtemp(prefix="muloqot-bench-compliance-"))
    try:
        if not args.no_sqlite:
            print(f"SQLite: {args.learners:,} learners, {args.organisations} organisations…")
            results.append(run_child(args, temp_dir, f"sqlite:///{temp_dir / 'bench.sqlite3'}"))
        if args.postgres:
            print(f"PostgreSQL: {args.learners:,} learners, {args.organisations} organisations…")
            recreate_postgres(args.postgres)
            results.append(run_child(args, temp_dir, args.postgres))
    finally:
        shutil.rmtree(temp_dir, ignore_errors=True)
    print_results(results)


if __name__ == "__main__":
    main()
