"""Learner pages: the list of scenarios, a scenario's start page, playing it (one choice per POST)
and the result. Thin: the rules are in simulations.attempts, rules and selectors."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from core.parsing import parse_id, parse_int
from core.responses import bad_request

from . import selectors
from .attempts import MESSAGE_NO_SUCH_CHOICE, attempt_choose, attempt_start, reply_review
from .forms import MESSAGE_REVIEW_SAVED, ReviewForm
from .models import AttemptStep, Scenario, ScenarioAttempt
from .presentation import attempt_view
from .rules import can_play, can_review_as_peer, owns_attempt


@never_cache
@login_required
def scenario_list_view(request):
    scenarios = selectors.scenario_list(user=request.user)
    latest = selectors.attempt_list(
        user=request.user, scenario_keys=[scenario.translation_key for scenario in scenarios]
    )
    rows = [(scenario, latest.get(scenario.translation_key)) for scenario in scenarios]
    return render(request, "simulations/scenario_list.html", {"rows": rows})


@never_cache
@login_required
def scenario_view(request, scenario_id):
    scenario = get_object_or_404(Scenario, pk=scenario_id)
    if not can_play(request.user, scenario):
        raise Http404
    attempts = ScenarioAttempt.objects.filter(
        user=request.user, scenario_key=scenario.translation_key, preview=False
    )
    context = {
        "scenario": scenario,
        "open_attempt": attempts.filter(state=ScenarioAttempt.State.IN_PROGRESS).first(),
        "finished": attempts.filter(state=ScenarioAttempt.State.FINISHED)[:5],
        "lesson_id": parse_id(request.GET.get("lesson")),
    }
    return render(request, "simulations/scenario.html", context)


@require_POST
@login_required
def start_view(request, scenario_id):
    scenario = get_object_or_404(Scenario, pk=scenario_id)
    try:
        attempt = attempt_start(
            scenario=scenario, user=request.user, lesson_id=parse_id(request.POST.get("lesson"))
        )
    except ValidationError as error:
        if error.code == "not_playable":
            raise Http404 from error
        messages.error(request, error.messages[0])
        return redirect("simulations:scenario", scenario.pk)
    return redirect("simulations:attempt", attempt.uuid)


def _own_attempt_or_404(request, attempt_uuid) -> ScenarioAttempt:
    attempt = get_object_or_404(ScenarioAttempt, uuid=attempt_uuid)
    if not owns_attempt(request.user, attempt):
        raise Http404
    return attempt


@never_cache
@login_required
def attempt_view_page(request, attempt_uuid):
    attempt = _own_attempt_or_404(request, attempt_uuid)
    if request.method == "POST":
        choice = parse_int(request.POST.get("choice"))
        node_key = request.POST.get("situation", "")[:60]
        if choice is None:
            messages.error(request, MESSAGE_NO_SUCH_CHOICE)
            return redirect("simulations:attempt", attempt.uuid)
        try:
            attempt_choose(
                attempt=attempt,
                node_key=node_key,
                choice_index=choice,
                reply_text=request.POST.get("reply", ""),
            )
        except ValidationError as error:
            if error.code in {"stale", "finished"}:
                messages.info(request, error.messages[0])
                return redirect("simulations:attempt", attempt.uuid)
            return _play(request, attempt, error=error.messages[0], status=400)
        return redirect("simulations:attempt", attempt.uuid)
    if request.method != "GET":
        return bad_request(request)
    return _play(request, attempt)


def _play(request, attempt, *, error=None, status=200):
    steps = list(attempt.steps.order_by("position").prefetch_related("reviews"))
    context = {"attempt": attempt, "error": error, **attempt_view(attempt, steps)}
    template = "simulations/result.html" if attempt.is_finished else "simulations/play.html"
    return render(request, template, context, status=status)


@never_cache
@login_required
def peer_review_view(request, scenario_id):
    """Learners who finished a scenario review colleagues' free-text replies on the rubric (the
    author's name is not shown)."""
    scenario = get_object_or_404(Scenario, pk=scenario_id)
    finished = ScenarioAttempt.objects.filter(
        user=request.user,
        scenario_key=scenario.translation_key,
        state=ScenarioAttempt.State.FINISHED,
        preview=False,
    ).exists()
    if not can_play(request.user, scenario) or not finished:
        raise Http404
    form, status = ReviewForm(), 200
    if request.method == "POST":
        form = ReviewForm(request.POST)
        step_id = parse_id(request.POST.get("step"))
        step = (
            AttemptStep.objects.select_related("attempt").filter(pk=step_id).first()
            if step_id
            else None
        )
        if step is None or not can_review_as_peer(request.user, step.attempt):
            return bad_request(request)
        if form.is_valid():
            try:
                reply_review(
                    step=step, reviewer=request.user, by_trainer=False, **form.cleaned_data
                )
            except ValidationError as error:
                messages.error(request, error.messages[0])
            else:
                messages.success(request, MESSAGE_REVIEW_SAVED)
            return redirect("simulations:peer_review", scenario.pk)
        status = 400
    steps = selectors.replies_for_peer(user=request.user, scenario_key=scenario.translation_key)
    return render(
        request,
        "simulations/peer_review.html",
        {
            "scenario": scenario,
            "steps": steps,
            "form": form,
            "criteria": [
                (name, form.fields[name].label) for name in ("tone", "accuracy", "legality")
            ],
            "marks": range(4),
        },
        status=status,
    )
