"""The staff report: cells, suppression of small groups, simulated people kept apart, CSV and
the command."""

import json
from io import StringIO

import pytest
from django.contrib.auth.models import Permission
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from outcomes.models import Participation, Phase, Sitting
from outcomes.report import MIN_CELL, report_build
from outcomes.simulation import CELLS, simulated_cohort_load

pytestmark = pytest.mark.django_db


def person(measured, *, pre, post, language="uz", script="latn", audience="public", **fields):
    """A participant with a test before and after: (real right, fake right) out of 5 each."""
    participation = Participation.objects.create(
        measured_course=measured,
        language=language,
        script=script,
        audience=audience,
        form_order="AB",
        **fields,
    )
    for phase, (real, fake) in ((Phase.PRE, pre), (Phase.POST, post)):
        Sitting.objects.create(
            participation=participation,
            phase=phase,
            form="A",
            real_items=5,
            fake_items=5,
            real_said_real=real,
            fake_said_fake=fake,
            finished_at=timezone.now(),
        )
    return participation


# Ten people: (pre real, pre fake) → (post real, post fake); discernment 5,6,7,4,6,5,8,6,5,7
# before and 7,6,8,6,7,7,8,7,6,9 after, as in test_statistics.
PAIRS = [
    ((3, 2), (4, 3)),
    ((3, 3), (3, 3)),
    ((4, 3), (4, 4)),
    ((2, 2), (3, 3)),
    ((3, 3), (4, 3)),
    ((3, 2), (3, 4)),
    ((4, 4), (4, 4)),
    ((3, 3), (3, 4)),
    ((3, 2), (3, 3)),
    ((4, 3), (4, 5)),
]


def test_a_cell_of_ten_shows_means_and_dz_matching_the_hand_computation(measured):
    for pre, post in PAIRS:
        person(measured, pre=pre, post=post)
    cell = report_build(measured)["cells"][0]
    assert cell["participants"] == 10 and not cell["suppressed"]
    assert cell["discernment"]["pre"]["value"] == pytest.approx(5.9)
    assert cell["discernment"]["pre"]["low"] == pytest.approx(5.9 - 0.856, abs=0.001)
    assert cell["discernment"]["post"]["value"] == pytest.approx(7.1)
    assert cell["dz_post"]["value"] == pytest.approx(1.521, abs=0.001)
    assert cell["dz_post"]["low"] == pytest.approx(0.611, abs=0.001)
    assert cell["discernment"]["retention"] is None  # nobody yet: not shown


def test_cells_under_ten_people_are_not_shown(measured):
    for pre, post in PAIRS:
        person(measured, pre=pre, post=post)
    for pre, post in PAIRS[: MIN_CELL - 1]:
        person(measured, pre=pre, post=post, language="ru", script="")
    report = report_build(measured)
    ru = next(cell for cell in report["cells"] if cell["language"] == "ru")
    assert ru == {
        "language": "ru",
        "script": "",
        "audience": "public",
        "participants": None,
        "suppressed": True,
    }
    assert report["all"]["participants"] == 19
    csv_rows = report_rows_csv(measured)
    assert len(csv_rows) == 1 + 10  # the Russian nine are left out of the export too
    assert all(row[1] == "uz" for row in csv_rows[1:])


def report_rows_csv(measured, **options):
    out = StringIO()
    call_command("outcomes_report", course=measured.key, format="csv", stdout=out, **options)
    return [line.split(",") for line in out.getvalue().strip().splitlines()]


def test_csv_is_anonymised_and_paired(measured, make_user):
    people = [person(measured, pre=pre, post=post) for pre, post in PAIRS]
    people[0].user = make_user("named")
    people[0].save()
    Participation.objects.create(  # no test before: not paired, not exported
        measured_course=measured,
        language="uz",
        script="latn",
        audience="public",
        form_order="BA",
    )
    rows = report_rows_csv(measured)
    text = "\n".join(",".join(row) for row in rows)
    assert rows[0][:5] == ["person", "language", "script", "audience", "form_order"]
    assert [row[0] for row in rows[1:]] == [f"P{n:04d}" for n in range(1, 11)]
    assert "named" not in text and all(p.token not in text for p in people)
    assert sorted(int(row[5]) for row in rows[1:]) == sorted([5, 6, 7, 4, 6, 5, 8, 6, 5, 7])


def test_simulated_people_are_never_counted_with_real_ones(measured):
    for pre, post in PAIRS:
        person(measured, pre=pre, post=post, simulated=True)
    real = report_build(measured)
    assert real["all"]["suppressed"] and real["cells"] == []
    simulated = report_build(measured, simulated=True)
    assert simulated["simulated"] and simulated["all"]["participants"] == 10
    out = StringIO()
    call_command("outcomes_report", course=measured.key, format="json", stdout=out)
    assert json.loads(out.getvalue())["all"]["suppressed"] is True


def test_the_report_page_is_for_staff_with_the_permission(client, measured, make_user):
    url = reverse("outcomes_report", args=[measured.key])
    staff = make_user("analyst", is_staff=True)
    staff.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(staff)
    assert client.get(url).status_code in (302, 403)
    staff.user_permissions.add(Permission.objects.get(codename="view_outcomes_report"))
    for pre, post in PAIRS:
        person(measured, pre=pre, post=post)
    page = client.get(url)
    assert page.status_code == 200
    assert 'id="outcomes-cells"' in page.content.decode()
    export = client.get(url + "?export=csv")
    assert export["Content-Type"].startswith("text/csv")
    assert export.content.decode().count("\n") == 11


def test_demo_cohort_is_labelled_and_hides_small_groups(measured):
    people = simulated_cohort_load(
        measured, lessons=list(measured.course.get_children().specific())
    )
    assert people == sum(cell[3] for cell in CELLS)
    assert not Participation.objects.filter(simulated=False).exists()
    report = report_build(measured, simulated=True)
    english = next(cell for cell in report["cells"] if cell["language"] == "en")
    assert english["suppressed"]
    assert report["all"]["dz_post"]["value"] > 0
    assert report["exercises"][0]["answered"] == people


def test_report_reads_in_a_fixed_number_of_queries(measured, django_assert_max_num_queries):
    for pre, post in PAIRS * 3:
        person(measured, pre=pre, post=post)
    with django_assert_max_num_queries(5):
        report = report_build(measured)
    assert report["all"]["participants"] == 30


def test_trainers_see_the_report_and_the_simulated_cohort_apart(client, measured, make_user):
    client.force_login(make_user("trainer", groups=["Trainers"]))
    simulated_cohort_load(measured, lessons=list(measured.course.get_children().specific()))
    url = reverse("outcomes_report", args=[measured.key])
    real = client.get(url).content.decode()
    assert 'id="outcomes-simulated-label"' not in real
    assert "?simulated=1" in real
    simulated = client.get(url + "?simulated=1").content.decode()
    assert 'id="outcomes-simulated-label"' in simulated
    assert 'id="outcomes-exercises"' in simulated
    citizen = make_user("citizen")
    client.force_login(citizen)
    assert client.get(url).status_code in (302, 403)
