"""The course catalogue, courses and lessons as Wagtail pages (content only; learner state is in
progress.py)."""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Count, IntegerField, OuterRef, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from taggit.models import TaggedItemBase
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page, PageManager
from wagtail.query import PageQuerySet
from wagtail.search import index

from core.caching import AnonymousPageCacheMixin
from core.richtext import linked_pages_prefetch
from courses import course_panels, facts, outlines
from courses.blocks import LessonStreamBlock

from .choices import Audience, CompletionRule


class CourseIndexPage(Page):
    """The catalogue at /courses/ (one per language)."""

    intro = models.TextField(_("introduction"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]

    parent_page_types = ["core.HomePage"]
    subpage_types = ["courses.CoursePage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("course catalogue")
        verbose_name_plural = _("course catalogues")

    def courses(self) -> "CoursePageQuerySet":
        """The live courses in this catalogue."""
        return CoursePage.objects.live().child_of(self)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["catalogue"] = outlines.catalogue_get(index_page=self, request=request)
        return context


class CourseTopic(TaggedItemBase):
    content_object = ParentalKey(
        "courses.CoursePage", on_delete=models.CASCADE, related_name="tagged_topics"
    )


class CoursePageQuerySet(PageQuerySet):
    def with_lesson_count(self) -> "CoursePageQuerySet":
        """Each course with ``lesson_count``, the number of its live lessons (one subquery)."""
        lessons = (
            LessonPage.objects.live()
            .filter(path__startswith=OuterRef("path"), depth=OuterRef("depth") + 1)
            .order_by()
            .values("depth")
            .annotate(n=Count("pk"))
            .values("n")
        )
        return self.annotate(
            lesson_count=Coalesce(Subquery(lessons, output_field=IntegerField()), Value(0))
        )


class CoursePage(Page):
    summary = models.TextField(_("summary"), max_length=600)
    cover_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("cover image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    audience = models.CharField(
        _("audience"), max_length=16, choices=Audience.choices, default=Audience.CIVIL_SERVANTS
    )
    estimated_minutes = models.PositiveSmallIntegerField(
        _("estimated minutes"), default=30, validators=[MinValueValidator(1)]
    )
    learning_objectives = StreamField(
        [("objective", blocks.CharBlock(label=_("Objective"), max_length=255))],
        verbose_name=_("learning objectives"),
        blank=True,
        help_text=_("What the learner can do after the course, one objective per item."),
    )
    topics = ClusterTaggableManager(through=CourseTopic, blank=True, verbose_name=_("topics"))
    validity_months = models.PositiveSmallIntegerField(
        _("validity in months"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(120)],
        help_text=_("After this many months the learner must take the course again. Empty: never."),
    )
    manual_completion_certificate = models.BooleanField(
        _("certificate for completions recorded by hand"),
        default=False,
        help_text=_(
            "When a coordinator or trainer records a completion done elsewhere (a classroom "
            "session, another system), the learner also gets this course's certificate."
        ),
    )
    completion_rule = models.CharField(
        _("completion rule"),
        max_length=24,
        choices=CompletionRule.choices,
        default=CompletionRule.ALL_LESSONS,
    )
    completion_percent = models.PositiveSmallIntegerField(
        _("share of lessons (%)"),
        default=100,
        validators=[MinValueValidator(1), MaxValueValidator(100)],
        help_text=_("Used with the rule “a share of the lessons is complete”."),
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("summary"),
        FieldPanel("cover_image"),
        FieldPanel("learning_objectives"),
        MultiFieldPanel(
            [
                FieldPanel("audience"),
                FieldPanel("topics"),
                FieldPanel("estimated_minutes"),
            ],
            heading=_("Catalogue"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("completion_rule"),
                FieldPanel("completion_percent"),
                FieldPanel("validity_months"),
                FieldPanel("manual_completion_certificate"),
            ],
            heading=_("Completion"),
        ),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.SearchField("learning_objectives"),
        index.FilterField("audience"),
    ]

    parent_page_types = ["courses.CourseIndexPage"]
    subpage_types = ["courses.LessonPage"]

    objects = PageManager.from_queryset(CoursePageQuerySet)()

    class Meta:
        verbose_name = _("course")
        verbose_name_plural = _("courses")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(completion_percent__gte=1, completion_percent__lte=100),
                name="courses_coursepage_completion_percent_range",
            ),
        ]

    @classmethod
    def panels_extend(cls, *panels) -> None:
        """The course editor's extension point for apps above courses: they add panels for what
        they attach to a course (certificates: which certificate it awards). Call it from the
        app's ``AppConfig.ready()``; Wagtail builds the editor from ``content_panels`` later."""
        cls.content_panels = [*cls.content_panels, *panels]

    @property
    def search_excerpt(self) -> str:
        return self.summary

    @property
    def is_public(self) -> bool:
        return self.audience in (Audience.PUBLIC, Audience.BOTH)

    def required_lesson_count(self, lesson_count: int) -> int:
        """How many of `lesson_count` lessons complete the course under its rule."""
        if lesson_count == 0:
            return 0
        if self.completion_rule == CompletionRule.ALL_LESSONS:
            return lesson_count
        # Round up: 50 % of 3 lessons means 2.
        return max(1, -(-lesson_count * self.completion_percent // 100))

    def lessons(self):
        """The course's live lessons, in order."""
        return LessonPage.objects.live().child_of(self).order_by("path")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["outline"] = outlines.course_outline_get(course=self, request=request)
        context["facts"] = facts.course_fact_list(
            course=self,
            lessons=[item.lesson for item in context["outline"].items],
            request=request,
        )
        context["panels"] = course_panels.course_panel_list(
            course=self, request=request, outline=context["outline"]
        )
        return context


class LessonBodyField(StreamField):
    """The lesson body. Apps above courses add blocks to it with ``LessonPage.body_extend``;
    those blocks belong to the higher app, so they are left out of courses' migrations (a lower
    app's migrations never name a higher one, and the stored JSON does not depend on them)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.extension_names: set[str] = set()

    def deconstruct(self):
        name, _path, args, kwargs = super().deconstruct()
        args = [[(key, ref) for key, ref in args[0] if key not in self.extension_names]]
        return name, "wagtail.fields.StreamField", args, kwargs


class LessonPage(AnonymousPageCacheMixin, Page):
    estimated_minutes = models.PositiveSmallIntegerField(
        _("estimated minutes"), default=10, validators=[MinValueValidator(1)]
    )
    body = LessonBodyField(LessonStreamBlock(), verbose_name=_("body"))
    # Block name → what completes a lesson holding it (``body_extend``), e.g. a practice scenario.
    activity_messages: dict = {}

    content_panels = [*Page.content_panels, FieldPanel("estimated_minutes"), FieldPanel("body")]
    search_fields = [*Page.search_fields, index.SearchField("body")]

    parent_page_types = ["courses.CoursePage"]
    subpage_types = []
    anonymous_cache_query_prefixes = ("verdict-",)

    class Meta:
        verbose_name = _("lesson")
        verbose_name_plural = _("lessons")

    @classmethod
    def body_extend(cls, name: str, block, *, completion_message) -> None:
        """The lesson palette's extension point for apps above courses: they add a block that
        completes the lesson (``lesson_complete(by_activity=True)``), never the button; the
        lesson shows ``completion_message`` instead. Call it from the app's ``ready()``."""
        field = cls._meta.get_field("body")
        block.set_name(name)
        field.stream_block.child_blocks[name] = block
        field.extension_names.add(name)
        cls.activity_messages = {**cls.activity_messages, name: completion_message}

    @property
    def activity_message(self):
        """What completes this lesson when a block added by ``body_extend`` does, else None."""
        for block in self.body.raw_data:
            message = self.activity_messages.get(block.get("type"))
            if message is not None:
                return message
        return None

    @property
    def has_quiz(self) -> bool:
        """Whether the lesson embeds a quiz: then passing the quiz, not a button, completes it."""
        return any(block.get("type") == "quiz" for block in self.body.raw_data)

    def embedded_quizzes(self) -> list:
        """The quizzes the lesson's body embeds, in the order they appear."""
        return [
            block.value["quiz"]
            for block in self.body
            if block.block_type == "quiz" and block.value.get("quiz") is not None
        ]

    def embeds_quiz(self, quiz) -> bool:
        """Whether the lesson's body holds this quiz, in any of its languages."""
        return any(q.translation_key == quiz.translation_key for q in self.embedded_quizzes())

    @property
    def course(self) -> CoursePage:
        if not hasattr(self, "_course"):
            self._course = CoursePage.objects.get(path=self.path[: -self.steplen])
        return self._course

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["outline"] = outlines.lesson_outline_get(lesson=self, request=request)
        # Every page link in the body in one go, however many blocks link (core/richtext.py).
        linked_pages_prefetch(self.body.raw_data)
        return context
