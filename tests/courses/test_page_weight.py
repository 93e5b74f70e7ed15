"""Light pages (docs/offline.md): every demo lesson (none has media) weighs under 100 KB over the
wire, compressed, with the CSS and JS it loads; and it is usable before any script runs."""

import gzip
import re

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.staticfiles import finders
from django.test import Client
from django.utils.html import escape

from courses.models import LessonPage
from tests.core.test_translations_complete import demo_site  # noqa: F401 (a fixture)

BUDGET = 100 * 1024
ASSETS = re.compile(r'<(?:link [^>]*rel="stylesheet"[^>]* href|script [^>]*src)="([^"]+)"')
SCRIPT_TAG = re.compile(r"<script\b[^>]*>")


def compressed(data: bytes) -> int:
    """Bytes on the wire with gzip at the level whitenoise and nginx use by default."""
    return len(gzip.compress(data, compresslevel=6))


def weigh(client: Client, url: str) -> tuple[int, dict[str, int], str]:
    response = client.get(url)
    assert response.status_code == 200, url
    html = response.content.decode()
    sizes = {url: compressed(response.content)}
    for asset in dict.fromkeys(ASSETS.findall(html)):
        assert asset.startswith(settings.STATIC_URL), f"{url} loads {asset} from elsewhere"
        path = finders.find(asset.removeprefix(settings.STATIC_URL))
        with open(path, "rb") as file:
            sizes[asset] = compressed(file.read())
    return sum(sizes.values()), sizes, html


@pytest.mark.django_db
def test_every_demo_lesson_is_under_100_kb_with_its_css_and_js(demo_site):  # noqa: F811
    client = Client()
    client.force_login(get_user_model().objects.get(username="learner"))
    lessons = list(LessonPage.objects.live().specific())
    assert len(lessons) >= 10
    heaviest = (0, {}, "")
    for lesson in lessons:
        total, sizes, html = weigh(client, lesson.url)
        if total > heaviest[0]:
            heaviest = (total, sizes, lesson.url)
        # Usable before any script: the text is in the HTML and no script blocks the rendering.
        assert re.search(rf"<h1[^>]*>\s*{re.escape(escape(lesson.title))}\s*</h1>", html), (
            lesson.url
        )
        for tag in SCRIPT_TAG.findall(html):
            if 'type="application/' in tag:  # data (JSON-LD), not code
                continue
            assert "src=" in tag and ("defer" in tag or 'type="module"' in tag), (
                f"{lesson.url}: {tag} blocks rendering"
            )
    total, sizes, url = heaviest
    assert total < BUDGET, f"{url}: {total} bytes compressed: {sizes}"
