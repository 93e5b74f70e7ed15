"""The acknowledgement report: figures per organisation and the people behind them, scoped to the
coordinator's subtree, exported as CSV, in a fixed number of queries."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.models import Employment
from regulations.models import CodePage, CodeVersionPage
from regulations.services import acknowledgement_record, code_assignment_create

from .conftest import DAY, TODAY, V1_SECTIONS, body

pytestmark = pytest.mark.django_db

REPORT = "/admin/codes/compliance/"


@pytest.fixture
def coordinator_client(client, region_coordinator):
    client.force_login(region_coordinator)
    return client


@pytest.fixture
def world(add_version, assign_code, learner, make_user, organizations):
    v1 = add_version(1)
    assign_code(organization="tashkent-region")
    code_assignment_create(code=v1.get_parent().specific, organization=organizations["mininfo"])
    outsider = make_user("outsider")
    Employment.objects.create(
        user=outsider, organization=organizations["mininfo"], started_on=TODAY - DAY
    )
    acknowledgement_record(user=learner, version=v1)
    return {"version": v1, "outsider": outsider}


def test_coordinators_see_their_subtree_only(coordinator_client, world, learner):
    response = coordinator_client.get(REPORT)
    assert response.status_code == 200
    people = [row.user for row in response.context["page"].object_list]
    assert learner in people
    assert world["outsider"] not in people
    figures = {
        row["organization__name"]: (row["assigned"], row["acknowledged"], row["pending"])
        for row in response.context["figures"]
    }
    # The coordinator works in the region and is bound by the code too.
    assert figures == {"Tashkent Region": (1, 0, 1), "Chirchiq": (1, 1, 0)}


def test_learners_cannot_open_the_report(client, learner, world):
    client.force_login(learner)
    assert client.get(REPORT).status_code in (302, 403)


def test_csv_export(coordinator_client, world, learner):
    response = coordinator_client.get(REPORT, {"export": "csv"})
    assert response["Content-Type"].startswith("text/csv")
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    lines = text.strip().splitlines()
    assert len(lines) == 3  # the header, the coordinator, the learner
    assert any(line.startswith(learner.get_full_name() + ",") for line in lines)
    assert "outsider" not in text.lower()


def _grow(index_code, organizations, make_user, count, tag):
    """More people and one more code, assigned to the region."""
    code = index_code.get_parent().add_child(
        instance=CodePage(title=f"Code {tag}", slug=f"code-{tag}")
    )
    version = code.add_child(
        instance=CodeVersionPage(
            title="Version 1",
            slug="v1",
            number=1,
            effective_on=TODAY - DAY,
            body=body(V1_SECTIONS),
        )
    )
    for number in range(count):
        user = make_user(f"{tag}{number}")
        Employment.objects.create(
            user=user, organization=organizations["angren"], started_on=TODAY - DAY
        )
    code_assignment_create(code=code, organization=organizations["tashkent-region"])
    return version


def test_the_query_count_stays_fixed_as_codes_and_people_grow(
    coordinator_client, world, organizations, make_user, django_capture_on_commit_callbacks
):
    def queries():
        with CaptureQueriesContext(connection) as context:
            assert coordinator_client.get(REPORT).status_code == 200
        return len(context.captured_queries)

    coordinator_client.get(REPORT)  # fills the permission cache, as any earlier page would
    small = queries()
    with django_capture_on_commit_callbacks(execute=True):
        _grow(world["version"].get_parent(), organizations, make_user, 20, "b")
    assert len(coordinator_client.get(REPORT).context["figures"]) > 1
    large = queries()
    assert large == small


def test_the_courses_compliance_report_is_unchanged_by_codes(
    coordinator_client, world, organizations, make_user, django_capture_on_commit_callbacks
):
    url = reverse("courses_compliance")
    coordinator_client.get(url)  # fills the permission cache, as any earlier page would
    with CaptureQueriesContext(connection) as before:
        coordinator_client.get(url)
    with django_capture_on_commit_callbacks(execute=True):
        _grow(world["version"].get_parent(), organizations, make_user, 5, "c")
    coordinator_client.get(url)
    with CaptureQueriesContext(connection) as after:
        coordinator_client.get(url)
    assert len(after.captured_queries) == len(before.captured_queries)


def test_codes_sit_beside_courses_in_the_compliance_report(
    coordinator_client, world, organizations
):
    url = reverse("courses_compliance")
    [top] = coordinator_client.get(url).context["sections"]
    assert [
        (r["organization"].code, r["assigned"], r["acknowledged"]) for r in top.context["rows"]
    ] == [("tashkent-region", 2, 1)]
    # The same drill-down: one level down, the region's districts and the people directly in it.
    region = organizations["tashkent-region"]
    [level] = coordinator_client.get(url, {"organization": region.pk}).context["sections"]
    rows = {
        (r["organization"].code, r["direct"]): (r["assigned"], r["pending"])
        for r in level.context["rows"]
    }
    assert rows == {("tashkent-region", True): (1, 1), ("chirchiq", False): (1, 0)}


def test_the_people_of_one_organisation_and_nothing_outside(
    coordinator_client, world, organizations, learner
):
    response = coordinator_client.get(REPORT, {"organization": organizations["chirchiq"].pk})
    assert [row.user for row in response.context["page"].object_list] == [learner]
    outside = coordinator_client.get(REPORT, {"organization": organizations["mininfo"].pk})
    assert outside.status_code == 404
    assert coordinator_client.get(REPORT, {"organization": "x"}).status_code == 404
