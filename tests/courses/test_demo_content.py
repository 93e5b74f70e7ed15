"""The committed demo content follows demo/README.md (files only; no database)."""

import re
from pathlib import Path

import pytest
import yaml
from django.conf import settings

DEMO = Path(settings.BASE_DIR) / "demo"
COURSE_FILES = sorted((DEMO / "courses").glob("*/*.yaml"))
UZBEK_FILES = sorted(
    [*(DEMO / "courses").glob("*/*.uz.yaml"), *(DEMO / "quizzes").glob("*.uz.gift")]
)
ALLOWED_TAGS = {"p", "b", "i", "a", "ul", "ol", "li", "h3", "blockquote"}
TRAINING_LABELS = {"uz": "Oʻquv misoli", "ru": "Учебный пример", "en": "Training example"}
PRESS = DEMO / "courses" / "press-service-work"
LANGUAGES = ("uz", "ru", "en")


def strings_in(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from strings_in(item)
    elif isinstance(value, list):
        for item in value:
            yield from strings_in(item)


@pytest.mark.parametrize("path", UZBEK_FILES, ids=lambda path: path.name)
def test_uzbek_uses_the_modifier_letters_never_an_ascii_apostrophe(path):
    text = path.read_text(encoding="utf-8")
    assert "'" not in text
    assert "‘" not in text
    assert "’" not in text
    # oʻ gʻ take U+02BB; the tutuq belgisi (maʼlumot) U+02BC never follows o or g.
    assert not re.search(r"[^oOgG]\u02bb", text)
    assert not re.search(r"[oOgG]\u02bc", text)


@pytest.mark.parametrize("path", COURSE_FILES, ids=lambda path: f"{path.parent.name}/{path.name}")
def test_rich_text_uses_only_the_tags_of_the_format(path):
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    tags = {
        tag.lower()
        for text in strings_in(data.get("body", []))
        for tag in re.findall(r"</?([a-zA-Z0-9]+)", text)
    }
    assert tags <= ALLOWED_TAGS, tags - ALLOWED_TAGS


def press_lessons(language):
    course = yaml.safe_load((PRESS / "course.yaml").read_text(encoding="utf-8"))
    return [
        yaml.safe_load((PRESS / f"{entry}.{language}.yaml").read_text(encoding="utf-8"))
        for entry in course["lessons"]
    ]


@pytest.mark.parametrize("language", LANGUAGES)
def test_press_lessons_mix_block_types_and_label_training_examples(language):
    lessons = press_lessons(language)

    assert len(lessons) >= 5
    kinds = set()
    for lesson in lessons:
        types = [block["type"] for block in lesson["body"]]
        assert len(set(types)) >= 5, lesson["slug"]
        assert 12 <= lesson["estimated_minutes"] <= 20
        for block in lesson["body"]:
            if block["type"] == "case_study":
                assert TRAINING_LABELS[language] in block["value"]["situation"]
            if block["type"] == "callout":
                kinds.add(block["value"]["kind"])
            if block["type"] == "fact_check":
                assert TRAINING_LABELS[language].lower() in block["value"]["claimant"].lower()
    assert "legal_reference" in kinds
    assert lessons[-1]["body"][-1] == {"type": "quiz", "value": {"quiz": "press-final"}}


def test_press_lessons_have_the_same_blocks_in_every_language():
    shapes = {
        language: [
            [block["type"] for block in lesson["body"]] for lesson in press_lessons(language)
        ]
        for language in LANGUAGES
    }
    assert shapes["uz"] == shapes["ru"] == shapes["en"]


def gift_questions(path: Path) -> dict[str, str]:
    """Question name → its block, for a GIFT file (blocks are separated by blank lines)."""
    questions = {}
    for block in re.split(r"\n\s*\n", path.read_text(encoding="utf-8")):
        lines = [line for line in block.splitlines() if not line.lstrip().startswith("//")]
        body = "\n".join(lines).strip()
        match = re.match(r"::([a-z0-9-]+)::", body)
        if match:
            questions[match.group(1)] = body[match.end() :]
    return questions


def test_press_question_bank_is_the_same_in_three_languages_and_well_formed():
    banks = {
        language: DEMO / "quizzes" / f"press-service.{language}.gift" for language in LANGUAGES
    }
    questions = {language: gift_questions(path) for language, path in banks.items()}

    assert len(questions["uz"]) >= 16
    assert list(questions["uz"]) == list(questions["ru"]) == list(questions["en"])
    for language, path in banks.items():
        assert path.read_text(encoding="utf-8").startswith("$CATEGORY: press-service\n")
        for name, text in questions[language].items():
            assert len(re.findall(r"(?<!\\)\{", text)) == 1, (language, name)
            assert len(re.findall(r"(?<!\\)\}", text)) == 1, (language, name)
            # ":" is escaped except in a numeric answer's tolerance.
            assert not re.search(r"(?<!\\):", re.sub(r"\{#[\d.]+:[\d.]+", "", text)), name
    en = questions["en"]
    answers = " ".join(en.values())
    assert "{T" in answers or "{F" in answers
    assert "{#" in answers
    assert "->" in answers
    assert "~%" in answers
    assert any(text.rstrip().endswith("{}") for text in en.values())


def test_press_final_quiz_uses_questions_of_the_bank():
    quiz = yaml.safe_load((DEMO / "quizzes" / "press-final.quiz.yaml").read_text(encoding="utf-8"))
    names = set(gift_questions(DEMO / "quizzes" / "press-service.en.gift"))

    assert quiz["key"] == "press-final"
    assert set(quiz["translations"]) == set(LANGUAGES)
    assert quiz["pass_mark"] == 70
    assert quiz["attempts_allowed"] == 3
    assert quiz["grading"] == "highest"
    assert quiz["time_limit_minutes"] == 20
    slots = [slot["question"] for slot in quiz["slots"]]
    assert len(slots) >= 15
    assert set(slots) <= names
