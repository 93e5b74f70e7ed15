"""``seed_demo``: the headline test, the public fact-checking course measured with it, and a
clearly labelled simulated cohort (outcomes/simulation.py) so that the report shows something."""

from core.demo import DemoRun

from .models import MeasuredCourse
from .services import instrument_load
from .simulation import simulated_cohort_load

MEASURED_COURSE = "fact-checking-basics"


def demo_load(run: DemoRun) -> None:
    instrument = instrument_load()
    course = run.loaded.get("courses", {}).get(MEASURED_COURSE)
    if course is None:
        return
    measured, _created = MeasuredCourse.objects.update_or_create(
        key=MEASURED_COURSE, defaults={"course": course, "instrument": instrument}
    )
    lessons = list(course.lessons())
    people = simulated_cohort_load(measured, lessons=lessons)
    if run.stdout is not None:
        run.stdout.write(
            f"Outcomes: {people} simulated people for {MEASURED_COURSE} (labelled as simulated)."
        )
