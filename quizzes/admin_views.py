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

from core.parsing import parse_id
from core.responses import bad_request
from quizzes import presentation, selectors
from quizzes.formats.aiken import AikenExportError
from quizzes.forms import ImportForm, MarkForm, MarkingFilterForm, attempt_user_filter
from quizzes.importing import (
    MESSAGE_NOT_EXPORTED,
    ImportFailed,
    export_notes,
    questions_export,
    questions_import,
)
from quizzes.marking import answer_mark, attempt_review_done, is_essay_marking
from quizzes.models import Attempt, AttemptQuestion, Question, QuestionCategory, Quiz
from quizzes.models.quizzes import Behaviour, ReviewItem
from quizzes.question_previews import (
    SESSION_KEY,
    question_preview_answer,
    question_preview_new,
    question_preview_row,
)
from quizzes.regrading import regrade_apply, regrade_preview
from quizzes.reports import language_statistics_get, quiz_statistics_get
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
        elif data["status"] == "to_review":
            attempts = attempts.filter(needs_review=True)
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
        if request.POST.get("action") == "reviewed":
            attempt_review_done(attempt=attempt)
            messages.success(request, _("Marked as reviewed."))
            return redirect("quizzes_marking_attempt", attempt_id=attempt.pk)
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
    history: dict[int, list] = {}
    for change in attempt.mark_changes.select_related("changed_by"):
        history.setdefault(change.row_id, []).append(change)
    entries = []
    for row in rows:
        form = forms.get(row.pk)
        if form is None and can_mark:
            # Essays waiting for a mark, and an override of any other mark (with a reason).
            form = MarkForm(
                prefix=f"row{row.pk}",
                initial={"points": row.points, "comment": row.comment},
            )
        entries.append(
            {
                "row": row,
                "form": form,
                "response": _response_text(row),
                "is_essay_marking": is_essay_marking(row),
                "history": history.get(row.pk, []),
            }
        )
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
            "languages": language_statistics_get(quiz=quiz, first_only=first_only),
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
    notes = export_notes(category_key=category.key, locale=locale)
    if notes:
        # Shown on the next admin page; the GIFT file also names them in its first lines.
        messages.warning(request, f"{MESSAGE_NOT_EXPORTED} {' · '.join(notes)}")
    language = (locale or Locale.get_default()).language_code
    extension = "gift" if fmt == "gift" else "txt"
    response = HttpResponse(text, content_type="text/plain; charset=utf-8")
    response["Content-Disposition"] = (
        f'attachment; filename="{category.key}.{language}.{extension}"'
    )
    return response


def question_preview_view(request, question_id):
    """Try one question in a behaviour, as saved now (draft or live); nothing is stored but the
    trial in the author's session. Opening the page (or *Start again*) starts afresh; each post
    comes back with ``continue``."""
    _require(request, "quizzes.change_question")
    question = get_object_or_404(Question, pk=question_id)
    behaviour = request.GET.get("behaviour", Behaviour.DEFERRED)
    if behaviour not in Behaviour.values:
        behaviour = Behaviour.DEFERRED
    state = request.session.get(SESSION_KEY)
    fresh = (
        (request.method == "GET" and not request.GET.get("continue"))
        or request.POST.get("action") == "restart"
        or not state
        or state.get("question") != question.pk
        or state.get("behaviour") != behaviour
    )
    if fresh:
        state = question_preview_new(question=question, behaviour=behaviour)
    if request.method == "POST" and not fresh:
        action = request.POST.get("action", "save")
        if action.startswith("check-"):
            action = "check"
        if action not in ("save", "check", "finish"):
            return bad_request(request)
        row = question_preview_row(state)
        response = presentation.response_from_post(row, request.POST)
        state = question_preview_answer(state, response=response, action=action)
    request.session[SESSION_KEY] = state
    if request.method == "POST":
        url = reverse("quizzes_question_preview", args=[question.pk])
        return redirect(f"{url}?behaviour={behaviour}&continue=1")
    return _question_preview_render(request, question, state)


def _question_preview_render(request, question, state):
    row = question_preview_row(state)
    view = presentation.question_view(
        row,
        reveal={item for item, _label in ReviewItem.choices},
        behaviour=state["behaviour"],
        number=1,
    )
    return render(
        request,
        "quizzes/admin/question_preview.html",
        {
            "question": question,
            "q": view,
            "state": state,
            "behaviours": Behaviour.choices,
            "behaviour": state["behaviour"],
        },
    )


def regrade_view(request, question_id):
    """After a question's key changed: who gains, who loses, whose result flips; then regrade
    the attempts chosen (all those whose marks change are ticked)."""
    _require(request, "quizzes.mark_attempts")
    question = get_object_or_404(Question, pk=question_id)
    preview = regrade_preview(question=question)
    status = 200
    if request.method == "POST":
        known = {entry.attempt.pk for entry in preview}
        chosen = {parse_id(value) for value in request.POST.getlist("attempt")} & known
        if chosen:
            changes = regrade_apply(question=question, attempt_ids=chosen, by=request.user)
            count = len({change.attempt_id for change in changes})
            messages.success(
                request,
                ngettext("%(count)d attempt regraded.", "%(count)d attempts regraded.", count)
                % {"count": count},
            )
            return redirect("quizzes_regrade", question_id=question.pk)
        messages.error(request, _("Choose at least one attempt to regrade."))
        status = 400
    return render(
        request,
        "quizzes/admin/regrade.html",
        {
            "question": question,
            "rows": preview,
            "gains": sum(1 for entry in preview if entry.gains),
            "loses": sum(1 for entry in preview if entry.loses),
            "now_pass": sum(1 for entry in preview if entry.result_flips and entry.passed_after),
            "now_fail": sum(
                1 for entry in preview if entry.result_flips and entry.passed_after is False
            ),
        },
        status=status,
    )
