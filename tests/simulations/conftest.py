import pytest
from django.utils import translation
from wagtail.models import Locale

from simulations.models import Scenario


def option(label, *, next="", action="reply", reply="We are on it.", feedback="Why.", **scores):
    value = {
        "action": action,
        "label": label,
        "reply": reply,
        "next": next,
        "minutes": scores.pop("minutes", 5),
        "spread": scores.pop("spread", 0),
        "trust": scores.pop("trust", 0),
        "feedback": feedback,
        "rule_page": None,
        "rule_label": scores.pop("rule_label", ""),
    }
    for skill in ("timeliness", "accuracy", "tone", "legality", "escalation"):
        value[skill] = scores.get(skill)
    return value


def situation(key, choices=(), *, ending="", title=None, feed=None):
    return (
        "situation",
        {
            "key": key,
            "title": title or key.replace("-", " ").title(),
            "feed": feed
            if feed is not None
            else [
                {"kind": "comment", "author": "Citizen", "text": f"Comment at {key}", "reach": ""}
            ],
            "prompt": "What do you do?",
            "choices": list(choices),
            "ending": ending,
        },
    )


def road_situations():
    """Night comment → (reply well | delete) → ending; the reply path scores best."""
    return [
        situation(
            "night-comment",
            [
                option(
                    "Thank them and register the appeal",
                    next="registered",
                    action="register_appeal",
                    timeliness=3,
                    tone=3,
                    legality=3,
                    minutes=10,
                    trust=10,
                ),
                option(
                    "Delete the comment",
                    next="backlash",
                    action="delete",
                    reply="",
                    timeliness=1,
                    tone=0,
                    legality=0,
                    spread=30,
                    trust=-20,
                ),
                option(
                    "Write your own reply",
                    next="registered",
                    action="own_reply",
                    reply="",
                    timeliness=3,
                ),
            ],
        ),
        situation("registered", ending="The repair is scheduled and the citizen thanks you."),
        situation(
            "backlash",
            [option("Apologise and restore it", timeliness=1, tone=2, legality=2, trust=5)],
        ),
    ]


@pytest.fixture(autouse=True)
def _in_english(_fresh_cache_and_language):
    """These tests read the English messages and pages (/en/); the Uzbek and Russian catalogues
    are checked by tests/core/test_translations_complete.py."""
    translation.activate("en")
    yield


@pytest.fixture
def make_scenario(db):
    def make(situations=None, *, live=True, **fields):
        fields.setdefault("title", "Road repair at night")
        fields.setdefault("channel_name", "District hokimiyat")
        fields.setdefault("locale", Locale.get_default())
        scenario = Scenario(
            situations=situations if situations is not None else road_situations(),
            live=live,
            **fields,
        )
        scenario.full_clean()
        scenario.save()
        return scenario

    return make


@pytest.fixture
def learner(make_user):
    return make_user("learner")
