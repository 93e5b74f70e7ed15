"""Line managers: an employment names the learner's manager; the manager gets a weekly digest of
their people's overdue and soon-due training and a read-only report of it, and sees only their
own people."""

import datetime

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone, translation

from accounts.models import Employment
from courses.assignments.services import assignment_create
from courses.models import Audience, RequiredCourse
from courses.reminders import reminders_send

from .test_compliance import table_rows

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()
DAY = datetime.timedelta(days=1)


@pytest.fixture
def course(make_course):
    return make_course("Ethics in social media", audience=Audience.CIVIL_SERVANTS, lessons=1)


@pytest.fixture
def team(course, organizations, make_user, django_capture_on_commit_callbacks):
    """Manager Malika manages Late (overdue) and Soon (due in 5 days) and Later (due in 60 days);
    Other is managed by someone else."""
    malika = make_user("malika", full_name="Malika Saidova", preferred_language="en")
    boss = make_user("boss", full_name="Other Boss")
    people = {}
    for username, manager in [
        ("late", malika),
        ("soon", malika),
        ("later", malika),
        ("other", boss),
    ]:
        people[username] = make_user(username, full_name=f"{username.title()} Person")
        Employment.objects.create(
            user=people[username],
            organization=organizations["chirchiq"],
            manager=manager,
            started_on=TODAY - 30 * DAY,  # not among the daily run's recent joiners
        )
    with django_capture_on_commit_callbacks(execute=True):
        assignment_create(
            course=course, organization=organizations["tashkent-region"], due_on=TODAY + 60 * DAY
        )
    RequiredCourse.objects.filter(user=people["late"]).update(due_on=TODAY - DAY)
    RequiredCourse.objects.filter(user=people["soon"]).update(due_on=TODAY + 5 * DAY)
    RequiredCourse.objects.filter(user=people["other"]).update(due_on=TODAY - DAY)
    return {"manager": malika, "boss": boss, **people}


def test_a_manager_sees_only_their_people_read_only(client, team, make_user):
    client.force_login(team["manager"])
    response = client.get(reverse("courses:team"))
    assert response.status_code == 200
    rows = table_rows(response.content.decode(), "team-training")
    assert [row[0] for row in rows] == ["Late Person", "Later Person", "Soon Person"]
    assert "<form" not in response.content.decode().split('id="team-training"')[1]
    # Someone who manages nobody (the learner, another user) has no team report.
    client.force_login(team["late"])
    assert client.get(reverse("courses:team")).status_code == 404
    client.force_login(team["boss"])
    assert [
        row[0]
        for row in table_rows(client.get(reverse("courses:team")).content.decode(), "team-training")
    ] == ["Other Person"]


def test_an_ended_employment_no_longer_makes_someone_a_manager(client, team):
    Employment.objects.filter(manager=team["boss"]).update(ended_on=TODAY)
    client.force_login(team["boss"])
    assert client.get(reverse("courses:team")).status_code == 404


def test_managers_get_one_weekly_digest_of_overdue_and_soon_due_training(team):
    counts = reminders_send()
    assert counts.manager_digests == 2
    [digest] = [m for m in mail.outbox if m.to == [team["manager"].email]]
    assert digest.subject == "Your team: 2 required courses need attention"
    assert "Late Person: Ethics in social media — Overdue" in digest.body
    assert "Soon Person: Ethics in social media — Not started" in digest.body
    assert "Later Person" not in digest.body  # due in 60 days
    assert "Other Person" not in digest.body  # someone else's
    assert reverse("courses:team") in digest.body
    reminders_send(today=TODAY)  # the same week: nothing more
    assert len([m for m in mail.outbox if m.to == [team["manager"].email]]) == 1


def test_the_dashboard_leads_a_manager_to_their_team(client, team):
    client.force_login(team["manager"])
    with translation.override("en"):
        page = client.get("/en/dashboard/").content.decode()
    assert 'href="/en/learning/team/"' in page
    # Late (overdue) and Soon (due in 5 days) need attention; Later does not.
    assert "2 required courses of your people are overdue or due within two weeks." in page

    client.force_login(team["late"])  # manages nobody: no team panel
    with translation.override("en"):
        page = client.get("/en/dashboard/").content.decode()
    assert "learning/team/" not in page
