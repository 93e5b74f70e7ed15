"""Load the demo quizzes from data files (demo/README.md): question banks in GIFT, one file per
bank and language, and one YAML file per quiz. Running it twice changes nothing."""

from decimal import Decimal
from pathlib import Path

import yaml
from django.db import transaction
from wagtail.models import Locale

from core.demo import DemoRun
from quizzes.attempts import answer_save, attempt_start, attempt_submit
from quizzes.formats.types import QuestionType
from quizzes.importing import ImportFailed, category_key, questions_import
from quizzes.models import Attempt, Question, QuestionCategory, Quiz, QuizSlot

SOURCE_LANGUAGE = "uz"
SETTINGS = (
    "pass_mark",
    "attempts_allowed",
    "grading",
    "time_limit_minutes",
    "questions_per_page",
    "behaviour",
    "shuffle_questions",
    "shuffle_choices",
    "max_questions",
    "allow_anonymous",
    "review_options",
)
TEXTS = ("title", "description", "pass_text", "fail_text")
CATEGORY_NAMES = {
    "fact-checking": "Fact-checking",
    "press-service": "Press service work",
    "social-media-ethics": "Ethics in social media",
    "social-media-ethics-written": "Ethics in social media: written answers",
}


class DemoError(ValueError):
    pass


def _say(stdout, message):
    if stdout is not None:
        stdout.write(message)


def _language_order(code: str) -> tuple[int, str]:
    return (code != SOURCE_LANGUAGE, code)


def _locale(code: str) -> Locale:
    return Locale.objects.get_or_create(language_code=code)[0]


def load_banks(directory: Path, *, stdout=None) -> int:
    """Import every ``<bank-key>.<lang>.gift``, the source language first."""
    files = []
    for path in sorted(directory.glob("*.gift")):
        stem = path.name.removesuffix(".gift")
        bank, _dot, language = stem.rpartition(".")
        if not bank or not language:
            raise DemoError(f"{path.name}: name it <bank-key>.<lang>.gift")
        files.append((_language_order(language), bank, language, path))
    changed = 0
    for _order, bank, language, path in sorted(files):
        try:
            saved = questions_import(
                text=path.read_text(encoding="utf-8"),
                format="gift",
                category_key=bank,
                locale=_locale(language),
                update_existing=True,
            )
        except ImportFailed as failure:
            raise DemoError(
                "\n".join(f"{path.name}:{line}: {message}" for line, message in failure.errors)
            ) from failure
        changed += len(saved)
        if saved:
            _say(stdout, f"{path.name}: {len(saved)} questions added or updated")
    return changed


def _slot_values(slots, locale) -> list[dict]:
    values = []
    for index, slot in enumerate(slots):
        points = Decimal(str(slot.get("points", 1)))
        if "question" in slot:
            name = slot["question"]
            question = (
                Question.objects.filter(name=name, locale=locale).first()
                or Question.objects.filter(name=name).order_by("pk").first()
            )
            if question is None:
                raise DemoError(f"slot {index + 1}: no question named “{name}”")
            values.append(
                {"question": question, "category": None, "random_count": 1, "points": points}
            )
        else:
            category = QuestionCategory.objects.filter(
                key=category_key(slot.get("category", ""))
            ).first()
            if category is None:
                raise DemoError(f"slot {index + 1}: no question bank “{slot.get('category')}”")
            values.append(
                {
                    "question": None,
                    "category": category,
                    "random_count": int(slot.get("random", 1)),
                    "points": points,
                }
            )
    return values


def _current_slots(quiz: Quiz) -> list[dict]:
    return [
        {
            "question": slot.question,
            "category": slot.category,
            "random_count": slot.random_count,
            "points": slot.points,
        }
        for slot in quiz.slots.order_by("sort_order", "pk")
    ]


def _settings(data: dict) -> dict:
    settings = {name: data[name] for name in SETTINGS if name in data}
    if "pass_mark" in settings:
        settings["pass_mark"] = Decimal(str(settings["pass_mark"]))
    return settings


def load_quiz(path: Path, *, stdout=None) -> Quiz:
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    key = data.get("key") or path.name.removesuffix(".quiz.yaml")
    translations = data.get("translations") or {}
    if SOURCE_LANGUAGE not in translations:
        raise DemoError(f"{path.name}: translations need “{SOURCE_LANGUAGE}”")
    settings = _settings(data)
    source = None
    for language in sorted(translations, key=_language_order):
        locale = _locale(language)
        texts = {name: translations[language].get(name, "") for name in TEXTS}
        wanted_slots = _slot_values(data.get("slots") or [], locale)
        quiz = Quiz.objects.filter(key=key, locale=locale).first()
        if (
            quiz is not None
            and all(getattr(quiz, name) == value for name, value in {**texts, **settings}.items())
            and _current_slots(quiz) == wanted_slots
            and quiz.live
        ):
            source = source or quiz
            continue
        if quiz is None:
            quiz = Quiz(key=key, locale=locale)
            if source is not None:
                quiz.translation_key = source.translation_key
        for name, value in {**texts, **settings}.items():
            setattr(quiz, name, value)
        quiz.slots.set(
            [QuizSlot(sort_order=index, **values) for index, values in enumerate(wanted_slots)]
        )
        quiz.full_clean(exclude=["translation_key"])
        quiz.save()
        quiz.save_revision(log_action=True).publish()
        _say(stdout, f"{path.name}: quiz “{quiz.title}” ({language}) saved")
        source = source or quiz
    return source


@transaction.atomic
def load_quizzes(directory: Path, *, stdout=None) -> dict[str, Quiz]:
    """Load the banks and the quizzes under ``directory``; return the quizzes by key (in the
    source language; the lesson block shows a reader the quiz in their language)."""
    directory = Path(directory)
    load_banks(directory, stdout=stdout)
    # The banks' names in English (the catalogues' source language); Uzbek and Russian readers
    # get them from the catalogues by key (quizzes.models.bank.category_label).
    for key, name in CATEGORY_NAMES.items():
        QuestionCategory.objects.filter(key=key).exclude(name=name).update(name=name)
    quizzes = {}
    for path in sorted(directory.glob("*.quiz.yaml")):
        quiz = load_quiz(path, stdout=stdout)
        quizzes[quiz.key] = quiz
    return quizzes


# The demo learner's attempt ---------------------------------------------------------------------


def best_response(snapshot: dict) -> dict | None:
    """The answer that earns the most on this question as shown (None for an essay)."""
    qtype = QuestionType(snapshot["qtype"])
    choices = snapshot.get("choices") or []

    def best(entries):
        return max(entries, key=lambda entry: Decimal(entry["fraction"]))

    if qtype in (QuestionType.SINGLE_CHOICE, QuestionType.TRUE_FALSE, QuestionType.CLAIM_VERDICT):
        return {"choice": best(choices)["id"]}
    if qtype == QuestionType.MULTIPLE_CHOICE:
        return {"choices": [choice["id"] for choice in choices if Decimal(choice["fraction"]) > 0]}
    if qtype == QuestionType.SHORT_ANSWER:
        return {"text": best(choices)["text"]}
    if qtype == QuestionType.NUMERIC:
        entry = best(snapshot["numeric"])
        return {"text": str(entry["value"] if entry.get("value") is not None else entry["minimum"])}
    if qtype == QuestionType.MATCHING:
        return {"matches": {pair["id"]: pair["answer"] for pair in snapshot["pairs"]}}
    return None


def demo_attempt_pass(*, quiz: Quiz, user, lesson_id: int | None = None) -> Attempt:
    """The demo learner takes the quiz and answers everything right (once: a second run returns
    the finished attempt)."""
    finished = (
        Attempt.objects.filter(quiz=quiz, user=user, state=Attempt.State.FINISHED)
        .order_by("number")
        .last()
    )
    if finished is not None:
        return finished
    attempt = attempt_start(quiz=quiz, user=user, lesson_id=lesson_id)
    answer_save(
        attempt=attempt,
        responses={row.position: best_response(row.snapshot) for row in attempt.questions.all()},
    )
    return attempt_submit(attempt=attempt)


def demo_load(run: DemoRun) -> None:
    """``seed_demo``: the banks and quizzes of demo/quizzes/ (core.demo.DemoRun)."""
    run.loaded["quizzes"] = load_quizzes(run.directory / "quizzes", stdout=run.stdout)
