import pytest

from outcomes.models import MeasuredCourse
from outcomes.services import instrument_load
from tests.courses.conftest import catalogue, make_course  # noqa: F401 (fixtures)

FACT_CHECK_ID = "5c1e0b8e-1111-4222-8333-944455556666"


def fact_check_value(verdict="false"):
    return {
        "claim": "Water will be cut off in the whole district for a week.",
        "claimant": "An anonymous channel",
        "claimant_kind": "organization",
        "claim_date": None,
        "appearance_url": "",
        "evidence": [{"text": "The utility lists six hours.", "source_title": "Notice"}],
        "verdict": verdict,
        "explanation": "<p>Six hours on two streets.</p>",
    }


@pytest.fixture
def measured(make_course):  # noqa: F811
    course = make_course("Fact checking", lessons=2)
    lesson = course.get_children().first().specific
    lesson.body = [{"type": "fact_check", "value": fact_check_value(), "id": FACT_CHECK_ID}]
    lesson.save_revision().publish()
    return MeasuredCourse.objects.create(
        key="fact-checking", course=course, instrument=instrument_load()
    )
