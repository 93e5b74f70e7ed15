"""Rules of acknowledgement, without writes: due dates, who may assign a code where, and whether
a version may be acknowledged now."""

import datetime

from django.utils.translation import gettext_lazy as _

from courses.assignments.rules import user_can_assign_to

from .models import CodeAssignment, CodeVersionPage

ASSIGN_PERMISSION = "regulations.add_codeassignment"

MESSAGE_NOT_CURRENT = _("Only the version in effect can be acknowledged.")
MESSAGE_CHECK_FIRST = _("Pass the short check on this code first, then acknowledge it.")
MESSAGE_ORGANIZATION_NOT_YOURS = _("You can assign codes only to organisations you coordinate.")


def user_can_assign_code_to(user, organization) -> bool:
    return user_can_assign_to(user, organization, permission=ASSIGN_PERMISSION)


def assignment_due_on(assignment: CodeAssignment, joined_on: datetime.date) -> datetime.date:
    """Due after joining (the version's own date is added by requirement_due_on)."""
    return joined_on + datetime.timedelta(days=assignment.days_to_acknowledge)


def requirement_due_on(
    assignment: CodeAssignment, joined_on: datetime.date, version: CodeVersionPage
) -> datetime.date:
    """Due `days_to_acknowledge` days after the version took effect or the learner joined,
    whichever is later."""
    return max(joined_on, version.effective_on) + datetime.timedelta(
        days=assignment.days_to_acknowledge
    )
