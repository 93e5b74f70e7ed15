"""Who an assignment to an organisation subtree covers: the one rule shared by every kind of
requirement (required courses here; codes of conduct in regulations).

An assignment is anything with an ``organization`` (whose materialised ``path`` names its
subtree), a ``position_list`` (empty: every position) and a ``pk``; it may also carry
``listed_user_ids``, a set of the only people it may cover (an assignment from a file), None or
absent for everyone. A learner is covered when a current employment of theirs is in the subtree
and, if the assignment names positions, in one of them. Moves inside the subtree keep the first
joining date, so that relative due dates do not restart with every transfer. When several
assignments cover the same learner and target, the one with the earliest due date wins (the
lowest pk on a tie).
"""

import datetime
from collections.abc import Callable, Iterable
from typing import Any

from django.utils import timezone

from accounts.models import Employment, Organization

# (user_id, target_id) -> (assignment, organisation of the employment, joined on)
Coverage = dict[tuple[int, int], tuple[Any, int, datetime.date]]


def position_matches(assignment, position: str) -> bool:
    return not assignment.position_list or position in assignment.position_list


def learner_matches(assignment, user_id: int) -> bool:
    listed = getattr(assignment, "listed_user_ids", None)
    return listed is None or user_id in listed


def joined_on_for(assignment, started_on, history) -> datetime.date:
    """When the learner joined the assignment's subtree: a move inside it (the earlier
    employment there ending no sooner than the day before the new one starts) keeps the first
    start date."""
    joined_on = started_on
    for _organization_id, path, position, other_start, other_end in reversed(history):
        if (
            other_end is not None
            and other_start < joined_on
            and other_end >= joined_on - datetime.timedelta(days=1)
            and path.startswith(assignment.organization.path)
            and position_matches(assignment, position)
        ):
            joined_on = other_start
    return joined_on


def subtree_coverage(
    *,
    user_ids: Iterable[int],
    assignments: Iterable,
    target_of: Callable[[Any], int],
    due_of: Callable[[Any, datetime.date], datetime.date],
    today: datetime.date | None = None,
) -> Coverage:
    """Which learners each assignment covers, per target (`target_of(assignment)`: a course's
    or a code's id). One query (the learners' employments); the assignments come loaded with
    their organisation."""
    today = today or timezone.localdate()
    steplen = Organization.steplen
    by_path: dict[str, list] = {}
    for assignment in assignments:
        by_path.setdefault(assignment.organization.path, []).append(assignment)
    wanted: Coverage = {}
    if not by_path:
        return wanted
    by_user: dict[int, list[tuple]] = {}
    employments = (
        Employment.objects.filter(user_id__in=list(user_ids), user__is_active=True)
        .values_list(
            "user_id",
            "organization_id",
            "organization__path",
            "position_title",
            "started_on",
            "ended_on",
        )
        .order_by("started_on", "pk")
    )
    for user_id, organization_id, path, position, started_on, ended_on in employments:
        position = " ".join(position.split()).lower()
        by_user.setdefault(user_id, []).append(
            (organization_id, path, position, started_on, ended_on)
        )
    for user_id, history in by_user.items():
        for organization_id, path, position, started_on, ended_on in history:
            if started_on > today or (ended_on is not None and ended_on <= today):
                continue  # not a current employment
            for end in range(steplen, len(path) + 1, steplen):
                for assignment in by_path.get(path[:end], ()):
                    if not position_matches(assignment, position) or not learner_matches(
                        assignment, user_id
                    ):
                        continue
                    joined_on = joined_on_for(assignment, started_on, history)
                    key = (user_id, target_of(assignment))
                    current = wanted.get(key)
                    if current is None or (due_of(assignment, joined_on), assignment.pk) < (
                        due_of(current[0], current[2]),
                        current[0].pk,
                    ):
                        wanted[key] = (assignment, organization_id, joined_on)
    return wanted
