"""Certificate PDFs: how long one render takes, and 1,000 issued through the task queue.

Run from the project root, on a quiet machine:

    .venv/bin/python bench/certificates.py [--renders 50] [--certificates 1000] [--workers 1]

Everything happens in a new temporary folder (SQLite database, media, signing key) with the
development settings and their database task queue (django-tasks-db); nothing else is touched.

1. One certificate (landscape, signature and seal images, QR code) is rendered in this process
   3 times to warm up, then `--renders` times: median and p95 of certificate_context + pdf_bytes.
2. `--certificates` completed enrolments get one `certificate_issue_task` each on the queue;
   `manage.py db_worker --batch` (in `--workers` processes, same environment) then issues and
   signs the certificates and renders and stores their PDFs. The worker's wall time is printed
   with the number of certificates issued and PDFs stored.
"""

import argparse
import io
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def configure(var_dir: Path) -> dict:
    """The environment for this process and the workers; set before django.setup()."""
    env = {
        "DJANGO_SETTINGS_MODULE": "muloqot.settings.dev",
        "MULOQOT_VAR_DIR": str(var_dir),
        "DATABASE_URL": f"sqlite:///{var_dir / 'bench.sqlite3'}",
        "DEBUG": "false",
        "LOG_LEVEL": "WARNING",  # WeasyPrint logs seven progress lines per PDF at INFO
        "BASE_URL": "https://muloqot.example.uz",
    }
    for name in ("REDIS_URL", "AWS_STORAGE_BUCKET_NAME", "CERTIFICATE_SIGNING_KEY", "MEDIA_ROOT"):
        os.environ.pop(name, None)
    os.environ.update(env)
    sys.path.insert(0, str(ROOT))
    return dict(os.environ)


def png(name: str, colour: str, size: tuple[int, int]):
    from django.core.files.images import ImageFile
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGBA", size, colour).save(buffer, "PNG")
    return ImageFile(buffer, name=name)


def set_up(learners: int):
    """A course with a certificate template, `learners` completed enrolments, one certificate."""
    from django.conf import settings
    from django.core.management import call_command
    from django.utils import timezone
    from wagtail.images import get_image_model

    from accounts.models import User
    from certificates.models import Certificate, CertificateAward, CertificateTemplate
    from certificates.signing import signing_key_create
    from core.dates import add_months
    from core.models import HomePage
    from courses.models import CourseIndexPage, CoursePage, Enrolment

    call_command("migrate", verbosity=0, interactive=False)
    signing_key_create(Path(settings.MULOQOT_SIGNING_KEY_PATH))
    image_model = get_image_model()
    template = CertificateTemplate.objects.create(
        title="Sertifikat",
        body=(
            "{name} “{course}” oʻquv kursini {date} kuni {score} ball bilan muvaffaqiyatli "
            "tamomladi ({hours} soat). Amal qilish muddati: {expires}."
        ),
        issuer="Axborot va ommaviy kommunikatsiyalar agentligi",
        signatory_name="Gʻulomov Oʻktam",
        signatory_title="Direktor",
        signature_image=image_model.objects.create(
            title="Imzo", file=png("imzo.png", "#1a237e", (800, 300))
        ),
        seal_image=image_model.objects.create(
            title="Muhr", file=png("muhr.png", "#b71c1c", (600, 600))
        ),
    )
    home = HomePage.objects.get(depth=2)
    catalogue = home.add_child(instance=CourseIndexPage(title="Kurslar", slug="kurslar"))
    course = catalogue.add_child(
        instance=CoursePage(
            title="Ijtimoiy tarmoqlarda davlat organlari muloqoti etikasi",
            slug="muloqot-etikasi",
            summary="Davlat xizmatchilari uchun.",
            estimated_minutes=360,
            validity_months=24,
            certificate_awards=[CertificateAward(template=template)],
        )
    )
    users = [
        User(
            username=f"learner{number:05d}",
            email=f"learner{number:05d}@example.uz",
            full_name=f"Gʻafurov Oʻktam {number:05d}",
        )
        for number in range(learners + 1)
    ]
    for user in users:
        user.set_unusable_password()  # no password hashing for a thousand users
    User.objects.bulk_create(users, batch_size=500)
    users = list(User.objects.filter(username__startswith="learner").order_by("username"))
    now = timezone.now()
    sample = Certificate.objects.create(
        user=users[0],
        course=course,
        template=template,
        holder_name="Karimov Bahodir Bahromovich",
        course_title=course.title,
        issuer_name=template.issuer,
        language="uz",
        score=92,
        hours=6,
        expires_on=add_months(timezone.localdate(), 24),
    )
    enrolments = Enrolment.objects.bulk_create(
        [
            Enrolment(user=user, course=course, enrolled_at=now, completed_at=now)
            for user in users[1:]
        ],
        batch_size=500,
    )
    return sample, course, [enrolment.pk for enrolment in enrolments]


def run_workers(env: dict, workers: int) -> float:
    command = [
        sys.executable,
        str(ROOT / "manage.py"),
        "db_worker",
        "--batch",
        "--no-startup-delay",
        "--verbosity",
        "0",
    ]
    started = time.perf_counter()
    processes = [
        subprocess.Popen(command, cwd=ROOT, env=env)  # noqa: S603 - our own manage.py
        for _ in range(workers)
    ]
    failed = [process.wait() for process in processes]
    elapsed = time.perf_counter() - started
    if any(failed):
        raise SystemExit(f"db_worker exited with {failed}")
    return elapsed


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--renders", type=int, default=50)
    parser.add_argument("--certificates", type=int, default=1000)
    parser.add_argument("--workers", type=int, default=1)
    options = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="muloqot-bench-certificates-") as folder:
        env = configure(Path(folder))
        import django

        django.setup()

        from django.db import connection
        from django_tasks_db.models import DBTaskResult

        from certificates.models import Certificate
        from certificates.rendering import certificate_context, pdf_bytes
        from certificates.tasks import certificate_issue_task

        print(f"Setting up in {folder} ...", flush=True)
        sample, course, enrolment_ids = set_up(options.certificates)
        connection.close()
        run_workers(env, 1)  # Wagtail's search and reference-index tasks from the set-up
        DBTaskResult.objects.all().delete()

        for _ in range(3):
            pdf_bytes(certificate_context(sample))
        timings = []
        for _ in range(options.renders):
            started = time.perf_counter()
            data = pdf_bytes(certificate_context(sample))
            timings.append(time.perf_counter() - started)
        print(
            f"One certificate PDF ({len(data) // 1024} KiB), {options.renders} renders after 3 "
            f"warm-ups: median {statistics.median(timings) * 1000:.0f} ms, "
            f"p95 {percentile(timings, 0.95) * 1000:.0f} ms"
        )

        started = time.perf_counter()
        for enrolment_id in enrolment_ids:
            certificate_issue_task.enqueue(enrolment_id)
        enqueued = time.perf_counter() - started
        connection.close()
        elapsed = run_workers(env, options.workers)

        issued = Certificate.objects.filter(course=course).exclude(pk=sample.pk)
        rendered = issued.exclude(pdf="").filter(pdf_rendered_at__isnull=False).count()
        failed = DBTaskResult.objects.exclude(status="SUCCESSFUL").count()
        print(
            f"{len(enrolment_ids)} certificate_issue_task enqueued in {enqueued:.1f} s; "
            f"db_worker --batch ({options.workers} process{'es' if options.workers > 1 else ''}) "
            f"took {elapsed:.1f} s ({elapsed / max(1, len(enrolment_ids)) * 1000:.0f} ms per "
            f"certificate)"
        )
        print(
            f"Certificates issued: {issued.count()}; PDFs rendered and stored: {rendered}; "
            f"tasks not successful: {failed}"
        )


if __name__ == "__main__":
    main()
