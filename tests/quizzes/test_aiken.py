"""Aiken: single-choice questions in, errors by line, and a writer that refuses what Aiken
cannot hold instead of dropping it."""

from dataclasses import replace
from decimal import Decimal

import pytest

from quizzes.formats import aiken, gift
from quizzes.formats.types import ParsedAnswer, ParsedQuestion, ParseError, QuestionType

SAMPLE = """What is the correct answer to this question?
A. Is it this one?
B. Maybe this answer?
C. Possibly this one?
D. Must be this one!
ANSWER: D

Which LMS has the most quiz import formats?
A) Moodle
B) ATutor
C) Claroline
D) Blackboard
E) WebCT
F) Ilias
ANSWER: A
"""


def errors(text):
    with pytest.raises(ParseError) as raised:
        aiken.parse(text)
    return [(line, str(message)) for line, message in raised.value.errors]


def test_parses_moodles_example():
    first, second = aiken.parse(SAMPLE, default_category="bank")
    assert first.qtype == QuestionType.SINGLE_CHOICE
    assert first.text == "What is the correct answer to this question?"
    assert first.line == 1 and second.line == 8
    assert first.category == "bank"
    assert first.text_format == "plain"  # Moodle escapes Aiken text: never HTML
    assert first.answers == [
        ParsedAnswer("Is it this one?", Decimal(0)),
        ParsedAnswer("Maybe this answer?", Decimal(0)),
        ParsedAnswer("Possibly this one?", Decimal(0)),
        ParsedAnswer("Must be this one!", Decimal(1)),
    ]
    assert [a.text for a in second.answers if a.fraction == 1] == ["Moodle"]
    assert len(second.answers) == 6


def test_blank_lines_are_optional_text_may_span_lines_and_crlf_is_fine():
    questions = aiken.parse(
        "\ufeffFirst line of the question\r\nsecond line:\r\nA. yes\r\nB. no\r\nANSWER: A\r\n"
        "Next?\nA) a\nB) b\nanswer: b\n"
    )
    assert questions[0].text == "First line of the question\nsecond line:"
    assert [q.line for q in questions] == [1, 6]
    assert questions[1].answers[1].fraction == 1  # "answer: b" in lower case is accepted


def test_every_problem_with_its_line():
    assert errors(
        "A. an option first\n"  # 1
        "Q1?\n"  # 2
        "A. one\n"  # 3
        "B. two\n"  # 4
        "ANSWER: C\n"  # 5
        "\n"  # 6
        "Q2?\n"  # 7
        "A. only one\n"  # 8
        "ANSWER: A\n"  # 9
        "Q3?\n"  # 10
        "A. a\n"  # 11
        "B. b\n"  # 12
        "Q4 follows without an ANSWER line for Q3\n"  # 13
        "A. a\n"  # 14
        "A. again\n"  # 15
        "B.\n"  # 16
        "ANSWER: A or B\n"  # 17
        "ANSWER: A\n"  # 18
        "Q5?\n"  # 19
        "A. a\n"  # 20
        "B. b\n"  # 21
    ) == [
        (1, "The option “A. an option first” comes before any question text."),
        (5, "The answer “C” is not one of the options (A, B)."),
        (7, "A question needs at least 2 options; found 1."),
        (10, "The question has no “ANSWER: <letter>” line after its options."),
        (15, "The option letter A is used twice."),
        (16, "The option B is empty."),
        (17, "Write the answer as one capital letter, e.g. “ANSWER: B”; found “A or B”."),
        (18, "“ANSWER:” comes before any question."),
        (19, "The question has no “ANSWER: <letter>” line after its options."),
    ]


def test_dump_round_trips():
    questions = aiken.parse(SAMPLE)
    written = aiken.dump(questions)
    assert written.startswith("What is the correct answer to this question?\nA. Is it this one?")
    assert "\nANSWER: D\n\nWhich LMS" in written
    assert aiken.parse(written) == questions


def test_dump_of_gift_single_choice_drops_feedback_titles_and_keeps_the_rest():
    [question] = gift.parse("::capital:: Capital?{=Tashkent#Yes ~Samarkand#No ####Since 1930}")
    assert aiken.dump([question]) == "Capital?\nA. Tashkent\nB. Samarkand\nANSWER: A\n"


def test_dump_refuses_what_aiken_cannot_hold_naming_every_question():
    questions = gift.parse(
        "::tf:: Sun?{T}\n\n"
        "::multi:: Primes?{~%50%2 ~%50%3 ~4}\n\n"
        "::partial:: Capital?{=Tashkent ~%50%Toshkent ~Samarkand}\n\n"
        "::ok:: Fine?{=yes ~no}\n\n"
        "A long question without a title that goes on and on?{=yes ~no}\n"
    )
    questions[4].answers = [ParsedAnswer("only", Decimal(1))]
    tricky = ParsedQuestion(
        QuestionType.SINGLE_CHOICE,
        text="Pick one:\nA. looks like an option",
        name="tricky",
        answers=[ParsedAnswer("a", Decimal(1)), ParsedAnswer("b")],
    )
    with pytest.raises(aiken.AikenExportError) as raised:
        aiken.dump([*questions, tricky])
    assert [(label, str(message)) for label, message in raised.value.problems] == [
        ("tf", "Aiken holds only single-choice questions; this one is true/false."),
        ("multi", "Aiken holds only single-choice questions; this one is multiple choice."),
        (
            "partial",
            "Aiken has no partial credit: every answer must be fully right or fully wrong.",
        ),
        (
            "#5 “A long question without a title that go…”",
            "Aiken needs between 2 and 26 options; this question has 1.",
        ),
        ("tricky", "A line of the question text would read as an option or an ANSWER line."),
    ]


def test_round_trip_through_gift():
    questions = aiken.parse(SAMPLE)
    again = gift.parse(gift.dump(questions))
    assert [replace(q, line=0) for q in again] == [replace(q, line=0) for q in questions]
