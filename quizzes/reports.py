"""Statistics for the admin: the quiz's attempts summarised, each question's item analysis.

Reads the graded attempts (finished, with a verdict) in two queries and hands plain numbers to
``quizzes.statistics``; the histogram is drawn by ``core.charts``.
"""

from dataclasses import dataclass

from django.utils.translation import gettext as _

from core.charts import histogram_svg
from quizzes.models import Attempt, AttemptQuestion
from quizzes.models.bank import question_excerpt
from quizzes.statistics import (
    OverallStats,
    QuestionStats,
    QuizSummary,
    overall_statistics,
    question_statistics,
    quiz_summary,
)


@dataclass
class QuestionRow:
    label: str
    qtype: str
    stats: QuestionStats
    # The question's words (a key such as "fc-01" alone does not tell a trainer which it is).
    text: str = ""


@dataclass
class QuizReport:
    summary: QuizSummary
    histogram: str
    questions: list[QuestionRow]
    test: OverallStats


def quiz_statistics_get(*, quiz, first_only: bool = False) -> QuizReport:
    """The quiz's statistics over its graded attempts, or only each learner's first attempt
    (what Moodle recommends for item analysis: later attempts are taken with the feedback seen)."""
    graded = Attempt.objects.filter(quiz=quiz, state=Attempt.State.FINISHED, percent__isnull=False)
    if first_only:
        graded = graded.filter(number=1)
    attempts = list(graded.order_by("pk").values_list("pk", "percent", "max_points"))
    summary = quiz_summary(
        [float(percent) for _pk, percent, _max in attempts],
        max_grade=100.0,
        pass_grade=float(quiz.pass_mark),
    )
    marks: dict[int, dict[str, tuple[float, float]]] = {pk: {} for pk, _percent, _max in attempts}
    by_position: dict[int, dict[str, float]] = {pk: {} for pk, _percent, _max in attempts}
    labels: dict[str, tuple[str, str, str]] = {}
    rows = AttemptQuestion.objects.filter(
        attempt_id__in=list(marks), points__isnull=False
    ).values_list("attempt_id", "position", "snapshot", "points", "max_points")
    for attempt_id, position, snapshot, points, max_points in rows:
        key = str(snapshot.get("question_id"))
        marks[attempt_id][key] = (float(points), float(max_points))
        by_position[attempt_id][str(position)] = float(points)
        labels.setdefault(
            key,
            (
                snapshot.get("name") or snapshot["text"][:80],
                snapshot["qtype"],
                question_excerpt(snapshot["text"]),
            ),
        )
    stats = question_statistics([marks[pk] for pk, _percent, _max in attempts])
    max_marks = [float(top) for _pk, _percent, top in attempts]
    return QuizReport(
        summary=summary,
        histogram=histogram_svg(
            summary.histogram,
            title=_("Scores of %(count)d attempts") % {"count": summary.attempt_count},
            x_label=_("Score"),
            y_label=_("Attempts"),
        ),
        questions=[
            QuestionRow(
                label=labels[key][0], qtype=labels[key][1], stats=value, text=labels[key][2]
            )
            for key, value in stats.items()
        ],
        # Moodle's test statistics over question positions, in marks.
        test=overall_statistics(
            [by_position[pk] for pk, _percent, _max in attempts],
            max_mark=max(max_marks, default=0.0),
        ),
    )


# Item statistics per language and script ---------------------------------------------------

FACILITY_GAP = 20.0  # percentage points between two languages that make an item suspect
DISCRIMINATION_GAP = 30.0
MIN_GROUP_ATTEMPTS = 5  # below this a language's numbers are too noisy to compare


@dataclass
class LanguageCell:
    group: str  # "uz", "uz-Cyrl", "ru", "en"
    stats: QuestionStats


@dataclass
class LanguageRow:
    label: str
    text: str
    cells: list[LanguageCell | None]  # in the order of the report's groups
    flagged: bool
    facility_gap: float | None
    discrimination_gap: float | None


@dataclass
class LanguageReport:
    groups: list[tuple[str, int]]  # (language or "uz-Cyrl", graded attempts)
    rows: list[LanguageRow]


def _gap(values: list[float | None]) -> float | None:
    known = [value for value in values if value is not None]
    return max(known) - min(known) if len(known) >= 2 else None


def _group_of(language: str, script: str) -> str:
    return f"{language}-Cyrl" if language == "uz" and script == "cyrl" else language


def language_statistics_get(
    *,
    quiz,
    first_only: bool = False,
    facility_gap: float = FACILITY_GAP,
    discrimination_gap: float = DISCRIMINATION_GAP,
    min_attempts: int = MIN_GROUP_ATTEMPTS,
) -> LanguageReport:
    """Item statistics of every language of the quiz (Uzbek split by the learner's script),
    each question followed across its translations; a question is flagged when its facility
    or discrimination differs between two languages (each with ``min_attempts``) by more than
    the gaps: a likely translation problem."""
    graded = Attempt.objects.filter(
        quiz_key=quiz.translation_key, state=Attempt.State.FINISHED, percent__isnull=False
    )
    if first_only:
        graded = graded.filter(number=1)
    groups_of = {
        pk: _group_of(language, script or "")
        for pk, language, script in graded.values_list(
            "pk", "quiz__locale__language_code", "user__preferred_script"
        )
    }
    rows = AttemptQuestion.objects.filter(
        attempt_id__in=list(groups_of), points__isnull=False
    ).values_list("attempt_id", "question__translation_key", "snapshot", "points", "max_points")
    marks: dict[str, dict[int, dict[str, tuple[float, float]]]] = {}
    labels: dict[str, tuple[str, str]] = {}
    for attempt_id, translation_key, snapshot, points, max_points in rows:
        key = str(translation_key or snapshot.get("question_id"))
        group = groups_of[attempt_id]
        marks.setdefault(group, {}).setdefault(attempt_id, {})[key] = (
            float(points),
            float(max_points),
        )
        if group == _group_of(quiz.locale.language_code, "latn") or key not in labels:
            labels[key] = (
                snapshot.get("name") or snapshot["text"][:80],
                question_excerpt(snapshot["text"]),
            )
    per_group = {
        group: question_statistics(list(attempts.values())) for group, attempts in marks.items()
    }
    groups = sorted(per_group)
    report_rows = []
    for key, (label, text) in labels.items():
        cells = [
            LanguageCell(group, per_group[group][key]) if key in per_group[group] else None
            for group in groups
        ]
        comparable = [
            cell.stats for cell in cells if cell is not None and cell.stats.count >= min_attempts
        ]
        facility = _gap([stats.facility for stats in comparable])
        discrimination = _gap([stats.discrimination_index for stats in comparable])
        flagged = (facility is not None and facility > facility_gap) or (
            discrimination is not None and discrimination > discrimination_gap
        )
        report_rows.append(LanguageRow(label, text, cells, flagged, facility, discrimination))
    return LanguageReport(groups=[(group, len(marks[group])) for group in groups], rows=report_rows)
