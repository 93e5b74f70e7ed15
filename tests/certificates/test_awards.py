"""Which certificate a course awards: chosen in the course editor, kept in the page's revisions,
owned by certificates (courses know nothing of it)."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

from certificates.models import CertificateAward, CertificateTemplate
from certificates.selectors import certificate_template_for_course
from certificates.services import certificate_award_set, certificate_issue
from core.models import HomePage
from courses.models import CourseIndexPage, CoursePage

pytestmark = pytest.mark.django_db


def course_form(**extra):
    return nested_form_data(
        {
            "title": "Ethics in social media",
            "slug": "ethics",
            "summary": "How a press service answers citizens.",
            "audience": "civil_servants",
            "estimated_minutes": 45,
            "learning_objectives": streamfield([]),
            "topics": "",
            "completion_rule": "all_lessons",
            "completion_percent": 100,
            **extra,
        }
    )


class CourseEditorTests(WagtailPageTestCase):
    def setUp(self):
        self.template = CertificateTemplate.objects.create(
            title="Sertifikat",
            body="{name}",
            issuer="Agentlik",
            signatory_name="A",
            signatory_title="B",
        )
        self.catalogue = HomePage.objects.get(depth=2).add_child(
            instance=CourseIndexPage(title="Courses", slug="courses")
        )

    def test_the_course_editor_offers_the_certificate(self):
        self.login()
        course = self.catalogue.add_child(
            instance=CoursePage(title="Ethics", slug="ethics", summary="s")
        )
        html = self.client.get(reverse("wagtailadmin_pages:edit", args=[course.pk])).content
        assert b'name="certificate_awards-TOTAL_FORMS"' in html
        assert b"Certificate template" in html

    def test_choosing_a_certificate_in_the_editor_publishes_the_award(self):
        self.login()
        self.assertCanCreate(
            self.catalogue,
            CoursePage,
            course_form(certificate_awards=inline_formset([{"template": self.template.pk}])),
        )
        course = CoursePage.objects.get(slug="ethics")
        assert certificate_template_for_course(course) == self.template
        assert course.latest_revision.content["certificate_awards"][0]["template"] == (
            self.template.pk
        )

    def test_two_certificates_for_one_course_are_refused_and_nothing_is_saved(self):
        self.login()
        other = CertificateTemplate.objects.create(
            title="Boshqa", body="{name}", issuer="I", signatory_name="S", signatory_title="T"
        )
        url = reverse("wagtailadmin_pages:add", args=["courses", "coursepage", self.catalogue.pk])

        response = self.client.post(
            url,
            course_form(
                certificate_awards=inline_formset(
                    [{"template": self.template.pk}, {"template": other.pk}]
                ),
                **{"action-publish": "publish"},
            ),
        )

        assert response.status_code == 200  # the form again, with the error
        awards = response.context["form"].formsets["certificate_awards"]
        assert awards.non_form_errors()  # "Please submit at most 1 form.", in the user's language
        assert not CoursePage.objects.filter(slug="ethics").exists()
        assert not CertificateAward.objects.exists()

    def test_a_course_created_without_a_certificate_awards_none(self):
        self.login()
        self.assertCanCreate(
            self.catalogue, CoursePage, course_form(certificate_awards=inline_formset([]))
        )
        assert certificate_template_for_course(CoursePage.objects.get(slug="ethics")) is None


def test_setting_the_award_on_a_live_course_publishes_it(course, certificate_template):
    course.save_revision().publish()
    other = CertificateTemplate.objects.create(
        title="Boshqa", body="{name}", issuer="I", signatory_name="S", signatory_title="T"
    )
    revisions = course.revisions.count()

    certificate_award_set(course=course, template=other)

    course.refresh_from_db()
    assert certificate_template_for_course(course) == other
    assert course.revisions.count() == revisions + 1
    assert not course.has_unpublished_changes
    # An editor opening the course now sees the new award (it is in the latest revision).
    assert [
        a.template_id for a in course.get_latest_revision_as_object().certificate_awards.all()
    ] == [other.pk]


def test_setting_it_again_changes_nothing(course, certificate_template):
    course.save_revision().publish()
    revisions = course.revisions.count()

    certificate_award_set(course=course, template=certificate_template)

    assert course.revisions.count() == revisions


def test_a_pending_draft_keeps_the_new_award_until_it_is_published(course, certificate_template):
    course.save_revision().publish()
    draft = course.get_latest_revision_as_object()
    draft.summary = "A new summary waiting for approval."
    draft.save_revision()
    course.refresh_from_db()

    certificate_award_set(course=course, template=None)

    assert certificate_template_for_course(course) == certificate_template  # still live
    course.refresh_from_db()
    course.get_latest_revision().publish()
    assert certificate_template_for_course(course) is None


def test_the_database_refuses_a_second_award_for_one_course(course, certificate_template):
    with pytest.raises(IntegrityError), transaction.atomic():
        CertificateAward.objects.create(course=course, template=certificate_template)


def test_a_course_without_an_award_issues_no_certificate(completed, course):
    certificate_award_set(course=course, template=None)

    with pytest.raises(ValidationError) as error:
        certificate_issue(enrolment=completed)
    assert error.value.code == "no_template"
