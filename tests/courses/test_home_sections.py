"""The home page is a starting point: the public courses for visitors, the reader's required
training for a civil servant, the administration for staff; signing in leads to the dashboard."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from courses.assignments.services import assignment_create
from courses.models import Audience

from .conftest import in_uzbek

pytestmark = pytest.mark.django_db


def home(client) -> str:
    response = client.get("/")
    assert response.status_code == 200
    return response.content.decode()


def test_visitor_sees_the_public_course_and_where_to_sign_in(client, make_course):
    make_course("Check before you share")
    make_course("Press work", audience=Audience.CIVIL_SERVANTS)
    html = home(client)
    assert "Check before you share" in html and "Press work" not in html
    assert reverse("account_login") in html
    assert in_uzbek("Your required training") not in html


def test_civil_servant_with_a_due_course_sees_it_first(
    client, make_course, civil_servant, organizations, django_capture_on_commit_callbacks
):
    course = make_course("Press work", audience=Audience.CIVIL_SERVANTS, lessons=1)
    with django_capture_on_commit_callbacks(execute=True):
        assignment_create(
            course=course,
            organization=organizations["tashkent-region"],
            due_on=timezone.localdate() + datetime.timedelta(days=9),
        )
    client.force_login(civil_servant)
    html = home(client)
    section = html.split('id="home-required-heading"')[1].split("</section>")[0]
    assert "Press work" in section and reverse("dashboard") in section
    assert html.index("home-required-heading") < html.index("audiences-heading")


def test_staff_see_the_administration(client, make_user):
    client.force_login(make_user("trainer", groups=["Trainers"]))
    assert reverse("wagtailadmin_home") in home(client)


def test_signing_in_leads_to_the_dashboard(client, make_user):
    make_user("learner", password="Long-enough-2026")
    response = client.post(
        reverse("account_login"), {"login": "learner", "password": "Long-enough-2026"}
    )
    assert response.status_code == 302 and response["Location"] == reverse("dashboard")
