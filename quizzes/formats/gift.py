"""Moodle GIFT: read a question file into ``ParsedQuestion`` objects and write them back.

Follows Moodle's own reader (``question/format/gift/format.php``) so files exported from Moodle
import here unchanged; where Moodle silently imports something a trainer almost certainly did
not mean (``{true}`` becoming a short answer "true", a multiple-choice question whose weights
cannot add up), this reader reports an error instead. docs/quiz-formats.md lists the syntax and
every deviation.

``parse`` reads the whole file and raises one ``ParseError`` holding every problem, each with its
line number, so a trainer fixes a file in one round. Messages are translated lazily (the admin
shows them in the trainer's language).
"""

import re
from decimal import Decimal, InvalidOperation

from django.utils.functional import lazy
from django.utils.translation import gettext_lazy as _

from .types import (
    VERDICT_CODES,
    ParsedAnswer,
    ParsedNumericAnswer,
    ParsedPair,
    ParsedQuestion,
    ParseError,
    QuestionType,
)

# Messages (constants so the engine's tests can assert on them). Placeholders are %(name)s.
UNCLOSED_BRACE = _("The answer block opened with “{” is never closed with “}”.")
STRAY_CLOSING_BRACE = _("“}” without an opening “{”. Write \\} for a literal brace.")
NESTED_BRACE = _("“{” inside an answer block. Write \\{ for a literal brace.")
SECOND_BLOCK = _("A question can have only one answer block {…}.")
UNCLOSED_TITLE = _("The question title opened with “::” is never closed with “::”.")
EMPTY_TEXT = _("The question has no text.")
UNKNOWN_SYNTAX = _(
    "Unknown answer syntax “%(text)s”: start each answer with = or ~, "
    "or write {T}, {F}, {#number} or {}."
)
TRUE_FALSE_SYNTAX = _(
    "A true/false answer is exactly {T}, {TRUE}, {F} or {FALSE} (in capitals), optionally "
    "followed by #feedback; found “%(text)s”."
)
NOT_A_NUMBER = _("“%(text)s” is not a number (use a dot for decimals: 3.14).")
NEGATIVE_TOLERANCE = _("The tolerance “%(text)s” must not be negative.")
RANGE_REVERSED = _("The range “%(text)s” starts above its end.")
NO_NUMERIC_ANSWER = _("A numeric question needs at least one number after “#”.")
CATCH_ALL_SYNTAX = _("After “~” a numeric question takes only #feedback for any other answer.")
MATCHING_PAIR = _("Each matching pair is written “=prompt -> answer”; found “%(text)s”.")
MATCHING_EMPTY_ANSWER = _("The matching pair “%(text)s” has no answer after “->”.")
MATCHING_TOO_FEW = _("A matching question needs at least 2 pairs; found %(count)s.")
CHOICE_TOO_FEW = _("A choice question needs at least 2 answers; found %(count)s.")
EMPTY_ANSWER = _("An answer is empty.")
BAD_WEIGHT = _("“%(text)s” is not a weight: write a percentage between -100 and 100, e.g. %%50%%.")
WEIGHT_ON_RIGHT = _(
    "In a choice question “=” marks the right answer and takes no weight; "
    "write ~%%50%%answer for partial credit."
)
SEVERAL_RIGHT = _(
    "A single-choice question has exactly one right answer (“=”); found %(count)s. "
    "For several right answers give each a weight, e.g. ~%%50%%."
)
NO_RIGHT_ANSWER = _(
    "No answer is right: mark the right answer with “=” or give weights that add up to 100%%."
)
WEIGHTS_NOT_100 = _(
    "The positive weights of a multiple-choice question add up to %(total)s%%, not 100%%."
)
SHORT_ANSWER_WEIGHT = _("A short answer's weight must be between 0 and 100; found %(text)s%%.")
UNKNOWN_DIRECTIVE = _(
    'Unknown Muloqot comment “%(text)s”; write // muloqot:claim-verdict source="…".'
)
DIRECTIVE_NOT_BEFORE_QUESTION = _(
    "The claim-verdict comment must come directly before its question, with no blank line."
)
DIRECTIVE_TWICE = _("Only one claim-verdict comment per question.")
VERDICT_NOT_CHOICE = _("A claim-verdict question is a choice question with the five verdicts.")
VERDICT_CODES_WRONG = _(
    "A claim-verdict question's answers are exactly the five verdicts %(codes)s; found %(found)s."
)
VERDICT_RIGHT_COUNT = _("Mark exactly one verdict right with “=”.")

BLANK = "_____"  # the gap of a missing-word question, as Moodle writes it
TEXT_FORMATS = ("moodle", "html", "plain", "markdown")
CATEGORY_PREFIX = "$CATEGORY:"
_CONTEXT_PREFIXES = ("$course$/", "$system$/", "$coursecategory$/", "$module$/", "$cat$/")

# Escaped characters become private-use placeholders before any structural search, as in
# Moodle's escapedchar_pre, so "\{" never opens a block and "\=" never starts an answer.
_ESCAPABLE = "\\~=#{}:n"
_PLACEHOLDER = {char: chr(0xE000 + index) for index, char in enumerate(_ESCAPABLE)}
_RESTORE = {ord(chr(0xE000 + index)): char for index, char in enumerate(_ESCAPABLE)}
_RESTORE[ord(_PLACEHOLDER["n"])] = "\n"
_ESCAPE_RE = re.compile(r"\\([\\~=#{}:n])")
_WEIGHT_RE = re.compile(r"^%([^%]*)%")
_FORMAT_RE = re.compile(r"^\[(moodle|html|plain|markdown)\]")
_DIRECTIVE_RE = re.compile(r"^//\s*muloqot:")
_CLAIM_RE = re.compile(r'^//\s*muloqot:claim-verdict(?:\s+source="((?:[^"\\]|\\.)*)")?\s*$')
_TRUE_FALSE = {"T": True, "TRUE": True, "F": False, "FALSE": False}


def _interpolate(message, params):
    return str(message) % params


_lazy_interpolate = lazy(_interpolate, str)


def _message(message, **params):
    """The message with its placeholders filled, still translated only when shown."""
    return _lazy_interpolate(message, params)


def _protect(text: str) -> str:
    return _ESCAPE_RE.sub(lambda match: _PLACEHOLDER[match.group(1)], text)


def _restore(text: str) -> str:
    return text.translate(_RESTORE)


def _clean(text: str) -> str:
    """Protected text as the learner sees it: escapes resolved, outer spaces trimmed."""
    return _restore(text).strip()


def _shown(text: str) -> str:
    """Protected text for an error message: as the trainer wrote it, on one line."""
    shown = " ".join(_restore(text).split())
    return shown if len(shown) <= 60 else shown[:57] + "…"


def _strip_format(text: str) -> tuple[str, str | None]:
    match = _FORMAT_RE.match(text)
    if match:
        return text[match.end() :], match.group(1)
    return text, None


def _split(text: str, marker: str, base: int) -> list[tuple[str, int]]:
    """``text.split(marker)`` with each piece's offset (``base`` + its start in ``text``)."""
    pieces, start = [], 0
    while True:
        found = text.find(marker, start)
        if found == -1:
            pieces.append((text[start:], base + start))
            return pieces
        pieces.append((text[start:found], base + start))
        start = found + len(marker)


def _category_path(raw: str) -> str:
    path = _clean(raw)
    for prefix in _CONTEXT_PREFIXES:
        if path.startswith(prefix):
            path = path[len(prefix) :]
            break
    if path == "top":
        return ""
    return path.removeprefix("top/")


def _decimal(text: str) -> Decimal | None:
    try:
        value = Decimal(text.strip())
    except InvalidOperation:
        return None
    return value if value.is_finite() else None


class _Reader:
    def __init__(self, text: str, default_category: str):
        self.text = text
        self.category = default_category
        self.questions: list[ParsedQuestion] = []
        self.errors: list[tuple[int, str]] = []

    def error(self, line: int, message, **params) -> None:
        self.errors.append((line, _message(message, **params)))

    def read(self) -> list[ParsedQuestion]:
        lines = self.text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
        block: list[tuple[int, str]] = []
        for number, line in enumerate(lines.split("\n"), start=1):
            if line.strip():
                block.append((number, line))
            elif block:
                self.read_block(block)
                block = []
        if block:
            self.read_block(block)
        if self.errors:
            raise ParseError(sorted(self.errors, key=lambda error: error[0]))
        return self.questions

    def read_block(self, block: list[tuple[int, str]]) -> None:
        """One paragraph: comments, maybe a $CATEGORY line, maybe one question."""
        content: list[tuple[int, str]] = []
        claim: tuple[int, str] | None = None
        for number, line in block:
            stripped = line.strip()
            if not stripped.startswith("//"):
                content.append((number, line))
                continue
            if not _DIRECTIVE_RE.match(stripped):
                continue  # an ordinary comment
            match = _CLAIM_RE.match(stripped)
            if not match:
                self.error(number, UNKNOWN_DIRECTIVE, text=stripped)
            elif any(not text.lstrip().startswith(CATEGORY_PREFIX) for _n, text in content):
                self.error(number, DIRECTIVE_NOT_BEFORE_QUESTION)  # it sits inside a question
            elif claim is not None:
                self.error(number, DIRECTIVE_TWICE)
            else:
                source = re.sub(r"\\(.)", r"\1", match.group(1) or "")
                claim = (number, source)
        if content and content[0][1].lstrip().startswith(CATEGORY_PREFIX):
            self.category = _category_path(_protect(content[0][1].lstrip()[len(CATEGORY_PREFIX) :]))
            content = content[1:]
        if not content:
            if claim is not None:
                self.error(claim[0], DIRECTIVE_NOT_BEFORE_QUESTION)
            return
        question = self.read_question(content, claim)
        if question is not None:
            self.questions.append(question)

    def read_question(
        self, content: list[tuple[int, str]], claim: tuple[int, str] | None
    ) -> ParsedQuestion | None:
        numbers = [number for number, _line in content]
        text = _protect("\n".join(line for _number, line in content))
        first = numbers[0]

        def line_at(offset: int) -> int:
            return numbers[text.count("\n", 0, offset)]

        errors_before = len(self.errors)
        name = ""
        body_start = len(text) - len(text.lstrip())
        if text.startswith("::", body_start):
            end = text.find("::", body_start + 2)
            if end == -1:
                self.error(first, UNCLOSED_TITLE)
                return None
            name = _clean(text[body_start + 2 : end])
            body_start = end + 2

        opening = text.find("{", body_start)
        closing = text.find("}", body_start)
        if opening == -1 and closing == -1:
            if claim is not None:
                self.error(claim[0], DIRECTIVE_NOT_BEFORE_QUESTION)
            return None  # a description: Moodle shows it as text; a bank has no place for it
        if opening == -1 or (closing != -1 and closing < opening):
            self.error(line_at(closing), STRAY_CLOSING_BRACE)
            return None
        if closing == -1:
            self.error(line_at(opening), UNCLOSED_BRACE)
            return None
        nested = text.find("{", opening + 1, closing)
        if nested != -1:
            self.error(line_at(nested), NESTED_BRACE)
            return None
        after = text[closing + 1 :]
        extra = min((at for at in (after.find("{"), after.find("}")) if at != -1), default=-1)
        if extra != -1:
            self.error(line_at(closing + 1 + extra), SECOND_BLOCK)
            return None

        before = text[body_start:opening].lstrip()
        before, text_format = _strip_format(before)
        question_text = before + BLANK + after if after.strip() else before
        question = ParsedQuestion(
            qtype=QuestionType.ESSAY,
            text=_clean(question_text),
            name=name,
            category=self.category,
            line=first,
            text_format=text_format or "moodle",
        )
        if not question.text:
            self.error(first, EMPTY_TEXT)

        answers = text[opening + 1 : closing]
        base = opening + 1
        feedback_at = answers.rfind("####")
        if feedback_at != -1:
            question.general_feedback = _clean(_strip_format(answers[feedback_at + 4 :].strip())[0])
            answers = answers[:feedback_at]
        leading = len(answers) - len(answers.lstrip())
        answers, base = answers.strip(), base + leading

        if not answers:
            question.qtype = QuestionType.ESSAY
        elif answers.startswith("#"):
            self.read_numeric(question, answers[1:], base + 1, line_at)
        elif "~" in answers:
            self.read_choice(question, answers, base, line_at)
        elif "=" in answers and "->" in answers:
            self.read_matching(question, answers, base, line_at)
        else:
            head = answers.split("#", 1)[0].strip()
            words = head.split()
            if head in _TRUE_FALSE:
                self.read_true_false(question, answers)
            elif words and words[0].upper() in _TRUE_FALSE:
                self.error(line_at(base), TRUE_FALSE_SYNTAX, text=_shown(answers))
            else:
                self.read_short_answer(question, answers, base, line_at)

        if claim is not None:
            question.claim_source = claim[1]
            self.check_claim(question, claim[0])
        return question if len(self.errors) == errors_before else None

    def weight(self, piece: str, line: int) -> tuple[Decimal | None, str]:
        """A leading "%50%" as the fraction 0.5, and the rest of the answer."""
        match = _WEIGHT_RE.match(piece)
        if not match:
            return None, piece
        percent = _decimal(_restore(match.group(1)))
        if percent is None or not -100 <= percent <= 100:
            self.error(line, BAD_WEIGHT, text=_shown(match.group(0)))
            return Decimal(0), piece[match.end() :]
        return percent / 100, piece[match.end() :]

    def answer_and_feedback(self, piece: str) -> tuple[str, str]:
        answer, _sep, feedback = piece.partition("#")
        return _clean(_strip_format(answer.strip())[0]), _clean(_strip_format(feedback.strip())[0])

    def check_lead(self, pieces, line_at) -> list[tuple[str, int]]:
        """Drop the empty piece before the first marker; anything written there is an error."""
        lead, offset = pieces[0]
        if lead.strip():
            self.error(line_at(offset), UNKNOWN_SYNTAX, text=_shown(lead))
        return pieces[1:]

    def read_choice(self, question, answers, base, line_at) -> None:
        # Moodle: every "=" starts an answer too ("=" becomes "~=" before splitting on "~").
        pieces = []
        for piece, offset in _split(answers, "~", base):
            for index, (part, part_offset) in enumerate(_split(piece, "=", offset)):
                pieces.append((("=" if index else "") + part, part_offset - (1 if index else 0)))
        pieces = self.check_lead(pieces, line_at)
        errors_before = len(self.errors)
        rights = 0
        for piece, offset in pieces:
            line = line_at(offset)
            piece = piece.strip()
            if piece.startswith("="):
                rights += 1
                fraction = Decimal(1)
                piece = piece[1:].lstrip()
                if _WEIGHT_RE.match(piece):
                    self.error(line, WEIGHT_ON_RIGHT)
            else:
                weight, piece = self.weight(piece, line)
                fraction = Decimal(0) if weight is None else weight
            text, feedback = self.answer_and_feedback(piece)
            if not text:
                self.error(line, EMPTY_ANSWER)
            question.answers.append(ParsedAnswer(text=text, fraction=fraction, feedback=feedback))
        line = question.line
        if len(pieces) < 2:
            self.error(line, CHOICE_TOO_FEW, count=len(pieces))
        if len(self.errors) > errors_before:
            return  # the checks below would only repeat the problem in other words
        if rights:
            question.qtype = QuestionType.SINGLE_CHOICE
            full = sum(1 for answer in question.answers if answer.fraction == 1)
            if full > 1:  # two "=", or "=" beside "~%100%"
                self.error(line, SEVERAL_RIGHT, count=full)
        else:
            question.qtype = QuestionType.MULTIPLE_CHOICE
            total = sum((a.fraction for a in question.answers if a.fraction > 0), Decimal(0))
            if total == 0:
                self.error(line, NO_RIGHT_ANSWER)
            elif round(total, 2) != 1:  # Moodle's check (qtype_multichoice: fractionsaddwrong)
                self.error(line, WEIGHTS_NOT_100, total=f"{(total * 100).normalize():f}")

    def read_short_answer(self, question, answers, base, line_at) -> None:
        question.qtype = QuestionType.SHORT_ANSWER
        for piece, offset in self.check_lead(_split(answers, "=", base), line_at):
            line = line_at(offset)
            weight, piece = self.weight(piece.strip(), line)
            if weight is not None and weight < 0:
                self.error(line, SHORT_ANSWER_WEIGHT, text=_percent(weight))
            text, feedback = self.answer_and_feedback(piece)
            if not text:
                self.error(line, EMPTY_ANSWER)
            fraction = Decimal(1) if weight is None else weight
            question.answers.append(ParsedAnswer(text=text, fraction=fraction, feedback=feedback))

    def read_true_false(self, question, answers) -> None:
        question.qtype = QuestionType.TRUE_FALSE
        parts = [part.strip() for part in answers.split("#", 2)]
        parts += [""] * (3 - len(parts))
        correct = _TRUE_FALSE[parts[0]]
        wrong_feedback = _clean(_strip_format(parts[1])[0])
        right_feedback = _clean(_strip_format(parts[2])[0])
        question.correct = correct
        # Moodle: the first feedback is shown for the wrong answer, the second for the right one.
        question.true_feedback = right_feedback if correct else wrong_feedback
        question.false_feedback = wrong_feedback if correct else right_feedback

    def read_matching(self, question, answers, base, line_at) -> None:
        question.qtype = QuestionType.MATCHING
        errors_before = len(self.errors)
        for piece, offset in self.check_lead(_split(answers, "=", base), line_at):
            line = line_at(offset)
            if "->" not in piece:
                self.error(line, MATCHING_PAIR, text=_shown(piece))
                continue
            prompt, _arrow, answer = piece.partition("->")
            pair = ParsedPair(
                prompt=_clean(_strip_format(prompt.strip())[0]), answer=_clean(answer)
            )
            if not pair.answer:
                self.error(line, MATCHING_EMPTY_ANSWER, text=_shown(piece))
            question.pairs.append(pair)
        prompts = sum(1 for pair in question.pairs if pair.prompt)
        if prompts < 2 and len(self.errors) == errors_before:
            self.error(question.line, MATCHING_TOO_FEW, count=prompts)

    def read_numeric(self, question, answers, base, line_at) -> None:
        question.qtype = QuestionType.NUMERIC
        catch_all = None
        tilde = answers.find("~")
        if tilde != -1:
            catch_all = (answers[tilde + 1 :], base + tilde)
            answers = answers[:tilde]
        pieces = _split(answers, "=", base)
        if not pieces[0][0].strip():
            pieces = pieces[1:]
        if not pieces:
            self.error(line_at(base), NO_NUMERIC_ANSWER)
        for piece, offset in pieces:
            line = line_at(offset)
            weight, piece = self.weight(piece.strip(), line)
            value_text, _sep, feedback = piece.partition("#")
            value_text = _restore(value_text).strip()
            answer = ParsedNumericAnswer(
                fraction=Decimal(1) if weight is None else weight,
                feedback=_clean(_strip_format(feedback.strip())[0]),
            )
            low, dots, high = value_text.partition("..")
            if dots and low.strip():
                answer.minimum, answer.maximum = _decimal(low), _decimal(high)
                if answer.minimum is None or answer.maximum is None:
                    self.error(line, NOT_A_NUMBER, text=value_text)
                elif answer.minimum > answer.maximum:
                    self.error(line, RANGE_REVERSED, text=value_text)
            else:
                value, colon, tolerance = value_text.partition(":")
                answer.value = _decimal(value)
                answer.tolerance = _decimal(tolerance) if colon else Decimal(0)
                if answer.value is None:
                    self.error(line, NOT_A_NUMBER, text=value.strip() or value_text)
                elif answer.tolerance is None:
                    self.error(line, NOT_A_NUMBER, text=tolerance.strip())
                elif answer.tolerance < 0:
                    self.error(line, NEGATIVE_TOLERANCE, text=tolerance.strip())
            question.numeric_answers.append(answer)
        if catch_all is not None:
            piece, offset = catch_all
            lead, _sep, feedback = piece.partition("#")
            if lead.strip():
                self.error(line_at(offset), CATCH_ALL_SYNTAX)
            # "Any other number": no value and no range, no credit, only feedback.
            question.numeric_answers.append(
                ParsedNumericAnswer(
                    fraction=Decimal(0), feedback=_clean(_strip_format(feedback.strip())[0])
                )
            )

    def check_claim(self, question: ParsedQuestion, line: int) -> None:
        if question.qtype not in (QuestionType.SINGLE_CHOICE, QuestionType.MULTIPLE_CHOICE):
            self.error(line, VERDICT_NOT_CHOICE)
            return
        question.qtype = QuestionType.CLAIM_VERDICT
        found = [answer.text for answer in question.answers]
        if sorted(found) != sorted(VERDICT_CODES):
            self.error(
                line, VERDICT_CODES_WRONG, codes=", ".join(VERDICT_CODES), found=", ".join(found)
            )
        if sum(1 for answer in question.answers if answer.fraction == 1) != 1:
            self.error(line, VERDICT_RIGHT_COUNT)


def parse(text: str, *, default_category: str = "") -> list[ParsedQuestion]:
    """Every question in a GIFT file, in file order; ``ParseError`` lists every problem."""
    return _Reader(text, default_category).read()


# ---------------------------------------------------------------------------------------------
# Writing


def _escape(text: str) -> str:
    text = text.replace("\\", "\\\\")
    for char in "~=#{}:":
        text = text.replace(char, "\\" + char)
    return text.replace("\r\n", "\n").replace("\r", "\n").replace("\n", "\\n")


def _percent(fraction: Decimal) -> str:
    return f"{(Decimal(fraction) * 100).normalize():f}"


def _number(value: Decimal) -> str:
    return f"{Decimal(value).normalize():f}"


def _part(text: str) -> str:
    """An answer or a feedback: escaped, and kept from reading as a "[html]" format tag."""
    escaped = _escape(text)
    return "[moodle]" + escaped if _FORMAT_RE.match(escaped) else escaped


def _feedback(text: str) -> str:
    return "#" + _part(text) if text else ""


def _answer_lines(question: ParsedQuestion) -> list[str]:
    qtype = question.qtype
    if qtype in (QuestionType.SINGLE_CHOICE, QuestionType.CLAIM_VERDICT):
        rights = [answer for answer in question.answers if answer.fraction == 1]
        if len(rights) != 1:
            raise ValueError(f"{question.name or question.text!r}: needs exactly one right answer")
        lines = []
        for answer in question.answers:
            if answer.fraction == 1:
                marker = "="
            elif answer.fraction == 0:
                marker = "~"
            else:
                marker = f"~%{_percent(answer.fraction)}%"
            lines.append(marker + _part(answer.text) + _feedback(answer.feedback))
        return lines
    if qtype == QuestionType.MULTIPLE_CHOICE:
        return [
            ("~" if answer.fraction == 0 else f"~%{_percent(answer.fraction)}%")
            + _part(answer.text)
            + _feedback(answer.feedback)
            for answer in question.answers
        ]
    if qtype == QuestionType.SHORT_ANSWER:
        return [
            ("=" if answer.fraction == 1 else f"=%{_percent(answer.fraction)}%")
            + _part(answer.text)
            + _feedback(answer.feedback)
            for answer in question.answers
        ]
    if qtype == QuestionType.MATCHING:
        return [f"={_part(pair.prompt)} -> {_escape(pair.answer)}" for pair in question.pairs]
    if qtype == QuestionType.NUMERIC:
        lines, catch_all = [], []
        for answer in question.numeric_answers:
            if answer.value is None and answer.minimum is None:
                catch_all.append("~" + _feedback(answer.feedback))  # must come last
                continue
            weight = "" if answer.fraction == 1 else f"%{_percent(answer.fraction)}%"
            if answer.value is None:
                number = f"{_number(answer.minimum)}..{_number(answer.maximum)}"
            else:
                number = f"{_number(answer.value)}:{_number(answer.tolerance)}"
            lines.append(f"={weight}{number}{_feedback(answer.feedback)}")
        lines += catch_all
        if lines:
            lines[0] = "#" + lines[0]
        return lines
    if qtype == QuestionType.ESSAY:
        return []
    raise ValueError(f"{question.name or question.text!r}: cannot write type {qtype!r} as GIFT")


def _true_false_block(question: ParsedQuestion) -> str:
    right, wrong = (
        (question.true_feedback, question.false_feedback)
        if question.correct
        else (question.false_feedback, question.true_feedback)
    )
    block = "TRUE" if question.correct else "FALSE"
    if wrong or right:
        block += "#" + _part(wrong)
    if right:
        block += "#" + _part(right)
    return block


def _write_question(question: ParsedQuestion) -> str:
    out = []
    if question.qtype == QuestionType.CLAIM_VERDICT:
        source = question.claim_source.replace("\\", "\\\\").replace('"', '\\"')
        source = " ".join(source.splitlines())
        out.append(f'// muloqot:claim-verdict source="{source}"\n')
    head = f"::{_escape(question.name)}:: " if question.name else ""
    text = _escape(question.text)
    text_format = question.text_format or "moodle"
    # "[moodle]" also keeps text that starts like a format tag or a "//" comment line as text
    if text_format != "moodle" or _FORMAT_RE.match(text) or (not head and text.startswith("//")):
        text = f"[{text_format}]{text}"
    if question.qtype == QuestionType.TRUE_FALSE:
        inner = _true_false_block(question)
        if question.general_feedback:
            inner += "####" + _part(question.general_feedback)
        block_inline, block_long = "{" + inner + "}", "{" + inner + "}"
    else:
        lines = _answer_lines(question)
        feedback = "####" + _part(question.general_feedback) if question.general_feedback else ""
        block_inline = "{" + " ".join([*lines, feedback]).strip() + "}"
        block_long = "{" + "".join(f"\n\t{line}" for line in [*lines, feedback] if line) + "\n}"
        if not lines:
            block_long = block_inline
    # A missing-word question: put the block back into the gap, if something follows the gap.
    gap = text.find(BLANK)
    if gap != -1 and text[gap + len(BLANK) :].strip():
        out.append(f"{head}{text[:gap]}{block_inline}{text[gap + len(BLANK) :]}")
    else:
        out.append(f"{head}{text} {block_long}")
    return "".join(out) + "\n"


def dump(questions: list[ParsedQuestion]) -> str:
    """GIFT text that ``parse`` reads back into equal questions (line numbers aside)."""
    parts = []
    category = ""
    for question in questions:
        if question.category != category:
            category = question.category
            parts.append(f"{CATEGORY_PREFIX} {_escape(category)}\n")
        parts.append(_write_question(question))
    return "\n".join(parts)
