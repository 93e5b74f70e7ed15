"""The simulated demo cohort: made-up people whose answers follow a stated model, so that the
report shows something on a fresh ``make run``. Every row is marked ``simulated`` and the report
never counts it with real people (docs/outcomes.md, "The demo cohort").

The model (seeded, so every run makes the same cohort): each person has an ability θ ~ N(0, 1).
The chance of a right answer is logistic(base + 0.8 θ + gain), with base 0.9 for true headlines
and 0.4 for invented ones before the course. After the course invented headlines gain +0.6 and
true ones +0.1 (the course teaches to spot fakes without teaching to doubt everything); four weeks
later 60 % of the gain remains. 15 % skip the first test, 40 % never take the last one.
"""

import math
import random

from django.db import transaction
from django.utils import timezone

from .models import (
    Answer,
    ExerciseVerdict,
    FormOrder,
    MeasuredCourse,
    Participation,
    Phase,
    Sitting,
)
from .rules import RETENTION_AFTER
from .scoring import scores_from_answers

SEED = 22
# (language, script, audience, people): the English civil servants stay under 10, to show that
# small groups are hidden.
CELLS = [
    ("uz", "latn", "public", 40),
    ("uz", "latn", "civil_servant", 24),
    ("uz", "cyrl", "public", 16),
    ("ru", "", "public", 22),
    ("en", "", "civil_servant", 6),
]
BASE = {True: 0.9, False: 0.4}
GAIN = {True: 0.1, False: 0.6}
ABILITY = 0.8
KEPT_AFTER_FOUR_WEEKS = 0.6


def _p(logit: float) -> float:
    return 1 / (1 + math.exp(-logit))


def _gain(phase: str, is_real: bool) -> float:
    if phase == Phase.PRE:
        return 0.0
    return GAIN[is_real] * (1 if phase == Phase.POST else KEPT_AFTER_FOUR_WEEKS)


@transaction.atomic
def simulated_cohort_load(measured: MeasuredCourse, *, lessons=()) -> int:
    """Replace the course's simulated cohort; returns the number of simulated people."""
    Participation.objects.filter(measured_course=measured, simulated=True).delete()
    ExerciseVerdict.objects.filter(simulated=True, lesson__in=list(lessons)).delete()
    rng = random.Random(SEED)  # noqa: S311 (a reproducible demo, not a secret)
    headlines = {form: list(measured.instrument.headlines.filter(form=form)) for form in ("A", "B")}
    now = timezone.now()
    people = 0
    for language, script, audience, count in CELLS:
        for _i in range(count):
            people += 1
            theta = rng.gauss(0, 1)
            participation = Participation.objects.create(
                measured_course=measured,
                language=language,
                script=script,
                audience=audience,
                form_order=FormOrder.AB if people % 2 else FormOrder.BA,
                simulated=True,
                pre_skipped=rng.random() < 0.15,
                retention_due_at=now - RETENTION_AFTER / 4,
            )
            phases = [Phase.POST]
            if not participation.pre_skipped:
                phases.insert(0, Phase.PRE)
            if rng.random() >= 0.4:
                phases.append(Phase.RETENTION)
            for phase in phases:
                form = participation.form_for(phase)
                said = {}
                for h in headlines[form]:
                    chance = _p(BASE[h.is_real] + ABILITY * theta + _gain(phase, h.is_real))
                    right = rng.random() < chance
                    said[h.pk] = right == h.is_real
                scores = scores_from_answers((h.is_real, said[h.pk]) for h in headlines[form])
                sitting = Sitting.objects.create(
                    participation=participation,
                    phase=phase,
                    form=form,
                    real_items=scores.real_items,
                    fake_items=scores.fake_items,
                    real_said_real=scores.real_detection,
                    fake_said_fake=scores.fake_detection,
                    finished_at=now,
                )
                Answer.objects.bulk_create(
                    Answer(sitting=sitting, headline=h, said_real=said[h.pk])
                    for h in headlines[form]
                )
            for lesson in lessons:
                for block in lesson.body:
                    if block.block_type != "fact_check":
                        continue
                    right = rng.random() < _p(0.5 + ABILITY * theta)
                    ExerciseVerdict.objects.create(
                        lesson=lesson,
                        block_id=block.id,
                        visitor=f"simulated-{people}",
                        chosen=block.value.get("verdict") if right else "unverifiable",
                        is_correct=right,
                        simulated=True,
                    )
    return people
