"""Media in questions: Wagtail images with required alt text (in the text, the choices and the
explanation) and audio or video clips with a transcript; they round-trip through the question
editor, show on the attempt page with their alt text, and GIFT/Aiken exports name what they leave
out."""

import io
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from django.core.management import call_command
from django.urls import reverse
from PIL import Image as PILImage
from wagtail.documents import get_document_model
from wagtail.images import get_image_model

from quizzes.attempts import attempt_start
from quizzes.formats import gift
from quizzes.importing import questions_export
from quizzes.models import Attempt, Question
from quizzes.models.bank import MESSAGE_NEEDS_ALT
from tests.quizzes.conftest import choice, uz
from tests.quizzes.test_snippets import question_form

pytestmark = pytest.mark.django_db


@pytest.fixture
def image():
    buffer = io.BytesIO()
    PILImage.new("RGB", (320, 180), (11, 93, 122)).save(buffer, "PNG")
    return get_image_model().objects.create(
        title="Ministry channel screenshot", file=ImageFile(buffer, name="channel.png")
    )


@pytest.fixture
def clip():
    return get_document_model().objects.create(
        title="Press briefing excerpt", file=ContentFile(b"\x00" * 64, name="briefing.mp3")
    )


def test_an_image_round_trips_through_the_question_editor_and_shows_with_its_alt(
    client, make_user, category, image, make_quiz
):
    client.force_login(make_user("trainer", groups=["Trainers"]))
    url = reverse("wagtailsnippets_quizzes_question:add")
    missing = client.post(url, question_form(category, image=image.pk, image_alt=""))
    assert missing.status_code == 200
    assert uz(MESSAGE_NEEDS_ALT) in str(missing.context["form"].errors["image_alt"])
    saved = client.post(
        url,
        question_form(
            category,
            image=image.pk,
            image_alt="A post on the ministry's channel with 40 unanswered comments",
            **{"action-publish": "publish"},
        ),
    )
    assert saved.status_code == 302
    question = Question.objects.get()
    assert question.image == image and question.live
    edit = client.get(reverse("wagtailsnippets_quizzes_question:edit", args=[question.pk]))
    assert "40 unanswered comments" in edit.content.decode()

    learner = make_user("learner")
    quiz = make_quiz([question])
    client.force_login(learner)
    client.post(reverse("quizzes:start", args=[quiz.pk]))
    attempt = Attempt.objects.get()
    html = client.get(reverse("quizzes:attempt", args=[attempt.uuid])).content.decode()
    rendition = attempt.questions.get().snapshot["image"]["url"]
    assert f'src="{rendition}"' in html
    assert 'alt="A post on the ministry&#x27;s channel with 40 unanswered comments"' in html


def test_choice_and_explanation_images_and_a_clip(
    client, make_user, make_question, make_quiz, image, clip
):
    question = make_question(
        text="Which screenshot shows the official channel?",
        answers=[
            (
                "choice",
                {
                    "text": "The first",
                    "fraction": Decimal(100),
                    "feedback": "",
                    "image": image,
                    "image_alt": "Channel with the blue tick and the ministry's logo",
                },
            ),
            choice("The second", 0),
        ],
        media=clip,
        media_description="The press secretary says: comments are answered within 3 days.",
        feedback_image=image,
        feedback_image_alt="The verified badge, circled",
    )
    learner = make_user("learner")
    quiz = make_quiz([question])
    attempt = attempt_start(quiz=quiz, user=learner)
    client.force_login(learner)
    html = client.get(reverse("quizzes:attempt", args=[attempt.uuid])).content.decode()
    assert 'alt="Channel with the blue tick and the ministry&#x27;s logo"' in html
    assert f'<audio controls preload="none" src="{clip.url}"' in html
    assert "comments are answered within 3 days" in html
    assert "The verified badge, circled" not in html  # the explanation's image waits for it
    client.post(reverse("quizzes:submit", args=[attempt.uuid]))
    review = client.get(reverse("quizzes:review", args=[attempt.uuid])).content.decode()
    assert 'alt="The verified badge, circled"' in review


def test_alt_text_is_required_for_every_image(make_question, image):
    with pytest.raises(ValidationError) as refused:
        make_question(feedback_image=image, feedback_image_alt=" ")
    assert "feedback_image_alt" in refused.value.message_dict
    question = Question(
        category=make_question().category,
        qtype="single_choice",
        text="Which?",
        answers=[
            (
                "choice",
                {"text": "A", "fraction": 100, "feedback": "", "image": image, "image_alt": ""},
            ),
            choice("B", 0),
        ],
    )
    with pytest.raises(ValidationError):
        question.answers.stream_block.clean(question.answers)


def test_exports_name_what_they_cannot_carry(make_question, category, image, clip):
    make_question(
        name="q-screen",
        image=image,
        image_alt="Screenshot of the channel",
        media=clip,
        media_description="Transcript",
    )
    make_question(name="q-plain")
    text = questions_export(category_key=category.key, format="gift")
    head = text.split("\n\n")[0]
    assert "q-screen" in head and "Screenshot of the channel" in head
    assert "Press briefing excerpt" in head and "q-plain" not in head
    assert [question.name for question in gift.parse(text)] == ["q-screen", "q-plain"]
    out, err = io.StringIO(), io.StringIO()
    call_command(
        "export_questions", "--category", category.key, "--format", "aiken", stdout=out, stderr=err
    )
    assert "Screenshot of the channel" in err.getvalue()
    assert "Screenshot" not in out.getvalue()
