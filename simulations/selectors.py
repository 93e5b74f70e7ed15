"""Reads for the practice room: the scenarios a reader may play, their attempts, the choice
statistics per situation and the replies waiting for review."""

from dataclasses import dataclass

from django.db.models import Count
from wagtail.models import Locale

from .blocks import Action
from .models import AttemptStep, Scenario, ScenarioAttempt


def scenario_list(*, user) -> list[Scenario]:
    """Published scenarios, each once: in the reader's language when translated, else in the
    language it was written in."""
    if not user.is_authenticated:
        return []
    try:
        locale = Locale.get_active()
    except Locale.DoesNotExist:
        locale = None
    chosen: dict = {}
    for scenario in Scenario.objects.filter(live=True).order_by("title", "pk"):
        current = chosen.get(scenario.translation_key)
        if current is None or (locale is not None and scenario.locale_id == locale.pk):
            chosen[scenario.translation_key] = scenario
    return sorted(chosen.values(), key=lambda scenario: scenario.title.lower())


def attempt_list(*, user, scenario_keys) -> dict:
    """The reader's latest non-preview attempt per scenario key."""
    latest = {}
    for attempt in ScenarioAttempt.objects.filter(
        user=user, scenario_key__in=list(scenario_keys), preview=False
    ).order_by("scenario_key", "-started_at", "-pk"):
        latest.setdefault(attempt.scenario_key, attempt)
    return latest


@dataclass
class ChoiceCount:
    index: int
    label: str
    count: int
    percent: int


@dataclass
class SituationStatistics:
    key: str
    title: str
    total: int
    choices: list[ChoiceCount]


def choice_statistics(*, scenario: Scenario) -> list[SituationStatistics]:
    """How often learners took each choice at each situation, over every language of the
    scenario (previews left out), in one aggregate query. Labels are today's; a choice since
    removed is still counted, under its number."""
    rows = (
        AttemptStep.objects.filter(
            attempt__scenario_key=scenario.translation_key, attempt__preview=False
        )
        .values("node_key", "choice_index")
        .annotate(count=Count("pk"))
    )
    counts: dict[str, dict[int, int]] = {}
    for row in rows:
        counts.setdefault(row["node_key"], {})[row["choice_index"]] = row["count"]
    result = []
    for node in scenario.graph_nodes():
        if not node["choices"]:
            continue
        taken = counts.get(node["key"], {})
        total = sum(taken.values())
        indexes = sorted(set(range(len(node["choices"]))) | set(taken))
        result.append(
            SituationStatistics(
                key=node["key"],
                title=node["title"],
                total=total,
                choices=[
                    ChoiceCount(
                        index=index,
                        label=(
                            node["choices"][index]["label"]
                            if index < len(node["choices"])
                            else f"#{index + 1}"
                        ),
                        count=taken.get(index, 0),
                        percent=round(100 * taken.get(index, 0) / total) if total else 0,
                    )
                    for index in indexes
                ],
            )
        )
    return result


def replies_to_review(*, scenario_key=None):
    """Free-text replies of finished attempts that no trainer has reviewed yet, oldest first."""
    steps = (
        AttemptStep.objects.filter(
            action=Action.OWN_REPLY,
            attempt__state=ScenarioAttempt.State.FINISHED,
            attempt__preview=False,
        )
        .exclude(reviews__by_trainer=True)
        .select_related("attempt", "attempt__user")
        .order_by("created_at", "pk")
    )
    if scenario_key is not None:
        steps = steps.filter(attempt__scenario_key=scenario_key)
    return steps


def replies_for_peer(*, user, scenario_key, limit: int = 5):
    """Colleagues' free-text replies on this scenario the reader has not reviewed yet (never the
    reader's own), those with the fewest reviews first."""
    return (
        AttemptStep.objects.filter(
            action=Action.OWN_REPLY,
            attempt__scenario_key=scenario_key,
            attempt__state=ScenarioAttempt.State.FINISHED,
            attempt__preview=False,
        )
        .exclude(attempt__user=user)
        .exclude(reviews__reviewer=user)
        .select_related("attempt")
        .annotate(review_count=Count("reviews"))
        .order_by("review_count", "created_at", "pk")[:limit]
    )
