"""Scores per skill from the choices a learner made (plain data, no database).

At each situation the trainer scores every choice from 0 (harmful) to 3 (exemplary) on the skills
it tests; a skill left empty is not tested by that choice. A learner's score on a skill is the
points of their choices over the best points they could have had at the same situations, as a
whole percentage; a skill no situation on their path tested has no score. The overall score is
the mean of the skill scores they have. Free-text replies get the points the trainer gave the
action itself (e.g. answering quickly); their wording is left to a reviewer's rubric, never to
keyword matching: a skill the trainer left empty on a free-text reply is not counted at that
situation.
"""

from decimal import ROUND_HALF_UP, Decimal

from django.utils.translation import gettext_lazy as _

SKILLS = {
    "timeliness": _("Timeliness"),
    "accuracy": _("Accuracy"),
    "tone": _("Tone"),
    "legality": _("Legality"),
    "escalation": _("Escalation"),
}
MAX_POINTS = 3


def _percent(earned: int, possible: int) -> int:
    value = Decimal(100 * earned) / Decimal(possible)
    return int(value.quantize(Decimal(1), rounding=ROUND_HALF_UP))


def skill_scores(path: list[tuple[dict, int]]) -> dict[str, int | None]:
    """``path``: (situation snapshot, index of the choice made) in the order played."""
    earned = dict.fromkeys(SKILLS, 0)
    possible = dict.fromkeys(SKILLS, 0)
    for node, index in path:
        chosen = node["choices"][index]["scores"]
        free_text = node["choices"][index].get("action") == "own_reply"
        for skill in SKILLS:
            if free_text and chosen.get(skill) is None:
                continue
            offered = [
                choice["scores"].get(skill)
                for choice in node["choices"]
                if choice["scores"].get(skill) is not None
            ]
            if not offered:
                continue
            possible[skill] += max(offered)
            earned[skill] += chosen.get(skill) or 0
    return {
        skill: (_percent(earned[skill], possible[skill]) if possible[skill] else None)
        for skill in SKILLS
    }


def overall_percent(scores: dict[str, int | None]) -> int | None:
    values = [value for value in scores.values() if value is not None]
    if not values:
        return None
    return int((Decimal(sum(values)) / len(values)).quantize(Decimal(1), rounding=ROUND_HALF_UP))
