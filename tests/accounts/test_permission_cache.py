"""Permission sets are kept in the cache between requests (accounts.backends), and any change of
a user's groups, their own permissions or a group's permissions takes effect at once."""

import pytest
from django.contrib.auth.models import Group, Permission
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from accounts.backends import VERSION_KEY
from accounts.models import User
from accounts.roles import TRAINERS

pytestmark = pytest.mark.django_db

ADMIN = "wagtailadmin.access_admin"


def fresh(user) -> User:
    """The user as the next request loads them (no per-object permission cache)."""
    return User.objects.get(pk=user.pk)


def permission_queries(user) -> tuple[bool, int]:
    with CaptureQueriesContext(connection) as queries:
        answer = user.has_perm(ADMIN)
    return answer, len(queries)


def test_a_second_request_asks_the_database_nothing(make_user):
    learner = make_user("learner")
    assert permission_queries(fresh(learner)) == (False, 2)  # user's and groups' permissions
    assert permission_queries(fresh(learner)) == (False, 0)


def test_joining_and_leaving_a_group_counts_on_the_next_request(make_user):
    person = make_user("person")
    assert not fresh(person).has_perm(ADMIN)
    Group.objects.get(name=TRAINERS).user_set.add(person)
    assert fresh(person).has_perm(ADMIN)
    person.groups.clear()
    assert not fresh(person).has_perm(ADMIN)


def test_a_group_losing_a_permission_counts_at_once(make_user):
    trainer = make_user("trainer", groups=[TRAINERS])
    assert fresh(trainer).has_perm("quizzes.change_quiz")
    group = Group.objects.get(name=TRAINERS)
    group.permissions.remove(Permission.objects.get(codename="change_quiz"))
    assert not fresh(trainer).has_perm("quizzes.change_quiz")
    assert fresh(trainer).has_perm(ADMIN)


def test_own_permissions_superusers_and_deactivation(make_user):
    person = make_user("person")
    person.user_permissions.add(Permission.objects.get(codename="access_admin"))
    assert fresh(person).has_perm(ADMIN)
    User.objects.filter(pk=person.pk).update(is_active=False)
    assert not fresh(person).has_perm(ADMIN)
    boss = make_user("boss")
    assert not fresh(boss).has_perm("quizzes.change_quiz")
    User.objects.filter(pk=boss.pk).update(is_superuser=True)
    assert fresh(boss).has_perm("quizzes.change_quiz")


def test_a_lost_version_counter_never_brings_back_a_revoked_permission(make_user):
    """Redis may evict the counter; starting it again at a number already used would serve the
    set cached under that number, with the permission taken away since."""
    cache.delete(VERSION_KEY)
    person = make_user("person")
    person.user_permissions.add(Permission.objects.get(codename="access_admin"))
    assert fresh(person).has_perm(ADMIN)  # cached under the counter's first number
    person.user_permissions.clear()
    assert not fresh(person).has_perm(ADMIN)
    cache.delete(VERSION_KEY)  # evicted
    assert not fresh(person).has_perm(ADMIN)
    make_user("newcomer", groups=[TRAINERS])  # any later change starts the counter again
    assert not fresh(person).has_perm(ADMIN)
