"""Statistics for the admin: the quiz's attempts summarised, each question's item analysis.

Reads the graded attempts (finished, with a verdict) in two queries and hands plain numbers to
``quizzes.statistics``; the histogram is drawn by ``core.charts``.
"""

from dataclasses import dataclass

from django.utils.translation import gettext as _

from core.charts import histogram_svg
from quizzes.models import Attempt, AttemptQuestion
from quizzes.models.bank import question_excerpt
from quizzes.statistics import QuestionStats, QuizSummary, question_statistics, quiz_summary


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


def quiz_statistics_get(*, quiz, first_only: bool = False) -> QuizReport:
    """The quiz's statistics over its graded attempts, or only each learner's first attempt
    (what Moodle recommends for item analysis: later attempts are taken with the feedback seen)."""
    graded = Attempt.objects.filter(quiz=quiz, state=Attempt.State.FINISHED, percent__isnull=False)
    if first_only:
        graded = graded.filter(number=1)
    attempts = list(graded.order_by("pk").values_list("pk", "percent"))
    summary = quiz_summary(
        [float(percent) for _pk, percent in attempts],
        max_grade=100.0,
        pass_grade=float(quiz.pass_mark),
    )
    marks: dict[int, dict[str, tuple[float, float]]] = {pk: {} for pk, _percent in attempts}
    labels: dict[str, tuple[str, str, str]] = {}
    rows = AttemptQuestion.objects.filter(
        attempt_id__in=list(marks), points__isnull=False
    ).values_list("attempt_id", "snapshot", "points", "max_points")
    for attempt_id, snapshot, points, max_points in rows:
        key = str(snapshot.get("question_id"))
        marks[attempt_id][key] = (float(points), float(max_points))
        labels.setdefault(
            key,
            (
                snapshot.get("name") or snapshot["text"][:80],
                snapshot["qtype"],
                question_excerpt(snapshot["text"]),
            ),
        )
    stats = question_statistics([marks[pk] for pk, _percent in attempts])
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
    )
