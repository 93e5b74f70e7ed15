import functools
import io

import pytest
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation
from django.utils.translation import gettext

from accounts.models import Employment
from accounts.roles import TRAINERS
from core.models import HomePage
from playbooks.documents import build_docx, build_odt, build_xlsx
from playbooks.files import template_version_add
from playbooks.models import (
    Category,
    ConsultationBoardPage,
    PlaybookIndexPage,
    PlaybookPage,
    TemplateFile,
)

GUIDANCE = [
    ("heading", {"text": "Record the post", "level": "h2"}),
    ("rich_text", "<p>Write the source and the reach into the monitoring journal.</p>"),
]


def in_uzbek(message: str) -> str:
    with translation.override("uz"):
        return gettext(message)


@pytest.fixture(autouse=True)
def empty_cache():
    """Rate-limit counters live in the cache: every test starts from zero."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def library(db) -> PlaybookIndexPage:
    home = HomePage.objects.get(depth=2)
    index = home.add_child(instance=PlaybookIndexPage(title="Playbooks", slug="playbooks"))
    index.save_revision().publish()
    return index


@pytest.fixture
def board(library) -> ConsultationBoardPage:
    page = library.add_child(instance=ConsultationBoardPage(title="Board", slug="board"))
    page.save_revision().publish()
    return page


@pytest.fixture
def make_playbook(library):
    def make(title="Rapid response", *, category=Category.MONITORING_RESPONSE, guidance=None):
        page = PlaybookPage(
            title=title,
            category=category,
            purpose=f"Purpose of {title}.",
            when_to_use="When a critical post spreads.",
            guidance=guidance if guidance is not None else GUIDANCE,
        )
        library.add_child(instance=page)
        page.save_revision().publish()
        return page

    return make


@pytest.fixture
def playbook(make_playbook) -> PlaybookPage:
    return make_playbook()


@pytest.fixture
def civil_servant(make_user, organizations):
    user = make_user("learner")
    Employment.objects.create(user=user, organization=organizations["chirchiq"])
    return user


@pytest.fixture
def colleague(make_user, organizations):
    user = make_user("colleague")
    Employment.objects.create(user=user, organization=organizations["angren"])
    return user


@pytest.fixture
def citizen(make_user):
    return make_user("citizen")


@pytest.fixture
def trainer(make_user):
    return make_user("trainer", groups=[TRAINERS])


# Built once per run: the formats stamp the build time into the file, so two builds a second
# apart differ, and a test comparing a download with a fresh build would fail by the clock.
@functools.cache
def docx_bytes() -> bytes:
    return build_docx([{"heading": "Plan"}, {"paragraph": "Text"}])


@functools.cache
def odt_bytes() -> bytes:
    return build_odt([{"heading": "Plan"}])


@functools.cache
def xlsx_bytes() -> bytes:
    return build_xlsx([{"name": "Plan", "columns": ["Date"], "rows": [["1 May"]]}])


def upload(name: str, content: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content)


@pytest.fixture
def template_file(playbook, trainer) -> TemplateFile:
    template = TemplateFile.objects.create(playbook=playbook, title="Rapid response plan")
    template_version_add(
        template=template,
        content=docx_bytes(),
        filename="plan.docx",
        label="1.0",
        change_note="First edition",
        author=trainer,
        published_by=trainer,
    )
    return template


def read_all(response) -> bytes:
    buffer = io.BytesIO()
    for chunk in response.streaming_content:
        buffer.write(chunk)
    return buffer.getvalue()
