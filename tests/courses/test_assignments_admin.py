"""The "Assignments" admin: coordinators assign within their subtree only; another subtree's
assignments are neither listed nor reachable by URL; superusers assign anywhere."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.models import Employment
from courses.assignments.services import assignment_create
from courses.models import Audience, RequiredCourse, TrainingAssignment
from courses.models.assignments import MESSAGE_ONE_DUE_RULE

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()
URL = "wagtailsnippets_courses_trainingassignment:"


@pytest.fixture(autouse=True)
def english(settings):
    settings.LANGUAGE_CODE = "en"


@pytest.fixture
def course(make_course):
    return make_course("Ethics in social media", audience=Audience.CIVIL_SERVANTS, lessons=1)


@pytest.fixture
def agency_assignment(course, organizations):
    return assignment_create(course=course, organization=organizations["mininfo"], due_on=TODAY)


def form_data(course, organization, **extra):
    data = {
        "course": course.pk,
        "organization": organization.pk,
        "positions": "",
        "due_on": (TODAY + datetime.timedelta(days=30)).isoformat(),
        "due_days_after_joining": "",
        "recurrence_months": "",
        "renewal_window_days": "60",
    }
    data.update(extra)
    return data


def test_coordinator_chooses_only_organisations_they_coordinate(client, region_coordinator, course):
    client.force_login(region_coordinator)
    response = client.get(reverse(URL + "add"))
    assert response.status_code == 200
    choices = [
        str(label) for _value, label in response.context["form"].fields["organization"].choices
    ]
    assert "Tashkent Region" in choices and "Chirchiq" in choices and "Angren" in choices
    assert "Information Agency" not in choices


def test_coordinator_assigns_to_their_subtree_and_the_learners_get_the_course(
    client,
    region_coordinator,
    course,
    organizations,
    civil_servant,
    django_capture_on_commit_callbacks,
):
    client.force_login(region_coordinator)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse(URL + "add"), form_data(course, organizations["chirchiq"]))
    assert response.status_code == 302
    assignment = TrainingAssignment.objects.get()
    assert assignment.created_by == region_coordinator
    assert RequiredCourse.objects.filter(user=civil_servant, course=course).exists()


def test_posting_another_organisation_is_refused(client, region_coordinator, course, organizations):
    client.force_login(region_coordinator)
    response = client.post(reverse(URL + "add"), form_data(course, organizations["mininfo"]))
    assert response.status_code == 200
    assert "organization" in response.context["form"].errors
    assert not TrainingAssignment.objects.exists()


def test_a_due_rule_is_required(client, region_coordinator, course, organizations):
    client.force_login(region_coordinator)
    response = client.post(
        reverse(URL + "add"), form_data(course, organizations["angren"], due_on="")
    )
    assert response.status_code == 200
    assert str(MESSAGE_ONE_DUE_RULE) in response.content.decode()
    assert not TrainingAssignment.objects.exists()


def test_another_subtrees_assignment_is_not_listed_nor_reachable(
    client, region_coordinator, agency_assignment, course, organizations
):
    own = assignment_create(course=course, organization=organizations["angren"], due_on=TODAY)
    client.force_login(region_coordinator)
    listing = client.get(reverse(URL + "list"))
    assert listing.status_code == 200
    assert list(listing.context["object_list"]) == [own]
    for view in ("edit", "delete", "history", "usage"):
        response = client.get(reverse(URL + view, args=[agency_assignment.pk]))
        assert response.status_code == 404, view
    response = client.post(reverse(URL + "delete", args=[agency_assignment.pk]))
    assert response.status_code == 404
    response = client.post(
        reverse(URL + "edit", args=[agency_assignment.pk]),
        form_data(course, organizations["angren"]),
    )
    assert response.status_code == 404
    agency_assignment.refresh_from_db()
    assert agency_assignment.organization == organizations["mininfo"]
    assert client.get(reverse(URL + "edit", args=[own.pk])).status_code == 200


def test_a_coordinator_who_stopped_coordinating_sees_nothing(
    client, region_coordinator, course, organizations
):
    assignment_create(course=course, organization=organizations["angren"], due_on=TODAY)
    Employment.objects.filter(user=region_coordinator).update(is_coordinator=False)
    client.force_login(region_coordinator)
    assert list(client.get(reverse(URL + "list")).context["object_list"]) == []


def test_superusers_assign_anywhere(client, make_user, course, organizations, agency_assignment):
    client.force_login(make_user("admin", is_superuser=True))
    assert client.get(reverse(URL + "edit", args=[agency_assignment.pk])).status_code == 200
    response = client.post(reverse(URL + "add"), form_data(course, organizations["angren"]))
    assert response.status_code == 302
    assert TrainingAssignment.objects.count() == 2
