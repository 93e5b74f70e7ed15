"""The frozen copy of a scenario that an attempt plays: editing or translating the scenario
later never changes an attempt, started or finished."""

from .scoring import SKILLS


def _rule(value, with_links: bool) -> dict | None:
    page = value.get("rule_page")
    label = value.get("rule_label") or ""
    if not with_links or (page is None and not label):
        return None
    url = ""
    if page is not None:
        url = page.url or ""
    return {"url": url, "label": label or (page.title if page is not None else "")}


def situations_snapshot(situations, *, with_links: bool = True) -> list[dict]:
    """The situations as plain data (``with_links=False`` skips the rule pages' addresses, for
    the graph check on save, which needs no database)."""
    nodes = []
    for block in situations:
        value = block.value
        choices = []
        for choice in value["choices"]:
            choices.append(
                {
                    "action": choice["action"],
                    "label": choice["label"],
                    "reply": choice.get("reply") or "",
                    "next": choice.get("next") or "",
                    "minutes": choice.get("minutes") or 0,
                    "spread": choice.get("spread") or 0,
                    "trust": choice.get("trust") or 0,
                    "scores": {skill: choice.get(skill) for skill in SKILLS},
                    "feedback": choice.get("feedback") or "",
                    "rule": _rule(choice, with_links),
                }
            )
        nodes.append(
            {
                "key": value["key"],
                "title": value["title"],
                "feed": [
                    {
                        "kind": item["kind"],
                        "author": item["author"],
                        "text": item["text"],
                        "reach": item.get("reach") or "",
                    }
                    for item in value["feed"]
                ],
                "prompt": value.get("prompt") or "",
                "choices": choices,
                "ending": value.get("ending") or "",
            }
        )
    return nodes


def scenario_snapshot(scenario) -> dict:
    return {
        "title": scenario.title,
        "summary": scenario.summary,
        "channel": scenario.channel_name,
        "clock_start": scenario.clock_start.hour * 60 + scenario.clock_start.minute,
        "spread": scenario.spread_start,
        "trust": scenario.trust_start,
        "nodes": situations_snapshot(scenario.situations),
    }
