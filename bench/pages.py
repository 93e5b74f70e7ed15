"""Benchmark the catalogue, course and lesson pages; prints the figures for docs/performance.md.

Run from the project root (`make bench` does the first):

    .venv/bin/python bench/pages.py                  # in-process, 200 requests per row
    .venv/bin/python bench/pages.py --requests 500   # more requests per row
    .venv/bin/python bench/pages.py --http           # also gunicorn -w 2 under load

Nothing touches var/ or the development database: the script makes a temporary directory for
MULOQOT_VAR_DIR and a SQLite database inside it, runs `migrate` and `seed_demo`, adds 50 courses
of 10 lessons (realistic rich-text bodies, cover images, topics) under the Uzbek catalogue
/courses/ and one learner (seed_demo's `learner`) with progress in 5 courses, then:

* in-process, through Django's test Client (no network, one thread): the SQL queries of one
  request (CaptureQueriesContext) and the median and 95th percentile over `--requests` requests
  of the catalogue, a course and a lesson, anonymous and signed in; the anonymous lesson both
  cold (the whole cache cleared before each request) and warm (served from the page cache);
* with `--http`: gunicorn with deploy/gunicorn.conf.py and `-w 2` on a free local port against
  the same database, loaded for `--seconds` seconds by `--connections` connections (wrk when it
  is installed, else a Python client of threads and http.client; `--client` chooses).

Settings: muloqot.settings.dev with DEBUG=false (local-memory cache, SQLite). The temporary
directory and the gunicorn process are removed on exit, also after Ctrl-C or SIGTERM.
"""

import argparse
import datetime
import http.client
import io
import math
import os
import platform
import re
import shutil
import signal
import socket
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import warnings
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HOST = "localhost"
COURSES = 50
LESSONS = 10
PROGRESS_COURSES = 5
PROGRESS_LESSONS = 3


# Environment and clean-up ------------------------------------------------------------------------


class Cleanup:
    """Removes the temporary directory and stops gunicorn, once, however the script ends."""

    def __init__(self):
        self.temp_dir: Path | None = None
        self.server: subprocess.Popen | None = None

    def stop_server(self) -> None:
        server, self.server = self.server, None
        if server is None or server.poll() is not None:
            return
        server.terminate()  # the master stops its workers gracefully
        try:
            server.wait(timeout=35)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()

    def __call__(self) -> None:
        self.stop_server()
        temp_dir, self.temp_dir = self.temp_dir, None
        if temp_dir is not None:
            try:
                from django.db import connections

                connections.close_all()
            except Exception:  # noqa: S110 - Django may not be set up yet
                pass
            shutil.rmtree(temp_dir, ignore_errors=True)


cleanup = Cleanup()


def on_sigterm(signum, frame):
    raise SystemExit(128 + signum)


def configure_environment(var_dir: Path) -> dict[str, str]:
    """Point Django at the throwaway directory; must run before django.setup()."""
    for name in ("REDIS_URL", "RUNTIME_DIRECTORY", "AWS_STORAGE_BUCKET_NAME"):
        os.environ.pop(name, None)  # the measured setup is the embedded one
    os.environ.update(
        {
            "DJANGO_SETTINGS_MODULE": "muloqot.settings.dev",
            "MULOQOT_VAR_DIR": str(var_dir),
            "DATABASE_URL": f"sqlite:///{var_dir / 'bench.sqlite3'}",
            "DEBUG": "false",
            "ALLOWED_HOSTS": "127.0.0.1,localhost",
            "LOG_LEVEL": "WARNING",
        }
    )
    return dict(os.environ)


# Other processes' CPU use -----------------------------------------------------------------------

CLOCK_TICKS = os.sysconf("SC_CLK_TCK")


def machine_busy_seconds() -> float:
    """CPU seconds all CPUs have spent busy since boot (/proc/stat)."""
    values = [int(value) for value in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    user, nice, system, _idle, _iowait, irq, softirq, steal = values[:8]
    return (user + nice + system + irq + softirq + steal) / CLOCK_TICKS


def tree_seconds(pid: int) -> float:
    """CPU seconds of a process, its reaped children and its live descendants (gunicorn's
    workers, wrk)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
    except OSError:
        return 0.0
    own = sum(int(value) for value in fields[11:15]) / CLOCK_TICKS  # utime stime cutime cstime
    return own + sum(tree_seconds(int(child)) for child in children)


class OtherCPU:
    """The share of the machine's CPUs that processes other than this benchmark used between
    start() and share(): a busy neighbour makes the figures meaningless."""

    def start(self) -> None:
        self.wall = time.monotonic()
        self.busy = machine_busy_seconds()
        self.ours = tree_seconds(os.getpid())

    def share(self) -> float:
        wall = time.monotonic() - self.wall
        others = (machine_busy_seconds() - self.busy) - (tree_seconds(os.getpid()) - self.ours)
        return max(0.0, others / (wall * (os.cpu_count() or 1)))


def warn_if_busy(share: float, what: str) -> None:
    if share > 0.05:
        print(
            f"WARNING: other processes used {share:.0%} of the CPUs during {what}; "
            "run again on a quiet machine before recording the figures."
        )


# Content -----------------------------------------------------------------------------------------

TOPICS = [
    "Ijtimoiy tarmoqlar",
    "Faktlarni tekshirish",
    "Inqirozli kommunikatsiya",
    "Shaxsiy maʼlumotlar",
    "Fuqarolar murojaatlari",
    "Media savodxonlik",
]

SENTENCES = [
    "Davlat organining rasmiy sahifasi fuqarolar bilan muloqotning asosiy maydonidir.",
    "Har bir eʼlon aniq manbaga, sanaga va masʼul boʻlimga ega boʻlishi kerak.",
    "Fuqaroning izohiga 24 soat ichida javob berish ishonchni oshiradi.",
    "Tekshirilmagan maʼlumotni tarqatishdan oldin rasmiy hujjat bilan solishtiring.",
    "Shaxsiy maʼlumotlar ochiq muhokamada koʻrsatilmasligi lozim.",
    "Inqiroz paytida qisqa, muntazam va halol xabarlar mish-mishlarning oldini oladi.",
    "Matbuot kotibi javobni rahbariyat bilan kelishib, soʻng eʼlon qiladi.",
    "Raqamlar asl manbadagi raqamlar bilan mos kelishi shart.",
    "Tanqidiy izohni oʻchirish emas, unga asosli javob berish kerak.",
    "Rasmlar va videolar ostida ularning kelib chiqishi koʻrsatiladi.",
]


def paragraph(seed: int, sentences: int = 4) -> str:
    return " ".join(SENTENCES[(seed + n) % len(SENTENCES)] for n in range(sentences))


def lesson_body(course, number: int) -> list[dict]:
    """About 400 words in the blocks an editor would use, with one link to the course page."""
    body = [
        {
            "type": "heading",
            "value": {"text": f"{number}-mavzu: asosiy tushunchalar", "level": "h2"},
        },
        {
            "type": "rich_text",
            "value": (
                f"<p>{paragraph(number)}</p>"
                f"<p><b>Muhim:</b> {paragraph(number + 1, 3)} <i>{paragraph(number + 2, 1)}</i></p>"
                "<ul>"
                + "".join(f"<li>{SENTENCES[(number + n) % len(SENTENCES)]}</li>" for n in range(4))
                + "</ul>"
                f'<p>Qarang: <a linktype="page" id="{course.pk}">kurs sahifasi</a> va '
                '<a href="https://lex.uz/docs/4396419">qonun matni</a>.</p>'
            ),
        },
        {
            "type": "callout",
            "value": {
                "kind": "tip",
                "title": "Maslahat",
                "body": f"<p>{paragraph(number + 3, 2)}</p>",
                "reference": "",
                "url": "",
            },
        },
        {"type": "heading", "value": {"text": "Amaliyotda", "level": "h3"}},
        {
            "type": "rich_text",
            "value": "".join(f"<p>{paragraph(number + n)}</p>" for n in range(3)),
        },
        {
            "type": "case_study",
            "value": {
                "situation": f"<p>{paragraph(number + 4, 3)}</p>",
                "question": "Matbuot xizmati bugun kechqurun nimani eʼlon qilishi kerak?",
                "discussion": f"<p>{paragraph(number + 5, 3)}</p>",
            },
        },
        {
            "type": "checklist",
            "value": {
                "title": "Eʼlon qilishdan oldin",
                "entries": [SENTENCES[(number + n) % len(SENTENCES)] for n in range(5)],
            },
        },
        {
            "type": "accordion",
            "value": {
                "panels": [
                    {"title": f"Savol {n + 1}", "body": f"<p>{paragraph(number + n, 2)}</p>"}
                    for n in range(3)
                ]
            },
        },
    ]
    if number % 3 == 0:
        body.append(
            {
                "type": "fact_check",
                "value": {
                    "claim": "Ertadan boshlab barcha maktablar masofaviy taʼlimga oʻtadi.",
                    "claimant": "Anonim Telegram kanal",
                    "claimant_kind": "organization",
                    "claim_date": "2026-09-01",
                    "appearance_url": "https://t.me/example/123",
                    "evidence": [
                        {
                            "text": "Vazirlik rasmiy sahifasida bunday qaror eʼlon qilinmagan.",
                            "source_title": "Maktabgacha va maktab taʼlimi vazirligi",
                            "source_url": "https://uzedu.uz",
                        }
                    ],
                    "verdict": "false",
                    "explanation": f"<p>{paragraph(number + 6, 2)}</p>",
                },
            }
        )
    return body


def cover_image(number: int):
    from django.core.files.images import ImageFile
    from PIL import Image as PILImage
    from wagtail.images import get_image_model

    buffer = io.BytesIO()
    colour = (11 + number * 3 % 200, 93, 122)
    PILImage.new("RGB", (1200, 675), colour).save(buffer, "PNG")
    return get_image_model().objects.create(
        title=f"Muqova {number}", file=ImageFile(buffer, name=f"cover-{number}.png")
    )


@dataclass
class Content:
    course_url: str
    lesson_url: str
    learner_username: str
    lesson_count: int


def build_content() -> Content:
    """seed_demo, then 50 live courses of 10 lessons straight into the tree (no revisions)."""
    from django.core.management import call_command
    from django.db import transaction

    from accounts.models import User
    from courses import services
    from courses.models import Audience, CourseIndexPage, CoursePage, LessonPage

    call_command("migrate", interactive=False, verbosity=0)
    call_command("seed_demo", stdout=io.StringIO())
    catalogue = CourseIndexPage.objects.get(slug="courses", locale__language_code="uz")
    stream_block = LessonPage._meta.get_field("body").stream_block
    audiences = [Audience.PUBLIC, Audience.BOTH, Audience.CIVIL_SERVANTS]
    courses = []
    with transaction.atomic():
        for number in range(COURSES):
            course = catalogue.add_child(
                instance=CoursePage(
                    title=f"Kurs {number + 1:02}: davlat organlari va fuqarolar muloqoti",
                    slug=f"kurs-{number + 1}",
                    summary=paragraph(number, 3),
                    audience=audiences[number % len(audiences)],
                    estimated_minutes=60 + number % 4 * 15,
                    cover_image=cover_image(number),
                    learning_objectives=[
                        ("objective", SENTENCES[(number + n) % len(SENTENCES)]) for n in range(3)
                    ],
                )
            )
            course.topics.add(TOPICS[number % len(TOPICS)], TOPICS[(number + 2) % len(TOPICS)])
            course.save()
            for lesson_number in range(1, LESSONS + 1):
                course.add_child(
                    instance=LessonPage(
                        title=f"{lesson_number}-dars: {SENTENCES[lesson_number - 1][:60]}",
                        slug=f"dars-{lesson_number}",
                        estimated_minutes=10 + lesson_number % 3 * 5,
                        body=stream_block.to_python(lesson_body(course, lesson_number)),
                    )
                )
            courses.append(course)
    learner = User.objects.get(username="learner")
    open_to_all = [course for course in courses if course.audience != Audience.CIVIL_SERVANTS]
    for course in open_to_all[:PROGRESS_COURSES]:
        lessons = list(LessonPage.objects.child_of(course).order_by("path"))
        for lesson in lessons[:PROGRESS_LESSONS]:
            services.lesson_complete(user=learner, lesson=lesson, course=course)
    course = open_to_all[0]
    lesson = LessonPage.objects.child_of(course).order_by("path")[LESSONS // 2]
    return Content(
        course_url=course.url,
        lesson_url=lesson.url,
        learner_username=learner.username,
        lesson_count=LessonPage.objects.live().count(),
    )


# In-process measurements -------------------------------------------------------------------------


@dataclass
class Row:
    name: str
    queries: int
    median_ms: float
    p95_ms: float
    per_second: float


def percentile(values: list[float], share: float) -> float:
    """Nearest-rank percentile."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(share * len(ordered)) - 1)]


def measure(name, client, url, requests, before=None, show_sql=False, sql_width=160) -> Row:
    from django.db import connection, reset_queries
    from django.test.utils import CaptureQueriesContext

    def get():
        response = client.get(url)
        if response.status_code != 200:
            raise SystemExit(f"{name}: GET {url} answered {response.status_code}")
        return response

    for _ in range(3):  # warm: templates, renditions, site root paths
        if before:
            before()
        get()
    if before:
        before()
    reset_queries()  # the log is a bounded deque: a full one would capture nothing
    with CaptureQueriesContext(connection) as captured:
        get()
    # Read now: the context reads the log lazily, and the next request empties it.
    queries = [query["sql"] for query in captured.captured_queries]
    if show_sql:
        print(f"\n{name}: {len(queries)} queries")
        for number, sql in enumerate(queries, 1):
            print(f"  {number:2}. {sql[:sql_width]}")
    timings = []
    for _ in range(requests):
        if before:
            before()
        start = time.perf_counter()
        get()
        timings.append((time.perf_counter() - start) * 1000)
    return Row(
        name=name,
        queries=len(queries),
        median_ms=statistics.median(timings),
        p95_ms=percentile(timings, 0.95),
        per_second=1000 * len(timings) / sum(timings),
    )


def in_process(content: Content, requests: int, show_sql: bool = False) -> list[Row]:
    from django.conf import settings
    from django.core.cache import cache
    from django.test import Client

    from accounts.models import User

    anonymous = Client(HTTP_HOST=HOST)
    signed_in = Client(HTTP_HOST=HOST)
    signed_in.force_login(User.objects.get(username=content.learner_username))
    cache.clear()
    plan = [
        ("GET /courses/ anonymous", anonymous, "/courses/", None),
        ("GET /courses/ signed in", signed_in, "/courses/", None),
        ("GET course anonymous", anonymous, content.course_url, None),
        ("GET course signed in", signed_in, content.course_url, None),
        ("GET lesson anonymous, cold cache", anonymous, content.lesson_url, cache.clear),
        ("GET lesson anonymous, warm cache", anonymous, content.lesson_url, None),
        ("GET lesson signed in", signed_in, content.lesson_url, None),
    ]
    rows = [
        measure(name, client, url, requests, before=before, show_sql=show_sql)
        for name, client, url, before in plan
    ]
    cold, warm = rows[4], rows[5]
    if settings.SESSION_COOKIE_NAME in anonymous.cookies or warm.queries >= cold.queries:
        raise SystemExit(
            f"The anonymous lesson was not served from the page cache ({cold.queries} queries "
            f"cold, {warm.queries} warm; cookies: {', '.join(anonymous.cookies)})."
        )
    return rows


def print_rows(rows: list[Row]) -> None:
    print("| request | queries | median ms | p95 ms | req/s (1 thread) |")
    print("| --- | ---: | ---: | ---: | ---: |")
    for row in rows:
        print(
            f"| {row.name} | {row.queries} | {row.median_ms:.1f} | {row.p95_ms:.1f} "
            f"| {row.per_second:.0f} |"
        )


# Over HTTP ---------------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_server(env: dict[str, str], temp_dir: Path, port: int, workers: int) -> None:
    command = [
        str(Path(sys.executable).parent / "gunicorn"),
        *("-c", str(ROOT / "deploy" / "gunicorn.conf.py")),
        *("-w", str(workers)),
        *("-b", f"127.0.0.1:{port}"),
        *("--access-logfile", str(temp_dir / "access.log")),
        *("--error-logfile", str(temp_dir / "gunicorn.log")),
        "--no-control-socket",
    ]
    env = {**env, "PYTHONWARNINGS": "ignore:No directory at:UserWarning"}
    cleanup.server = subprocess.Popen(  # noqa: S603 - our own fixed command
        command, cwd=ROOT, env=env, start_new_session=True
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if cleanup.server.poll() is not None:
            log = (temp_dir / "gunicorn.log").read_text(errors="replace")
            raise SystemExit(f"gunicorn exited with {cleanup.server.returncode}:\n{log[-3000:]}")
        try:
            if http_get(port, "/healthz")[0] == 200:
                return
        except OSError:
            pass
        time.sleep(0.2)
    raise SystemExit("gunicorn did not answer /healthz within 60 s")


def http_get(port: int, path: str) -> tuple[int, int]:
    """One request on its own connection (gunicorn's sync workers close after each response)."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        connection.request("GET", path, headers={"Host": HOST})
        response = connection.getresponse()
        return response.status, len(response.read())
    finally:
        connection.close()


@dataclass
class Load:
    path: str
    client: str
    per_second: float
    median_ms: float
    p95_ms: float | None
    p99_ms: float | None
    errors: int
    restarts: int
    other_cpu: float


def load_python(port: int, path: str, seconds: float, connections: int) -> tuple:
    stop = time.monotonic() + seconds
    latencies: list[list[float]] = [[] for _ in range(connections)]
    errors = [0] * connections

    def run(slot: int) -> None:
        while time.monotonic() < stop:
            start = time.perf_counter()
            try:
                status, _size = http_get(port, path)
            except OSError:
                errors[slot] += 1
                continue
            if status != 200:
                errors[slot] += 1
            latencies[slot].append((time.perf_counter() - start) * 1000)

    threads = [threading.Thread(target=run, args=(slot,)) for slot in range(connections)]
    began = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.monotonic() - began
    flat = [value for values in latencies for value in values]
    return (
        len(flat) / elapsed,
        statistics.median(flat),
        percentile(flat, 0.95),
        percentile(flat, 0.99),
        sum(errors),
    )


WRK_UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0}


def load_wrk(port: int, path: str, seconds: float, connections: int) -> tuple:
    result = subprocess.run(  # noqa: S603 - fixed arguments
        [
            shutil.which("wrk"),
            *("-t", "2", "-c", str(connections), "-d", f"{seconds:g}s"),
            *("-H", f"Host: {HOST}", "--latency"),
            f"http://127.0.0.1:{port}{path}",
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    out = result.stdout

    def latency(label: str) -> float | None:
        match = re.search(rf"^\s*{label}\s+([\d.]+)(us|ms|s)\s*$", out, re.MULTILINE)
        return float(match.group(1)) * WRK_UNITS[match.group(2)] if match else None

    errors = sum(int(n) for n in re.findall(r"Non-2xx or 3xx responses: (\d+)", out))
    socket_errors = re.search(r"Socket errors: (.*)", out)
    if socket_errors:
        errors += sum(int(n) for n in re.findall(r"\d+", socket_errors.group(1)))
    per_second = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    return per_second, latency("50%"), None, latency("99%"), errors


def over_http(env, temp_dir, content, seconds, connections, client, workers) -> list[Load]:
    from django.db import connections as db_connections

    db_connections.close_all()
    port = free_port()
    start_server(env, temp_dir, port, workers)
    log = temp_dir / "gunicorn.log"
    targets = [
        "/healthz",
        "/static/css/site.css",
        "/courses/",
        content.lesson_url,
    ]
    loads = []
    for path in targets:
        run = load_wrk if client == "wrk" else load_python
        run(port, path, min(2.0, seconds), connections)  # warm each worker's page cache
        booted = log.read_text(errors="replace").count("Booting worker")
        other = OtherCPU()
        other.start()
        per_second, median, p95, p99, errors = run(port, path, seconds, connections)
        share = other.share()
        restarts = log.read_text(errors="replace").count("Booting worker") - booted
        loads.append(Load(path, client, per_second, median, p95, p99, errors, restarts, share))
    cleanup.stop_server()
    return loads


def print_loads(loads: list[Load], seconds, connections, workers) -> None:
    print(
        f"\ngunicorn -c deploy/gunicorn.conf.py -w {workers} (sync), "
        f"{connections} connections for {seconds:g} s each, client: {loads[0].client}"
    )
    print(
        "| GET (anonymous) | req/s | median ms | p95 ms | p99 ms | errors | worker restarts "
        "| other CPU |"
    )
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")

    def ms(value):
        return "–" if value is None else f"{value:.1f}"

    for load in loads:
        print(
            f"| {load.path} | {load.per_second:.0f} | {ms(load.median_ms)} | {ms(load.p95_ms)} "
            f"| {ms(load.p99_ms)} | {load.errors} | {load.restarts} | {load.other_cpu:.0%} |"
        )
    warn_if_busy(max(load.other_cpu for load in loads), "the HTTP measurements")


# Main --------------------------------------------------------------------------------------------


def machine() -> str:
    model = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        ),
        platform.processor(),
    )
    memory_kb = int(Path("/proc/meminfo").read_text().split()[1])
    return (
        f"{os.cpu_count()} CPUs ({model}), {memory_kb / 1024 / 1024:.1f} GiB RAM, "
        f"Python {platform.python_version()}, SQLite {sqlite3.sqlite_version}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--requests", type=int, default=200, help="requests per row (200)")
    parser.add_argument("--sql", action="store_true", help="print each row's SQL queries")
    parser.add_argument("--http", action="store_true", help="also load gunicorn over HTTP")
    parser.add_argument("--seconds", type=float, default=10, help="HTTP: seconds per URL (10)")
    parser.add_argument("--connections", type=int, default=8, help="HTTP: connections (8)")
    parser.add_argument("--workers", type=int, default=2, help="HTTP: gunicorn workers (2)")
    parser.add_argument(
        "--client",
        choices=["auto", "wrk", "python"],
        default="auto",
        help="HTTP: load generator; auto uses wrk when installed",
    )
    args = parser.parse_args()
    if args.requests < 1:
        parser.error("--requests must be at least 1")
    client = args.client
    if client == "auto":
        client = "wrk" if shutil.which("wrk") else "python"
    elif client == "wrk" and not shutil.which("wrk"):
        parser.error("wrk is not installed (apt-get install wrk), use --client python")

    signal.signal(signal.SIGTERM, on_sigterm)
    signal.signal(signal.SIGHUP, on_sigterm)
    # Ctrl-C cleans up too, even when a non-interactive shell started us with SIGINT ignored.
    signal.signal(signal.SIGINT, signal.default_int_handler)
    temp_dir = Path(tempfile.mkdtemp(prefix="muloqot-bench-"))
    cleanup.temp_dir = temp_dir
    try:
        env = configure_environment(temp_dir)
        sys.path.insert(0, str(ROOT))
        # Whitenoise looks for collected files that the dev settings never need.
        warnings.filterwarnings("ignore", message="No directory at", category=UserWarning)
        import django

        django.setup()
        started = time.monotonic()
        content = build_content()
        print(f"Machine: {machine()}")
        print(f"Date: {datetime.datetime.now().astimezone():%Y-%m-%d %H:%M %Z}")
        print(
            f"Content: {COURSES} courses × {LESSONS} lessons ({content.lesson_count} live lessons "
            f"in all), built in {time.monotonic() - started:.0f} s; course {content.course_url}, "
            f"lesson {content.lesson_url}"
        )
        print(f"\nIn-process (Django test Client, one thread), {args.requests} requests per row")
        other = OtherCPU()
        other.start()
        rows = in_process(content, args.requests, show_sql=args.sql)
        share = other.share()
        print_rows(rows)
        print(f"Other processes used {share:.1%} of the CPUs meanwhile.")
        warn_if_busy(share, "the in-process measurements")
        if args.http:
            loads = over_http(
                env, temp_dir, content, args.seconds, args.connections, client, args.workers
            )
            print_loads(loads, args.seconds, args.connections, args.workers)
    finally:
        cleanup()


if __name__ == "__main__":
    main()
