"""Markdown of consultation posts to safe HTML.

Markdown passes raw HTML through, so the result is always cleaned by nh3 (an allow-list of tags
and attributes, http/https/mailto links only); every link gets rel="nofollow ugc noopener" so
that posts earn no search ranking for what they link to.
"""

import markdown as markdown_lib
import nh3

ALLOWED_TAGS = {
    "p", "br", "strong", "em", "b", "i", "code", "pre", "blockquote",
    "ul", "ol", "li", "a", "h3", "h4", "hr", "table", "thead", "tbody", "tr", "th", "td",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}}
URL_SCHEMES = {"http", "https", "mailto"}
LINK_REL = "nofollow ugc noopener"


def markdown_to_html(text: str) -> str:
    html = markdown_lib.markdown(
        text, extensions=["fenced_code", "sane_lists", "tables"], output_format="html"
    )
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel=LINK_REL,
        strip_comments=True,
    )
