from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from wagtail import hooks
from wagtail.admin.ui.tables import Column
from wagtail.admin.widgets import ListingButton
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from core.menus import PermissionMenuItem
from core.search import SEARCHABLE_PAGES_HOOK

from . import admin_views, rules
from .models import (
    PlaybookPage,
    ProposalStatus,
    TemplateFile,
    TemplateProposal,
    TemplateVersion,
)


@hooks.register("register_admin_urls")
def register_playbook_admin_urls():
    return [
        path(
            "playbooks/moderation/",
            admin_views.moderation_queue_view,
            name="playbooks_moderation",
        ),
        path(
            "playbooks/moderation/<id:pk>/<str:action>/",
            admin_views.moderation_action_view,
            name="playbooks_moderation_action",
        ),
        path(
            "playbooks/proposals/<id:pk>/review/",
            admin_views.proposal_review_view,
            name="playbooks_proposal_review",
        ),
        path(
            "playbooks/templates/<id:template_id>/new-version/",
            admin_views.version_add_view,
            name="playbooks_version_add",
        ),
    ]


class CurrentVersionColumn(Column):
    def get_value(self, instance):
        version = instance.versions.first()
        return version.label if version else "—"


class TemplateFileViewSet(SnippetViewSet):
    model = TemplateFile
    icon = "doc-full"
    menu_label = _("Template files")
    list_display = [
        "title",
        "playbook",
        CurrentVersionColumn("current", label=_("Current version")),
    ]
    search_fields = ["title"]
    copy_view_enabled = False


class TemplateVersionViewSet(SnippetViewSet):
    """The version history (new versions come from "New version" or a reviewed proposal)."""

    model = TemplateVersion
    icon = "history"
    menu_label = _("Template versions")
    list_display = ["template", "label", "author", "created_at"]
    list_filter = ["created_at"]
    search_fields = ["label", "change_note"]
    inspect_view_enabled = True
    copy_view_enabled = False


class StatusColumn(Column):
    def get_value(self, instance):
        return instance.get_status_display()


class TemplateProposalViewSet(SnippetViewSet):
    model = TemplateProposal
    icon = "upload"
    menu_label = _("Proposed revisions")
    list_display = [
        "template",
        "proposer",
        "created_at",
        StatusColumn("status", label=_("Status")),
    ]
    list_filter = ["status"]
    search_fields = ["note", "original_filename"]
    inspect_view_enabled = True
    copy_view_enabled = False


class PlaybooksGroup(SnippetViewSetGroup):
    items = (TemplateFileViewSet, TemplateVersionViewSet, TemplateProposalViewSet)
    menu_icon = "doc-full-inverse"
    menu_label = _("Playbooks")
    menu_name = "playbooks"
    menu_order = 310


register_snippet(PlaybooksGroup)


@hooks.register("register_admin_menu_item")
def register_moderation_menu_item():
    return PermissionMenuItem(
        _("Consultation moderation"),
        reverse("playbooks_moderation"),
        icon_name="warning",
        name="playbooks-moderation",
        order=320,
        shown_to=rules.user_is_trainer,
    )


@hooks.register("register_snippet_listing_buttons")
def playbook_listing_buttons(snippet, user, next_url=None):
    if isinstance(snippet, TemplateFile) and user.has_perm("playbooks.change_templatefile"):
        yield ListingButton(
            _("New version"),
            reverse("playbooks_version_add", args=[snippet.pk]),
            priority=50,
        )
    if (
        isinstance(snippet, TemplateProposal)
        and snippet.status == ProposalStatus.PENDING
        and user.has_perm(rules.REVIEW_PERMISSION)
    ):
        yield ListingButton(
            pgettext_lazy("proposal", "Review"),
            reverse("playbooks_proposal_review", args=[snippet.pk]),
            priority=50,
        )


@hooks.register("register_log_actions")
def register_playbook_log_actions(actions):
    actions.register_action("playbooks.hide_post", _("Hide post"), _("Post hidden"))
    actions.register_action("playbooks.restore_post", _("Restore post"), _("Post restored"))
    actions.register_action(
        "playbooks.dismiss_reports", _("Close reports"), _("Reports closed, post kept")
    )
    actions.register_action(
        "playbooks.publish_proposal", _("Publish proposal"), _("Proposal published as a version")
    )
    actions.register_action(
        "playbooks.reject_proposal", _("Reject proposal"), _("Proposal not accepted")
    )


@hooks.register(SEARCHABLE_PAGES_HOOK)
def searchable_playbook_pages():
    return [PlaybookPage]
