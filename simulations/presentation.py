"""What the play and result pages show, built from the attempt's snapshot and steps: the feed so
far, the simulated clock, the indicators and the feedback of each choice."""

from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _

from .attempts import node_get
from .blocks import Action, FeedKind
from .models import ScenarioAttempt
from .scoring import SKILLS

KIND_LABELS = dict(FeedKind.CHOICES)
ACTION_LABELS = dict(Action.CHOICES)
DAY = 24 * 60


def clock_label(start_minutes: int, minutes: int) -> str:
    total = start_minutes + minutes
    text = f"{(total % DAY) // 60:02d}:{total % 60:02d}"
    days = total // DAY
    if days == 1:
        return f"{text} ({_('next day')})"
    if days > 1:
        return f"{text} (+{days})"
    return text


@dataclass
class FeedEntry:
    kind: str
    kind_label: str
    author: str
    text: str
    time: str
    reach: str = ""
    official: bool = False


@dataclass
class StepView:
    number: int
    situation: str
    action_label: str
    label: str
    reply_text: str
    feedback: str
    rule: dict | None
    scores: list = field(default_factory=list)
    reviews: list = field(default_factory=list)


def attempt_view(attempt: ScenarioAttempt, steps) -> dict:
    """Everything the templates need; ``steps`` are the attempt's steps in order."""
    snapshot = attempt.snapshot
    start = snapshot["clock_start"]
    feed, history = [], []
    elapsed = 0
    for step in steps:
        node = node_get(snapshot, step.node_key)
        choice = node["choices"][step.choice_index]
        _feed_of(node, feed, clock_label(start, elapsed))
        elapsed += choice["minutes"]
        text = step.reply_text if choice["action"] == Action.OWN_REPLY else choice["reply"]
        if text:
            feed.append(
                FeedEntry(
                    kind="reply",
                    kind_label=str(ACTION_LABELS[choice["action"]]),
                    author=snapshot["channel"],
                    text=text,
                    time=clock_label(start, elapsed),
                    official=True,
                )
            )
        history.append(
            StepView(
                number=step.position,
                situation=node["title"],
                action_label=str(ACTION_LABELS.get(choice["action"], choice["action"])),
                label=choice["label"],
                reply_text=step.reply_text,
                feedback=choice["feedback"],
                rule=choice["rule"],
                scores=[
                    (SKILLS[skill], value)
                    for skill, value in choice["scores"].items()
                    if value is not None
                ],
                reviews=list(step.reviews.all()) if step.action == Action.OWN_REPLY else [],
            )
        )
    current = node_get(snapshot, attempt.current_key)
    if not any(step.node_key == current["key"] for step in steps):
        _feed_of(current, feed, clock_label(start, elapsed))
    return {
        "feed": feed,
        "history": history,
        "current": current,
        "clock": clock_label(start, attempt.minutes),
        "last": history[-1] if history else None,
        "scores": [(SKILLS[skill], attempt.scores.get(skill)) for skill in SKILLS]
        if attempt.is_finished
        else [],
    }


def _feed_of(node: dict, feed: list, time: str) -> None:
    for item in node["feed"]:
        feed.append(
            FeedEntry(
                kind=item["kind"],
                kind_label=str(KIND_LABELS.get(item["kind"], item["kind"])),
                author=item["author"],
                text=item["text"],
                time=time,
                reach=item["reach"],
            )
        )
