"""Markdown in posts is rendered and sanitised: scripts, handlers and dangerous links never reach
the page, and links carry rel="nofollow ugc"."""

import pytest
from django.urls import reverse

from playbooks import consultations
from playbooks.markdown import markdown_to_html

XSS_PAYLOADS = [
    "<script>alert('xss')</script>",
    '<img src="x" onerror="alert(1)">',
    "[click](javascript:alert(1))",
    '<a href="javascript:alert(1)">click</a>',
    '<iframe src="https://evil.example"></iframe>',
    '<svg onload="alert(1)"><circle r="1"/></svg>',
    '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">x</a>',
    '<p style="background:url(javascript:alert(1))">styled</p>',
    '"><script>alert(1)</script>',
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    "<details open ontoggle=alert(1)>",
    '<form action="https://evil.example"><button>Go</button></form>',
]


@pytest.mark.parametrize("payload", XSS_PAYLOADS)
def test_payloads_are_rendered_harmless(payload):
    html = markdown_to_html(payload).lower()
    for dangerous in ("<script", "onerror", "onload", "ontoggle", "javascript:", "<iframe",
                      "<svg", "data:text", "style=", "<form", "<img"):  # fmt: skip
        assert dangerous not in html, (payload, html)


def test_markdown_formatting_and_links_survive_with_nofollow_ugc():
    html = markdown_to_html("**Bold** and [the law](https://lex.uz/docs/4395186)\n\n- one\n- two")
    assert "<strong>Bold</strong>" in html
    assert '<a href="https://lex.uz/docs/4395186" rel="nofollow ugc noopener">the law</a>' in html
    assert "<ul>" in html and "<li>one</li>" in html


def test_raw_html_links_also_get_nofollow_ugc():
    html = markdown_to_html('<a href="https://example.uz" rel="follow">x</a>')
    assert 'rel="nofollow ugc noopener"' in html
    assert 'rel="follow"' not in html


def test_a_post_with_a_script_shows_no_script_on_the_thread_page(client, civil_servant, playbook):
    thread = consultations.thread_create(
        user=civil_servant,
        playbook=playbook,
        title="<script>alert('title')</script>",
        body="Hello <script>alert('body')</script><img src=x onerror=alert(2)>",
    )
    client.force_login(civil_servant)
    html = client.get(reverse("playbooks:thread", args=[thread.pk])).content.decode()
    assert "<script>alert(" not in html
    assert "onerror" not in html
    assert "&lt;script&gt;alert(&#x27;title&#x27;)&lt;/script&gt;" in html  # the title, escaped
    # The stored source is kept as written, so the author can edit it.
    assert "<script>" in thread.posts.get().body
