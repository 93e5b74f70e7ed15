"""Blocks of a scenario (its situations, feed items and choices) and the lesson block that
embeds a scenario (courses add it to the lesson palette through ``LessonPage.body_extend``)."""

from django.core.exceptions import ValidationError
from django.forms.utils import ErrorList
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.models import Locale
from wagtail.snippets.blocks import SnippetChooserBlock

from .scoring import MAX_POINTS, SKILLS

KEY_PATTERN = r"^[a-z0-9][a-z0-9-]*$"
MESSAGE_REPLY_NEEDS_TEXT = _("A prepared reply needs the text the account publishes.")


class FeedKind:
    CHOICES = [
        ("post", _("Post on the official channel")),
        ("comment", _("Comment")),
        ("repost", _("Repost by another channel")),
        ("message", _("Direct message")),
        ("request", _("Journalist's request")),
    ]


class Action:
    REPLY = "reply"
    OWN_REPLY = "own_reply"
    CHOICES = [
        ("reply", _("Reply with a prepared text")),
        ("own_reply", _("Write your own reply")),
        ("verify", _("Verify the claim first")),
        ("escalate_head", _("Escalate to the head")),
        ("escalate_legal", _("Escalate to the legal unit")),
        ("register_appeal", _("Register an appeal")),
        ("refute", _("Publish a refutation")),
        ("silent", _("Stay silent")),
        ("hide", _("Hide the comment")),
        ("delete", _("Delete the comment")),
    ]


class FeedItemBlock(blocks.StructBlock):
    kind = blocks.ChoiceBlock(label=_("Kind"), choices=FeedKind.CHOICES, default="comment")
    author = blocks.CharBlock(label=_("Author"), max_length=120)
    text = blocks.TextBlock(label=_("Text"))
    reach = blocks.CharBlock(
        label=_("Reach"),
        max_length=60,
        required=False,
        help_text=_("Views, shares or likes as the feed shows them, e.g. “12 000 views”."),
    )

    class Meta:
        icon = "comment"
        label = _("Feed item")


class ChoiceOptionBlock(blocks.StructBlock):
    action = blocks.ChoiceBlock(label=_("Action"), choices=Action.CHOICES, default="reply")
    label = blocks.CharBlock(label=_("What the learner sees"), max_length=240)
    reply = blocks.TextBlock(
        label=_("Text published"),
        required=False,
        help_text=_(
            "What the account publishes with this action (a reply, a refutation, the answer "
            "that registers an appeal); empty publishes nothing."
        ),
    )
    next = blocks.RegexBlock(
        KEY_PATTERN,
        label=_("Next situation"),
        required=False,
        error_messages={"invalid": _("Use lower-case letters, digits and hyphens.")},
        help_text=_("The key of the situation this choice leads to; empty ends the scenario."),
    )
    minutes = blocks.IntegerBlock(label=_("Minutes passing"), min_value=0, default=5)
    spread = blocks.IntegerBlock(
        label=_("Change in spread"), min_value=-100, max_value=100, default=0
    )
    trust = blocks.IntegerBlock(
        label=_("Change in trust"), min_value=-100, max_value=100, default=0
    )
    timeliness = blocks.IntegerBlock(
        label=SKILLS["timeliness"], min_value=0, max_value=MAX_POINTS, required=False
    )
    accuracy = blocks.IntegerBlock(
        label=SKILLS["accuracy"], min_value=0, max_value=MAX_POINTS, required=False
    )
    tone = blocks.IntegerBlock(
        label=SKILLS["tone"], min_value=0, max_value=MAX_POINTS, required=False
    )
    legality = blocks.IntegerBlock(
        label=SKILLS["legality"], min_value=0, max_value=MAX_POINTS, required=False
    )
    escalation = blocks.IntegerBlock(
        label=SKILLS["escalation"], min_value=0, max_value=MAX_POINTS, required=False
    )
    feedback = blocks.TextBlock(label=_("Feedback"), help_text=_("Why this choice is good or bad."))
    rule_page = blocks.PageChooserBlock(
        label=_("Rule applied"),
        required=False,
        help_text=_("The lesson, playbook or code of conduct the feedback refers to."),
    )
    rule_label = blocks.CharBlock(label=_("Rule, in a few words"), max_length=200, required=False)

    class Meta:
        icon = "arrow-right"
        label = _("Choice")
        help_text = _("Score each skill the choice tests from 0 (harmful) to 3 (exemplary).")

    def clean(self, value):
        value = super().clean(value)
        if value["action"] == Action.REPLY and not (value.get("reply") or "").strip():
            raise StructBlockValidationError(
                block_errors={"reply": ErrorList([ValidationError(MESSAGE_REPLY_NEEDS_TEXT)])}
            )
        return value


class SituationBlock(blocks.StructBlock):
    key = blocks.RegexBlock(
        KEY_PATTERN,
        label=_("Key"),
        max_length=60,
        error_messages={"invalid": _("Use lower-case letters, digits and hyphens.")},
        help_text=_("Short and unique, e.g. “night-comment”; choices name it to lead here."),
    )
    title = blocks.CharBlock(label=_("Title"), max_length=200)
    feed = blocks.ListBlock(FeedItemBlock(), label=_("New in the feed"), min_num=0)
    prompt = blocks.TextBlock(
        label=_("Question to the learner"), required=False, help_text=_("E.g. “What do you do?”")
    )
    choices = blocks.ListBlock(ChoiceOptionBlock(), label=_("Choices"), min_num=0)
    ending = blocks.TextBlock(
        label=_("Ending"),
        required=False,
        help_text=_("For a situation without choices: how the story ends."),
    )

    class Meta:
        icon = "radio-full"
        label = _("Situation")


class SituationStreamBlock(blocks.StreamBlock):
    situation = SituationBlock()


class ScenarioBlockValue(blocks.StructValue):
    def scenario_shown(self):
        """The chosen scenario in the reader's language when it has a live translation, else
        itself; None when it is not live."""
        scenario = self.get("scenario")
        if scenario is None:
            return None
        try:
            locale = Locale.get_active()
        except Locale.DoesNotExist:
            locale = None
        if locale is not None and scenario.locale_id != locale.pk:
            translated = scenario.get_translation_or_none(locale)
            if translated is not None and translated.live:
                return translated
        return scenario if scenario.live else None


class ScenarioBlock(blocks.StructBlock):
    scenario = SnippetChooserBlock("simulations.Scenario", label=_("Scenario"))
    minimum_score = blocks.IntegerBlock(
        label=_("Minimum score (%)"),
        required=False,
        min_value=0,
        max_value=100,
        help_text=_("Empty: finishing the scenario completes the lesson, whatever the score."),
    )
    introduction = blocks.TextBlock(
        label=_("Introduction"),
        required=False,
        help_text=_("A sentence or two above the scenario; its own summary when empty."),
    )

    class Meta:
        icon = "group"
        label = _("Practice scenario")
        description = _("A simulated feed to practise in; finishing it completes the lesson.")
        template = "simulations/blocks/scenario.html"
        value_class = ScenarioBlockValue
        preview_value = {"introduction": "Practise what the lesson taught."}
