"""Load test: simulated learners take a 16-question quiz on 8 pages against a real server stack.

    make bench-load                                    # = .venv/bin/python bench/load.py
    .venv/bin/python bench/load.py --learners 2000     # the issue's profile, 30-90 s think time
    .venv/bin/python bench/load.py --learners 200 --think-scale 0.05 --ramp 20   # a smoke run
    .venv/bin/python bench/load.py --profile mixed     # + catalogue, lessons, verification,
                                                       #   the compliance report

What it starts, all on loopback and all removed at the end (also after Ctrl-C):

* a throwaway PostgreSQL database on the machine's server (``--postgres``, default
  postgres://postgres@127.0.0.1:5432, trust auth), migrated, with the content below;
* Redis on 127.0.0.1:6379 in its own database number (``--redis-db``, default 13, emptied before
  and after);
* gunicorn with deploy/gunicorn.conf.py (its worker count, unless ``--workers``) and
  ``muloqot.settings.production`` on a free port, static files collected into a temporary
  directory; the task worker (``manage.py db_worker``).

Content: a public course whose quiz lesson embeds a 16-question single-choice quiz of 2
questions a page (8 pages), six reading lessons with rich text and page links, ``--learners``
accounts with verified e-mail addresses and real (production-hashed) passwords, one issued
certificate to verify and a superuser for the compliance report.

Each simulated learner (asyncio + aiohttp, one light process) starts at its place in the ramp
(``--ramp`` seconds), then: opens the sign-in page and signs in, opens the dashboard, the quiz,
starts an attempt, answers the 8 pages (a random choice per question, posted with the form's own
fields), reaches the submit page, submits and reads the review. It waits a think time, uniform
in ``--think-min``..``--think-max`` seconds (the issue's 30-90 s) times ``--think-scale``, before
each step after sign-in. The client acts as nginx would: X-Forwarded-Proto https and a distinct
X-Forwarded-For / X-Real-IP per learner (so the per-IP sign-in limit counts each person).

The run is bounded: learners still going at ``--max-seconds`` are stopped and reported as
unfinished. Then it prints, per request kind, count, p50/p95/p99 and max in ms, the errors
(unexpected status or connection failure) with examples, and checks in the database that every
answer each learner posted is stored, in that learner's finished attempt, as the choice posted.

A timeline follows (``--timeline SECONDS`` per window, default 60): for each window, how many
learners were in the middle of their journey, requests/s and p95/p99, and the most learners of
any window whose p95 stayed within 1 s. One long ramp (``--learners 5000 --ramp 1500``) thus
reads off the largest number of learners the server holds at p95 <= 1 s.

``--compare SECONDS`` (default 10; 0 skips) then measures, in the same gunicorn, requests/s of an
anonymous lesson (from the page cache) against a static file, side by side, with wrk when it is
installed (Debian's ``wrk``), else with the same Python client.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import ipaddress
import os
import platform
import random
import re
import secrets
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
PASSWORD = "Load-test-password-2026"  # noqa: S105 - throwaway accounts on a throwaway database
QUESTIONS = 16
PER_PAGE = 2
HOST = "127.0.0.1"
FIRST_ADDRESS = int(ipaddress.IPv4Address("10.0.0.1"))
SIGN_IN = "sign in (POST)"  # one production password hash: about 0.3 s of CPU

CSRF_RE = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
SHOWN_RE = re.compile(r'name="q(\d+)-shown"')
CHOICE_RE = re.compile(r'type="radio" name="q(\d+)" id="[^"]*" value="(\d+)"')
STATIC_RE = re.compile(r'href="(/static/[^"]+\.css)"')


# Environment ---------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


@dataclass
class Stack:
    """Everything the run starts; ``stop()`` removes it all, once."""

    temp_dir: Path
    admin_url: str
    database: str
    redis_url: str
    env: dict = field(default_factory=dict)
    processes: list = field(default_factory=list)
    stopped: bool = False

    def stop_processes(self) -> None:
        for process in self.processes:
            if process.poll() is None:
                process.terminate()
        for process in self.processes:
            try:
                process.wait(timeout=35)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        self.processes = []

    def stop(self, keep: bool = False) -> None:
        if self.stopped:
            return
        self.stopped = True
        self.stop_processes()
        if keep:
            print(f"Kept: database {self.database}, {self.redis_url}, {self.temp_dir}")
            return
        with contextlib.suppress(Exception):
            redis_flush(self.redis_url)
        with contextlib.suppress(Exception):
            drop_database(self.admin_url, self.database)
        shutil.rmtree(self.temp_dir, ignore_errors=True)


def admin_execute(admin_url: str, sql: str) -> None:
    import psycopg

    with psycopg.connect(admin_url, autocommit=True) as connection:
        connection.execute(sql)


def drop_database(admin_url: str, name: str) -> None:
    admin_execute(admin_url, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def redis_flush(url: str) -> None:
    import redis

    redis.Redis.from_url(url).flushdb()


def stack_create(args) -> Stack:
    temp_dir = Path(tempfile.mkdtemp(prefix="muloqot-load-"))
    database = f"muloqot_load_{os.getpid()}"
    admin_url = args.postgres.rstrip("/") + "/postgres"
    redis_url = f"redis://{HOST}:6379/{args.redis_db}"
    stack = Stack(temp_dir=temp_dir, admin_url=admin_url, database=database, redis_url=redis_url)
    drop_database(admin_url, database)
    admin_execute(admin_url, f'CREATE DATABASE "{database}"')
    redis_flush(redis_url)
    stack.env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "muloqot.settings.production",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": HOST,
        "DATABASE_URL": args.postgres.rstrip("/") + "/" + database,
        "REDIS_URL": redis_url,
        "MULOQOT_VAR_DIR": str(temp_dir / "var"),
        "STATIC_ROOT": str(temp_dir / "static"),
        "MEDIA_ROOT": str(temp_dir / "media"),
        "CERTIFICATE_SIGNING_KEY": str(temp_dir / "keys" / "signing.pem"),
        "STAFF_MFA_REQUIRED": "false",
        "EMAIL_BACKEND": "django.core.mail.backends.dummy.EmailBackend",
        "LOG_LEVEL": "WARNING",
        "BASE_URL": f"https://{HOST}",
    }
    if args.workers:
        stack.env["WEB_CONCURRENCY"] = str(args.workers)
    return stack


# Content -------------------------------------------------------------------------------------


def content_create(stack: Stack, learners: int) -> dict:
    """Runs in a child interpreter with the stack's settings; prints the ids it made."""
    code = (
        f"import sys; sys.path.insert(0, {str(ROOT)!r}); import bench.load as b; "
        f"b._seed({learners})"
    )
    result = subprocess.run(  # noqa: S603 - our own interpreter and code
        [PYTHON, "-c", code], cwd=ROOT, env=stack.env, capture_output=True, text=True, check=False
    )
    if result.returncode != 0:
        sys.stderr.write(result.stdout[-4000:] + result.stderr[-6000:])
        raise SystemExit("Setting up the database failed.")
    values = dict(line.split("=", 1) for line in result.stdout.splitlines() if "=" in line)
    return values


def _seed(learners: int) -> None:
    import django

    django.setup()
    from decimal import Decimal

    from allauth.account.models import EmailAddress
    from django.contrib.auth.hashers import make_password
    from django.core.management import call_command
    from django.db import connection
    from wagtail.models import Locale

    from accounts.models import User
    from certificates.models import Certificate, CertificateTemplate
    from core.models import HomePage
    from courses.models import Audience, CourseIndexPage, CoursePage, LessonPage
    from quizzes.models import Question, QuestionCategory, Quiz, QuizSlot

    started = time.monotonic()
    call_command("migrate", verbosity=0, interactive=False)
    print(f"migrate_seconds={time.monotonic() - started:.0f}")
    call_command("createcachetable", verbosity=0)
    call_command("collectstatic", verbosity=0, interactive=False)
    print(f"collectstatic_seconds={time.monotonic() - started:.0f}")
    call_command("create_signing_key", "--if-missing", verbosity=0)
    locale = Locale.get_default()
    category = QuestionCategory.objects.create(key="load", name="Load test")
    quiz = Quiz(
        title="Yakuniy test",
        locale=locale,
        questions_per_page=PER_PAGE,
        shuffle_choices=True,
        attempts_allowed=0,
    )
    for position in range(QUESTIONS):
        question = Question(
            qtype="single_choice",
            text=f"{position + 1}-savol: davlat sahifasida qaysi javob toʻgʻri?",
            category=category,
            locale=locale,
            answers=[
                ("choice", {"text": "Toʻgʻri javob", "fraction": Decimal(100), "feedback": ""}),
                ("choice", {"text": "Notoʻgʻri javob", "fraction": Decimal(0), "feedback": ""}),
                ("choice", {"text": "Boshqa javob", "fraction": Decimal(0), "feedback": ""}),
            ],
        )
        question.save()
        quiz.slots.add(QuizSlot(question=question, points=Decimal(1), sort_order=position))
    quiz.save()
    quiz.save_revision().publish()

    home = HomePage.objects.get(depth=2)
    catalogue = home.add_child(instance=CourseIndexPage(title="Kurslar", slug="courses"))
    catalogue.save_revision().publish()
    course = CoursePage(
        title="Ijtimoiy tarmoqlarda muloqot etikasi",
        slug="muloqot-etikasi",
        summary="Davlat xizmatchilari va fuqarolar uchun.",
        audience=Audience.BOTH,
        estimated_minutes=120,
    )
    catalogue.add_child(instance=course)
    course.save_revision().publish()
    reading = []
    paragraph = (
        "Davlat organining rasmiy sahifasida fuqaro bilan yozishma ochiq, aniq va hurmatli "
        "boʻlishi kerak. Javob qonunga tayanadi, shaxsiy maʼlumotlarni oshkor qilmaydi. "
    )
    for number in range(1, 7):
        body = [("heading", {"text": f"{number}-boʻlim", "level": "h2"})]
        for block in range(4):
            link = f'<a linktype="page" id="{course.pk}">kurs sahifasi</a>'
            body.append(("rich_text", f"<p>{paragraph * 3} Batafsil: {link} ({block}).</p>"))
        lesson = LessonPage(title=f"{number}-dars", slug=f"dars-{number}", body=body)
        course.add_child(instance=lesson)
        lesson.save_revision().publish()
        reading.append(lesson)
    quiz_lesson = LessonPage(
        title="Yakuniy test", slug="yakuniy-test", body=[("quiz", {"quiz": quiz})]
    )
    course.add_child(instance=quiz_lesson)
    quiz_lesson.save_revision().publish()

    password = make_password(PASSWORD)  # production's hasher, once: every account shares it
    users = User.objects.bulk_create(
        [
            User(
                username=f"learner{number:05d}",
                email=f"learner{number:05d}@example.uz",
                full_name=f"Oʻquvchi {number:05d}",
                password=password,
            )
            for number in range(learners)
        ],
        batch_size=1000,
    )
    EmailAddress.objects.bulk_create(
        [EmailAddress(user=user, email=user.email, verified=True, primary=True) for user in users],
        batch_size=1000,
    )
    admin = User.objects.create_superuser(
        "coordinator", "coordinator@example.uz", PASSWORD, full_name="Koordinator"
    )
    EmailAddress.objects.create(user=admin, email=admin.email, verified=True, primary=True)
    template = CertificateTemplate.objects.create(
        title="Sertifikat", body="{name} “{course}” kursini tamomladi.", issuer="Agentlik"
    )
    certificate = Certificate.objects.create(
        user=users[0],
        course=course,
        template=template,
        holder_name=users[0].full_name,
        course_title=course.title,
        issuer_name=template.issuer,
        language="uz",
        score=90,
        hours=2,
    )
    connection.close()
    print(f"quiz={quiz.pk}")
    print(f"quiz_lesson={quiz_lesson.pk}")
    print(f"course_url={course.url}")
    print("lessons=" + ",".join(lesson.url for lesson in reading))
    print(f"certificate={certificate.code}")
    print(f"seconds={time.monotonic() - started:.0f}")


def stack_start(stack: Stack, port: int) -> None:
    log = open(stack.temp_dir / "gunicorn.log", "w")  # noqa: SIM115 - closed with the process
    stack.processes.append(
        subprocess.Popen(  # noqa: S603
            [
                PYTHON,
                "-m",
                "gunicorn",
                "-c",
                str(ROOT / "deploy" / "gunicorn.conf.py"),
                "--bind",
                f"{HOST}:{port}",
            ],
            cwd=ROOT,
            env=stack.env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
    )
    worker_log = open(stack.temp_dir / "worker.log", "w")  # noqa: SIM115
    stack.processes.append(
        subprocess.Popen(  # noqa: S603
            [PYTHON, "manage.py", "db_worker"],
            cwd=ROOT,
            env=stack.env,
            stdout=worker_log,
            stderr=subprocess.STDOUT,
        )
    )
    deadline = time.monotonic() + 180
    while time.monotonic() < deadline and stack.processes[0].poll() is None:
        with contextlib.suppress(OSError):
            if server_ready(port):
                return
        time.sleep(0.5)
    sys.stderr.write((stack.temp_dir / "gunicorn.log").read_text()[-4000:])
    raise SystemExit("gunicorn did not start.")


def server_ready(port: int) -> bool:
    """Every worker has booted: 4 rounds of (workers × 2) parallel requests to the sign-in page
    each answer 200 within 2 s (a worker still importing Django would hold a request longer)."""
    import http.client
    from concurrent.futures import ThreadPoolExecutor

    def one(_):
        connection = http.client.HTTPConnection(HOST, port, timeout=2)
        connection.request("GET", "/accounts/login/", headers={"X-Forwarded-Proto": "https"})
        status = connection.getresponse().status
        connection.close()
        return status

    with ThreadPoolExecutor(max_workers=24) as pool:
        for _round in range(4):
            if any(status != 200 for status in pool.map(one, range(24))):
                return False
    return True


# The simulated learners ------------------------------------------------------------------------


class Unexpected(Exception):
    pass


@dataclass
class Results:
    times: dict = field(default_factory=lambda: defaultdict(list))
    errors: dict = field(default_factory=lambda: defaultdict(list))
    sent: dict = field(default_factory=dict)  # username -> {position: token}
    finished: int = 0
    unfinished: int = 0
    started_at: float = 0.0
    # For the timeline: (seconds since the start, duration) of every request, and
    # (seconds since the start, +1 or -1) whenever a learner begins or ends their journey.
    samples: list = field(default_factory=list)
    journeys: list = field(default_factory=list)


class Browser:
    """One person: their cookies, their address, their think time."""

    def __init__(self, session, base: str, number: int, results: Results, think):
        self.session = session
        self.base = base
        self.cookies: dict[str, str] = {}
        self.results = results
        self.think = think
        # 10.0.0.1, 10.0.0.2, ... : each learner a valid address of its own (an invalid one, such
        # as 10.0.0.256, makes allauth refuse the sign-in with 403 "Unable to determine client IP")
        address = str(ipaddress.IPv4Address(FIRST_ADDRESS + number))
        self.headers = {
            "X-Forwarded-Proto": "https",
            "X-Forwarded-For": address,
            "X-Real-IP": address,
            "User-Agent": "muloqot-load/1",
        }

    async def request(self, kind, method, path, *, data=None, expect=(200,)):
        headers = dict(self.headers)
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        if method == "POST":
            origin = f"https://{urlsplit(self.base).netloc}"
            headers["Origin"] = origin
            headers["Referer"] = origin + path
        started = time.perf_counter()
        try:
            async with self.session.request(
                method, self.base + path, data=data, headers=headers, allow_redirects=False
            ) as response:
                body = await response.text()
                elapsed = time.perf_counter() - started
                for name, morsel in response.cookies.items():
                    if morsel.value == "" or morsel["max-age"] == "0":
                        self.cookies.pop(name, None)
                    else:
                        self.cookies[name] = morsel.value
        except Exception as error:
            self.results.errors[kind].append(f"{type(error).__name__}: {error}"[:200])
            raise Unexpected from error
        self.results.times[kind].append(elapsed)
        self.results.samples.append((time.monotonic() - self.results.started_at, elapsed))
        if response.status not in expect:
            self.results.errors[kind].append(f"{method} {path}: HTTP {response.status}")
            raise Unexpected
        return response, body

    @staticmethod
    def token(body: str) -> str:
        match = CSRF_RE.search(body)
        if not match:
            raise Unexpected
        return match.group(1)

    async def sign_in(self, username: str) -> None:
        _response, body = await self.request("sign-in page", "GET", "/accounts/login/")
        await self.request(
            SIGN_IN,
            "POST",
            "/accounts/login/",
            data={"login": username, "password": PASSWORD, "csrfmiddlewaretoken": self.token(body)},
            expect=(302,),
        )


async def learner_journey(browser: Browser, username: str, ids: dict, mixed: bool) -> None:
    results = browser.results
    await browser.sign_in(username)
    await browser.think()
    await browser.request("dashboard", "GET", "/dashboard/")
    if mixed:
        for url in ["/courses/", ids["course_url"], *random.sample(ids["lessons"], 2)]:
            await browser.think(0.3)
            await browser.request("lesson/catalogue signed in", "GET", url)
    await browser.think()
    quiz_path = f"/quizzes/{ids['quiz']}/?lesson={ids['quiz_lesson']}"
    _response, body = await browser.request("quiz", "GET", quiz_path)
    await browser.think()
    response, _body = await browser.request(
        "start (POST)",
        "POST",
        f"/quizzes/{ids['quiz']}/start/",
        data={"lesson": ids["quiz_lesson"], "csrfmiddlewaretoken": browser.token(body)},
        expect=(302,),
    )
    attempt_path = response.headers["Location"]
    _response, body = await browser.request("attempt page", "GET", attempt_path)
    chosen: dict[int, int] = {}
    results.sent[username] = chosen
    base_path = attempt_path.split("?")[0]
    for page in range(1, QUESTIONS // PER_PAGE + 1):
        positions = [int(p) for p in SHOWN_RE.findall(body)]
        choices = defaultdict(list)
        for position, value in CHOICE_RE.findall(body):
            choices[int(position)].append(int(value))
        if len(positions) != PER_PAGE or any(not choices[p] for p in positions):
            results.errors["attempt page"].append(f"page {page}: questions not found")
            raise Unexpected
        form = {"csrfmiddlewaretoken": browser.token(body), "page": str(page)}
        picked = {}
        for position in positions:
            picked[position] = random.choice(choices[position])  # noqa: S311
            form[f"q{position}-shown"] = "1"
            form[f"q{position}"] = str(picked[position])
        last = page == QUESTIONS // PER_PAGE
        form["action"] = "finish" if last else "next"
        await browser.think()
        response, _body = await browser.request(
            "answer page (POST)", "POST", f"{base_path}?page={page}", data=form, expect=(302,)
        )
        chosen.update(picked)
        if last:
            break
        _response, body = await browser.request("attempt page", "GET", response.headers["Location"])
    submit_path = response.headers["Location"]
    _response, body = await browser.request("submit page", "GET", submit_path)
    await browser.think()
    response, _body = await browser.request(
        "submit (POST)",
        "POST",
        submit_path,
        data={"csrfmiddlewaretoken": browser.token(body)},
        expect=(302,),
    )
    await browser.request("review", "GET", response.headers["Location"])
    results.finished += 1


async def visitor_journey(browser: Browser, ids: dict) -> None:
    """--profile mixed: an anonymous citizen reads, then checks a certificate."""
    for url in ["/courses/", ids["course_url"], *random.sample(ids["lessons"], 3)]:
        await browser.request("lesson/catalogue anonymous", "GET", url)
        await browser.think(0.3)
    await browser.request("verification", "GET", f"/certificates/verify/{ids['certificate']}/")


async def coordinator_journey(browser: Browser, stop_at: float, interval: float) -> None:
    """--profile mixed: a coordinator reloads the compliance report now and then."""
    await browser.sign_in("coordinator")
    while time.monotonic() < stop_at:
        await browser.request("compliance report", "GET", "/admin/compliance/")
        await asyncio.sleep(interval)


async def run_load(args, base: str, ids: dict) -> Results:
    import aiohttp

    results = Results()
    timeout = aiohttp.ClientTimeout(total=120)
    connector = aiohttp.TCPConnector(limit=args.connections, force_close=True)
    loop_started = results.started_at = time.monotonic()
    stop_at = loop_started + args.max_seconds

    def thinker(browser):
        async def think(fraction: float = 1.0):
            low, high = args.think_min * args.think_scale, args.think_max * args.think_scale
            await asyncio.sleep(random.uniform(low, high) * fraction)  # noqa: S311

        return think

    async with aiohttp.ClientSession(
        connector=connector, timeout=timeout, cookie_jar=aiohttp.DummyCookieJar()
    ) as session:

        async def one(number: int, kind: str):
            await asyncio.sleep(args.ramp * number / max(args.learners, 1))
            browser = Browser(session, base, number, results, None)
            browser.think = thinker(browser)
            if kind == "learner":
                results.journeys.append((time.monotonic() - loop_started, 1))
            try:
                if kind == "learner":
                    await learner_journey(
                        browser, f"learner{number:05d}", ids, args.profile == "mixed"
                    )
                else:
                    await visitor_journey(browser, ids)
            except Unexpected:
                pass
            finally:
                if kind == "learner":
                    results.journeys.append((time.monotonic() - loop_started, -1))

        tasks = [asyncio.ensure_future(one(n, "learner")) for n in range(args.learners)]
        if args.profile == "mixed":
            tasks += [asyncio.ensure_future(one(n, "visitor")) for n in range(args.learners // 2)]
            coordinator = Browser(session, base, 250 * 65536, results, None)
            tasks.append(
                asyncio.ensure_future(
                    coordinator_journey(coordinator, stop_at, 30 * args.think_scale + 1)
                )
            )
        done, pending = await asyncio.wait(tasks, timeout=max(stop_at - time.monotonic(), 1))
        for task in pending:
            task.cancel()
        await asyncio.gather(*pending, return_exceptions=True)
        results.unfinished = args.learners - results.finished
        for task in done:
            if task.exception() and not isinstance(task.exception(), Unexpected):
                results.errors["client"].append(repr(task.exception())[:200])
    return results


# Static file vs anonymous lesson --------------------------------------------------------------


def compare(base: str, lesson: str, seconds: int, connections: int) -> list[tuple[str, float]]:
    import urllib.request

    request = urllib.request.Request(base + lesson, headers={"X-Forwarded-Proto": "https"})  # noqa: S310
    html = urllib.request.urlopen(request).read().decode()  # noqa: S310 - loopback
    static = STATIC_RE.search(html).group(1)
    rows = []
    for label, path in (("static file " + static, static), ("anonymous lesson " + lesson, lesson)):
        if shutil.which("wrk"):
            output = subprocess.run(  # noqa: S603
                [
                    shutil.which("wrk"),
                    "-t2",
                    f"-c{connections}",
                    f"-d{seconds}s",
                    "-H",
                    "X-Forwarded-Proto: https",
                    base + path,
                ],
                capture_output=True,
                text=True,
                check=True,
            ).stdout
            rate = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
            non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
            if non2xx:
                label += f" ({non2xx.group(1)} non-2xx)"
        else:
            rate = asyncio.run(closed_loop(base + path, seconds, connections))
        rows.append((label, rate))
    return rows


async def closed_loop(url: str, seconds: int, connections: int) -> float:
    import aiohttp

    count = 0
    stop_at = time.monotonic() + seconds
    async with aiohttp.ClientSession(headers={"X-Forwarded-Proto": "https"}) as session:

        async def worker():
            nonlocal count
            while time.monotonic() < stop_at:
                async with session.get(url) as response:
                    await response.read()
                    count += response.status == 200

        await asyncio.gather(*(worker() for _ in range(connections)))
    return count / seconds


# Checking and reporting ------------------------------------------------------------------------


def stored_answers_check(stack: Stack, results: Results, quiz_id: int) -> tuple[int, int, int]:
    """(answers posted, found stored as posted, learners whose attempt is finished)."""
    import json

    payload = json.dumps(results.sent)
    path = stack.temp_dir / "sent.json"
    path.write_text(payload)
    code = (
        f"import sys; sys.path.insert(0, {str(ROOT)!r}); import bench.load as b; "
        f"b._check({str(path)!r}, {quiz_id})"
    )
    result = subprocess.run(  # noqa: S603
        [PYTHON, "-c", code], cwd=ROOT, env=stack.env, capture_output=True, text=True, check=False
    )
    if result.returncode != 0:
        sys.stderr.write(result.stderr[-4000:])
        raise SystemExit("Checking the database failed.")
    posted, stored, finished = (int(x) for x in result.stdout.split()[-3:])
    return posted, stored, finished


def _check(path: str, quiz_id: int) -> None:
    import json

    import django

    django.setup()
    from quizzes.models import Attempt, AttemptQuestion

    sent = json.loads(Path(path).read_text())
    posted = stored = 0
    finished = Attempt.objects.filter(
        quiz_id=quiz_id, user__username__in=list(sent), state=Attempt.State.FINISHED
    ).count()
    rows = AttemptQuestion.objects.filter(
        attempt__quiz_id=quiz_id, attempt__user__username__in=list(sent)
    ).values_list("attempt__user__username", "position", "choice_order", "response")
    by_learner = defaultdict(dict)
    for username, position, order, response in rows:
        by_learner[username][position] = (order, response or {})
    for username, chosen in sent.items():
        for position, token in chosen.items():
            posted += 1
            order, response = by_learner[username].get(int(position), ([], {}))
            if 0 < token <= len(order) and response.get("choice") == order[token - 1]:
                stored += 1
    print(posted, stored, finished)


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(fraction * len(ordered) + 0.5) - 1))
    return ordered[index]


def timeline(results: Results, window: float, bound: float = 1.0) -> None:
    """Per window of the run: learners in the middle of their journey at its end, requests/s
    and p95; then the most learners of any window whose p95 stayed within `bound` seconds."""
    if window <= 0 or not results.samples:
        return
    end = max(moment for moment, _duration in results.samples)
    changes = sorted(results.journeys)
    print(f"\nTimeline ({window:.0f} s windows): learners in their journey at the window's end")
    print(f"{'from s':>7} {'learners':>9} {'req/s':>7} {'p95 ms':>8} {'p99 ms':>8}")
    best = None
    start, active, index = 0.0, 0, 0
    while start < end:
        stop = start + window
        while index < len(changes) and changes[index][0] < stop:
            active += changes[index][1]
            index += 1
        durations = [d for moment, d in results.samples if start <= moment < stop]
        if durations:
            p95 = percentile(durations, 0.95)
            print(
                f"{start:>7.0f} {active:>9} {len(durations) / window:>7.1f} "
                f"{p95 * 1000:>8.0f} {percentile(durations, 0.99) * 1000:>8.0f}"
            )
            if p95 <= bound and (best is None or active > best[0]):
                best = (active, len(durations) / window, p95)
        start = stop
    if best:
        print(
            f"Most learners in a window with p95 <= {bound * 1000:.0f} ms: {best[0]} "
            f"({best[1]:.1f} req/s, p95 {best[2] * 1000:.0f} ms)"
        )


def report(results: Results, elapsed: float) -> None:
    total = sum(len(v) for v in results.times.values())
    print(f"\n{total} requests in {elapsed:.0f} s ({total / elapsed:.1f} req/s on average)")
    print(f"{'request':34} {'count':>7} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8} {'max ms':>8}")
    everything = []
    for kind, values in results.times.items():
        everything += values
        print(
            f"{kind:34} {len(values):>7} {statistics.median(values) * 1000:>8.0f} "
            f"{percentile(values, 0.95) * 1000:>8.0f} {percentile(values, 0.99) * 1000:>8.0f} "
            f"{max(values) * 1000:>8.0f}"
        )
    if everything:
        print(
            f"{'all':34} {len(everything):>7} {statistics.median(everything) * 1000:>8.0f} "
            f"{percentile(everything, 0.95) * 1000:>8.0f} "
            f"{percentile(everything, 0.99) * 1000:>8.0f} {max(everything) * 1000:>8.0f}"
        )
    rest = [v for kind, values in results.times.items() if kind != SIGN_IN for v in values]
    if rest:
        print(
            f"{'all but ' + SIGN_IN:34} {len(rest):>7} {statistics.median(rest) * 1000:>8.0f} "
            f"{percentile(rest, 0.95) * 1000:>8.0f} {percentile(rest, 0.99) * 1000:>8.0f} "
            f"{max(rest) * 1000:>8.0f}"
        )
    errors = sum(len(v) for v in results.errors.values())
    print(f"\nErrors: {errors}")
    for kind, messages in results.errors.items():
        print(f"  {kind}: {len(messages)} (e.g. {messages[:3]})")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--learners", type=int, default=200)
    parser.add_argument("--ramp", type=float, default=120, help="seconds until the last starts")
    parser.add_argument("--think-min", type=float, default=30)
    parser.add_argument("--think-max", type=float, default=90)
    parser.add_argument("--think-scale", type=float, default=1.0, help="multiplies think time")
    parser.add_argument(
        "--max-seconds",
        type=float,
        default=None,
        help="bound (default: ramp plus 13 longest think times)",
    )
    parser.add_argument("--profile", choices=["quiz", "mixed"], default="quiz")
    parser.add_argument("--workers", type=int, default=0, help="default: gunicorn.conf.py's")
    parser.add_argument("--connections", type=int, default=256, help="client connection cap")
    parser.add_argument("--compare", type=int, default=10, help="seconds per URL; 0 skips")
    parser.add_argument("--compare-connections", type=int, default=16)
    parser.add_argument("--postgres", default="postgres://postgres@127.0.0.1:5432")
    parser.add_argument("--redis-db", type=int, default=13)
    parser.add_argument("--keep", action="store_true", help="keep database and files")
    parser.add_argument(
        "--timeline", type=float, default=60, help="seconds per timeline window; 0: none"
    )
    args = parser.parse_args()
    if args.max_seconds is None:
        args.max_seconds = args.ramp + 13 * args.think_max * args.think_scale + 60

    print(
        f"Machine: {os.cpu_count()} CPUs, {platform.platform()}, Python {platform.python_version()}"
    )
    print(f"Load before: {os.getloadavg()}")
    stack = stack_create(args)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(1))
    try:
        ids = content_create(stack, args.learners)
        ids["lessons"] = ids["lessons"].split(",")
        print(
            f"Set up in {ids['seconds']} s (migrate done at {ids['migrate_seconds']} s, "
            f"collectstatic at {ids['collectstatic_seconds']} s): {args.learners} learners"
        )
        port = free_port()
        stack_start(stack, port)
        base = f"http://{HOST}:{port}"
        print(
            f"gunicorn on {base} ({stack.env.get('WEB_CONCURRENCY') or 'default'} workers), "
            f"worker, PostgreSQL {stack.database}, {stack.redis_url}; "
            f"think {args.think_min * args.think_scale:.1f}-"
            f"{args.think_max * args.think_scale:.1f} s, "
            f"ramp {args.ramp:.0f} s, bound {args.max_seconds:.0f} s, profile {args.profile}"
        )
        started = time.monotonic()
        results = asyncio.run(run_load(args, base, ids))
        elapsed = time.monotonic() - started
        print(f"Load average at the end: {os.getloadavg()}")
        report(results, elapsed)
        timeline(results, args.timeline)
        print(
            f"Learners finished: {results.finished}; unfinished at the bound: {results.unfinished}"
        )
        if args.compare:
            print(f"\nSide by side, {args.compare} s each, {args.compare_connections} connections:")
            rows = compare(base, ids["lessons"][0], args.compare, args.compare_connections)
            for label, rate in rows:
                print(f"  {label}: {rate:.0f} req/s")
            print(f"  ratio lesson / static: {rows[1][1] / rows[0][1]:.2f}")
        stack.stop_processes()
        posted, stored, finished = stored_answers_check(stack, results, int(ids["quiz"]))
        print(
            f"\nDatabase: {stored} of {posted} posted answers stored as posted; "
            f"{finished} of {len(results.sent)} learners who started have a finished attempt."
        )
        if stored != posted:
            print("MISSING ANSWERS")
            sys.exit(1)
    finally:
        stack.stop(keep=args.keep)


if __name__ == "__main__":
    main()
