from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.ui.tables import Column
from wagtail.admin.widgets import ListingButton
from wagtail.snippets.action_menu import ActionMenuItem
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from core.menus import PermissionMenuItem

from . import admin_views
from .models import Question, QuestionCategory, Quiz, QuizOverride
from .overrides import open_attempts_retime
from .tasks import attempt_expiry_schedule


@hooks.register("register_admin_urls")
def register_quiz_admin_urls():
    return [
        path("quizzes/marking/", admin_views.marking_list_view, name="quizzes_marking"),
        path(
            "quizzes/marking/<id:attempt_id>/",
            admin_views.marking_attempt_view,
            name="quizzes_marking_attempt",
        ),
        path("quizzes/import/", admin_views.import_view, name="quizzes_import"),
        path(
            "quizzes/categories/<id:category_id>/export/",
            admin_views.export_view,
            name="quizzes_export",
        ),
        path(
            "quizzes/questions/<id:question_id>/preview/",
            admin_views.question_preview_view,
            name="quizzes_question_preview",
        ),
        path(
            "quizzes/questions/<id:question_id>/regrade/",
            admin_views.regrade_view,
            name="quizzes_regrade",
        ),
        path(
            "quizzes/<id:quiz_id>/statistics/",
            admin_views.statistics_view,
            name="quizzes_statistics",
        ),
    ]


class QuestionCategoryViewSet(SnippetViewSet):
    model = QuestionCategory
    icon = "folder-open-inverse"
    menu_label = _("Question categories")
    list_display = ["name", "key"]
    search_fields = ["name", "key"]


class QuestionViewSet(SnippetViewSet):
    model = Question
    icon = "help"
    menu_label = _("Questions")
    list_display = [
        Column("__str__", label=_("Question")),
        Column("text_excerpt", label=_("Text")),
        Column("qtype", label=_("Type"), accessor="get_qtype_label"),
        "category",
        "locale",
    ]
    list_filter = ["category", "qtype", "locale", "live"]
    search_fields = ["text", "name"]


class QuizViewSet(SnippetViewSet):
    model = Quiz
    icon = "tasks"
    menu_label = _("Quizzes")
    list_display = ["title", "locale", "pass_mark", "behaviour"]
    list_filter = ["locale", "live", "behaviour"]
    search_fields = ["title"]


class QuizOverrideViewSet(SnippetViewSet):
    """Extra time, attempts or other dates for a learner or an organisation, with a reason."""

    model = QuizOverride
    icon = "time"
    menu_label = _("Quiz overrides")
    list_display = [
        "quiz",
        "user",
        "organization",
        "time_limit_minutes",
        "attempts_allowed",
        "reason",
    ]
    list_filter = ["quiz"]
    search_fields = ["reason", "user__username", "user__full_name"]
    copy_view_enabled = False


class QuizzesGroup(SnippetViewSetGroup):
    items = (QuizViewSet, QuestionViewSet, QuestionCategoryViewSet, QuizOverrideViewSet)
    menu_icon = "tasks"
    menu_label = _("Quizzes")
    menu_name = "quizzes"
    menu_order = 250


register_snippet(QuizzesGroup)


@hooks.register("register_admin_menu_item")
def register_marking_menu_item():
    return PermissionMenuItem(
        _("Quiz results and marking"),
        reverse("quizzes_marking"),
        name="quiz-marking",
        icon_name="tasks",
        order=251,
        permission="quizzes.view_all_results",
    )


@hooks.register("register_admin_menu_item")
def register_import_menu_item():
    return PermissionMenuItem(
        _("Import questions"),
        reverse("quizzes_import"),
        name="quiz-import",
        icon_name="upload",
        order=252,
        permission="quizzes.add_question",
    )


@hooks.register("register_snippet_listing_buttons")
def quiz_listing_buttons(snippet, user, next_url=None):
    if isinstance(snippet, Quiz) and user.has_perm("quizzes.view_all_results"):
        yield ListingButton(
            _("Statistics"), reverse("quizzes_statistics", args=[snippet.pk]), priority=50
        )
        yield ListingButton(
            _("Results"), reverse("quizzes_marking") + f"?quiz={snippet.pk}", priority=60
        )
    if isinstance(snippet, Quiz) and user.has_perm("quizzes.view_quizoverride"):
        yield ListingButton(
            _("Quiz overrides"),
            reverse("wagtailsnippets_quizzes_quizoverride:list") + f"?quiz={snippet.pk}",
            priority=70,
        )


@hooks.register("register_snippet_listing_buttons")
def category_listing_buttons(snippet, user, next_url=None):
    if isinstance(snippet, QuestionCategory) and user.has_perm("quizzes.view_question"):
        url = reverse("quizzes_export", args=[snippet.pk])
        yield ListingButton(_("Export GIFT"), f"{url}?format=gift", priority=50)
        yield ListingButton(_("Export Aiken"), f"{url}?format=aiken", priority=60)


def preview_url(instance) -> str | None:
    """Where an author tries this quiz (its page: *Preview the quiz*) or this question."""
    if isinstance(instance, Quiz):
        return reverse("quizzes:quiz", args=[instance.pk])
    if isinstance(instance, Question):
        return reverse("quizzes_question_preview", args=[instance.pk])
    return None


@hooks.register("register_snippet_listing_buttons")
def preview_listing_buttons(snippet, user, next_url=None):
    if isinstance(snippet, Quiz | Question) and user.has_perm(
        f"quizzes.change_{snippet._meta.model_name}"
    ):
        yield ListingButton(_("Try it (preview)"), preview_url(snippet), priority=40)
    if isinstance(snippet, Question) and user.has_perm("quizzes.mark_attempts"):
        yield ListingButton(
            _("Regrade attempts"), reverse("quizzes_regrade", args=[snippet.pk]), priority=45
        )


class PreviewMenuItem(ActionMenuItem):
    """*Try it (preview)* in the quiz's and the question's edit view."""

    name = "action-quiz-preview"
    label = _("Try it (preview)")
    icon_name = "view"
    order = 90

    def is_shown(self, context):
        instance = context.get("instance")
        return (
            context.get("view") == "edit"
            and isinstance(instance, Quiz | Question)
            and context["request"].user.has_perm(f"quizzes.change_{instance._meta.model_name}")
        )

    def get_url(self, parent_context):
        return preview_url(parent_context["instance"])


class RegradeMenuItem(ActionMenuItem):
    """*Regrade attempts* in the question's edit view, once its key is saved."""

    name = "action-quiz-regrade"
    label = _("Regrade attempts")
    icon_name = "tasks"
    order = 91

    def is_shown(self, context):
        return (
            context.get("view") == "edit"
            and isinstance(context.get("instance"), Question)
            and context["request"].user.has_perm("quizzes.mark_attempts")
        )

    def get_url(self, parent_context):
        return reverse("quizzes_regrade", args=[parent_context["instance"].pk])


@hooks.register("register_snippet_action_menu_item")
def register_preview_menu_item(model):
    if model in (Quiz, Question):
        return PreviewMenuItem()
    return None


@hooks.register("register_snippet_action_menu_item")
def register_regrade_menu_item(model):
    if model is Question:
        return RegradeMenuItem()
    return None


@hooks.register("after_create_snippet")
def override_created_by(request, instance):
    if isinstance(instance, QuizOverride) and instance.created_by_id is None:
        instance.created_by = request.user
        instance.save(update_fields=["created_by"])


def _override_retime(instances):
    for quiz in {override.quiz for override in instances if isinstance(override, QuizOverride)}:
        for attempt in open_attempts_retime(quiz=quiz):
            attempt_expiry_schedule(attempt)  # the deferred auto-submission at the new time


@hooks.register("after_create_snippet")
@hooks.register("after_edit_snippet")
def override_saved_retime(request, instance):
    _override_retime([instance])


@hooks.register("after_delete_snippet")
def override_deleted_retime(request, instances):
    _override_retime(instances)
