"""Which saved rows make the anonymous page cache (core/caching.py) stale.

Connected to post_save / post_delete of every model in ``CoreConfig.ready()`` (models exist only
once the registry is ready, which is why this is not in core/caching.py): a learner's rows cost
one check and bump nothing.
"""

from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page, PageViewRestriction, Site

from .caching import content_version_bump


def shown_on_pages(model) -> bool:
    """Whether saving a row of `model` can change what a cached page shows: pages (a draft
    saved too, which is rare enough), their privacy, sites, images, documents, and models that
    say so with ``shown_on_pages = True``. Snippets with drafts (quizzes, questions) count when
    published (Wagtail's ``published`` signal); learners' rows (certificates, employments) never
    do, so a wave of sign-ins or completions does not empty the cache."""
    return (
        issubclass(model, Page | PageViewRestriction | Site)
        or model in (get_image_model(), get_document_model())
        or getattr(model, "shown_on_pages", False) is True
    )


def content_saved(sender, **kwargs) -> None:
    if shown_on_pages(sender):
        content_version_bump()
