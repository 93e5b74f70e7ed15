"""``seed_demo``: the three practice scenarios of demo/simulations/ in every language, a practice
lesson embedding each in its course (press service, ethics), and the demo learner's played
attempt of the press-service scenarios (so the trainers' statistics are not empty).

A scenario's files (``<key>.<lang>.yaml``) hold the same graph in each language: the situation
keys, the choices' targets, actions, minutes, indicators and scores must match the Uzbek file.
Rule links name pages by their demo keys: ``lesson:<course>/<lesson>``, ``playbook:<key>``,
``code:<key>``; each language links to its own translation of the page when there is one.
"""

import datetime
from pathlib import Path

from django.db import transaction
from wagtail.models import Locale, Page

from accounts.demo import DEMO_LEARNER
from accounts.models import User
from core.demo import (
    DemoContentError,
    DemoRun,
    demo_file_read,
    demo_languages,
    demo_require,
    demo_translation_key,
)
from courses.models import LessonPage
from playbooks.demo import playbook_translation_key

from .attempts import attempt_choose, attempt_start
from .models import Scenario, ScenarioAttempt
from .scoring import SKILLS

PRACTICE_MINIMUM_SCORE = 60
# The demo learner has played these (they sit in the course the learner completed).
LEARNER_PLAYED = ("viral-video-attack", "blogger-interview")
STRUCTURE_FIELDS = ("action", "next", "minutes", "spread", "trust", "scores")


def demo_load(run: DemoRun) -> None:
    directory = run.directory / "simulations"
    if not directory.is_dir():
        return
    courses = run.loaded.get("courses", {})
    keys = sorted({path.name.split(".")[0] for path in directory.glob("*.yaml")})
    loaded, lessons = {}, {}
    for key in keys:
        with transaction.atomic():
            files = _files_read(directory, key)
            scenarios = {
                language: _scenario_load(key, language, data) for language, data in files.items()
            }
            course_key = files[demo_languages()[0]].get("course", "")
            if course_key in courses:
                lessons[key] = _lesson_load(key, course_key, courses[course_key], scenarios, files)
        loaded[key] = scenarios
        run.say(f"Practice scenario “{scenarios[demo_languages()[0]].title}”")
    run.loaded["scenarios"] = loaded
    _learner_attempts_load(loaded, lessons)


def _files_read(directory: Path, key: str) -> dict[str, dict]:
    files = {}
    for language in demo_languages():
        path = directory / f"{key}.{language}.yaml"
        data = demo_file_read(path)
        for name in ("title", "situations"):
            demo_require(data, name, path)
        files[language] = data
    source = files[demo_languages()[0]]
    for language, data in files.items():
        if _structure(data) != _structure(source):
            raise DemoContentError(
                f"{directory / f'{key}.{language}.yaml'}: the graph differs from the Uzbek file"
            )
    return files


def _structure(data: dict) -> list:
    return [
        (
            situation["key"],
            [
                tuple(str(choice.get(name)) for name in STRUCTURE_FIELDS)
                for choice in situation["choices"]
            ],
        )
        for situation in data["situations"]
    ]


def _rule_page(reference: str, language: str) -> Page | None:
    kind, _, key = reference.partition(":")
    if kind == "lesson":
        translation_key = demo_translation_key("lesson", key)
    elif kind == "code":
        translation_key = demo_translation_key("code", key)
    elif kind == "playbook":
        translation_key = playbook_translation_key(key)
    else:
        raise DemoContentError(f"unknown rule page “{reference}”")
    pages = Page.objects.filter(translation_key=translation_key, live=True)
    return (
        pages.filter(locale__language_code=language).first()
        or pages.filter(locale__language_code=demo_languages()[0]).first()
    )


def _situations_raw(data: dict, language: str) -> list[dict]:
    situations = []
    for situation in data["situations"]:
        choices = []
        for choice in situation["choices"]:
            rule = choice.get("rule") or {}
            page = _rule_page(rule["page"], language) if rule.get("page") else None
            value = {
                "action": choice["action"],
                "label": choice["label"],
                "reply": choice.get("reply", ""),
                "next": choice.get("next", ""),
                "minutes": choice.get("minutes", 0),
                "spread": choice.get("spread", 0),
                "trust": choice.get("trust", 0),
                "feedback": choice["feedback"],
                "rule_page": page.pk if page is not None else None,
                "rule_label": rule.get("label", ""),
            }
            for skill in SKILLS:
                value[skill] = choice.get("scores", {}).get(skill)
            choices.append(value)
        situations.append(
            {
                "type": "situation",
                "value": {
                    "key": situation["key"],
                    "title": situation["title"],
                    "feed": [
                        {
                            "kind": item["kind"],
                            "author": item["author"],
                            "text": item["text"],
                            "reach": item.get("reach", ""),
                        }
                        for item in situation.get("feed") or []
                    ],
                    "prompt": situation.get("prompt", ""),
                    "choices": choices,
                    "ending": situation.get("ending", ""),
                },
            }
        )
    return situations


def _scenario_load(key: str, language: str, data: dict) -> Scenario:
    """Created once; a second run finds it by its translation key and changes nothing."""
    locale = Locale.objects.get(language_code=language)
    translation_key = demo_translation_key("scenario", key)
    scenario = Scenario.objects.filter(translation_key=translation_key, locale=locale).first()
    if scenario is not None:
        return scenario
    hours, minutes = (int(part) for part in str(data.get("clock_start", "09:00")).split(":"))
    scenario = Scenario(
        translation_key=translation_key,
        locale=locale,
        key=key,
        title=data["title"],
        summary=data.get("summary", ""),
        channel_name=data["situations"][0]["feed"][0]["author"],
        clock_start=datetime.time(hours, minutes),
        spread_start=data.get("spread_start", 10),
        trust_start=data.get("trust_start", 60),
        situations=_situations_raw(data, language),
        live=True,
    )
    scenario.full_clean()
    scenario.save()
    return scenario


def _lesson_body(data: dict, scenario: Scenario) -> list[dict]:
    return [
        {"type": "rich_text", "value": f"<p>{data.get('lesson_intro', '')}</p>"},
        {
            "type": "scenario",
            "value": {
                "scenario": scenario.pk,
                "minimum_score": PRACTICE_MINIMUM_SCORE,
                "introduction": "",
            },
        },
    ]


def _lesson_load(key, course_key, course, scenarios: dict, files: dict) -> LessonPage:
    """A practice lesson at the end of the course, in every language of the course."""
    translation_key = demo_translation_key("lesson", f"{course_key}/practice-{key}")
    source_language = demo_languages()[0]
    lesson = LessonPage.objects.filter(
        translation_key=translation_key, locale=course.locale
    ).first()
    if lesson is None:
        lesson = LessonPage(
            title=files[source_language]["lesson_title"],
            slug=f"practice-{key}",
            translation_key=translation_key,
            locale=course.locale,
            estimated_minutes=15,
            body=_lesson_body(files[source_language], scenarios[source_language]),
        )
        course.add_child(instance=lesson)
        lesson.save_revision().publish()
    for language, data in files.items():
        if language == source_language:
            continue
        locale = Locale.objects.get(language_code=language)
        if lesson.get_translation_or_none(locale) is not None:
            continue
        if course.get_translation_or_none(locale) is None:
            continue
        translation = lesson.copy_for_translation(locale)
        translation.title = data["lesson_title"]
        translation.body = _lesson_body(data, scenarios[language])
        translation.save_revision().publish()
    return lesson


def _best_choice(node: dict) -> int:
    totals = [sum(v for v in choice["scores"].values() if v) for choice in node["choices"]]
    return totals.index(max(totals))


def _learner_attempts_load(loaded: dict, lessons: dict) -> None:
    learner = User.objects.filter(username=DEMO_LEARNER).first()
    if learner is None:
        return
    for key in LEARNER_PLAYED:
        scenario = loaded.get(key, {}).get(demo_languages()[0])
        if scenario is None:
            continue
        if ScenarioAttempt.objects.filter(
            user=learner, scenario_key=scenario.translation_key
        ).exists():
            continue
        lesson = lessons.get(key)
        attempt = attempt_start(
            scenario=scenario, user=learner, lesson_id=lesson.pk if lesson else None
        )
        while not attempt.is_finished:
            node = next(n for n in attempt.snapshot["nodes"] if n["key"] == attempt.current_key)
            attempt = attempt_choose(
                attempt=attempt, node_key=node["key"], choice_index=_best_choice(node)
            )
