"""Who may read, write and moderate in the playbooks space.

The one definition of each rule: the services refuse with it, and the views and selectors use it
to decide which buttons a page shows.
"""

from django.conf import settings
from django.utils import timezone

from accounts.roles import user_is_civil_servant

from .models.consultations import PostKind

MODERATE_PERMISSION = "playbooks.moderate_post"
REVIEW_PERMISSION = "playbooks.review_templateproposal"


def user_is_trainer(user) -> bool:
    """Trainers (and methodologists, who hold the same permission) and superusers."""
    return user.is_authenticated and (user.is_superuser or user.has_perm(MODERATE_PERMISSION))


def user_can_post(user) -> bool:
    """Civil servants (a current employment) and trainers ask, answer and reply; citizens read."""
    return user.is_authenticated and (user_is_civil_servant(user) or user_is_trainer(user))


def user_can_read_thread(user, thread) -> bool:
    if not (thread.is_public or user_can_post(user)):
        return False
    question = getattr(thread, "question", None)
    if question is not None and question.is_hidden:
        return user_is_trainer(user) or (user.is_authenticated and user.pk == thread.author_id)
    return True


def user_can_see_post(user, post) -> bool:
    """Hidden posts are seen by their author (marked hidden) and by trainers only."""
    if not post.is_hidden:
        return True
    return user_is_trainer(user) or (user.is_authenticated and user.pk == post.author_id)


def user_can_accept(user, thread) -> bool:
    return user.is_authenticated and (user.pk == thread.author_id or user_is_trainer(user))


def user_can_vote(user, post) -> bool:
    """Mark an answer or a reply useful (or take the mark back): people who can post, never on
    their own post. A question has no useful mark."""
    return user_can_post(user) and post.kind != PostKind.QUESTION and post.author_id != user.pk


def user_can_report(user, post) -> bool:
    """Anyone signed in reports someone else's post; a hidden post is already with the trainers."""
    return user.is_authenticated and post.author_id != user.pk and not post.is_hidden


def edit_window_open(post, *, now=None) -> bool:
    now = now or timezone.now()
    window = timezone.timedelta(minutes=settings.MULOQOT_PLAYBOOK_EDIT_WINDOW_MINUTES)
    return now - post.created_at <= window


def user_can_edit(user, post) -> bool:
    return (
        user.is_authenticated
        and user.pk == post.author_id
        and not post.is_hidden
        and edit_window_open(post)
    )


def user_can_propose(user) -> bool:
    return user_can_post(user)


def user_can_adopt(user) -> bool:
    return user_is_civil_servant(user)
