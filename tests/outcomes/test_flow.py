"""A learner's path through the tests: before (optional), after, four weeks later; the
counterbalanced forms; the reminder; the recorded fact-check verdicts."""

import datetime

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from courses.reminders import reminders_send
from outcomes.models import ExerciseVerdict, Headline, Participation, Phase
from outcomes.reminders import retention_reminders_send
from outcomes.selectors import SESSION_KEY
from tests.courses.conftest import in_uzbek, lessons_of

from .conftest import FACT_CHECK_ID

pytestmark = pytest.mark.django_db


def answers_for(form, *, right: int, measured) -> dict:
    """Answers to a form's headlines: the first ``right`` headlines right, the rest wrong."""
    data = {}
    for number, headline in enumerate(
        Headline.objects.filter(instrument=measured.instrument, form=form)
    ):
        correct = "real" if headline.is_real else "fake"
        wrong = "fake" if headline.is_real else "real"
        data[f"h-{headline.pk}"] = correct if number < right else wrong
    return data


def test_pre_test_is_offered_with_a_consent_line_and_a_skip(client, measured):
    course_page = client.get(measured.course.url)
    assert in_uzbek("Before you start: a short headline test") in course_page.content.decode()
    page = client.get(reverse("outcomes:test", args=[measured.key, "pre"]))
    html = page.content.decode()
    assert page.status_code == 200
    assert 'id="consent"' in html
    assert html.count('value="real"') == 10  # ten headlines, half true, half invented
    assert in_uzbek("Skip the test and start the course") in html

    skipped = client.post(reverse("outcomes:test", args=[measured.key, "pre"]), {"skip": "1"})
    first_lesson = lessons_of(measured.course)[0]
    assert skipped.url == first_lesson.url
    participation = Participation.objects.get()
    assert participation.pre_skipped and participation.user is None
    assert not participation.sittings.exists()
    # The offer is gone; the pre-test is closed.
    assert (
        in_uzbek("Before you start: a short headline test")
        not in client.get(measured.course.url).content.decode()
    )


def test_forms_are_counterbalanced_across_learners(client_factory, measured):
    orders = []
    for _person in range(4):
        client = client_factory()
        page = client.get(reverse("outcomes:test", args=[measured.key, "pre"]))
        order = page.context["form_order"]
        data = {"order": order, **answers_for(order[0], right=6, measured=measured)}
        client.post(reverse("outcomes:test", args=[measured.key, "pre"]), data)
        orders.append(order)
    assert orders == ["AB", "BA", "AB", "BA"]
    for participation in Participation.objects.all():
        pre = participation.sittings.get(phase=Phase.PRE)
        assert pre.form == participation.form_order[0]
        assert participation.form_for(Phase.POST) != pre.form
        assert participation.form_for(Phase.RETENTION) == pre.form


@pytest.fixture
def client_factory():
    return Client


def test_visitor_takes_pre_course_post_and_sees_the_change(client, measured):
    pre_url = reverse("outcomes:test", args=[measured.key, "pre"])
    order = client.get(pre_url).context["form_order"]
    response = client.post(
        pre_url, {"order": order, **answers_for(order[0], right=5, measured=measured)}
    )
    lessons = lessons_of(measured.course)
    assert response.url == lessons[0].url
    participation = Participation.objects.get()
    assert client.session[SESSION_KEY] == {str(measured.pk): participation.token}
    assert (
        participation.sittings.get(phase=Phase.PRE).real_said_real
        + participation.sittings.get(phase=Phase.PRE).fake_said_fake
        == 5
    )

    post_url = reverse("outcomes:test", args=[measured.key, "post"])
    # Not before the course is done: the result page instead (the pre-test so far).
    assert client.get(post_url).url == reverse("outcomes:result", args=[participation.token])

    for lesson in lessons:
        client.post(reverse("courses:lesson_complete", args=[lesson.pk]))
    assert (
        in_uzbek("You finished the course: one last short test")
        in client.get(measured.course.url).content.decode()
    )
    response = client.post(post_url, answers_for(order[1], right=8, measured=measured))
    assert response.url == reverse("outcomes:result", args=[participation.token])
    result = client.get(response.url).content.decode()
    assert 'id="outcomes-change"' in result
    assert "8 / 10" in result and "5 / 10" in result
    assert 'id="outcomes-keep-link"' in result  # a visitor keeps the link for the last test


def test_post_test_starts_four_weeks_to_the_retention_test(client, measured):
    lessons = lessons_of(measured.course)
    for lesson in lessons:
        client.post(reverse("courses:lesson_complete", args=[lesson.pk]))
    post_url = reverse("outcomes:test", args=[measured.key, "post"])
    post_page = client.get(post_url)
    assert 'id="consent"' in post_page.content.decode()  # no earlier test: asked here
    order = post_page.context["form_order"]
    before = timezone.now()
    client.post(post_url, {"order": order, **answers_for(order[1], right=7, measured=measured)})
    participation = Participation.objects.get()
    assert participation.pre_skipped  # came straight to the test after the course
    due = participation.retention_due_at
    assert (
        before + datetime.timedelta(days=28) <= due <= timezone.now() + datetime.timedelta(days=28)
    )

    later_url = reverse("outcomes:retention", args=[participation.token])
    # Too early: back to the result, which names the date.
    assert client.get(later_url).url == reverse("outcomes:result", args=[participation.token])
    Participation.objects.update(retention_due_at=timezone.now() - datetime.timedelta(minutes=1))
    page = client.get(later_url)
    assert page.status_code == 200
    client.post(later_url, answers_for(order[0], right=9, measured=measured))
    later = participation.sittings.get(phase=Phase.RETENTION)
    assert later.form == order[0] and later.real_said_real + later.fake_said_fake == 9
    # Once only.
    assert client.get(later_url).status_code == 302


def test_incomplete_answers_are_refused_with_a_message(client, measured):
    pre_url = reverse("outcomes:test", args=[measured.key, "pre"])
    order = client.get(pre_url).context["form_order"]
    data = answers_for(order[0], right=10, measured=measured)
    data.pop(next(iter(data)))
    response = client.post(pre_url, {"order": order, **data})
    assert response.status_code == 400
    assert in_uzbek("Answer every headline: real or fake.") in response.content.decode()
    assert not Participation.objects.exists()


def test_reminder_goes_once_to_account_holders_when_four_weeks_are_over(measured, make_user):
    learner = make_user("learner", preferred_language="en")
    other = make_user("other")
    now = timezone.now()
    due = Participation.objects.create(
        measured_course=measured,
        user=learner,
        language="en",
        audience="public",
        form_order="AB",
        retention_due_at=now - datetime.timedelta(hours=1),
    )
    Participation.objects.create(  # not yet due
        measured_course=measured,
        user=other,
        language="uz",
        audience="public",
        form_order="BA",
        retention_due_at=now + datetime.timedelta(days=3),
    )
    Participation.objects.create(  # a visitor: no e-mail, they keep the link
        measured_course=measured,
        language="uz",
        audience="public",
        form_order="AB",
        retention_due_at=now - datetime.timedelta(days=1),
    )
    assert retention_reminders_send(now=now) == ("retention_tests", {"sent": 1, "failed": 0})
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [learner.email]
    assert f"/en/outcomes/my/{due.token}/later/" in mail.outbox[0].body
    # The daily run of courses includes it, and sends nothing twice.
    counts = reminders_send()
    assert counts.others["retention_tests"] == {"sent": 0, "failed": 0}
    assert len(mail.outbox) == 1


def test_an_accounts_result_is_its_own(client, measured, make_user):
    owner = make_user("owner")
    participation = Participation.objects.create(
        measured_course=measured, user=owner, language="uz", audience="public", form_order="AB"
    )
    url = reverse("outcomes:result", args=[participation.token])
    assert client.get(url).status_code == 404
    client.force_login(make_user("intruder"))
    assert client.get(url).status_code == 404
    client.force_login(owner)
    assert client.get(url).status_code == 200


def test_fact_check_verdicts_are_recorded_once_per_learner(client, measured, make_user):
    lesson = lessons_of(measured.course)[0]
    url = reverse("courses:fact_check_answer", args=[lesson.pk, FACT_CHECK_ID])
    page = client.get(lesson.url).content.decode()
    assert f'action="{url}"' in page
    response = client.post(url, {f"verdict-{FACT_CHECK_ID}": "true"})
    assert response.url == f"{lesson.url}?verdict-{FACT_CHECK_ID}=true#fact-check-{FACT_CHECK_ID}"
    assert "fact-check__result--incorrect" in client.get(response.url).content.decode()
    client.post(url, {f"verdict-{FACT_CHECK_ID}": "false"})  # a second try is not counted
    verdict = ExerciseVerdict.objects.get()
    assert (verdict.chosen, verdict.is_correct, verdict.user) == ("true", False, None)

    client.force_login(make_user("learner"))
    client.post(url, {f"verdict-{FACT_CHECK_ID}": "false"})
    assert ExerciseVerdict.objects.filter(user__username="learner", is_correct=True).count() == 1

    assert client.post(url, {f"verdict-{FACT_CHECK_ID}": "pants_on_fire"}).status_code == 400
    other = reverse("courses:fact_check_answer", args=[lesson.pk, "not-a-block"])
    assert client.post(other, {"verdict-not-a-block": "false"}).status_code == 404


def test_headlines_are_shown_in_the_readers_language(client, measured):
    headline = Headline.objects.filter(instrument=measured.instrument, form="A").first()
    uzbek = client.get(reverse("outcomes:test", args=[measured.key, "pre"])).content.decode()
    assert headline.text_uz in uzbek
    cyrillic = client.get(
        reverse("outcomes:test", args=[measured.key, "pre"]) + "?script=cyrl"
    ).content.decode()
    assert headline.text_uz not in cyrillic and "Вазирлик" in cyrillic


def test_course_page_with_the_offer_stays_within_its_query_budget(
    client, measured, django_assert_max_num_queries
):
    client.get(measured.course.url)  # warm the site and locale caches
    with django_assert_max_num_queries(12):
        page = client.get(measured.course.url)
    assert in_uzbek("Take the test before the course") in page.content.decode()


def test_the_dashboard_offers_the_test_after_a_completed_course(client, measured, make_user):
    learner = make_user("learner")
    client.force_login(learner)
    assert in_uzbek("Your headline tests") not in client.get("/dashboard/").content.decode()
    for lesson in lessons_of(measured.course):
        client.post(reverse("courses:lesson_complete", args=[lesson.pk]))
    post_url = reverse("outcomes:test", args=[measured.key, "post"])
    assert f'href="{post_url}"' in client.get("/dashboard/").content.decode()
    order = client.get(post_url).context["form_order"]
    client.post(post_url, {"order": order, **answers_for(order[1], right=6, measured=measured)})
    participation = Participation.objects.get(user=learner)
    dashboard = client.get("/dashboard/").content.decode()
    assert reverse("outcomes:result", args=[participation.token]) in dashboard
    assert f'href="{post_url}"' not in dashboard
