import pytest
from django.contrib.auth.models import Group
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page
from wagtail.permission_policies.pages import PagePermissionPolicy
from wagtail.permissions import policy_registry

from accounts.roles import COORDINATORS, METHODOLOGISTS, TRAINERS

pytestmark = pytest.mark.django_db


def test_migration_creates_the_three_staff_groups():
    assert set(Group.objects.values_list("name", flat=True)) >= {
        TRAINERS,
        METHODOLOGISTS,
        COORDINATORS,
    }


@pytest.mark.parametrize("group", [TRAINERS, METHODOLOGISTS, COORDINATORS])
def test_every_staff_group_reaches_the_admin(make_user, group):
    assert make_user(groups=[group]).has_perm("wagtailadmin.access_admin")


def test_trainers_edit_pages_but_cannot_publish(make_user):
    trainer = make_user("trainer", groups=[TRAINERS])
    home = Page.objects.get(depth=2)
    permissions = home.permissions_for_user(trainer)
    assert permissions.can_edit()
    assert not permissions.can_publish()


def test_methodologists_publish(make_user):
    methodologist = make_user("methodologist", groups=[METHODOLOGISTS])
    assert Page.objects.get(depth=2).permissions_for_user(methodologist).can_publish()


def test_coordinators_import_people_but_do_not_edit_pages(make_user):
    coordinator = make_user("coordinator", groups=[COORDINATORS])
    assert coordinator.has_perm("accounts.import_users")
    policy = PagePermissionPolicy()
    assert not policy.user_has_any_permission(coordinator, ["add", "change", "publish"])


def test_trainers_upload_images_and_documents(make_user):
    trainer = make_user("trainer", groups=[TRAINERS])
    for model in (get_image_model(), get_document_model()):
        assert policy_registry.get_by_type(model).user_has_permission(trainer, "add")


@pytest.mark.parametrize("group", [TRAINERS, METHODOLOGISTS])
def test_authors_may_translate_pages(make_user, group):
    assert make_user(groups=[group]).has_perm("simple_translation.submit_translation")
