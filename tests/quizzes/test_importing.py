"""GIFT and Aiken into the bank and back: every type, all or nothing, lines in errors,
round trip."""

from decimal import Decimal
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from quizzes.formats import gift
from quizzes.importing import ImportFailed, parsed_from, questions_export, questions_import
from quizzes.models import Question, QuestionCategory
from tests.quizzes.conftest import uz

pytestmark = pytest.mark.django_db
DATA = Path(__file__).parent / "data"


def test_gift_import_creates_every_type():
    created = questions_import(text=(DATA / "every-type.gift").read_text(), format="gift")
    by_name = {question.name: question for question in created}
    assert {question.qtype for question in created} == {
        "single_choice",
        "multiple_choice",
        "true_false",
        "short_answer",
        "numeric",
        "matching",
        "essay",
        "claim_verdict",
    }
    assert QuestionCategory.objects.get().key == "press-service"
    single = by_name["ps-single"]
    assert single.general_feedback.startswith("PQ-4366")
    assert [b.value["fraction"] for b in single.answers] == [Decimal(100), Decimal(0), Decimal(0)]
    assert by_name["ps-tf"].correct is True
    assert by_name["fc-water-cut"].claim_source.startswith("Anonymous Telegram channel")
    assert all(question.live and question.latest_revision_id for question in created)


def test_malformed_gift_imports_nothing_and_names_each_line():
    with pytest.raises(ImportFailed) as failure:
        questions_import(text=(DATA / "broken.gift").read_text(), format="gift", category_key="x")
    lines = [line for line, _message in failure.value.errors]
    assert 3 in lines and 5 in lines
    assert Question.objects.count() == 0 and QuestionCategory.objects.count() == 0


def test_aiken_import_and_malformed_aiken():
    created = questions_import(
        text=(DATA / "simple.aiken").read_text(), format="aiken", category_key="basics"
    )
    assert len(created) == 2 and created[0].category.key == "basics"
    with pytest.raises(ImportFailed) as failure:
        questions_import(
            text="Question?\nA. one\nB. two\nANSWER: D\n", format="aiken", category_key="basics"
        )
    assert failure.value.errors[0][0] in (1, 4)
    assert Question.objects.count() == 2


def test_question_without_category_is_refused():
    with pytest.raises(ImportFailed) as failure:
        questions_import(text="::q::Text {=a ~b}", format="gift")
    assert failure.value.errors[0][0] == 1


def test_export_then_import_gives_the_same_questions():
    questions_import(text=(DATA / "every-type.gift").read_text(), format="gift")
    before = [parsed_from(q) for q in Question.objects.order_by("pk")]
    text = questions_export(category_key="press-service", format="gift")
    Question.objects.all().delete()
    questions_import(text=text, format="gift")
    after = [parsed_from(q) for q in Question.objects.order_by("pk")]
    assert [
        (
            q.qtype,
            q.name,
            q.text,
            q.answers,
            q.numeric_answers,
            q.pairs,
            q.correct,
            q.general_feedback,
            q.claim_source,
        )
        for q in after
    ] == [
        (
            q.qtype,
            q.name,
            q.text,
            q.answers,
            q.numeric_answers,
            q.pairs,
            q.correct,
            q.general_feedback,
            q.claim_source,
        )
        for q in before
    ]
    assert gift.parse(text)  # the export is valid GIFT


def test_aiken_export_round_trip():
    questions_import(
        text=(DATA / "simple.aiken").read_text(), format="aiken", category_key="basics"
    )
    text = questions_export(category_key="basics", format="aiken")
    assert "ANSWER: B" in text


def test_commands(tmp_path):
    out = StringIO()
    call_command(
        "import_questions",
        str(DATA / "simple.aiken"),
        "--category",
        "Basics",
        "--format",
        "aiken",
        stdout=out,
    )
    assert "2 questions imported" in out.getvalue()
    out = StringIO()
    call_command("export_questions", "--category", "basics", "--format", "gift", stdout=out)
    assert "The district's verified Telegram channel" in out.getvalue()
    with pytest.raises(CommandError, match=r"broken.gift:3"):
        call_command("import_questions", str(DATA / "broken.gift"), "--category", "x")
    assert Question.objects.count() == 2


def test_admin_upload(client, make_user):
    client.force_login(make_user("trainer", groups=["Trainers"]))
    url = reverse("quizzes_import")
    assert client.get(url).status_code == 200
    with (DATA / "broken.gift").open("rb") as handle:
        response = client.post(url, {"file": handle, "format": "gift"})
    assert response.status_code == 400
    assert uz("Line %(line)s: %(message)s", line=3, message="") in response.content.decode()
    assert Question.objects.count() == 0
    with (DATA / "every-type.gift").open("rb") as handle:
        response = client.post(url, {"file": handle, "format": "gift"})
    assert response.status_code == 302
    assert Question.objects.count() == 9


def test_admin_upload_needs_the_permission(client, make_user):
    client.force_login(make_user("learner"))
    assert client.get(reverse("quizzes_import")).status_code in (302, 403)


def test_admin_export_downloads_gift_and_refuses_aiken_for_other_types(client, make_user):
    questions_import(text=(DATA / "every-type.gift").read_text(), format="gift")
    category = QuestionCategory.objects.get()
    client.force_login(make_user("trainer", groups=["Trainers"]))
    listing = client.get(reverse("wagtailsnippets_quizzes_questioncategory:list")).content.decode()
    url = reverse("quizzes_export", args=[category.pk])
    assert f"{url}?format=gift" in listing
    response = client.get(url, {"format": "gift"})
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="press-service.uz.gift"'
    assert len(gift.parse(response.content.decode())) == 9
    refused = client.get(url, {"format": "aiken"})
    assert refused.status_code == 302
    client.force_login(make_user("learner"))
    assert client.get(url).status_code in (302, 403)


def test_moodle_html_question_text_becomes_plain_text():
    text = (
        "::m1::[html]<p>Who answers <b>citizens</b>?</p><p>Pick one &amp; only one.</p>"
        "{=<p>The press secretary</p> ~Nobody}"
    )
    question = questions_import(text=text, format="gift", category_key="moodle")[0]
    assert question.text == "Who answers citizens?\nPick one & only one."
    assert [b.value["text"] for b in question.answers] == ["The press secretary", "Nobody"]
