"""Trainers' views in the Wagtail admin: a scenario's graph (SVG and an accessible list, with its
problems), a preview that plays it, the choice statistics per situation, and the review of
free-text replies with the rubric."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.views.decorators.http import require_POST

from . import selectors
from .attempts import attempt_start, reply_review
from .forms import MESSAGE_REVIEW_SAVED, ReviewForm
from .graph import graph_depths, graph_problems
from .models import AttemptStep, Scenario
from .rules import can_review_as_trainer

NODE_WIDTH, NODE_HEIGHT, GAP_X, GAP_Y = 180, 44, 70, 24


def _scenario_or_403(request, scenario_id, permission="simulations.change_scenario"):
    if not request.user.has_perm(permission):
        raise PermissionDenied
    return get_object_or_404(Scenario, pk=scenario_id)


def graph_layout(nodes: list[dict]) -> dict:
    """Boxes and arrows for the server-drawn SVG: a column per distance from the start."""
    depths = graph_depths(nodes)
    rows: dict[int, int] = {}
    boxes = {}
    for node in nodes:
        column = depths[node["key"]]
        row = rows.get(column, 0)
        rows[column] = row + 1
        boxes.setdefault(
            node["key"],
            {
                "key": node["key"],
                "title": node["title"],
                "x": 10 + column * (NODE_WIDTH + GAP_X),
                "y": 10 + row * (NODE_HEIGHT + GAP_Y),
                "ending": not node["choices"],
            },
        )
    edges = []
    for node in nodes:
        for choice in node["choices"]:
            source, target = boxes[node["key"]], boxes.get(choice["next"])
            if target is None:
                continue
            edges.append(
                {
                    "x1": source["x"] + NODE_WIDTH,
                    "y1": source["y"] + NODE_HEIGHT // 2,
                    "x2": target["x"],
                    "y2": target["y"] + NODE_HEIGHT // 2,
                }
            )
    width = 20 + (max(depths.values(), default=0) + 1) * (NODE_WIDTH + GAP_X)
    height = 20 + max(rows.values(), default=1) * (NODE_HEIGHT + GAP_Y)
    return {"boxes": list(boxes.values()), "edges": edges, "width": width, "height": height}


def graph_view(request, scenario_id):
    scenario = _scenario_or_403(request, scenario_id, "simulations.view_scenario")
    nodes = scenario.graph_nodes()
    problems = graph_problems(nodes)
    flagged = {problem.key for problem in problems}
    layout = graph_layout(nodes)
    for box in layout["boxes"]:
        box["flagged"] = box["key"] in flagged
    return TemplateResponse(
        request,
        "simulations/admin/graph.html",
        {
            "scenario": scenario,
            "nodes": nodes,
            "problems": problems,
            "flagged": flagged,
            "layout": layout,
            "node_width": NODE_WIDTH,
            "node_height": NODE_HEIGHT,
        },
    )


@require_POST
def preview_view(request, scenario_id):
    scenario = _scenario_or_403(request, scenario_id)
    try:
        attempt = attempt_start(scenario=scenario, user=request.user, preview=True)
    except ValidationError as error:
        messages.error(request, error.messages[0])
        return redirect("simulations_graph", scenario.pk)
    # A finished preview is replaced by a fresh one on the next click.
    if attempt.is_finished:
        attempt.delete()
        attempt = attempt_start(scenario=scenario, user=request.user, preview=True)
    return redirect("simulations:attempt", attempt.uuid)


def statistics_view(request, scenario_id):
    scenario = _scenario_or_403(request, scenario_id, "simulations.view_scenario")
    return TemplateResponse(
        request,
        "simulations/admin/statistics.html",
        {"scenario": scenario, "situations": selectors.choice_statistics(scenario=scenario)},
    )


def review_list_view(request):
    if not can_review_as_trainer(request.user):
        raise PermissionDenied
    steps = list(selectors.replies_to_review()[:50])
    return TemplateResponse(
        request,
        "simulations/admin/review_list.html",
        {"steps": steps, "form": ReviewForm()},
    )


def review_view(request, step_id):
    if not can_review_as_trainer(request.user):
        raise PermissionDenied
    step = get_object_or_404(AttemptStep.objects.select_related("attempt"), pk=step_id)
    form = ReviewForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                reply_review(step=step, reviewer=request.user, by_trainer=True, **form.cleaned_data)
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, MESSAGE_REVIEW_SAVED)
                return redirect("simulations_reviews")
        status = 400
    node = next((n for n in step.attempt.snapshot["nodes"] if n["key"] == step.node_key), None)
    return TemplateResponse(
        request,
        "simulations/admin/review.html",
        {"step": step, "node": node, "form": form},
        status=status,
    )
