"""The register's check: how long "is this account official?" takes on a national-size register.

Run from the project root, on a quiet machine:

    .venv/bin/python bench/registry.py [--accounts 20000] [--checks 2000]
    .venv/bin/python bench/registry.py --postgres postgres://postgres@127.0.0.1:5432/muloqot_bench_registry

A throwaway SQLite database in a temporary folder (or, with ``--postgres URL``, the database
named in the URL, dropped and created again, so its name must contain "bench"); settings
muloqot.settings.dev with DEBUG=false. Set-up: ``migrate``, 14 regions × 14 districts
(210 organisations) and ``--accounts`` approved accounts spread over the eight networks.

Then, in this process (one thread, no network), ``--checks`` requests for each row, a mix of the
check's answers: an exact official account written as a full URL with tracking parameters, a
look-alike (a Cyrillic letter, an added "_official"), an unregistered handle, a bare @handle.
Rows: ``account_check`` alone (the normaliser, the look-alike key and the one query), then
``GET /registry/check.json`` and ``GET /registry/check/`` through Django's test client (URL
routing, middleware, rate limit, template or JSON). Prints queries per check, median and p95.
"""

import argparse
import itertools
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NETWORKS = ["telegram", "facebook", "instagram", "youtube", "x", "ok", "tiktok", "website"]


def configure(var_dir: Path, database_url: str | None) -> None:
    os.environ.update(
        {
            "DJANGO_SETTINGS_MODULE": "muloqot.settings.dev",
            "MULOQOT_VAR_DIR": str(var_dir),
            "DATABASE_URL": database_url or f"sqlite:///{var_dir / 'bench.sqlite3'}",
            "DEBUG": "false",
            "LOG_LEVEL": "WARNING",
        }
    )
    os.environ.pop("REDIS_URL", None)
    sys.path.insert(0, str(ROOT))


def recreate_postgres(url: str) -> None:
    import psycopg

    base, name = url.rsplit("/", 1)
    name = name.split("?", 1)[0]
    if "bench" not in name:
        sys.exit(f"Refusing to drop {name!r}: the benchmark database name must contain 'bench'.")
    with psycopg.connect(base + "/postgres", autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        connection.execute(f'CREATE DATABASE "{name}"')


def address(network: str, number: int) -> str:
    handle = f"demo_organ_{number:06d}"
    return {
        "telegram": f"https://t.me/{handle}",
        "facebook": f"https://www.facebook.com/{handle}",
        "instagram": f"https://www.instagram.com/{handle}/",
        "youtube": f"https://www.youtube.com/@{handle}",
        "x": f"https://x.com/{handle}",
        "ok": f"https://ok.ru/group/{70000000000000 + number}",
        "tiktok": f"https://www.tiktok.com/@{handle}",
        "website": f"https://organ-{number:06d}.demo.muloqot.uz/",
    }[network]


def set_up(accounts: int) -> None:
    from django.core.management import call_command
    from django.db import transaction
    from django.utils import timezone

    from accounts.models import Organization
    from registry.lookalike import handle_skeleton
    from registry.models import Account, Network, Review
    from registry.normalise import handle_canonical

    call_command("migrate", verbosity=0, interactive=False)
    organizations = []
    for region_number in range(14):
        region = Organization.add_root(
            code=f"region-{region_number}", name=f"Viloyat {region_number}", kind="region"
        )
        organizations.append(region)
        for district_number in range(14):
            organizations.append(
                region.add_child(
                    code=f"district-{region_number}-{district_number}",
                    name=f"Tuman {region_number}-{district_number}",
                    kind="district",
                )
            )
    networks = {network.code: network for network in Network.objects.all()}
    today = timezone.localdate()
    rows = []
    for number in range(accounts):
        network = NETWORKS[number % len(NETWORKS)]
        handle = handle_canonical(network, address(network, number))
        rows.append(
            Account(
                organization=organizations[number % len(organizations)],
                network=networks[network],
                handle=handle,
                skeleton=handle_skeleton(handle),
                display_name=f"Organ {number}",
                kind="body",
                review=Review.APPROVED,
                registered_on=today,
                verified_on=today,
                status_changed_on=today,
            )
        )
    with transaction.atomic():
        Account.objects.bulk_create(rows, batch_size=2000)


def inputs(accounts: int, count: int) -> list[str]:
    """A quarter each: an official address with tracking parameters (any network), a
    look-alike of a Telegram channel, an unknown channel, a bare @handle."""
    texts = []
    for index in range(count):
        number = (index * 7919) % accounts
        telegram = number - number % len(NETWORKS)  # accounts 0, 8, 16… are on Telegram
        kind = index % 4
        if kind == 0:
            network = NETWORKS[number % len(NETWORKS)]
            texts.append(address(network, number) + "?utm_source=share&utm_medium=x")
        elif kind == 1:  # a Cyrillic "о" and an added "_official"
            texts.append(address("telegram", telegram).replace("organ", "оrgan") + "_official")
        elif kind == 2:
            texts.append(f"https://t.me/unknown_channel_{index}")
        else:
            texts.append(f"@demo_organ_{telegram:06d}")
    return texts


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def timed(label: str, texts: list[str], call) -> None:
    from django.db import connection, reset_queries

    for text in texts[:50]:
        call(text)  # warm up
    timings, queries = [], []
    for text in texts:
        reset_queries()
        started = time.perf_counter()
        call(text)
        timings.append(time.perf_counter() - started)
        queries.append(len(connection.queries))
    print(
        f"| {label} | {statistics.median(queries):.0f} | "
        f"{statistics.median(timings) * 1000:.2f} | {percentile(timings, 0.95) * 1000:.2f} | "
        f"{len(texts) / sum(timings):.0f} |",
        flush=True,
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--accounts", type=int, default=20_000)
    parser.add_argument("--checks", type=int, default=2_000)
    parser.add_argument("--postgres", metavar="URL")
    options = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="muloqot-bench-registry-") as folder:
        if options.postgres:
            recreate_postgres(options.postgres)
        configure(Path(folder), options.postgres)
        import django

        django.setup()
        from django.conf import settings
        from django.db import connection
        from django.test import Client
        from django.test.utils import CaptureQueriesContext

        from registry.selectors import Verdict, account_check

        settings.ALLOWED_HOSTS = ["*"]  # the test client's host; a throwaway process
        started = time.perf_counter()
        set_up(options.accounts)
        print(
            f"{options.accounts} accounts on {connection.vendor} set up in "
            f"{time.perf_counter() - started:.0f} s",
            flush=True,
        )
        texts = inputs(options.accounts, options.checks)
        verdicts = {}
        for text in texts[:400]:
            verdict = account_check(text).verdict
            verdicts[verdict] = verdicts.get(verdict, 0) + 1
        print("answers in the mix:", verdicts)
        if not (verdicts.get(Verdict.OFFICIAL) and verdicts.get(Verdict.LOOKALIKE)):
            sys.exit("The mix must contain official accounts and look-alikes.")

        with CaptureQueriesContext(connection):
            print("| request | queries | median ms | p95 ms | per second (1 thread) |")
            print("| --- | ---: | ---: | ---: | ---: |")
            timed("account_check()", texts, account_check)
            client = Client()

            addresses = itertools.count()

            def get(path):
                def call(text):
                    # A new client address each time, so that the rate limit never answers.
                    n = next(addresses)
                    address = f"10.{n // 62500 % 250}.{n // 250 % 250}.{n % 250}"
                    response = client.get(path, {"q": text}, REMOTE_ADDR=address)
                    if response.status_code != 200:
                        sys.exit(f"{path} answered {response.status_code}")

                return call

            timed("GET /registry/check.json", texts, get("/registry/check.json"))
            timed("GET /registry/check/ (HTML)", texts, get("/registry/check/"))


if __name__ == "__main__":
    main()
