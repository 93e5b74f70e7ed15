"""Codes of conduct as Wagtail pages: the list at /codes/, one page per code, and one child page
per published version (its number, effective date and whether it is a material change).

A code page shows its current version (the highest-numbered live version already in effect);
its earlier versions stay readable beneath it, and /codes/<code>/changes/?from=1&to=2 compares
any two of them section by section (regulations.diff).
"""

import datetime

from django.core.validators import MinValueValidator
from django.db import models
from django.http import Http404
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from ..blocks import CodeBodyBlock
from ..diff import code_diff
from ..reading import version_reading_get

MESSAGE_NUMBER_TAKEN = _("This code already has a version with this number.")


class ChangeKind(models.TextChoices):
    MATERIAL = "material", _("Material: everyone must acknowledge it again")
    EDITORIAL = "editorial", _("Editorial: wording only, no new acknowledgement")


class CodeIndexPage(Page):
    """The list of codes at /codes/ (one per language)."""

    intro = models.TextField(_("introduction"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["core.HomePage"]
    subpage_types = ["regulations.CodePage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("list of codes of conduct")
        verbose_name_plural = _("lists of codes of conduct")

    def codes(self):
        return CodePage.objects.live().child_of(self).order_by("title")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["codes"] = self.codes()
        return context


class CodePage(RoutablePageMixin, Page):
    """One code of conduct (e.g. rules for civil servants on social networks). Its text lives in
    its versions."""

    summary = models.TextField(_("summary"), blank=True)
    is_model = models.BooleanField(
        _("model code"),
        default=False,
        help_text=_("A model for a state body to adapt, not binding as it stands."),
    )

    content_panels = [*Page.content_panels, FieldPanel("summary"), FieldPanel("is_model")]
    search_fields = [*Page.search_fields, index.SearchField("summary")]
    parent_page_types = ["regulations.CodeIndexPage"]
    subpage_types = ["regulations.CodeVersionPage"]

    class Meta:
        verbose_name = _("code of conduct")
        verbose_name_plural = _("codes of conduct")

    @property
    def search_excerpt(self) -> str:
        return self.summary

    def versions(self):
        """Live versions, newest first."""
        return CodeVersionPage.objects.live().child_of(self).order_by("-number")

    def current_version(self, today: datetime.date | None = None):
        today = today or timezone.localdate()
        return self.versions().filter(effective_on__lte=today).first()

    def material_version(self, today: datetime.date | None = None):
        """The version everyone must have acknowledged: the newest material one in effect (the
        first version always counts as material)."""
        today = today or timezone.localdate()
        return (
            self.versions()
            .filter(effective_on__lte=today)
            .filter(models.Q(change_kind=ChangeKind.MATERIAL) | models.Q(number=1))
            .first()
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        versions = list(self.versions())
        today = timezone.localdate()
        current = next((v for v in versions if v.effective_on <= today), None)
        context.update(
            versions=versions,
            current=current,
            upcoming=[v for v in versions if v.effective_on > today],
            earlier=[v for v in versions if current and v.number < current.number],
        )
        return context

    @path("changes/")
    def changes_view(self, request):
        """What changed between two versions (?from=N&to=M; by default the current version
        against the one before it), in the reader's language."""
        versions = {version.number: version for version in self.versions()}
        if not versions:
            raise Http404
        numbers = sorted(versions)
        try:
            new_number = int(request.GET.get("to") or numbers[-1])
            default_old = max((n for n in numbers if n < new_number), default=numbers[0])
            old_number = int(request.GET.get("from") or default_old)
        except ValueError as error:
            raise Http404 from error
        if old_number not in versions or new_number not in versions:
            raise Http404
        old, new = versions[old_number], versions[new_number]
        return TemplateResponse(
            request,
            "regulations/code_changes.html",
            {
                **self.get_context(request),
                "page": self,
                "old": old,
                "new": new,
                "numbers": numbers,
                "sections": code_diff(old.sections(), new.sections()),
            },
        )


class CodeVersionPage(Page):
    """One published version of a code. A material change asks everyone bound by the code to
    acknowledge it again; an editorial one (typos, wording) does not."""

    number = models.PositiveSmallIntegerField(
        _("version number"), validators=[MinValueValidator(1)]
    )
    effective_on = models.DateField(_("in effect from"))
    change_kind = models.CharField(
        _("kind of change"),
        max_length=12,
        choices=ChangeKind.choices,
        default=ChangeKind.MATERIAL,
    )
    change_note = models.TextField(
        _("what changed"), blank=True, help_text=_("One or two sentences for the reader.")
    )
    body = StreamField(CodeBodyBlock(), verbose_name=_("text of the code"))
    check_quiz = models.ForeignKey(
        "quizzes.Quiz",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("short check"),
        help_text=_("Optional: a quiz the reader must pass before acknowledging this version."),
    )

    content_panels = [
        *Page.content_panels,
        MultiFieldPanel(
            [
                FieldPanel("number"),
                FieldPanel("effective_on"),
                FieldPanel("change_kind"),
                FieldPanel("change_note"),
            ],
            heading=_("Version"),
        ),
        FieldPanel("body"),
        FieldPanel("check_quiz"),
    ]
    parent_page_types = ["regulations.CodePage"]
    subpage_types = []

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(version_reading_get(user=request.user, version=self))
        return context

    def serve(self, request, *args, **kwargs):
        response = super().serve(request, *args, **kwargs)
        add_never_cache_headers(response)  # shows the reader's own acknowledgement
        return response

    class Meta:
        verbose_name = _("version of a code")
        verbose_name_plural = _("versions of codes")

    @property
    def requires_acknowledgement(self) -> bool:
        return self.number == 1 or self.change_kind == ChangeKind.MATERIAL

    def sections(self) -> list[tuple[str, str]]:
        return [
            (block.value["heading"], block.value["text"])
            for block in self.body
            if block.block_type == "section"
        ]


class CodeVersionForm(WagtailAdminPageForm):
    """Two versions of one code never share a number (the number is what a reader
    acknowledges)."""

    def clean(self):
        cleaned = super().clean()
        number = cleaned.get("number")
        parent = self.parent_page if self.instance.pk is None else self.instance.get_parent()
        if number is None or parent is None:
            return cleaned
        siblings = CodeVersionPage.objects.child_of(parent).filter(number=number)
        if self.instance.pk:
            siblings = siblings.exclude(pk=self.instance.pk)
        if siblings.exists():
            self.add_error("number", MESSAGE_NUMBER_TAKEN)
        return cleaned


CodeVersionPage.base_form_class = CodeVersionForm
