"""GIFT: every question type Moodle's reader knows, the claim-verdict extension, every error
with its line number, and dump → parse round trips."""

import ast
import copy
import random
import re
from dataclasses import replace
from decimal import Decimal
from pathlib import Path

import polib
import pytest
from django.utils import translation
from django.utils.functional import Promise

from quizzes.formats import gift
from quizzes.formats.types import (
    VERDICT_CODES,
    ParsedAnswer,
    ParsedNumericAnswer,
    ParsedPair,
    ParsedQuestion,
    ParseError,
    QuestionType,
)


def one(text, **kwargs):
    questions = gift.parse(text, **kwargs)
    assert len(questions) == 1
    return questions[0]


def errors(text):
    with pytest.raises(ParseError) as raised:
        gift.parse(text)
    return [(line, str(message)) for line, message in raised.value.errors]


def without_lines(questions):
    return [replace(question, line=0) for question in questions]


def assert_round_trip(questions):
    written = gift.dump(questions)
    assert without_lines(gift.parse(written)) == without_lines(questions), written


# --- question types ----------------------------------------------------------------------------


def test_single_choice_with_title_feedback_and_general_feedback():
    question = one(
        "// Moodle's own example\n"
        "::Q2:: What's between orange and green in the spectrum?\n"
        "{ =yellow # right; good! ~red # wrong, it's yellow ~blue # wrong, it's yellow\n"
        "####Yellow sits between them.}"
    )
    assert question.qtype == QuestionType.SINGLE_CHOICE
    assert question.name == "Q2"
    assert question.text == "What's between orange and green in the spectrum?"
    assert question.line == 2
    assert question.answers == [
        ParsedAnswer("yellow", Decimal(1), "right; good!"),
        ParsedAnswer("red", Decimal(0), "wrong, it's yellow"),
        ParsedAnswer("blue", Decimal(0), "wrong, it's yellow"),
    ]
    assert question.general_feedback == "Yellow sits between them."
    assert question.text_format == "moodle"


def test_single_choice_may_give_partial_credit_to_other_answers():
    question = one("Capital? {=Tashkent ~%50%Toshkent city ~%-25%Samarkand}")
    assert question.qtype == QuestionType.SINGLE_CHOICE
    assert [a.fraction for a in question.answers] == [1, Decimal("0.5"), Decimal("-0.25")]


def test_multiple_choice_is_weights_without_equals():
    question = one("Which are prime? {~%50%2 ~%50%3 ~%-100%4 ~1}")
    assert question.qtype == QuestionType.MULTIPLE_CHOICE
    assert [(a.text, a.fraction) for a in question.answers] == [
        ("2", Decimal("0.5")),
        ("3", Decimal("0.5")),
        ("4", Decimal(-1)),
        ("1", Decimal(0)),
    ]


def test_multiple_choice_thirds_add_up_like_moodle_rounds_them():
    question = one("Pick {~%33.33333%a ~%33.33333%b ~%33.33333%c ~d}")
    assert question.answers[0].fraction == Decimal("0.3333333")


@pytest.mark.parametrize(
    ("block", "correct"), [("{T}", True), ("{TRUE}", True), ("{F}", False), ("{FALSE}", False)]
)
def test_true_false_spellings(block, correct):
    question = one(f"The sun rises in the east.{block}")
    assert question.qtype == QuestionType.TRUE_FALSE
    assert question.correct is correct
    assert question.text == "The sun rises in the east."


def test_true_false_feedback_first_is_for_the_wrong_answer_second_for_the_right():
    question = one("The sun rises in the west.{F#Look at a sunrise.#Right: in the east.####Why}")
    assert question.correct is False
    assert question.true_feedback == "Look at a sunrise."  # the wrong answer here
    assert question.false_feedback == "Right: in the east."
    assert question.general_feedback == "Why"
    question = one("Tashkent is the capital.{TRUE#No, it is.#Yes.}")
    assert question.true_feedback == "Yes." and question.false_feedback == "No, it is."


def test_short_answer_with_weights_and_feedback():
    question = one("Who's buried in Grant's tomb?{=Grant =no one#Well done =%50%nobody#Half}")
    assert question.qtype == QuestionType.SHORT_ANSWER
    assert question.answers == [
        ParsedAnswer("Grant", Decimal(1)),
        ParsedAnswer("no one", Decimal(1), "Well done"),
        ParsedAnswer("nobody", Decimal("0.5"), "Half"),
    ]


def test_numeric_value_with_tolerance_range_and_exact():
    assert one("Pi?{#3.14:0.01}").numeric_answers == [
        ParsedNumericAnswer(value=Decimal("3.14"), tolerance=Decimal("0.01"))
    ]
    assert one("Between?{#1..5}").numeric_answers == [
        ParsedNumericAnswer(minimum=Decimal(1), maximum=Decimal(5))
    ]
    assert one("Year?{#1991}").numeric_answers == [ParsedNumericAnswer(value=Decimal(1991))]
    assert one("Neg?{#-5..-1}").numeric_answers[0].minimum == Decimal(-5)


def test_numeric_with_several_weighted_answers_and_a_catch_all():
    question = one(
        "When was Grant born?{#\n=1822:0 #Exactly\n=%50%1822:2 #Close\n~#Not even close\n}"
    )
    assert question.qtype == QuestionType.NUMERIC
    assert question.numeric_answers == [
        ParsedNumericAnswer(value=Decimal(1822), feedback="Exactly"),
        ParsedNumericAnswer(
            value=Decimal(1822), tolerance=Decimal(2), fraction=Decimal("0.5"), feedback="Close"
        ),
        ParsedNumericAnswer(fraction=Decimal(0), feedback="Not even close"),
    ]


def test_matching():
    question = one(
        "Match the countries with their capitals. {\n"
        "  =Canada -> Ottawa\n  =Italy -> Rome\n  =Japan -> Tokyo\n  =-> Paris\n}"
    )
    assert question.qtype == QuestionType.MATCHING
    assert question.pairs == [
        ParsedPair("Canada", "Ottawa"),
        ParsedPair("Italy", "Rome"),
        ParsedPair("Japan", "Tokyo"),
        ParsedPair("", "Paris"),  # a distractor answer, as in Moodle
    ]


def test_essay_with_and_without_general_feedback():
    assert one("Describe your day.{}").qtype == QuestionType.ESSAY
    question = one("Describe your day.{####A good answer names three events.}")
    assert question.qtype == QuestionType.ESSAY
    assert question.general_feedback == "A good answer names three events."


def test_missing_word_keeps_a_blank_where_the_block_was():
    question = one("Grant is {~buried =entombed ~living} in Grant's tomb.")
    assert question.text == "Grant is _____ in Grant's tomb."
    assert question.qtype == QuestionType.SINGLE_CHOICE
    # a block at the end (after trailing spaces) adds no blank
    assert one("Grant is entombed in {=Grant's tomb ~a ditch}   ").text == "Grant is entombed in"


def test_text_formats():
    question = one("::fmt::[html]<p>Is <b>this</b> bold?</p>{T}")
    assert question.text_format == "html"
    assert question.text == "<p>Is <b>this</b> bold?</p>"
    assert one("[markdown]*Stars*{T}").text_format == "markdown"
    assert one("[plain]x{T}").text_format == "plain"
    assert one("[unknown]x{T}").text == "[unknown]x"


def test_escapes_and_newline():
    question = one(
        r"::a\:b:: 1 \= 2 \~ 3 \# 4 \{5\} a\:b line\nbreak back\\slash{=\{x\} ~y\#z#f\=g}"
    )
    assert question.name == "a:b"
    assert question.text == "1 = 2 ~ 3 # 4 {5} a:b line\nbreak back\\slash"
    assert question.answers[0].text == "{x}"
    assert question.answers[1] == ParsedAnswer("y#z", Decimal(0), "f=g")


def test_comments_descriptions_and_line_numbers():
    questions = gift.parse(
        "// header comment\n"  # 1
        "\n"  # 2
        "Welcome to the bank: this is a description, skipped.\n"  # 3
        "\n"  # 4
        "::one:: First?\n"  # 5
        "// a comment inside\n"  # 6
        "{T}\n"  # 7
        "\n\n"  # 8, 9
        "   \n"  # 10 (spaces only: still a separator)
        "::two:: Second? http://example.uz//path {F}\n"  # 11
    )
    assert [(q.name, q.line) for q in questions] == [("one", 5), ("two", 11)]
    assert questions[1].text == "Second? http://example.uz//path"


def test_categories():
    questions = gift.parse(
        "::a:: A{T}\n\n$CATEGORY: $course$/top/ethics/basics\n\n::b:: B{T}\n\n"
        "$CATEGORY: finance\n::c:: C{T}\n",
        default_category="bank",
    )
    assert [q.category for q in questions] == ["bank", "ethics/basics", "finance"]


def test_windows_line_endings_and_bom():
    questions = gift.parse("\ufeff::a:: A{T}\r\n\r\n::b:: B{F}\r\n")
    assert [(q.name, q.line) for q in questions] == [("a", 1), ("b", 3)]


# --- the claim-verdict extension -----------------------------------------------------------------

CLAIM = """// muloqot:claim-verdict source="Anonymous \\"Telegram\\" channel, 12 March 2025"
::fc-water-cut::“Water will be cut off in the whole district for a week from Monday.” {
  =false#The utility's notice lists six hours of repairs on two streets.
  ~true
  ~mostly_true
  ~misleading
  ~unverifiable
  ####A planned repair was turned into a crisis; check the utility's own notice.
}
"""


def test_claim_verdict():
    question = one(CLAIM)
    assert question.qtype == QuestionType.CLAIM_VERDICT
    assert question.claim_source == 'Anonymous "Telegram" channel, 12 March 2025'
    assert question.line == 2
    assert sorted(a.text for a in question.answers) == sorted(VERDICT_CODES)
    assert [a.text for a in question.answers if a.fraction == 1] == ["false"]
    assert gift.dump([question]).startswith(
        '// muloqot:claim-verdict source="Anonymous \\"Telegram\\" channel, 12 March 2025"\n'
    )


def test_claim_verdict_errors():
    assert errors(CLAIM.replace("~misleading\n", "")) == [
        (
            1,
            "A claim-verdict question's answers are exactly the five verdicts true, mostly_true, "
            "misleading, false, unverifiable; found false, true, mostly_true, unverifiable.",
        )
    ]
    assert errors(CLAIM.replace("=false", "~false")) == [
        (1, "Mark exactly one verdict right with “=”."),
        (
            2,
            "No answer is right: mark the right answer with “=” or give weights that add up "
            "to 100%.",
        ),
    ]
    assert errors(CLAIM.replace("::fc", "\n::fc")) == [
        (1, "The claim-verdict comment must come directly before its question, with no blank line.")
    ]
    assert errors('// muloqot:claim-verdict source="x"\nIs it?{T}') == [
        (1, "A claim-verdict question is a choice question with the five verdicts.")
    ]
    assert errors("// muloqot:claim source=x\nIs it?{T}") == [
        (
            1,
            "Unknown Muloqot comment “// muloqot:claim source=x”; write // "
            'muloqot:claim-verdict source="…".',
        )
    ]


# --- errors ------------------------------------------------------------------------------------


def test_all_errors_are_collected_with_their_lines():
    found = errors(
        "::ok:: Fine {T}\n"  # 1
        "\n"  # 2
        "::open:: Unclosed {=a ~b\n"  # 3
        "\n"  # 4
        "::tf:: Maybe {TRUE or not}\n"  # 5
        "\n"  # 6
        "::num:: Pi {#3,14}\n"  # 7
        "\n"  # 8
        "::match:: Pairs {\n"  # 9
        "=a -> b\n"  # 10
        "}\n"  # 11
        "\n"  # 12
        "::none:: Pick {~a ~b ~c}\n"  # 13
        "\n"  # 14
        "::weights:: Pick {~%50%a ~%40%b ~c}\n"  # 15
        "\n"  # 16
        "::empty:: {=a ~b}\n"  # 17
        "\n"  # 18
        "::odd:: What {tashkent}\n"  # 19
        "\n"  # 20
        "::stray:: What } is this\n"  # 21
    )
    assert found == [
        (3, "The answer block opened with “{” is never closed with “}”."),
        (
            5,
            "A true/false answer is exactly {T}, {TRUE}, {F} or {FALSE} (in capitals), "
            "optionally followed by #feedback; found “TRUE or not”.",
        ),
        (7, "“3,14” is not a number (use a dot for decimals: 3.14)."),
        (9, "A matching question needs at least 2 pairs; found 1."),
        (
            13,
            "No answer is right: mark the right answer with “=” or give weights that add up "
            "to 100%.",
        ),
        (15, "The positive weights of a multiple-choice question add up to 90%, not 100%."),
        (17, "The question has no text."),
        (
            19,
            "Unknown answer syntax “tashkent”: start each answer with = or ~, or write {T}, "
            "{F}, {#number} or {}.",
        ),
        (21, "“}” without an opening “{”. Write \\} for a literal brace."),
    ]
    assert "line 3: The answer block" in str(ParseError([(3, gift.UNCLOSED_BRACE)]))


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "Q {=a =b ~c}",
            "A single-choice question has exactly one right answer (“=”); found 2."
            " For several right answers give each a weight, e.g. ~%50%.",
        ),
        (
            "Q {=a ~%100%b}",
            "A single-choice question has exactly one right answer (“=”); found 2."
            " For several right answers give each a weight, e.g. ~%50%.",
        ),
        (
            "Q {=%50%a ~b}",
            "In a choice question “=” marks the right answer and takes no weight; "
            "write ~%50%answer for partial credit.",
        ),
        (
            "Q {~%150%a ~b}",
            "“%150%” is not a weight: write a percentage between -100 and 100, e.g. %50%.",
        ),
        (
            "Q {~%x%a ~b}",
            "“%x%” is not a weight: write a percentage between -100 and 100, e.g. %50%.",
        ),
        ("Q {=a}\n", None),  # a valid short answer, for contrast
        ("Q {~a}", "A choice question needs at least 2 answers; found 1."),
        ("Q {=a ~}", "An answer is empty."),
        (
            "Q {true}",
            "A true/false answer is exactly {T}, {TRUE}, {F} or {FALSE} (in capitals), "
            "optionally followed by #feedback; found “true”.",
        ),
        ("Q {#}", "A numeric question needs at least one number after “#”."),
        ("Q {#abc:1}", "“abc” is not a number (use a dot for decimals: 3.14)."),
        ("Q {#1:x}", "“x” is not a number (use a dot for decimals: 3.14)."),
        ("Q {#1:-1}", "The tolerance “-1” must not be negative."),
        ("Q {#5..1}", "The range “5..1” starts above its end."),
        ("Q {#1..x}", "“1..x” is not a number (use a dot for decimals: 3.14)."),
        ("Q {#NaN}", "“NaN” is not a number (use a dot for decimals: 3.14)."),
        (
            "Q {#1 ~oops#fb}",
            "After “~” a numeric question takes only #feedback for any other answer.",
        ),
        ("Q {=a -> b =c}", "Each matching pair is written “=prompt -> answer”; found “c”."),
        ("Q {=a -> b =c -> }", "The matching pair “c ->” has no answer after “->”."),
        ("Q {=%-50%a}", "A short answer's weight must be between 0 and 100; found -50%."),
        ("Q {=a ~b} and {=c ~d}", "A question can have only one answer block {…}."),
        ("Q {=a {~b}", "“{” inside an answer block. Write \\{ for a literal brace."),
        ("::title Q {T}", "The question title opened with “::” is never closed with “::”."),
    ],
)
def test_error_messages(text, message):
    if message is None:
        gift.parse(text)
        return
    assert errors(text) == [(1, message)]


def test_error_line_points_at_the_answer():
    assert errors("Q {\n=a\n~b\n~%x%c\n}") == [
        (4, "“%x%” is not a weight: write a percentage between -100 and 100, e.g. %50%.")
    ]


def test_messages_are_translated_when_shown():
    with pytest.raises(ParseError) as raised:
        gift.parse("Q {#abc}")
    _line, message = raised.value.errors[0]
    with translation.override("en"):
        assert str(message) == "“abc” is not a number (use a dot for decimals: 3.14)."
    assert isinstance(message, Promise)  # lazy: rendered in the language of whoever reads it


# --- dump and round trips ----------------------------------------------------------------------

ALL_TYPES = """$CATEGORY: ethics

::single:: What's between orange and green? {
  =yellow # right
  ~%50%yellowish # nearly
  ~red
  ####In order.
}

::multi::[html]<p>Which are <b>prime</b>?</p> {~%50%2 ~%50%3#yes ~%-100%4#no}

::tf:: The sun rises in the west.{FALSE#Look.#Right.####Sunrise}

::tf2:: True one.{T##Right only}

$CATEGORY: $course$/top/numbers

::num:: When?{#=1822:0#exact =%50%1822:2#close ~#no}

::range:: Between?{#-1.5..2.25}

::short:: Who?{=no one =%50%nobody#half ####Nobody is.}

::match:: Match {=Canada -> Ottawa =Italy -> Rome =-> Paris ####Capitals}

::essay:: [markdown]Write *three* lines.{####Graded by hand}

::gap:: Grant is {~buried =entombed ~living} in Grant's tomb.

::gap-end:: The answer is _____{=x ~y}

Plain question without a title? {=yes ~no}
"""


def test_round_trip_of_every_type():
    questions = gift.parse(ALL_TYPES)
    assert len(questions) == 12
    assert {q.qtype for q in questions} == set(QuestionType) - {QuestionType.CLAIM_VERDICT}
    assert_round_trip(questions)
    assert_round_trip(gift.parse(CLAIM))


TRICKY_TEXTS = [
    "1 = 2 ~ 3 # 4 {5} a:b",
    "back\\slash \\n not a newline",
    "two\nlines",
    "::looks like a title::",
    "[html]looks like a format",
    "$CATEGORY: not a category",
    "ends with a blank _____",
    "_____ starts with a blank",
    "####not feedback",
    "100% sure, %50% maybe",
    "“Quotes” and ‘apostrophes’ — oʻzbekcha, русский",
    "-> an arrow in a prompt",
    "// starts like a comment",
]


@pytest.mark.parametrize("tricky", TRICKY_TEXTS)
def test_round_trip_of_tricky_text_in_every_position(tricky):
    answer = tricky.replace("->", "=>")  # GIFT cannot escape "->" (Moodle neither)
    questions = [
        ParsedQuestion(
            QuestionType.SINGLE_CHOICE,
            text=tricky,
            name=tricky.replace("\n", " "),
            general_feedback=tricky,
            answers=[ParsedAnswer(answer, Decimal(1), tricky), ParsedAnswer("other")],
        ),
        ParsedQuestion(
            QuestionType.MULTIPLE_CHOICE,
            text=tricky,
            category=tricky.replace("\n", " "),
            answers=[
                ParsedAnswer(answer, Decimal("0.5"), tricky),
                ParsedAnswer("b", Decimal("0.5")),
                ParsedAnswer("c", Decimal("-0.25")),
            ],
        ),
        ParsedQuestion(
            QuestionType.TRUE_FALSE,
            text=tricky,
            correct=False,
            true_feedback=tricky,
            false_feedback="",
        ),
        ParsedQuestion(QuestionType.SHORT_ANSWER, text=tricky, answers=[ParsedAnswer(answer, 1)]),
        ParsedQuestion(
            QuestionType.NUMERIC,
            text=tricky,
            numeric_answers=[
                ParsedNumericAnswer(
                    value=Decimal("2.5"), tolerance=Decimal("0.1"), feedback=tricky
                ),
                ParsedNumericAnswer(fraction=Decimal(0), feedback=tricky),
            ],
        ),
        ParsedQuestion(
            QuestionType.MATCHING,
            text=tricky,
            pairs=[ParsedPair(answer, tricky), ParsedPair("b", "c")],
        ),
        ParsedQuestion(QuestionType.ESSAY, text=tricky, general_feedback=tricky),
        ParsedQuestion(
            QuestionType.CLAIM_VERDICT,
            text=tricky,
            claim_source=tricky.replace("\n", " ") + ' "quoted" \\',
            answers=[ParsedAnswer(code, Decimal(code == "misleading")) for code in VERDICT_CODES],
        ),
    ]
    assert_round_trip(questions)


def test_round_trip_of_moodles_own_examples_file_style():
    source = copy.deepcopy(gift.parse(ALL_TYPES))
    first = gift.dump(source)
    assert gift.dump(gift.parse(first)) == first  # dump is a fixed point


def test_dump_writes_readable_gift():
    question = ParsedQuestion(
        QuestionType.SINGLE_CHOICE,
        text="Capital?",
        name="capital",
        category="geo",
        answers=[ParsedAnswer("Tashkent", Decimal(1), "Yes"), ParsedAnswer("Samarkand")],
        general_feedback="Since 1930.",
    )
    assert gift.dump([question]) == (
        "$CATEGORY: geo\n\n"
        "::capital:: Capital? {\n\t=Tashkent#Yes\n\t~Samarkand\n\t####Since 1930.\n}\n"
    )


def test_dump_refuses_a_single_choice_without_exactly_one_right_answer():
    question = ParsedQuestion(
        QuestionType.SINGLE_CHOICE, text="Q", name="broken", answers=[ParsedAnswer("a")]
    )
    with pytest.raises(ValueError, match="broken"):
        gift.dump([question])


def test_every_message_has_uzbek_and_russian_in_the_catalogues():
    root = Path(__file__).resolve().parents[2]
    msgids = set()
    for module in ("core/charts.py", "quizzes/formats/gift.py", "quizzes/formats/aiken.py"):
        for node in ast.walk(ast.parse((root / module).read_text())):
            if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "_":
                msgids.add(node.args[0].value)
    placeholders = re.compile(r"%\(\w+\)s|%%")
    for language in ("uz", "ru"):
        translations = {}
        for catalogue in ("locale", "quizzes/locale"):
            path = root / catalogue / language / "LC_MESSAGES" / "django.po"
            translations |= {e.msgid: e.msgstr for e in polib.pofile(str(path)) if e.msgstr}
        for msgid in msgids:
            text = translations.get(msgid)
            assert text and text != msgid, (language, msgid)
            assert sorted(placeholders.findall(text)) == sorted(placeholders.findall(msgid))
            if language == "uz":
                assert "'" not in text and "‘" not in text  # U+02BB / U+02BC, not look-alikes


def test_reads_a_file_exported_by_moodle():
    exported = (
        "// question: 0  name: Switch category to $course$/top/Default for Ethics\n"
        "$CATEGORY: $course$/top/Default for Ethics\n"
        "\n\n"
        "// question: 12  name: Q1\n"
        "::Q1::[html]<p>Why?</p>{\n\t=because\\: yes#[html]good\n\t~no#\n}\n"
        "\n"
        "// question: 13  name: tf\n"
        "::tf::[html]Sun{TRUE#wrong#right}\n"
        "\n"
        "// question: 14  name: sa\n"
        "::sa::[html]Who?{\n\t=%100%no one#\n\t=%50%nobody#half\n}\n"
        "\n"
        "// question: 15  name: num\n"
        "::num::[html]Pi{#\n\t=%100%3.14:0.01#\n\t~#no\n}\n"
    )
    q1, tf, sa, num = gift.parse(exported)
    assert {q.category for q in (q1, tf, sa, num)} == {"Default for Ethics"}
    assert {q.text_format for q in (q1, tf, sa, num)} == {"html"}
    assert q1.answers == [ParsedAnswer("because: yes", Decimal(1), "good"), ParsedAnswer("no")]
    assert (tf.correct, tf.true_feedback, tf.false_feedback) == (True, "right", "wrong")
    assert [a.fraction for a in sa.answers] == [1, Decimal("0.5")]
    assert num.numeric_answers[0].value == Decimal("3.14")
    assert num.numeric_answers[1] == ParsedNumericAnswer(fraction=Decimal(0), feedback="no")


def test_claim_verdict_comment_inside_a_question_is_an_error():
    assert errors(
        "$CATEGORY: claims\n"
        "::c:: A claim {\n"
        '// muloqot:claim-verdict source="x"\n'
        "=true ~mostly_true ~misleading ~false ~unverifiable}\n"
    ) == [
        (3, "The claim-verdict comment must come directly before its question, with no blank line.")
    ]
    # after a $CATEGORY line in the same paragraph it is still "directly before"
    [question] = gift.parse(
        '$CATEGORY: claims\n// muloqot:claim-verdict source="x"\n'
        "::c:: A claim {=true ~mostly_true ~misleading ~false ~unverifiable}\n"
    )
    assert (question.qtype, question.category, question.line) == (
        QuestionType.CLAIM_VERDICT,
        "claims",
        3,
    )


def test_second_block_is_reported_on_its_own_line():
    assert errors("Q {=a ~b}\nand then\n{=c ~d}") == [
        (3, "A question can have only one answer block {…}.")
    ]


# A seeded generator of awkward questions (property-style): every type, text made of GIFT's
# special characters, escapes, format tags, comment and category look-alikes, gaps, Cyrillic.
PIECES = [
    *"ab yq~=#{}:\\%-> _[]\n/$",
    "->",
    "//",
    "::",
    "####",
    "\\n",
    "Ш",
    "ʻ",
    "[html]",
    "_____",
    "$CATEGORY:",
    "T",
    "%50%",
]


def _random_text(rng, *, newlines=True, arrow=True):
    while True:
        text = "".join(rng.choice(PIECES) for _ in range(rng.randint(1, 12)))
        text = (text if newlines else text.replace("\n", " ")).strip()
        # GIFT cannot escape "%" at the start of an answer or "->" in short answers and prompts
        if text and not text.startswith("%") and (arrow or "->" not in text):
            return text


def _random_question(rng):
    qtype = rng.choice(list(QuestionType))
    question = ParsedQuestion(
        qtype,
        text=_random_text(rng),
        name=rng.choice(["", _random_text(rng, newlines=False)]),
        category=rng.choice(["", "a/b", _random_text(rng, newlines=False)]),
        text_format=rng.choice(["moodle", "html"]),
        general_feedback=rng.choice(["", _random_text(rng)]),
    )

    def feedback(arrow=True):
        return rng.choice(["", _random_text(rng, arrow=arrow)])

    if qtype == QuestionType.SINGLE_CHOICE:
        question.answers = [ParsedAnswer(_random_text(rng), Decimal(1), feedback())] + [
            ParsedAnswer(_random_text(rng), Decimal(rng.choice(["0", "0.5", "-0.25"])), feedback())
            for _ in range(rng.randint(1, 3))
        ]
    elif qtype == QuestionType.MULTIPLE_CHOICE:
        question.answers = [
            ParsedAnswer(_random_text(rng), Decimal(weight), feedback())
            for weight in ("0.5", "0.5", "0", "-1")
        ]
    elif qtype == QuestionType.TRUE_FALSE:
        question.correct = rng.random() < 0.5
        question.true_feedback, question.false_feedback = feedback(), feedback()
    elif qtype == QuestionType.SHORT_ANSWER:
        question.answers = [
            ParsedAnswer(
                _random_text(rng, arrow=False), Decimal(rng.choice(["1", "0.5"])), feedback(False)
            )
            for _ in range(rng.randint(1, 3))
        ]
    elif qtype == QuestionType.NUMERIC:
        question.numeric_answers = [
            ParsedNumericAnswer(
                value=Decimal("-1.5"), tolerance=Decimal("0.25"), feedback=feedback()
            ),
            ParsedNumericAnswer(
                minimum=Decimal(1),
                maximum=Decimal("2.5"),
                fraction=Decimal("0.5"),
                feedback=feedback(),
            ),
        ]
        if rng.random() < 0.5:
            question.numeric_answers.append(
                ParsedNumericAnswer(fraction=Decimal(0), feedback=feedback())
            )
    elif qtype == QuestionType.MATCHING:
        question.pairs = [
            ParsedPair(_random_text(rng, arrow=False), _random_text(rng))
            for _ in range(rng.randint(2, 4))
        ]
    elif qtype == QuestionType.CLAIM_VERDICT:
        question.claim_source = _random_text(rng, newlines=False)
        question.answers = [
            ParsedAnswer(code, Decimal(code == "false"), feedback()) for code in VERDICT_CODES
        ]
    return question


@pytest.mark.parametrize("seed", range(0, 400, 50))
def test_round_trip_of_generated_awkward_questions(seed):
    for current in range(seed, seed + 50):
        rng = random.Random(current)
        assert_round_trip([_random_question(rng) for _ in range(3)])
