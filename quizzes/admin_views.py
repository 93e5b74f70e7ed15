"""Admin pages: the marking page (finished attempts, essay marking), question import, statistics."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from wagtail.models import Locale

from quizzes import selectors
from quizzes.formats.aiken import AikenExportError
from quizzes.forms import ImportForm, MarkForm, MarkingFilterForm, attempt_user_filter
from quizzes.importing import ImportFailed, questions_export, questions_import
from quizzes.marking import answer_mark
from quizzes.models import Attempt, AttemptQuestion, QuestionCategory, Quiz
from quizzes.reports import quiz_statistics_get
from quizzes.verdicts import TRUE_FALSE_LABELS, VERDICT_LABELS


def _require(request, permission):
    if not request.user.has_perm(permission):
        raise PermissionDenied


def marking_list_view(request):
    _require(request, "quizzes.view_all_results")
    form = MarkingFilterForm(request.GET or None)
    attempts = selectors.marking_queryset()
    if form.is_valid():
        data = form.cleaned_data
        if data["quiz"]:
            attempts = attempts.filter(quiz=data["quiz"])
        attempts = attempt_user_filter(attempts, data["user"])
        if data["status"] == "to_mark":
            attempts = attempts.filter(needs_marking=True)
        elif data["status"] == "marked":
            attempts = attempts.filter(needs_marking=False)
    page = Paginator(attempts, 50).get_page(request.GET.get("p"))
    query = request.GET.copy()
    query.pop("p", None)
    return render(
        request,
        "quizzes/admin/marking_list.html",
        {"form": form, "page": page, "query": query.urlencode()},
    )


def marking_attempt_view(request, attempt_id):
    _require(request, "quizzes.view_all_results")
    attempt = get_object_or_404(
        Attempt.objects.select_related("quiz", "user"), pk=attempt_id, state=Attempt.State.FINISHED
    )
    rows = list(attempt.questions.all())
    can_mark = request.user.has_perm("quizzes.mark_attempts")
    forms = {}
    status = 200
    if request.method == "POST":
        if not can_mark:
            raise PermissionDenied
        row = get_object_or_404(AttemptQuestion, attempt=attempt, pk=request.POST.get("row"))
        form = MarkForm(request.POST, prefix=f"row{row.pk}")
        if form.is_valid():
            try:
                answer_mark(
                    row=row,
                    points=form.cleaned_data["points"],
                    comment=form.cleaned_data["comment"],
                    marker=request.user,
                )
            except ValidationError as error:
                form.add_error("points", error)
            else:
                messages.success(request, _("Mark saved."))
                return redirect("quizzes_marking_attempt", attempt_id=attempt.pk)
        forms[row.pk] = form
        status = 400
    entries = []
    for row in rows:
        form = forms.get(row.pk)
        if form is None and row.qtype == "essay" and row.state != AttemptQuestion.State.COMPLETE:
            form = MarkForm(
                prefix=f"row{row.pk}",
                initial={"points": row.points, "comment": row.comment},
            )
        entries.append({"row": row, "form": form, "response": _response_text(row)})
    return render(
        request,
        "quizzes/admin/marking_attempt.html",
        {"attempt": attempt, "entries": entries, "can_mark": can_mark},
        status=status,
    )


def _response_text(row) -> str:
    response = row.response or {}
    snapshot = row.snapshot
    choices = {choice["id"]: choice for choice in snapshot["choices"]}

    def label(choice_id):
        choice = choices.get(choice_id)
        if choice is None:
            return ""
        if snapshot["qtype"] == "claim_verdict":
            return str(VERDICT_LABELS.get(choice["text"], choice["text"]))
        if snapshot["qtype"] == "true_false":
            return str(TRUE_FALSE_LABELS[choice["id"]])
        return choice["text"]

    if "choice" in response:
        return label(response["choice"])
    if "choices" in response:
        return "; ".join(label(choice_id) for choice_id in response["choices"])
    if "matches" in response:
        prompts = {pair["id"]: pair["prompt"] for pair in snapshot["pairs"]}
        return "; ".join(f"{prompts.get(k, '?')} → {v}" for k, v in response["matches"].items())
    return response.get("text", "")


def import_view(request):
    _require(request, "quizzes.add_question")
    form = ImportForm(request.POST or None, request.FILES or None)
    errors = []
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            category = form.cleaned_data["category"]
            try:
                created = questions_import(
                    text=form.cleaned_data["file"],
                    format=form.cleaned_data["format"],
                    category_key=category.key if category else "",
                )
            except ImportFailed as failure:
                errors = failure.errors
            else:
                messages.success(
                    request,
                    ngettext(
                        "%(count)d question imported.",
                        "%(count)d questions imported.",
                        len(created),
                    )
                    % {"count": len(created)},
                )
                return redirect(reverse("wagtailsnippets_quizzes_question:list"))
    return render(
        request, "quizzes/admin/import.html", {"form": form, "errors": errors}, status=status
    )


def statistics_view(request, quiz_id):
    _require(request, "quizzes.view_all_results")
    quiz = get_object_or_404(Quiz, pk=quiz_id)
    first_only = request.GET.get("attempts") == "first"
    return render(
        request,
        "quizzes/admin/statistics.html",
        {
            "quiz": quiz,
            "first_only": first_only,
            "report": quiz_statistics_get(quiz=quiz, first_only=first_only),
        },
    )


def export_view(request, category_id):
    """Download a category's questions (in one language) as GIFT or Aiken."""
    _require(request, "quizzes.view_question")
    category = get_object_or_404(QuestionCategory, pk=category_id)
    fmt = request.GET.get("format", "gift")
    if fmt not in ("gift", "aiken"):
        fmt = "gift"
    locale = Locale.objects.filter(language_code=request.GET.get("locale", "")).first()
    try:
        text = questions_export(category_key=category.key, format=fmt, locale=locale)
    except AikenExportError as error:
        messages.error(
            request,
            _("Aiken cannot hold these questions: %(problems)s")
            % {"problems": "; ".join(f"{label}: {message}" for label, message in error.problems)},
        )
        return redirect(reverse("wagtailsnippets_quizzes_questioncategory:list"))
    language = (locale or Locale.get_default()).language_code
    extension = "gift" if fmt == "gift" else "txt"
    response = HttpResponse(text, content_type="text/plain; charset=utf-8")
    response["Content-Disposition"] = (
        f'attachment; filename="{category.key}.{language}.{extension}"'
    )
    return response
