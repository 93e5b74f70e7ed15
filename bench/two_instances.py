"""Two web instances that share nothing but PostgreSQL, Redis and S3: a learner's journey whose
requests alternate between them.

Run from the project root (`make bench-two-instances` installs moto and nginx first):

    .venv/bin/python bench/two_instances.py [--postgres URL] [--redis URL] [--timeout 600]

What it starts, all on loopback ports chosen at random, in a new temporary directory:

- moto's server mode as the S3-compatible object store (a real S3 API), with one bucket;
- PostgreSQL: a throwaway database (`--postgres`, dropped and created again, dropped at the end);
- Redis: one database number (`--redis`, flushed before and after) for cache and rate limits;
- two gunicorn instances, each with `deploy/gunicorn.conf.py` and the production settings, and
  each with its own empty `MULOQOT_VAR_DIR` (its "local disk");
- two task workers (`manage.py db_worker`), each with its own empty `MULOQOT_VAR_DIR` too;
- Debian's nginx, run as this script's own process with a generated configuration: one port
  balances round robin over both instances, and one port per instance lets the journey choose
  which instance answers. nginx adds `X-Muloqot-Upstream: <address>` to every response, so each
  step checks which instance really answered. nginx sets `X-Forwarded-Proto: https`, as the TLS
  proxy in front does in production.

Every process gets the certificate signing key from the environment (`CERTIFICATE_SIGNING_KEY_PEM`)
and the same SECRET_KEY: nothing is copied between "machines".

The journey, each request through nginx to the instance named (A, B alternately): the sign-in
page (A), signing in (B), the dashboard signed in (A), the lesson (B), the quiz (A), starting an
attempt (B), the attempt page (A), submitting the right answer (B), the review (A), then the
certificate that one of the two workers issued and rendered, listed (B) and its PDF downloaded
(A, the other instance than the one that took the submission). Then it checks that the PDF came
from the bucket, that the round-robin port reaches both instances, and that no process wrote a
file to its local disk. It exits 0 when every step passed, 1 otherwise, and always cleans up.
"""

import argparse
import contextlib
import http.client
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import traceback
import urllib.parse
from http.cookies import SimpleCookie
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
HOST = "127.0.0.1"
BUCKET = "muloqot-two-instances"
UPSTREAM_HEADER = "X-Muloqot-Upstream"
PASSWORD = "Ikki-instansiya-" + secrets.token_hex(4)


class JourneyFailed(Exception):
    pass


class TimedOut(Exception):
    pass


def check(condition: bool, message: str) -> None:
    if not condition:
        raise JourneyFailed(message)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


def wait_for(what: str, probe, deadline: float, interval: float = 0.3):
    """Call `probe` until it returns something true; its last exception explains a timeout."""
    error = None
    while time.monotonic() < deadline:
        try:
            value = probe()
        except Exception as exc:
            error, value = exc, None
        if value:
            return value
        time.sleep(interval)
    raise JourneyFailed(f"{what}: not ready in time ({error or 'no answer'})")


# --- processes ---------------------------------------------------------------------------------


class Processes:
    """The processes this run starts, stopped in reverse order whatever happens."""

    def __init__(self, logs: Path):
        self.logs = logs
        self.running: list[tuple[str, subprocess.Popen]] = []

    def start(self, name: str, command: list[str], env: dict) -> subprocess.Popen:
        log = (self.logs / f"{name}.log").open("wb")
        process = subprocess.Popen(  # noqa: S603 - our own commands
            command, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
        )
        self.running.append((name, process))
        return process

    def check_alive(self) -> None:
        for name, process in self.running:
            if process.poll() is not None:
                raise JourneyFailed(f"{name} exited with {process.returncode}; see its log")

    def stop(self) -> None:
        for _name, process in reversed(self.running):
            if process.poll() is None:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(process.pid, signal.SIGTERM)
        for _name, process in reversed(self.running):
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(process.pid, signal.SIGKILL)
                process.wait(timeout=5)


def run(command: list[str], env: dict, what: str, timeout: float) -> None:
    result = subprocess.run(  # noqa: S603 - our own commands
        command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=timeout, check=False
    )
    if result.returncode != 0:
        raise JourneyFailed(f"{what} failed:\n{result.stdout[-2000:]}{result.stderr[-2000:]}")


# --- the HTTP client: a browser with cookies, no redirects followed ----------------------------


class Browser:
    """Keeps cookies as a browser on https would (the session cookie is Secure; nginx stands in
    for the TLS proxy), sends Origin like a browser, and records which instance answered."""

    def __init__(self, host_header: str):
        self.host_header = host_header
        self.cookies: dict[str, str] = {}
        self.answered_by: list[tuple[str, str]] = []

    def request(self, port: int, method: str, path: str, form: dict | None = None):
        headers = {"Host": self.host_header, "User-Agent": "muloqot-two-instances"}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        body = None
        if form is not None:
            body = urllib.parse.urlencode(form)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            headers["Origin"] = f"https://{self.host_header}"
            headers["Referer"] = f"https://{self.host_header}{path}"
        connection = http.client.HTTPConnection(HOST, port, timeout=30)
        try:
            connection.request(method, path, body=body, headers=headers)
            response = connection.getresponse()
            content = response.read()
        finally:
            connection.close()
        for raw in response.headers.get_all("Set-Cookie") or []:
            jar = SimpleCookie()
            jar.load(raw)
            for name, morsel in jar.items():
                if morsel["max-age"] == "0" or not morsel.value:
                    self.cookies.pop(name, None)
                else:
                    self.cookies[name] = morsel.value
        upstream = response.headers.get(UPSTREAM_HEADER, "")
        self.answered_by.append((f"{method} {path}", upstream))
        return response.status, response.headers, content


def csrf_token(html: bytes) -> str:
    found = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', html)
    if not found:
        raise JourneyFailed("no CSRF token in the form")
    return found.group(1).decode()


def location_path(headers) -> str:
    location = headers.get("Location", "")
    return urllib.parse.urlsplit(location).path + (
        "?" + urllib.parse.urlsplit(location).query if urllib.parse.urlsplit(location).query else ""
    )


# --- the services --------------------------------------------------------------------------------


def postgres_reset(url: str, *, drop_only: bool = False) -> None:
    import psycopg

    parts = urllib.parse.urlsplit(url)
    name = parts.path.lstrip("/")
    check(re.fullmatch(r"[a-z0-9_]+", name) is not None, f"database name {name!r} (a-z, 0-9, _)")
    admin = urllib.parse.urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        if not drop_only:
            connection.execute(f'CREATE DATABASE "{name}"')


def redis_flush(url: str) -> None:
    import redis

    redis.Redis.from_url(url).flushdb()


def nginx_config(work: Path, ports: dict) -> Path:
    """Round robin on one port, and one port per instance; TLS is the proxy in front's job."""
    port_rr, port_a, port_b = ports["nginx_rr"], ports["nginx_a"], ports["nginx_b"]
    web_a, web_b = ports["web_a"], ports["web_b"]
    user = "user root root;\n" if os.geteuid() == 0 else ""
    proxy = f"""
            proxy_set_header Host $host;
            proxy_set_header X-Forwarded-Proto https;
            proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
            proxy_set_header X-Real-IP $remote_addr;
            proxy_redirect off;
            proxy_read_timeout 65s;
            add_header {UPSTREAM_HEADER} $upstream_addr always;"""
    temp = work / "nginx-temp"
    temp.mkdir()
    config = f"""{user}worker_processes 1;
pid {work}/nginx.pid;
error_log {work}/logs/nginx-error.log warn;
events {{ worker_connections 256; }}
http {{
    access_log {work}/logs/nginx-access.log;
    client_body_temp_path {temp}/body;
    proxy_temp_path {temp}/proxy;
    fastcgi_temp_path {temp}/fastcgi;
    uwsgi_temp_path {temp}/uwsgi;
    scgi_temp_path {temp}/scgi;
    client_max_body_size 25m;
    upstream both {{ server {HOST}:{web_a}; server {HOST}:{web_b}; }}
    upstream instance_a {{ server {HOST}:{web_a}; }}
    upstream instance_b {{ server {HOST}:{web_b}; }}
    server {{ listen {HOST}:{port_rr}; location / {{ proxy_pass http://both; {proxy} }} }}
    server {{ listen {HOST}:{port_a}; location / {{ proxy_pass http://instance_a; {proxy} }} }}
    server {{ listen {HOST}:{port_b}; location / {{ proxy_pass http://instance_b; {proxy} }} }}
}}
"""
    path = work / "nginx.conf"
    path.write_text(config)
    return path


# --- content -------------------------------------------------------------------------------------


def content_create() -> dict:
    """A learner, a public course whose only lesson embeds a one-question quiz, and a certificate
    template with a signature image (stored in the bucket, read back by the worker's render)."""
    import io
    from decimal import Decimal

    from allauth.account.models import EmailAddress
    from django.core.files.images import ImageFile
    from PIL import Image
    from wagtail.images import get_image_model
    from wagtail.models import Locale

    from accounts.models import User
    from certificates.models import CertificateAward, CertificateTemplate
    from core.models import HomePage
    from courses.models import Audience, CourseIndexPage, CoursePage, LessonPage
    from quizzes.models import Question, QuestionCategory, Quiz, QuizSlot

    user = User.objects.create_user(
        username="ikki", email="ikki@example.uz", password=PASSWORD, full_name="Ikkiyev Instansiya"
    )
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    buffer = io.BytesIO()
    Image.new("RGB", (400, 150), "#1a237e").save(buffer, "PNG")
    signature = get_image_model().objects.create(
        title="Imzo", file=ImageFile(buffer, name="imzo.png")
    )
    template = CertificateTemplate.objects.create(
        title="Sertifikat",
        body="{name} “{course}” kursini {date} kuni tamomladi ({hours} soat).",
        issuer="Axborot va ommaviy kommunikatsiyalar agentligi",
        signatory_name="Karimov A.",
        signatory_title="Direktor",
        signature_image=signature,
    )
    locale = Locale.get_default()
    category = QuestionCategory.objects.create(key="ikki-instansiya", name="Ikki instansiya")
    question = Question(
        category=category,
        locale=locale,
        qtype="single_choice",
        text="Qaysi biri toʻgʻri?",
        answers=[
            ("choice", {"text": "Toʻgʻri javob", "fraction": Decimal(100), "feedback": ""}),
            ("choice", {"text": "Notoʻgʻri javob", "fraction": Decimal(0), "feedback": ""}),
        ],
    )
    question.full_clean()
    question.save()
    quiz = Quiz(title="Yakuniy test", locale=locale, shuffle_choices=False, pass_mark=Decimal(100))
    quiz.slots.add(QuizSlot(question=question, points=Decimal(1), sort_order=0))
    quiz.save()
    home = HomePage.objects.get(depth=2)
    catalogue = home.add_child(instance=CourseIndexPage(title="Kurslar", slug="kurslar"))
    course = catalogue.add_child(
        instance=CoursePage(
            title="Ikki instansiya kursi",
            slug="ikki-instansiya",
            summary="Bir kurs, ikki server.",
            audience=Audience.PUBLIC,
            estimated_minutes=30,
            certificate_awards=[CertificateAward(template=template)],
        )
    )
    lesson = course.add_child(
        instance=LessonPage(
            title="Yagona dars",
            slug="yagona-dars",
            estimated_minutes=10,
            body=[{"type": "quiz", "value": {"quiz": quiz.pk}}],
        )
    )
    lesson.save_revision().publish()
    return {
        "user_id": user.pk,
        "quiz_id": quiz.pk,
        "lesson_id": lesson.pk,
        "lesson_url": LessonPage.objects.get(pk=lesson.pk).url,
        "signature_name": signature.file.name,
    }


def right_choice_token(attempt_uuid: str) -> dict:
    """The form fields that answer the attempt's one question rightly (the choice order is the
    attempt's own, as the page shows it)."""
    from quizzes.models import Attempt

    row = Attempt.objects.get(uuid=attempt_uuid).questions.get()
    right = next(c["id"] for c in row.snapshot["choices"] if c["text"] == "Toʻgʻri javob")
    return {"q1-shown": "1", "q1": str(row.choice_order.index(right) + 1)}


# --- the run -------------------------------------------------------------------------------------


def journey(ports: dict, content: dict, deadline: float, processes: Processes, s3) -> list[str]:
    from django_tasks_db.models import DBTaskResult

    from certificates.models import Certificate
    from quizzes.models import Attempt

    a, b = ports["nginx_a"], ports["nginx_b"]
    upstream = {a: f"{HOST}:{ports['web_a']}", b: f"{HOST}:{ports['web_b']}"}
    name = {a: "A", b: "B"}
    browser = Browser(HOST)
    report: list[str] = []

    def step(port, method, path, form=None, *, expect=200, what=""):
        processes.check_alive()
        if time.monotonic() > deadline:
            raise TimedOut(f"out of time before: {what}")
        status, headers, body = browser.request(port, method, path, form)
        answered = headers.get(UPSTREAM_HEADER, "")
        check(
            answered == upstream[port],
            f"{what}: answered by {answered or 'nobody'}, expected instance {name[port]}",
        )
        check(status == expect, f"{what}: {method} {path} gave {status}, expected {expect}")
        report.append(f"  {what:<44} {method:<4} {status}  instance {name[port]} ({answered})")
        return headers, body

    began = time.monotonic()
    _, html = step(a, "GET", "/accounts/login/", what="sign-in page")
    headers, _ = step(
        b,
        "POST",
        "/accounts/login/",
        {"csrfmiddlewaretoken": csrf_token(html), "login": "ikki", "password": PASSWORD},
        expect=302,
        what="sign in",
    )
    check("sessionid" in browser.cookies, "signing in set no session cookie")
    _, html = step(a, "GET", "/dashboard/", what="dashboard, signed in (session from B)")
    check(b"Ikkiyev Instansiya" in html, "the dashboard on A does not know the learner from B")
    _, html = step(b, "GET", content["lesson_url"], what="lesson")
    check(b"Yakuniy test" in html, "the lesson does not show its quiz")
    quiz_path = f"/quizzes/{content['quiz_id']}/?lesson={content['lesson_id']}"
    _, html = step(a, "GET", quiz_path, what="quiz page")
    headers, _ = step(
        b,
        "POST",
        f"/quizzes/{content['quiz_id']}/start/",
        {"csrfmiddlewaretoken": csrf_token(html), "lesson": str(content["lesson_id"])},
        expect=302,
        what="start the attempt",
    )
    attempt_path = location_path(headers)
    found = re.fullmatch(r"/quizzes/attempts/([0-9a-f-]{36})/", attempt_path)
    check(found is not None, f"starting went to {attempt_path!r}, not an attempt")
    attempt_uuid = found.group(1)
    _, html = step(a, "GET", attempt_path, what="attempt page")
    check(b'name="q1"' in html, "the attempt page has no answer for question 1")
    headers, _ = step(
        b,
        "POST",
        f"/quizzes/attempts/{attempt_uuid}/submit/",
        {"csrfmiddlewaretoken": csrf_token(html), **right_choice_token(attempt_uuid)},
        expect=302,
        what="submit the right answer",
    )
    review_path = location_path(headers)
    check(review_path.endswith("/review/"), f"submitting went to {review_path!r}")
    step(a, "GET", review_path, what="review")
    report.append(f"  9 requests from sign-in page to review: {time.monotonic() - began:.2f} s")
    attempt = Attempt.objects.get(uuid=attempt_uuid)
    check(attempt.passed is True, f"the attempt did not pass ({attempt.percent} %)")

    def certificate_ready():
        processes.check_alive()
        return Certificate.objects.filter(user_id=content["user_id"]).exclude(pdf="").first()

    waited = time.monotonic()
    certificate = wait_for("the certificate PDF", certificate_ready, deadline)
    report.append(
        f"  certificate {certificate.code} issued and rendered in {time.monotonic() - waited:.1f} s"
    )
    tasks = {
        result.task_path.rsplit(".", 1)[-1]: result
        for result in DBTaskResult.objects.filter(task_path__startswith="certificates.tasks.")
    }
    for task_name in ("certificate_issue_task", "certificate_render_task"):
        result = tasks.get(task_name)
        check(result is not None, f"no {task_name} in the queue")
        check(result.status == "SUCCESSFUL", f"{task_name} is {result.status}")
        check(
            len(result.worker_ids) == 1 and result.worker_ids[0] in {"worker-1", "worker-2"},
            f"{task_name} ran on {result.worker_ids}, expected exactly one of the two workers",
        )
        report.append(f"  {task_name} ran once, on {result.worker_ids[0]}")
    _, html = step(b, "GET", "/certificates/", what="my certificates")
    download = f"/certificates/{certificate.uuid}/download/"
    check(download.encode() in html, "my certificates does not link the PDF")
    headers, pdf = step(a, "GET", download, what="download the PDF (instance A)")
    check(pdf.startswith(b"%PDF-"), "the download is not a PDF")
    stored = s3.get_object(Bucket=BUCKET, Key=f"private/{certificate.pdf.name}")["Body"].read()
    check(pdf == stored, "the downloaded PDF differs from the bucket's object")
    report.append(f"  the PDF ({len(pdf):,} bytes) is the bucket's private/{certificate.pdf.name}")

    seen = set()
    for _ in range(6):
        status, headers, _ = browser.request(ports["nginx_rr"], "GET", "/healthz")
        check(status == 200, f"/healthz through the round-robin port gave {status}")
        seen.add(headers.get(UPSTREAM_HEADER, ""))
    check(
        seen == {upstream[a], upstream[b]},
        f"round robin reached {sorted(seen)}, expected both instances",
    )
    report.append(f"  round robin: 6 requests reached both instances {sorted(seen)}")
    return report


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--postgres",
        default="postgres://postgres@127.0.0.1:5432/muloqot_two_instances",
        help="a throwaway database: dropped and created again, dropped at the end",
    )
    parser.add_argument(
        "--redis",
        default="redis://127.0.0.1:6379/14",
        help="a Redis database number of its own: flushed before and after",
    )
    parser.add_argument("--timeout", type=int, default=600, help="seconds for the whole run")
    parser.add_argument("--keep", action="store_true", help="keep the temporary directory (logs)")
    args = parser.parse_args()

    nginx = shutil.which("nginx") or ("/usr/sbin/nginx" if Path("/usr/sbin/nginx").exists() else "")
    if not nginx:
        print("nginx is missing: sudo apt-get install -y nginx", file=sys.stderr)
        return 2
    started = time.monotonic()
    deadline = started + args.timeout

    def out_of_time(signum, frame):
        raise TimedOut(f"the run took longer than {args.timeout} s")

    signal.signal(signal.SIGALRM, out_of_time)
    signal.alarm(args.timeout + 30)  # the last resort; every wait also checks the deadline

    work = Path(tempfile.mkdtemp(prefix="muloqot-two-instances-"))
    (work / "logs").mkdir()
    processes = Processes(work / "logs")
    ports = {
        name: free_port() for name in ("s3", "web_a", "web_b", "nginx_rr", "nginx_a", "nginx_b")
    }
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    pem = (
        Ed25519PrivateKey.generate()
        .private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
        .decode()
    )
    common = {
        **{
            key: value
            for key, value in os.environ.items()
            if not key.startswith(("AWS_", "DJANGO_", "MULOQOT_"))
            and key not in {"DATABASE_URL", "REDIS_URL", "MEDIA_ROOT", "CERTIFICATE_SIGNING_KEY"}
        },
        "DJANGO_SETTINGS_MODULE": "muloqot.settings.production",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": HOST,
        "BASE_URL": f"https://{HOST}",
        "SECURE_SSL_REDIRECT": "false",
        "SECURE_HSTS_SECONDS": "0",
        "STAFF_MFA_REQUIRED": "false",
        "DATABASE_URL": args.postgres,
        "REDIS_URL": args.redis,
        "AWS_STORAGE_BUCKET_NAME": BUCKET,
        "AWS_S3_ENDPOINT_URL": f"http://{HOST}:{ports['s3']}",
        "AWS_S3_REGION_NAME": "us-east-1",
        "AWS_ACCESS_KEY_ID": "two-instances",
        "AWS_SECRET_ACCESS_KEY": "two-instances-secret",
        "CERTIFICATE_SIGNING_KEY_PEM": pem.replace("\n", "\\n"),  # one line, as in an env file
        "STATIC_ROOT": str(work / "static"),
        "LOG_LEVEL": "WARNING",
        "WEB_CONCURRENCY": "2",
        "PYTHONPATH": str(ROOT),
    }
    local_disks = {}

    def env_for(name: str) -> dict:
        disk = work / "disks" / name
        disk.mkdir(parents=True, exist_ok=True)
        local_disks[name] = disk
        signing_file = disk / "keys" / "certificate-signing.pem"  # must never be needed
        return {
            **common,
            "MULOQOT_VAR_DIR": str(disk),
            "CERTIFICATE_SIGNING_KEY": str(signing_file),
        }

    failed = True
    try:
        postgres_reset(args.postgres)
        redis_flush(args.redis)
        processes.start(
            "s3",
            [PYTHON, "-m", "moto.server", "-H", HOST, "-p", str(ports["s3"])],
            {**os.environ},
        )
        import boto3

        s3 = boto3.client(
            "s3",
            endpoint_url=common["AWS_S3_ENDPOINT_URL"],
            region_name="us-east-1",
            aws_access_key_id=common["AWS_ACCESS_KEY_ID"],
            aws_secret_access_key=common["AWS_SECRET_ACCESS_KEY"],
        )
        wait_for("the S3 server", lambda: s3.list_buckets() is not None, deadline)
        s3.create_bucket(Bucket=BUCKET)

        setup_env = env_for("setup")
        manage = [PYTHON, "manage.py"]
        t0 = time.monotonic()
        collect = subprocess.Popen(  # noqa: S603 - side by side with migrate
            [*manage, "collectstatic", "--noinput", "-v", "0"],
            cwd=ROOT,
            env=setup_env,
            stdout=subprocess.DEVNULL,
            stderr=(work / "logs" / "collectstatic.log").open("wb"),
        )
        try:
            run([*manage, "migrate", "--noinput", "-v", "0"], setup_env, "migrate", args.timeout)
        except Exception:
            collect.kill()
            collect.wait()
            raise
        check(collect.wait(timeout=max(1, deadline - time.monotonic())) == 0, "collectstatic")
        print(f"migrate and collectstatic: {time.monotonic() - t0:.0f} s")

        os.environ.update(setup_env)
        sys.path.insert(0, str(ROOT))
        import django

        django.setup()
        content = content_create()

        for instance in ("a", "b"):
            processes.start(
                f"web-{instance}",
                [
                    f"{ROOT}/.venv/bin/gunicorn",
                    "-c",
                    "deploy/gunicorn.conf.py",
                    "--bind",
                    f"{HOST}:{ports['web_' + instance]}",
                    "--name",
                    f"muloqot-web-{instance}",
                ],
                env_for(f"web-{instance}"),
            )
        for number in (1, 2):
            processes.start(
                f"worker-{number}",
                [*manage, "db_worker", "--worker-id", f"worker-{number}", "--interval", "0.5"],
                env_for(f"worker-{number}"),
            )
        config = nginx_config(work, ports)
        processes.start(
            "nginx", [nginx, "-p", str(work), "-c", str(config), "-g", "daemon off;"], {}
        )

        def healthy(port):
            def probe():
                processes.check_alive()
                connection = http.client.HTTPConnection(HOST, port, timeout=5)
                try:
                    connection.request("GET", "/healthz", headers={"Host": HOST})
                    return connection.getresponse().status == 200
                finally:
                    connection.close()

            return probe

        for key in ("web_a", "web_b", "nginx_a", "nginx_b", "nginx_rr"):
            wait_for(f"{key} /healthz", healthy(ports[key]), deadline)
        print(f"two instances, two workers, nginx, S3 up after {time.monotonic() - started:.0f} s")

        report = journey(ports, content, deadline, processes, s3)
        print("\n".join(report))

        keys = [item["Key"] for item in s3.list_objects_v2(Bucket=BUCKET).get("Contents", [])]
        check(content["signature_name"] in keys, "the signature image is not in the bucket")
        check(any(key.startswith("images/") for key in keys), "no rendition in the bucket")
        written = [
            str(path.relative_to(work / "disks"))
            for name, disk in local_disks.items()
            if name != "setup"
            for path in disk.rglob("*")
            if path.is_file()
        ]
        check(not written, f"files written to a process's local disk: {written}")
        print(f"  bucket holds {len(keys)} objects; no web or worker process wrote a local file")
        failed = False
        print(f"PASSED in {time.monotonic() - started:.0f} s")
    except (JourneyFailed, TimedOut) as error:
        print(f"FAILED: {error}", file=sys.stderr)
    except Exception:
        traceback.print_exc()
        print("FAILED: the check itself broke (traceback above)", file=sys.stderr)
    finally:
        signal.alarm(0)
        processes.stop()
        with contextlib.suppress(Exception):
            from django.db import connections

            connections.close_all()
        with contextlib.suppress(Exception):
            postgres_reset(args.postgres, drop_only=True)
        with contextlib.suppress(Exception):
            redis_flush(args.redis)
        if failed or args.keep:
            print(f"logs kept in {work}/logs", file=sys.stderr)
            if not args.keep:
                shutil.rmtree(work / "disks", ignore_errors=True)
                shutil.rmtree(work / "static", ignore_errors=True)
        else:
            shutil.rmtree(work, ignore_errors=True)
    return 1 if failed else 0


if __name__ == "__main__":
    with contextlib.suppress(KeyboardInterrupt):
        sys.exit(main())
    sys.exit(130)
