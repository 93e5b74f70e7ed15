"""The playbook library as Wagtail pages: the index at /playbooks/, playbooks, the general board."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from playbooks.blocks import PlaybookStreamBlock
from playbooks.selectors import board_get, library_get, playbook_detail_get

from .categories import Category


class PlaybookIndexPage(Page):
    """The library at /playbooks/ (one per language): categories, search and filters."""

    intro = models.TextField(_("introduction"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]

    parent_page_types = ["core.HomePage"]
    subpage_types = ["playbooks.PlaybookPage", "playbooks.ConsultationBoardPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("playbook library")
        verbose_name_plural = _("playbook libraries")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["library"] = library_get(
            playbooks=PlaybookPage.objects.live().child_of(self),
            boards=ConsultationBoardPage.objects.live().child_of(self),
            request=request,
        )
        return context


class PlaybookPage(Page):
    # Shows consultation threads, votes and adoptions as they happen: never from the anonymous
    # page cache (core/caching.py).
    anonymous_page_cache = False
    category = models.CharField(_("category"), max_length=32, choices=Category.choices)
    purpose = models.TextField(_("purpose"), help_text=_("One or two sentences."))
    when_to_use = models.TextField(_("when to use it"))
    guidance = StreamField(
        PlaybookStreamBlock(),
        verbose_name=_("step-by-step guidance"),
    )
    related_courses = ParentalManyToManyField(
        "courses.CoursePage",
        verbose_name=_("related courses"),
        blank=True,
        related_name="+",
    )

    content_panels = [
        *Page.content_panels,
        MultiFieldPanel(
            [FieldPanel("category"), FieldPanel("purpose"), FieldPanel("when_to_use")],
            heading=_("About"),
        ),
        FieldPanel("guidance"),
        FieldPanel("related_courses"),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("purpose"),
        index.SearchField("when_to_use"),
        index.SearchField("guidance"),
        index.FilterField("category"),
    ]

    parent_page_types = ["playbooks.PlaybookIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("playbook")
        verbose_name_plural = _("playbooks")

    @property
    def search_excerpt(self) -> str:
        return self.purpose

    @property
    def category_label(self) -> str:
        return Category(self.category).label if self.category in Category.values else ""

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["detail"] = playbook_detail_get(playbook=self, request=request)
        return context


class ConsultationBoardPage(Page):
    """The general consultation board: questions that belong to no single playbook.

    A page (not a bare URL) so that trainers edit its title and introduction in every language
    and it has a place in the tree under the library.
    """

    anonymous_page_cache = False  # threads and posts as they happen (core/caching.py)

    intro = models.TextField(_("introduction"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]

    parent_page_types = ["playbooks.PlaybookIndexPage"]
    subpage_types = []
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("consultation board")
        verbose_name_plural = _("consultation boards")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["board"] = board_get(request=request)
        return context
