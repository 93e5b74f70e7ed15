"""The demo scenarios in demo/simulations/ (files only, no database): the same graph in every
language, a graph without problems, Uzbek written with the modifier letters, labelled as
training examples."""

import re
from pathlib import Path

import pytest
import yaml
from django.conf import settings

from simulations.demo import _structure
from simulations.graph import graph_problems

DEMO = Path(settings.BASE_DIR) / "demo" / "simulations"
KEYS = sorted({path.name.split(".")[0] for path in DEMO.glob("*.yaml")})
LANGUAGES = ("uz", "ru", "en")
TRAINING_LABELS = {"uz": "Oʻquv misoli", "ru": "Учебный пример", "en": "Training example"}


def read(key, language):
    return yaml.safe_load((DEMO / f"{key}.{language}.yaml").read_text(encoding="utf-8"))


def test_three_scenarios_in_three_languages():
    assert KEYS == ["blogger-interview", "road-repair-night", "viral-video-attack"]
    for key in KEYS:
        for language in LANGUAGES:
            assert (DEMO / f"{key}.{language}.yaml").is_file()


@pytest.mark.parametrize("key", KEYS)
def test_every_language_has_the_same_graph_and_it_has_no_problems(key):
    source = read(key, "uz")
    for language in LANGUAGES:
        data = read(key, language)
        assert _structure(data) == _structure(source), language
        assert data["summary"].startswith(TRAINING_LABELS[language])
    nodes = [
        {"key": s["key"], "choices": s["choices"], "ending": s.get("ending", "")}
        for s in source["situations"]
    ]
    assert graph_problems(nodes) == []


@pytest.mark.parametrize("key", KEYS)
def test_uzbek_uses_the_modifier_letters_never_an_ascii_apostrophe(key):
    text = (DEMO / f"{key}.uz.yaml").read_text(encoding="utf-8")
    assert "'" not in text
    assert "‘" not in text
    assert "’" not in text
    assert not re.search(r"[^oOgG]\u02bb", text)
    assert not re.search(r"[oOgG]\u02bc", text)
