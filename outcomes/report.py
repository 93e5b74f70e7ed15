"""The staff report of one measured course: per language, script and audience, how many took
part, the mean discernment before, after and four weeks later (95 % intervals), the paired effect
size d_z, the change in distrust, and how hard each of the course's fact checks was.

Cells under MIN_CELL people are not shown, nor is any figure resting on fewer than MIN_CELL
people: a small group could be recognised. Simulated participants (the demo cohort) are only
ever reported on their own (``simulated=True``), never with real people.
"""

import csv
import io
from collections import defaultdict
from dataclasses import dataclass, field

from courses.models import CoursePage, LessonPage

from .models import ExerciseVerdict, MeasuredCourse, Participation, Phase
from .scoring import Scores, scores_of
from .statistics import Estimate, cohens_dz, mean_ci

MIN_CELL = 10
SCORE_NAMES = ["discernment", "real_detection", "fake_detection", "distrust", "naivety"]


@dataclass
class Person:
    participation: Participation
    scores: dict[str, Scores]


@dataclass
class Cell:
    language: str
    script: str
    audience: str
    participants: int
    suppressed: bool = False
    means: dict = field(default_factory=dict)  # phase -> Estimate | None
    distrust: dict = field(default_factory=dict)  # phase -> Estimate | None
    dz_post: Estimate | None = None
    dz_retention: Estimate | None = None
    distrust_change: Estimate | None = None

    def as_dict(self) -> dict:
        out = {
            "language": self.language,
            "script": self.script,
            "audience": self.audience,
            "participants": None if self.suppressed else self.participants,
            "suppressed": self.suppressed,
        }
        if self.suppressed:
            return out
        out["discernment"] = {phase: _out(est) for phase, est in self.means.items()}
        out["distrust"] = {phase: _out(est) for phase, est in self.distrust.items()}
        out["dz_post"] = _out(self.dz_post)
        out["dz_retention"] = _out(self.dz_retention)
        out["distrust_change"] = _out(self.distrust_change)
        return out


def _out(estimate: Estimate | None):
    return estimate.as_dict() if estimate is not None else None


def _shown(estimate: Estimate | None) -> Estimate | None:
    return estimate if estimate is not None and estimate.n >= MIN_CELL else None


def _paired(people, before: str, after: str, score: str):
    pairs = [
        (getattr(p.scores[before], score), getattr(p.scores[after], score))
        for p in people
        if before in p.scores and after in p.scores
    ]
    return [a for a, _b in pairs], [b for _a, b in pairs]


def cell_build(people: list[Person], *, language="", script="", audience="") -> Cell:
    cell = Cell(language, script, audience, participants=len(people))
    if len(people) < MIN_CELL:
        cell.suppressed = True
        return cell
    for phase in (Phase.PRE, Phase.POST, Phase.RETENTION):
        values = [p.scores[phase] for p in people if phase in p.scores]
        cell.means[phase.value] = _shown(mean_ci([s.discernment for s in values]))
        cell.distrust[phase.value] = _shown(mean_ci([s.distrust for s in values]))
    cell.dz_post = _shown(cohens_dz(*_paired(people, Phase.PRE, Phase.POST, "discernment")))
    cell.dz_retention = _shown(
        cohens_dz(*_paired(people, Phase.PRE, Phase.RETENTION, "discernment"))
    )
    before, after = _paired(people, Phase.PRE, Phase.POST, "distrust")
    cell.distrust_change = _shown(mean_ci([b - a for a, b in zip(before, after, strict=True)]))
    return cell


def people_of(measured: MeasuredCourse, *, simulated: bool = False) -> list[Person]:
    participations = list(
        Participation.objects.filter(measured_course=measured, simulated=simulated)
        .prefetch_related("sittings")
        .order_by("token")
    )
    return [Person(p, {s.phase: scores_of(s) for s in p.sittings.all()}) for p in participations]


def exercise_rows(measured: MeasuredCourse, *, simulated: bool = False) -> list[dict]:
    """Each fact check of the course (every language version): answers and the share right."""
    courses = CoursePage.objects.filter(translation_key=measured.course.translation_key)
    lessons = {
        lesson.pk: lesson
        for course in courses
        for lesson in LessonPage.objects.child_of(course).select_related("locale")
    }
    counts = defaultdict(lambda: [0, 0])
    for lesson_id, block_id, is_correct in ExerciseVerdict.objects.filter(
        lesson_id__in=lessons, simulated=simulated
    ).values_list("lesson_id", "block_id", "is_correct"):
        counts[(lesson_id, block_id)][0] += 1
        counts[(lesson_id, block_id)][1] += int(is_correct)
    rows = []
    for (lesson_id, block_id), (answered, correct) in sorted(counts.items()):
        lesson = lessons[lesson_id]
        claim = next((b.value.get("claim", "") for b in lesson.body if b.id == block_id), "")
        shown = answered >= MIN_CELL
        rows.append(
            {
                "lesson": lesson.title,
                "language": lesson.locale.language_code,
                "claim": claim,
                "answered": answered if shown else None,
                "correct_share": round(correct / answered, 3) if shown else None,
                "suppressed": not shown,
            }
        )
    return rows


def report_build(measured: MeasuredCourse, *, simulated: bool = False) -> dict:
    people = people_of(measured, simulated=simulated)
    groups = defaultdict(list)
    for person in people:
        p = person.participation
        groups[(p.language, p.script, p.audience)].append(person)
    return {
        "course": measured.key,
        "simulated": simulated,
        "min_cell": MIN_CELL,
        "all": cell_build(people).as_dict(),
        "cells": [
            cell_build(group, language=k[0], script=k[1], audience=k[2]).as_dict()
            for k, group in sorted(groups.items())
        ],
        "exercises": exercise_rows(measured, simulated=simulated),
    }


CSV_HEADER = ["person", "language", "script", "audience", "form_order"] + [
    f"{phase}_{name}" for phase in ("pre", "post", "retention") for name in SCORE_NAMES
]


def paired_rows(measured: MeasuredCourse, *, simulated: bool = False) -> list[list]:
    """Anonymised paired scores: people with a test before and after, numbered in a random order
    (by their random token), from cells of at least MIN_CELL people only; no names, no dates."""
    people = people_of(measured, simulated=simulated)
    groups = defaultdict(list)
    for person in people:
        p = person.participation
        groups[(p.language, p.script, p.audience)].append(person)
    rows = []
    for person in people:
        p = person.participation
        if len(groups[(p.language, p.script, p.audience)]) < MIN_CELL:
            continue
        if Phase.PRE not in person.scores or Phase.POST not in person.scores:
            continue
        row = [f"P{len(rows) + 1:04d}", p.language, p.script, p.audience, p.form_order]
        for phase in (Phase.PRE, Phase.POST, Phase.RETENTION):
            scores = person.scores.get(phase)
            row += [scores.as_dict()[name] if scores else "" for name in SCORE_NAMES]
        rows.append(row)
    return rows


def paired_csv(measured: MeasuredCourse, *, simulated: bool = False) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(CSV_HEADER)
    writer.writerows(paired_rows(measured, simulated=simulated))
    return out.getvalue()
