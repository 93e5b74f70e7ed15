from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.ui.tables import Column
from wagtail.admin.widgets import ListingButton
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from core.menus import PermissionMenuItem

from . import admin_views
from .models import Question, QuestionCategory, Quiz


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


class QuizzesGroup(SnippetViewSetGroup):
    items = (QuizViewSet, QuestionViewSet, QuestionCategoryViewSet)
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


@hooks.register("register_snippet_listing_buttons")
def category_listing_buttons(snippet, user, next_url=None):
    if isinstance(snippet, QuestionCategory) and user.has_perm("quizzes.view_question"):
        url = reverse("quizzes_export", args=[snippet.pk])
        yield ListingButton(_("Export GIFT"), f"{url}?format=gift", priority=50)
        yield ListingButton(_("Export Aiken"), f"{url}?format=aiken", priority=60)
