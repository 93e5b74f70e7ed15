"""Defence in depth: a Content-Security-Policy without inline scripts on every public page,
its own policy for Wagtail's admin, and no template that would need an inline script."""

import re
from pathlib import Path

import pytest
from django.conf import settings

pytestmark = pytest.mark.django_db

ROOT = Path(settings.BASE_DIR)
APPS = ("core", "accounts", "quizzes", "courses", "certificates", "playbooks")


def directives(header: str) -> dict[str, list[str]]:
    parsed = {}
    for part in header.split(";"):
        words = part.split()
        if words:
            parsed[words[0]] = words[1:]
    return parsed


@pytest.mark.parametrize("path", ["/", "/search/?q=x", "/accounts/login/", "/quizzes/progress/"])
def test_public_pages_allow_scripts_only_from_our_origin(client, path):
    response = client.get(path)
    policy = directives(response["Content-Security-Policy"])
    assert policy["script-src"] == ["'self'"]
    assert "'unsafe-inline'" not in policy.get("default-src", [])
    assert policy["object-src"] == ["'none'"] and policy["frame-ancestors"] == ["'self'"]


def test_the_admin_has_its_own_policy(client, make_user):
    client.force_login(make_user("trainer", groups=["Trainers"]))
    response = client.get("/admin/")
    policy = directives(response["Content-Security-Policy"])
    assert "'unsafe-inline'" in policy["script-src"] and policy["object-src"] == ["'none'"]


INLINE_SCRIPT_RE = re.compile(
    r"<script(?![^>]*\bsrc=)(?![^>]*application/(?:ld\+)?json)[^>]*>", re.IGNORECASE
)
HANDLER_RE = re.compile(r"\son[a-z]+\s*=", re.I)


def test_no_template_holds_an_inline_script_an_event_handler_or_a_javascript_url():
    offenders = []
    for app in APPS:
        for template in (ROOT / app / "templates").rglob("*.html"):
            text = template.read_text()
            if INLINE_SCRIPT_RE.search(text) or HANDLER_RE.search(text) or "javascript:" in text:
                offenders.append(str(template.relative_to(ROOT)))
    assert offenders == []
