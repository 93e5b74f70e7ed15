import datetime

import pytest
from django.utils import timezone
from wagtail.models import Locale

from accounts.models import Employment
from core.models import HomePage
from quizzes.models import Quiz
from regulations.models import ChangeKind, CodeIndexPage, CodePage, CodeVersionPage
from regulations.services import code_assignment_create

TODAY = timezone.localdate()
DAY = datetime.timedelta(days=1)

V1_SECTIONS = [
    (
        "Official and personal accounts",
        "An official account speaks for the body. A personal account speaks only for its owner.",
    ),
    (
        "Logins",
        "The communications unit keeps the logins of official accounts. "
        "It changes them when staff leave.",
    ),
]


def body(sections):
    return [("section", {"heading": heading, "text": text}) for heading, text in sections]


@pytest.fixture
def code_index(db) -> CodeIndexPage:
    home = HomePage.objects.get(depth=2)
    index = home.add_child(instance=CodeIndexPage(title="Codes", slug="codes"))
    index.save_revision().publish()
    return index


@pytest.fixture
def code(code_index) -> CodePage:
    page = code_index.add_child(
        instance=CodePage(title="Rules on social networks", slug="social-networks", is_model=True)
    )
    page.save_revision().publish()
    return page


@pytest.fixture
def add_version(code, django_capture_on_commit_callbacks):
    def add(number, *, kind=ChangeKind.MATERIAL, sections=V1_SECTIONS, effective_on=None, **kw):
        version = CodeVersionPage(
            title=f"Version {number}",
            slug=f"v{number}",
            number=number,
            effective_on=effective_on or TODAY - DAY * (10 - number),
            change_kind=kind,
            body=body(sections),
            **kw,
        )
        with django_capture_on_commit_callbacks(execute=True):
            code.add_child(instance=version)
            version.save_revision().publish()
        return version

    return add


@pytest.fixture
def learner(make_user, organizations):
    user = make_user("learner", password="Press-secretary-1")
    Employment.objects.create(
        user=user, organization=organizations["chirchiq"], started_on=TODAY - DAY * 400
    )
    return user


@pytest.fixture
def assign_code(code, organizations, django_capture_on_commit_callbacks):
    def assign(organization="tashkent-region", days=30):
        with django_capture_on_commit_callbacks(execute=True):
            return code_assignment_create(
                code=code, organization=organizations[organization], days_to_acknowledge=days
            )

    return assign


@pytest.fixture
def make_quiz_for_check(db):
    def make(title="Check on the rules"):
        quiz = Quiz(title=title, locale=Locale.get_default())
        quiz.save()
        return quiz

    return make
