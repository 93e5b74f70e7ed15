"""Learner pages: a quiz's start page, the attempt (pages, autosave, check), submit, review and
the progress page. Thin: the rules are in quizzes.attempts and selectors."""

import contextlib
import functools
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from core.parsing import parse_id, parse_int
from core.responses import bad_request
from quizzes import presentation, selectors
from quizzes.access import can_edit_quizzes, quiz_open_to
from quizzes.attempts import (
    MESSAGE_TIME_UP,
    AttemptClosed,
    SaveOutOfDate,
    answer_save,
    attempt_expire_if_due,
    attempt_start,
    attempt_submit,
    question_check,
)
from quizzes.claims import session_attempt_remember
from quizzes.contexts import quiz_context_get, quiz_open_to_visitors
from quizzes.models import Attempt
from quizzes.overrides import quiz_settings_for
from quizzes.previews import preview_get_open, preview_start


class _SignInFirst(Exception):
    pass


def _quiz_or_404(request, quiz_id):
    """The quiz when this visitor may open it; a visitor without an account who might after
    signing in is sent to sign in; anyone else gets a 404 (a closed quiz is not announced)."""
    quiz = selectors.quiz_get_visible(pk=quiz_id, user=request.user)
    if quiz is None:
        if not request.user.is_authenticated and selectors.quiz_live_exists(pk=quiz_id):
            raise _SignInFirst
        raise Http404
    return quiz


def _signing_in_first(view):
    @functools.wraps(view)
    def wrapper(request, quiz_id, *args, **kwargs):
        try:
            return view(request, quiz_id, *args, **kwargs)
        except _SignInFirst:
            # Back to the quiz after signing in, still counting for the lesson it came from.
            quiz_url = reverse("quizzes:quiz", args=[quiz_id])
            lesson_id = parse_id(request.GET.get("lesson", "") or request.POST.get("lesson", ""))
            if lesson_id:
                quiz_url += f"?lesson={lesson_id}"
            return redirect_to_login(quiz_url)

    return wrapper


def _attempt_or_404(request, attempt_uuid, *, allow_staff=False) -> Attempt:
    attempt = get_object_or_404(
        Attempt.all_objects.select_related("quiz", "user"), uuid=attempt_uuid
    )
    if attempt.is_preview:
        # A preview is its author's alone, and only while they may edit quizzes.
        if selectors.attempt_owned_by(attempt, request) and can_edit_quizzes(request.user):
            return attempt
        raise Http404
    if selectors.attempt_owned_by(attempt, request) and quiz_open_to(request.user, attempt.quiz):
        return attempt
    if allow_staff and attempt.is_finished and selectors.can_view_all_results(request.user):
        return attempt
    raise Http404


def _sign_in_url(request, next_url: str) -> str:
    """The sign-in page that comes back to ``next_url`` (query string included)."""
    return redirect_to_login(next_url).url


@never_cache
@_signing_in_first
def quiz_view(request, quiz_id):
    quiz = _quiz_or_404(request, quiz_id)
    attempts = list(selectors.attempt_list_for(quiz=quiz, request=request))
    open_attempt = next((a for a in attempts if not a.is_finished), None)
    if open_attempt is not None and attempt_expire_if_due(attempt=open_attempt):
        attempts = list(selectors.attempt_list_for(quiz=quiz, request=request))
        open_attempt = None
    finished = selectors.attempts_shown(
        attempts=[attempt for attempt in attempts if attempt.is_finished], user=request.user
    )
    place = quiz_context_get(quiz=quiz, lesson_id=parse_id(request.GET.get("lesson", "")))
    settings = quiz_settings_for(quiz=quiz, user=request.user)
    can_preview = can_edit_quizzes(request.user)
    return render(
        request,
        "quizzes/quiz.html",
        {
            "quiz": quiz,
            "attempts": finished,
            "open_attempt": open_attempt,
            "grade": selectors.grade_shown(quiz=quiz, shown=finished),
            "attempts_left": selectors.attempts_left(
                quiz=quiz, attempts=attempts, allowed=settings.attempts_allowed
            ),
            "is_open": settings.is_open(),
            "settings": settings,
            "needs_sign_in": not request.user.is_authenticated
            and not quiz_open_to_visitors(quiz, place),
            "sign_in_url": _sign_in_url(request, request.get_full_path()),
            "place": place,
            "lesson_id": place.lesson_id if place else "",
            "can_preview": can_preview,
            "open_preview": preview_get_open(quiz=quiz, user=request.user) if can_preview else None,
        },
    )


@require_POST
@login_required
def preview_view(request, quiz_id):
    """An author's trial run: continue the open preview, or (``fresh``) start a new one."""
    quiz = selectors.quiz_get_visible(pk=quiz_id, user=request.user)
    if quiz is None or not can_edit_quizzes(request.user):
        raise Http404
    try:
        attempt = preview_start(quiz=quiz, user=request.user, fresh=bool(request.POST.get("fresh")))
    except ValidationError as error:
        messages.error(request, error.messages[0])
        return redirect("quizzes:quiz", quiz_id=quiz.pk)
    return redirect("quizzes:attempt", attempt_uuid=attempt.uuid)


@require_POST
@_signing_in_first
def start_view(request, quiz_id):
    quiz = _quiz_or_404(request, quiz_id)
    # The lesson the learner came from, or the only one that embeds the quiz: the attempt
    # counts for that lesson's course however the learner reached the quiz.
    place = quiz_context_get(quiz=quiz, lesson_id=parse_id(request.POST.get("lesson", "")))
    quiz_url = reverse("quizzes:quiz", args=[quiz.pk])
    if place is not None:
        quiz_url += f"?lesson={place.lesson_id}"
    open_to_visitors = quiz_open_to_visitors(quiz, place)
    if not request.user.is_authenticated:
        if not open_to_visitors:
            return redirect_to_login(quiz_url)
        if not request.session.session_key:
            request.session.save()
    try:
        attempt = attempt_start(
            quiz=quiz,
            user=request.user,
            session_key=request.session.session_key or "",
            lesson_id=place.lesson_id if place else None,
            open_to_visitors=open_to_visitors,
        )
    except ValidationError as error:
        messages.error(request, error.messages[0])
        return redirect(quiz_url)
    if not request.user.is_authenticated:
        session_attempt_remember(request.session, attempt)
    return redirect("quizzes:attempt", attempt_uuid=attempt.uuid)


def _save_posted(request, attempt, rows, *, seq=None):
    responses = {}
    for row in rows:
        response = presentation.response_from_post(row, request.POST)
        if response is not None:
            responses[row.position] = response
    if responses or seq is not None:
        answer_save(attempt=attempt, responses=responses, seq=seq)
    return responses


def _action_target(action: str, *, page: int, pages: list, page_rows: list) -> int | None:
    """The page an attempt form's button leads to, or None for a button the page never shows
    (a position not on this page, a page that does not exist, an unknown action)."""
    if action in ("save", "stay", "finish"):
        return page
    if action == "next":
        return min(page + 1, pages[-1])
    if action == "previous":
        return max(page - 1, pages[0])
    if action.startswith("page-"):
        target = parse_int(action.removeprefix("page-"))
        return target if target in pages else None
    if action.startswith("check-"):
        position = parse_int(action.removeprefix("check-"))
        return page if position in {row.position for row in page_rows} else None
    return None


@never_cache
def attempt_view(request, attempt_uuid):
    attempt = _attempt_or_404(request, attempt_uuid)
    if attempt.is_finished or attempt_expire_if_due(attempt=attempt):
        if attempt.submitted_by_timer:
            messages.info(request, str(MESSAGE_TIME_UP))
        return redirect("quizzes:review", attempt_uuid=attempt.uuid)
    rows = list(attempt.questions.all())
    pages = sorted({row.page for row in rows})
    page = parse_int(request.GET.get("page") or request.POST.get("page") or "1")
    if page not in pages:
        page = pages[0]
    page_rows = [row for row in rows if row.page == page]
    if request.method == "POST":
        action = request.POST.get("action", "save")
        target = _action_target(action, page=page, pages=pages, page_rows=page_rows)
        if target is None:
            # Checked before anything is saved: a made-up action writes nothing.
            return bad_request(request)
        try:
            responses = _save_posted(request, attempt, page_rows)
            if action.startswith("check-"):
                position = int(action.removeprefix("check-"))
                question_check(attempt=attempt, position=position, response=responses.get(position))
        except AttemptClosed as closed:
            messages.info(request, closed.messages[0])
            return redirect("quizzes:review", attempt_uuid=attempt.uuid)
        except ValidationError as error:
            messages.error(request, error.messages[0])
            action, target = "stay", page
        if action == "finish":
            return redirect("quizzes:submit", attempt_uuid=attempt.uuid)
        url = reverse("quizzes:attempt", args=[attempt.uuid]) + f"?page={target}"
        if action.startswith("check-"):
            url += f"#q{action.removeprefix('check-')}"
        return redirect(url)
    reveal = selectors.reveal_for(attempt=attempt, user=request.user)
    numbers = {row.pk: index for index, row in enumerate(rows, start=1)}
    views = [
        presentation.question_view(
            row, reveal=reveal, behaviour=attempt.quiz.behaviour, number=numbers[row.pk]
        )
        for row in page_rows
    ]
    remaining = attempt.seconds_left()
    return render(
        request,
        "quizzes/attempt.html",
        {
            "attempt": attempt,
            "quiz": attempt.quiz,
            "questions": views,
            "page": page,
            "pages": pages,
            "is_first": page == pages[0],
            "is_last": page == pages[-1],
            "remaining": remaining,
            "remaining_display": f"{remaining // 60}:{remaining % 60:02d}"
            if remaining is not None
            else "",
            "answered": sum(1 for row in rows if row.state != row.State.TODO),
            "place": quiz_context_get(quiz=attempt.quiz, lesson_id=attempt.lesson_id),
            "total": len(rows),
        },
    )


@require_POST
def autosave_view(request, attempt_uuid):
    """The JavaScript module's save-as-you-go: same form data, JSON answer. A ``seq`` field
    numbers the save (docs/offline.md): one already applied, or older, is refused with 409."""
    attempt = _attempt_or_404(request, attempt_uuid)
    seq = None
    if "seq" in request.POST:
        seq = parse_int(request.POST["seq"], minimum=1, maximum=2**31 - 1)
        if seq is None:
            return bad_request(request, json=True)
    rows = list(attempt.questions.all())
    try:
        responses = _save_posted(request, attempt, rows, seq=seq)
    except SaveOutOfDate as out_of_date:
        return JsonResponse(
            {
                "saved": False,
                "out_of_date": True,
                "last_seq": out_of_date.last_seq,
                "message": out_of_date.messages[0],
            },
            status=409,
        )
    except AttemptClosed as closed:
        return JsonResponse(
            {
                "saved": False,
                "finished": True,
                "message": closed.messages[0],
                "review_url": reverse("quizzes:review", args=[attempt.uuid]),
            },
            status=409,
        )
    remaining = attempt.seconds_left()
    return JsonResponse(
        {"saved": True, "count": len(responses), "remaining": remaining, "seq": seq}
    )


def offline_worker_view(request):
    """The service worker that keeps the attempt pages readable offline (docs/offline.md). Served
    from under the attempts' path so that its scope covers them and nothing else."""
    response = render(
        request, "quizzes/offline-worker.js", content_type="text/javascript; charset=utf-8"
    )
    response["Cache-Control"] = "no-cache"
    return response


@never_cache
def submit_view(request, attempt_uuid):
    attempt = _attempt_or_404(request, attempt_uuid)
    if request.method == "POST":
        if not attempt.is_finished:
            rows = list(attempt.questions.all())
            with contextlib.suppress(AttemptClosed):
                _save_posted(request, attempt, rows)
        attempt_submit(attempt=attempt)
        return redirect("quizzes:review", attempt_uuid=attempt.uuid)
    if attempt.is_finished:
        return redirect("quizzes:review", attempt_uuid=attempt.uuid)
    rows = list(attempt.questions.all())
    return render(
        request,
        "quizzes/submit.html",
        {
            "attempt": attempt,
            "quiz": attempt.quiz,
            "rows": rows,
            "place": quiz_context_get(quiz=attempt.quiz, lesson_id=attempt.lesson_id),
            "unanswered": [
                index for index, row in enumerate(rows, start=1) if row.state == row.State.TODO
            ],
        },
    )


@never_cache
def review_view(request, attempt_uuid):
    attempt = _attempt_or_404(request, attempt_uuid, allow_staff=True)
    if not attempt.is_finished:
        return redirect("quizzes:attempt", attempt_uuid=attempt.uuid)
    reveal = selectors.reveal_for(attempt=attempt, user=request.user)
    rows = list(attempt.questions.all())
    views = [
        presentation.question_view(
            row, reveal=reveal, behaviour=attempt.quiz.behaviour, number=index
        )
        for index, row in enumerate(rows, start=1)
    ]
    quiz = attempt.quiz
    place = quiz_context_get(quiz=quiz, lesson_id=attempt.lesson_id)
    is_own = selectors.attempt_owned_by(attempt, request)
    return render(
        request,
        "quizzes/review.html",
        {
            "attempt": attempt,
            "quiz": quiz,
            "questions": views,
            "show_questions": "attempt" in reveal,
            "show_points": "points" in reveal,
            "message": (quiz.pass_text if attempt.passed else quiz.fail_text)
            if attempt.passed is not None and "feedback" in reveal
            else "",
            "place": place,
            "lesson_url": place.lesson_url if place else "",
            "is_own": is_own,
            # A visitor who passed keeps the result (and the course's certificate) by signing in.
            "sign_in_url": _sign_in_url(request, request.get_full_path())
            if is_own and not request.user.is_authenticated
            else "",
            "sign_up_url": reverse("account_signup")
            + "?"
            + urlencode({"next": request.get_full_path()}),
        },
    )


@never_cache
@login_required
def progress_view(request):
    return render(
        request, "quizzes/progress.html", {"progress": selectors.progress_get(user=request.user)}
    )
