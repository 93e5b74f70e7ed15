"""The whole demo (`seed_demo` over demo/): what it creates, that a second run creates nothing, and
that every demo page answers 200 in every language."""

import io
import re

import pytest
from django.core.management import call_command
from wagtail.documents import get_document_model
from wagtail.models import Page, Revision

from accounts.models import Organization, User
from certificates.models import Certificate, CertificateTemplate
from courses.models import CoursePage, Enrolment, LessonPage, RequiredCourse, TrainingAssignment
from playbooks.models import PlaybookPage, Post, TemplateVersion, Thread
from quizzes.models import Question, Quiz

PASSWORD = "Demo-pass-2026"


def seed() -> str:
    out = io.StringIO()
    call_command("seed_demo", password=PASSWORD, stdout=out)
    return out.getvalue()


def counts() -> dict[str, int]:
    models = {
        "pages": Page,
        "revisions": Revision,
        "courses": CoursePage,
        "lessons": LessonPage,
        "quizzes": Quiz,
        "questions": Question,
        "certificate templates": CertificateTemplate,
        "certificates": Certificate,
        "enrolments": Enrolment,
        "assignments": TrainingAssignment,
        "required courses": RequiredCourse,
        "playbooks": PlaybookPage,
        "template versions": TemplateVersion,
        "documents": get_document_model(),
        "threads": Thread,
        "posts": Post,
        "users": User,
        "organisations": Organization,
    }
    return {name: model.objects.count() for name, model in models.items()}


@pytest.fixture
def demo(db):
    return seed()


def test_the_demo_holds_what_a_pilot_needs(demo):
    found = counts()
    # Three courses, each in uz, ru and en; at least 6 + 5 + 6 lessons in each language.
    assert found["courses"] == 9
    assert found["lessons"] >= 3 * 17
    # Every lesson block and quiz in three languages; banks of at least 20 + 15 questions.
    assert found["quizzes"] == 9
    assert found["questions"] >= 3 * 35
    # At least ten playbooks in three languages, each with a generated template file.
    assert found["playbooks"] >= 30
    assert found["template versions"] >= 30
    assert found["threads"] >= 1
    assert found["organisations"] == 6
    assert set(User.objects.values_list("username", flat=True)) >= {
        "citizen", "learner", "coordinator", "trainer", "methodologist", "admin"
    }  # fmt: skip
    # The ethics course is required in the region, and learner holds a press-service certificate.
    assignment = TrainingAssignment.objects.get()
    assert assignment.organization.code == "tashkent-region"
    assert RequiredCourse.objects.filter(user__username="learner").exists()
    certificate = Certificate.objects.get(user__username="learner")
    assert certificate.course_title == "Matbuot xizmati faoliyati"
    assert f"{certificate.code}" in demo
    assert "Logins: citizen, learner, coordinator, trainer, methodologist, admin" in demo


def test_a_second_run_changes_nothing(demo):
    first = counts()
    second_output = seed()
    assert counts() == first
    code = Certificate.objects.get(user__username="learner").code
    assert code in second_output  # the same certificate, printed again


def test_every_demo_page_answers_200_in_every_language(demo, client):
    client.login(username="learner", password=PASSWORD)
    pages = Page.objects.live().filter(depth__gt=1).specific().select_related("locale")
    by_language = {}
    for page in pages:
        url = page.get_url()
        assert url, page
        by_language.setdefault(page.locale.language_code, []).append(url)
    assert set(by_language) == {"uz", "ru", "en"}
    # The same pages exist in every language.
    assert len(by_language["uz"]) == len(by_language["ru"]) == len(by_language["en"])
    failures = []
    for urls in by_language.values():
        for url in urls:
            response = client.get(url)
            if response.status_code != 200:
                failures.append(f"{url}: {response.status_code}")
    assert failures == []


def test_the_learners_certificate_verifies(demo, client):
    code = re.search(r"MQ-[A-Z0-9]{4}-[A-Z0-9]{4}", demo).group(0)
    assert client.get(f"/certificates/verify/{code}/").status_code == 200
    record = client.get(f"/certificates/verify/{code}.json").json()
    assert record["status"] == "valid"
    assert record["holder"] == "Bahodir Karimov"


def test_the_summary_is_short_absolute_and_last(demo, settings, tmp_path):
    settings.WAGTAILADMIN_BASE_URL = "http://127.0.0.1:8123"
    out = io.StringIO()
    summary_file = tmp_path / "summary.txt"
    call_command("seed_demo", password=PASSWORD, summary_file=str(summary_file), stdout=out)
    summary = summary_file.read_text().splitlines()
    assert out.getvalue().rstrip().endswith(summary[-1])  # nothing printed after it
    assert len(summary) <= 8
    assert summary[0] == "Muloqot demo: http://127.0.0.1:8123/"
    text = "\n".join(summary)
    assert "learner" in text and "citizen" in text and PASSWORD in text
    assert re.search(r"http://127\.0\.0\.1:8123/certificates/verify/MQ-[A-Z0-9-]+/", text)
