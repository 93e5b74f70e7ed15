"""Who may do what in the practice room (predicates only)."""

from .models import ScenarioAttempt


def can_play(user, scenario, *, preview: bool = False) -> bool:
    """Signed-in readers play published scenarios; editors also preview drafts."""
    if not user.is_authenticated:
        return False
    if preview:
        return user.has_perm("simulations.change_scenario")
    return scenario.live


def owns_attempt(user, attempt: ScenarioAttempt) -> bool:
    return user.is_authenticated and attempt.user_id == user.pk


def can_review_as_trainer(user) -> bool:
    return user.is_authenticated and user.has_perm("simulations.change_scenario")


def can_review_as_peer(user, attempt: ScenarioAttempt) -> bool:
    """A peer is another learner who has finished the same scenario (in any language)."""
    return (
        user.is_authenticated
        and attempt.user_id != user.pk
        and not attempt.preview
        and ScenarioAttempt.objects.filter(
            user=user,
            scenario_key=attempt.scenario_key,
            state=ScenarioAttempt.State.FINISHED,
            preview=False,
        ).exists()
    )
