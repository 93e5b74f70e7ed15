"""The scenario's graph of situations, read from its snapshot form (plain dicts, no database):
what is wrong with it (checked when the trainer saves, shown in the graph view) and where each
situation sits in the drawing.

A scenario is played from its first situation; a choice leads to the situation named by its
``next`` key, or ends the scenario when ``next`` is empty. A situation without choices is an
ending and must say how the story ends. Every path must end: a choice that leads back to an
earlier situation could make a path that never ends, so the graph has no cycles.
"""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

MESSAGE_EMPTY = _("The scenario has no situations.")
MESSAGE_DUPLICATE = _("Two situations have the key “%(key)s”.")
MESSAGE_UNKNOWN_NEXT = _("A choice of “%(key)s” leads to “%(next)s”, which does not exist.")
MESSAGE_UNREACHABLE = _("No path from the first situation reaches “%(key)s”.")
MESSAGE_DEAD_END = _("“%(key)s” has no choices and no ending text: the learner would be stuck.")
MESSAGE_CYCLE = _(
    "A choice of “%(key)s” leads back to “%(next)s”, an earlier situation: that path may never end."
)


@dataclass(frozen=True)
class GraphProblem:
    code: str
    key: str
    message: str


def _targets(node: dict) -> list[str]:
    return [choice["next"] for choice in node["choices"] if choice.get("next")]


def graph_problems(nodes: list[dict]) -> list[GraphProblem]:
    """Every problem of the graph, in the order of the situations."""
    if not nodes:
        return [GraphProblem("empty", "", str(MESSAGE_EMPTY))]
    problems = []
    by_key: dict[str, dict] = {}
    for node in nodes:
        if node["key"] in by_key:
            problems.append(
                GraphProblem("duplicate", node["key"], MESSAGE_DUPLICATE % {"key": node["key"]})
            )
        by_key.setdefault(node["key"], node)
    for node in nodes:
        for target in _targets(node):
            if target not in by_key:
                problems.append(
                    GraphProblem(
                        "unknown_next",
                        node["key"],
                        MESSAGE_UNKNOWN_NEXT % {"key": node["key"], "next": target},
                    )
                )
        if not node["choices"] and not (node.get("ending") or "").strip():
            problems.append(
                GraphProblem("dead_end", node["key"], MESSAGE_DEAD_END % {"key": node["key"]})
            )
    reachable = reachable_keys(nodes)
    for key in by_key:
        if key not in reachable:
            problems.append(GraphProblem("unreachable", key, MESSAGE_UNREACHABLE % {"key": key}))
    problems.extend(_cycles(nodes[0]["key"], by_key))
    return problems


def reachable_keys(nodes: list[dict]) -> set[str]:
    by_key = {node["key"]: node for node in reversed(nodes)}
    seen, queue = set(), [nodes[0]["key"]] if nodes else []
    while queue:
        key = queue.pop()
        if key in seen or key not in by_key:
            continue
        seen.add(key)
        queue.extend(_targets(by_key[key]))
    return seen


def _cycles(start: str, by_key: dict[str, dict]) -> list[GraphProblem]:
    """Back edges found by a depth-first walk from the first situation (iterative: a long
    scenario never reaches Python's recursion limit)."""
    problems, done, on_path = [], set(), set()
    stack = [(start, iter(_targets(by_key[start])))]
    on_path.add(start)
    while stack:
        key, targets = stack[-1]
        target = next(targets, None)
        if target is None:
            stack.pop()
            on_path.discard(key)
            done.add(key)
            continue
        if target not in by_key or target in done:
            continue
        if target in on_path:
            problems.append(
                GraphProblem("cycle", key, MESSAGE_CYCLE % {"key": key, "next": target})
            )
            continue
        on_path.add(target)
        stack.append((target, iter(_targets(by_key[target]))))
    return problems


def graph_depths(nodes: list[dict]) -> dict[str, int]:
    """Each situation's column in the drawing: its distance from the first situation (the
    situations no path reaches go in a last column of their own)."""
    by_key = {node["key"]: node for node in reversed(nodes)}
    depths: dict[str, int] = {}
    if nodes:
        frontier, depth = [nodes[0]["key"]], 0
        while frontier:
            following = []
            for key in frontier:
                if key in depths or key not in by_key:
                    continue
                depths[key] = depth
                following.extend(_targets(by_key[key]))
            frontier, depth = following, depth + 1
    last = max(depths.values(), default=-1) + 1
    for node in nodes:
        depths.setdefault(node["key"], last)
    return depths
