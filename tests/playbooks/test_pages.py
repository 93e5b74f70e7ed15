"""The page types, the library's filters and search, the playbook page and adoption."""

import pytest
from django.test import override_settings
from django.urls import reverse
from django.utils import translation
from django.utils.translation import ngettext
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from accounts.models import Employment
from core.models import HomePage
from playbooks import adoptions, consultations, files
from playbooks.models import (
    Adoption,
    Category,
    ConsultationBoardPage,
    PlaybookIndexPage,
    PlaybookPage,
)

from .conftest import docx_bytes

pytestmark = pytest.mark.django_db


class PlaybookPageTypeTests(WagtailPageTestCase):
    def test_page_tree_rules(self):
        self.assertAllowedParentPageTypes(PlaybookIndexPage, {HomePage})
        self.assertAllowedSubpageTypes(PlaybookIndexPage, {PlaybookPage, ConsultationBoardPage})
        self.assertAllowedParentPageTypes(PlaybookPage, {PlaybookIndexPage})
        self.assertAllowedSubpageTypes(PlaybookPage, set())
        self.assertAllowedParentPageTypes(ConsultationBoardPage, {PlaybookIndexPage})

    def test_trainer_forms_create_the_library_a_playbook_and_the_board(self):
        self.login()
        home = HomePage.objects.get(depth=2)
        self.assertCanCreate(
            home,
            PlaybookIndexPage,
            nested_form_data({"title": "Playbooks", "slug": "playbooks", "intro": ""}),
        )
        index = PlaybookIndexPage.objects.get()
        self.assertCanCreate(
            index,
            PlaybookPage,
            nested_form_data(
                {
                    "title": "Rapid response",
                    "slug": "rapid-response",
                    "category": Category.MONITORING_RESPONSE,
                    "purpose": "Answer a critical post within a day.",
                    "when_to_use": "When a false post spreads.",
                    "guidance": streamfield(
                        [
                            ("heading", {"text": "Record the post", "level": "h2"}),
                            ("rich_text", rich_text("<p>Write down the source.</p>")),
                            (
                                "checklist",
                                {
                                    "title": "Before",
                                    "entries": streamfield([("item", "Facts checked")]),
                                },
                            ),
                        ]
                    ),
                }
            ),
        )
        self.assertCanCreate(
            index,
            ConsultationBoardPage,
            nested_form_data({"title": "Board", "slug": "board", "intro": ""}),
        )

    def test_pages_render_and_preview(self):
        home = HomePage.objects.get(depth=2)
        index = home.add_child(instance=PlaybookIndexPage(title="Playbooks", slug="playbooks"))
        playbook = index.add_child(
            instance=PlaybookPage(
                title="Rapid response",
                slug="rapid",
                category=Category.MONITORING_RESPONSE,
                purpose="p",
                when_to_use="w",
                guidance=[("rich_text", "<p>Step one.</p>")],
            )
        )
        board = index.add_child(instance=ConsultationBoardPage(title="Board", slug="board"))
        for page in (index, playbook, board):
            self.assertPageIsRenderable(page)
        self.assertPageIsPreviewable(index)


def test_categories_are_the_duties_in_demo_readme():
    assert Category.values == [
        "informing-public", "coverage-plans", "image-and-opinion", "agency-cooperation",
        "journalists-bloggers", "leader-appearances", "monitoring-response", "news-materials",
        "reporting-leadership", "diplomatic-missions", "publishing-regulations", "media-archive",
        "citizen-appeals",
    ]  # fmt: skip


def test_the_library_filters_by_category_and_searches(client, make_playbook, library):
    make_playbook("Rapid response", category=Category.MONITORING_RESPONSE)
    make_playbook(
        "Monthly coverage plan",
        category=Category.COVERAGE_PLANS,
        guidance=[("rich_text", "<p>Choose a channel for every hokimiyat event.</p>")],
    )
    html = client.get(library.url).content.decode()
    assert "Rapid response" in html and "Monthly coverage plan" in html
    html = client.get(library.url, {"category": "coverage-plans"}).content.decode()
    assert "Monthly coverage plan" in html and "Rapid response" not in html
    html = client.get(library.url, {"q": "hokimiyat"}).content.decode()
    assert "Monthly coverage plan" in html and "Rapid response" not in html
    # An unknown category is ignored rather than an error.
    assert client.get(library.url, {"category": "nonsense"}).status_code == 200


def test_the_library_runs_a_fixed_number_of_queries(
    client, make_playbook, library, django_assert_max_num_queries
):
    for number in range(12):
        make_playbook(f"Playbook {number}")
    with django_assert_max_num_queries(20):
        response = client.get(library.url)
    assert response.content.decode().count('class="playbook-card"') == 12


def test_the_playbook_page_shows_guidance_templates_and_history(client, playbook, template_file):
    html = client.get(playbook.url).content.decode()
    assert "Write the source and the reach into the monitoring journal." in html
    assert "Rapid response plan" in html
    assert reverse("playbooks:download", args=[template_file.versions.get().pk]) in html
    assert "First edition" in html


def test_civil_servants_mark_that_their_organisation_uses_a_playbook(
    client, playbook, civil_servant, make_user, organizations
):
    colleague_same_org = make_user("second")
    Employment.objects.create(user=colleague_same_org, organization=organizations["chirchiq"])
    other = make_user("third")
    Employment.objects.create(user=other, organization=organizations["angren"])

    client.force_login(civil_servant)
    url = reverse("playbooks:adopt", args=[playbook.pk])
    client.post(url, {"organization": organizations["chirchiq"].pk})
    adoptions.adoption_toggle(user=colleague_same_org, playbook=playbook)  # same org: unmarks
    assert Adoption.objects.count() == 0
    adoptions.adoption_toggle(user=civil_servant, playbook=playbook)
    adoptions.adoption_toggle(user=other, playbook=playbook)
    html = client.get(playbook.url).content.decode()
    with translation.override("uz"):
        expected = ngettext(
            "Adopted by %(counter)s organisation", "Adopted by %(counter)s organisations", 2
        ) % {"counter": 2}
    assert expected in html
    # Someone cannot mark for an organisation they do not work in.
    response = client.post(url, {"organization": organizations["mininfo"].pk})
    assert response.status_code == 302
    assert Adoption.objects.count() == 2


def test_citizens_cannot_mark_adoption(client, playbook, citizen):
    client.force_login(citizen)
    response = client.post(reverse("playbooks:adopt", args=[playbook.pk]))
    assert response.status_code == 403
    assert not Adoption.objects.exists()


def test_the_board_lists_general_questions(client, board, civil_servant, playbook):
    consultations.thread_create(user=civil_servant, title="General question", body="?")
    consultations.thread_create(
        user=civil_servant, playbook=playbook, title="About a playbook", body="?"
    )
    html = client.get(board.url).content.decode()
    assert "General question" in html and "About a playbook" not in html


@override_settings(MULOQOT_PLAYBOOK_POSTS_PER_WINDOW=100)
def test_a_playbook_page_runs_a_fixed_number_of_queries(
    client, playbook, template_file, civil_servant, trainer, django_assert_max_num_queries
):
    for number in range(10):
        files.template_version_add(
            template=template_file,
            content=docx_bytes(),
            filename="plan.docx",
            label=f"1.{number + 1}",
            change_note="Better",
            author=civil_servant,
            published_by=trainer,
        )
        thread = consultations.thread_create(
            user=civil_servant, playbook=playbook, title=f"Question {number}", body="?"
        )
        consultations.post_create(user=trainer, thread=thread, body="Answer")
    client.force_login(civil_servant)
    with django_assert_max_num_queries(40):
        response = client.get(playbook.url)
    html = response.content.decode()
    assert html.count("<tr>") == 11 + 1  # eleven versions and the header row
    assert "Question 9" in html
