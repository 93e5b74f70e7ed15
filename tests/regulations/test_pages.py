"""The reader's side: /codes/, a code with its current and earlier versions, what changed between
two versions, acknowledging with the form on a version's page, the dashboard panel and the
learner's list of acknowledgements."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import nested_form_data, streamfield

from core.models import HomePage
from regulations.models import (
    Acknowledgement,
    ChangeKind,
    CodeIndexPage,
    CodePage,
    CodeVersionPage,
)
from regulations.models.pages import MESSAGE_NUMBER_TAKEN

from .conftest import TODAY

pytestmark = pytest.mark.django_db

V2_SECTIONS = [
    (
        "Official and personal accounts",
        "An official account speaks for the body. "
        "A personal account speaks only for its owner and never looks official.",
    ),
    ("Budget", "No personal PR is paid from the budget."),
]


class CodePageTypeTests(WagtailPageTestCase):
    def test_page_tree_rules(self):
        self.assertAllowedParentPageTypes(CodeIndexPage, {HomePage})
        self.assertAllowedSubpageTypes(CodeIndexPage, {CodePage})
        self.assertAllowedParentPageTypes(CodePage, {CodeIndexPage})
        self.assertAllowedSubpageTypes(CodePage, {CodeVersionPage})
        self.assertAllowedSubpageTypes(CodeVersionPage, set())

    def test_editors_create_a_code_and_versions_with_distinct_numbers(self):
        self.login()
        home = HomePage.objects.get(depth=2)
        self.assertCanCreate(
            home, CodeIndexPage, nested_form_data({"title": "Codes", "slug": "codes", "intro": ""})
        )
        index = CodeIndexPage.objects.get()
        self.assertCanCreate(
            index,
            CodePage,
            nested_form_data({"title": "Rules", "slug": "rules", "summary": "", "is_model": True}),
        )
        code = CodePage.objects.get()
        version = {
            "title": "Version 1",
            "slug": "v1",
            "number": 1,
            "effective_on": TODAY.isoformat(),
            "change_kind": ChangeKind.MATERIAL,
            "change_note": "",
            "body": streamfield([("section", {"heading": "Logins", "text": "Kept safe."})]),
            "check_quiz": "",
        }
        self.assertCanCreate(code, CodeVersionPage, nested_form_data(version))
        response = self.client.post(
            reverse("wagtailadmin_pages:add", args=("regulations", "codeversionpage", code.pk)),
            nested_form_data({**version, "slug": "v1-again"}),
        )
        assert response.status_code == 200
        assert str(MESSAGE_NUMBER_TAKEN) in response.content.decode()
        assert CodeVersionPage.objects.count() == 1


@pytest.fixture
def english(settings):
    settings.LANGUAGE_CODE = "en"


def test_the_list_of_codes(client, code, add_version):
    add_version(1)
    response = client.get("/codes/")
    assert response.status_code == 200
    assert code.title in response.content.decode()


def test_a_code_shows_its_current_and_earlier_versions(client, code, add_version):
    add_version(1)
    add_version(2, sections=V2_SECTIONS, effective_on=TODAY)
    response = client.get(code.url)
    content = response.content.decode()
    assert response.context["current"].number == 2
    assert [v.number for v in response.context["earlier"]] == [1]
    assert "No personal PR is paid from the budget." in content


def test_what_changed_between_two_versions(client, code, add_version):
    add_version(1)
    add_version(2, sections=V2_SECTIONS, effective_on=TODAY)
    response = client.get(code.url + "changes/", {"from": 1, "to": 2})
    assert response.status_code == 200
    content = response.content.decode()
    kinds = [section.kind for section in response.context["sections"]]
    assert kinds == ["changed", "changed"]
    # Added sentence words, a removed sentence and an added one are marked.
    assert "its owner<ins> and never looks official</ins>." in content
    assert "<del>The communications unit keeps the logins of official accounts.</del>" in content
    assert "<ins>No personal PR is paid from the budget.</ins>" in content


def test_changes_between_unknown_versions_are_not_found(client, code, add_version):
    add_version(1)
    assert client.get(code.url + "changes/", {"from": 1, "to": 7}).status_code == 404
    assert client.get(code.url + "changes/", {"from": "x"}).status_code == 404


def test_a_learner_acknowledges_the_version_in_effect(client, learner, add_version, assign_code):
    v1 = add_version(1)
    assign_code()
    client.force_login(learner)
    page = client.get(v1.url)
    assert "no-cache" in page["Cache-Control"] or "no-store" in page["Cache-Control"]
    assert reverse("regulations:acknowledge", args=[v1.pk]) in page.content.decode()
    response = client.post(reverse("regulations:acknowledge", args=[v1.pk]), {"confirm": "yes"})
    assert response.status_code == 302
    acknowledgement = Acknowledgement.objects.get()
    assert (acknowledgement.user, acknowledgement.version_number) == (learner, 1)
    assert client.get(v1.url).context["acknowledgement"] == acknowledgement


def test_acknowledging_needs_the_box_ticked_and_a_sign_in(client, learner, add_version):
    v1 = add_version(1)
    url = reverse("regulations:acknowledge", args=[v1.pk])
    assert client.post(url, {"confirm": "yes"}).status_code == 302  # to the sign-in page
    client.force_login(learner)
    client.post(url)
    assert client.get(url).status_code == 405
    assert not Acknowledgement.objects.exists()


def test_an_earlier_version_offers_no_acknowledgement(client, learner, add_version):
    v1 = add_version(1)
    add_version(2, sections=V2_SECTIONS, effective_on=TODAY)
    client.force_login(learner)
    response = client.get(v1.url)
    assert response.context["in_effect"] is False
    assert reverse("regulations:acknowledge", args=[v1.pk]) not in response.content.decode()
    client.post(reverse("regulations:acknowledge", args=[v1.pk]), {"confirm": "yes"})
    assert not Acknowledgement.objects.exists()


def test_the_dashboard_lists_codes_to_acknowledge(client, learner, add_version, assign_code):
    v1 = add_version(1)
    assign_code()
    client.force_login(learner)
    content = client.get("/dashboard/").content.decode()
    assert v1.url in content
    client.post(reverse("regulations:acknowledge", args=[v1.pk]), {"confirm": "yes"})
    assert v1.url not in client.get("/dashboard/").content.decode()


def test_the_learner_sees_what_they_acknowledged(client, learner, add_version, assign_code):
    v1 = add_version(1)
    assign_code()
    client.force_login(learner)
    client.post(reverse("regulations:acknowledge", args=[v1.pk]), {"confirm": "yes"})
    add_version(2, sections=V2_SECTIONS, effective_on=TODAY)
    response = client.get(reverse("regulations:mine"))
    assert [a.version_number for a in response.context["acknowledgements"]] == [1]
    [requirement] = response.context["requirements"]
    assert requirement.version.number == 2
    assert requirement.status == "pending"


def test_the_list_of_acknowledgements_costs_the_same_queries_for_more_rows(
    client, learner, code, add_version
):
    versions = [add_version(n) for n in (1, 2, 3)]
    client.force_login(learner)
    url = reverse("regulations:mine")

    def acknowledge(version):
        Acknowledgement.objects.create(
            user=learner,
            version=version,
            code_key=code.translation_key,
            version_number=version.number,
        )

    acknowledge(versions[0])
    client.get(url)
    with CaptureQueriesContext(connection) as one:
        assert code.title in client.get(url).content.decode()
    acknowledge(versions[1])
    acknowledge(versions[2])
    with CaptureQueriesContext(connection) as three:
        response = client.get(url)
    assert len(response.context["acknowledgements"]) == 3
    assert len(three) == len(one)


def test_a_version_with_a_short_check_links_to_it_until_passed(
    client, learner, add_version, make_quiz_for_check
):
    quiz = make_quiz_for_check()
    version = add_version(1, check_quiz=quiz)
    client.force_login(learner)
    content = client.get(version.url).content.decode()
    assert reverse("quizzes:quiz", args=[quiz.pk]) in content
    assert reverse("regulations:acknowledge", args=[version.pk]) not in content
    now = timezone.now()
    quiz.attempts.create(
        user=learner, started_at=now, finished_at=now, state="finished", passed=True
    )
    content = client.get(version.url).content.decode()
    assert reverse("regulations:acknowledge", args=[version.pk]) in content


def test_what_changed_in_uzbek_cyrillic(client, code, add_version):
    add_version(1, sections=[("Loginlar", "Loginlarni axborot xizmati saqlaydi.")])
    add_version(
        2,
        sections=[("Loginlar", "Loginlarni axborot xizmati saqlaydi. Parollar almashtiriladi.")],
        effective_on=TODAY,
    )
    content = client.get(code.url + "changes/", {"script": "cyrl"}).content.decode()
    assert "<ins>Пароллар алмаштирилади.</ins>" in content
