"""Read-only queries behind the library, playbook, board and thread pages and the moderation
queue. Each runs a fixed number of queries, whatever the number of playbooks, threads and posts.

The page models call these selectors from ``get_context``, so this module imports the model
submodules it needs (never ``models.pages``, nor the ``models`` package); the pages hand in their
own querysets.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING
from urllib.parse import urlencode

from django.core.paginator import Page as PaginatorPage
from django.core.paginator import Paginator
from django.db.models import Count, Exists, OuterRef, Prefetch, Q

from accounts.models import Employment, Organization
from core.parsing import clean_query
from courses.models import CoursePage

from . import rules
from .models.categories import Category
from .models.consultations import Post, PostKind, PostReport, PostVote, Subscription, Thread
from .models.files import Adoption, TemplateFile, TemplateVersion

if TYPE_CHECKING:
    from wagtail.query import PageQuerySet

    from .models.pages import ConsultationBoardPage, PlaybookPage

LIBRARY_PAGE_SIZE = 24
THREADS_PAGE_SIZE = 30


@dataclass
class PlaybookCard:
    playbook: PlaybookPage
    adoption_count: int
    thread_count: int


@dataclass
class Library:
    page: PaginatorPage
    cards: list[PlaybookCard]
    categories: list[tuple[str, str]]
    board: ConsultationBoardPage | None = None
    selected: dict[str, str] = field(default_factory=dict)

    @property
    def query(self) -> str:
        chosen = {key: value for key, value in self.selected.items() if value}
        return urlencode(chosen) + "&" if chosen else ""


def adoption_counts(translation_keys) -> dict:
    """Organisations that use each playbook, over all its languages (one query)."""
    rows = (
        Adoption.objects.filter(playbook__translation_key__in=list(translation_keys))
        .values("playbook__translation_key")
        .annotate(n=Count("organization", distinct=True))
        .order_by()
    )
    return {row["playbook__translation_key"]: row["n"] for row in rows}


def visible_threads(user):
    """Threads the user may see in a listing (hidden questions only to their author/trainers)."""
    threads = Thread.objects.all()
    if not rules.user_can_post(user):
        threads = threads.filter(is_public=True)
    if not rules.user_is_trainer(user):
        hidden_question = Post.objects.filter(
            thread=OuterRef("pk"), kind=PostKind.QUESTION, is_hidden=True
        )
        if user.is_authenticated:
            threads = threads.filter(~Exists(hidden_question) | Q(author=user))
        else:
            threads = threads.filter(~Exists(hidden_question))
    return threads


def _thread_counts(translation_keys, user) -> dict:
    rows = (
        visible_threads(user)
        .filter(playbook__translation_key__in=list(translation_keys))
        .values("playbook__translation_key")
        .annotate(n=Count("pk"))
        .order_by()
    )
    return {row["playbook__translation_key"]: row["n"] for row in rows}


def library_get(*, playbooks: PageQuerySet, boards: PageQuerySet, request) -> Library:
    """The library page: ``playbooks`` (the live playbooks under the index) filtered by the
    request's search and category, paginated, and the first of ``boards``."""
    params = request.GET
    query = clean_query(params.get("q", ""), max_length=200)
    category = params.get("category", "")
    if category not in Category.values:
        category = ""
    if category:
        playbooks = playbooks.filter(category=category)
    results = playbooks.search(query) if query else playbooks.order_by("title")
    paginator = Paginator(results, LIBRARY_PAGE_SIZE)
    page = paginator.get_page(params.get("page"))
    items = list(page.object_list)
    keys = [item.translation_key for item in items]
    adoptions = adoption_counts(keys) if keys else {}
    threads = _thread_counts(keys, request.user) if keys else {}
    cards = [
        PlaybookCard(
            playbook=item,
            adoption_count=adoptions.get(item.translation_key, 0),
            thread_count=threads.get(item.translation_key, 0),
        )
        for item in items
    ]
    return Library(
        page=page,
        cards=cards,
        categories=list(Category.choices),
        board=boards.first(),
        selected={"q": query, "category": category},
    )


def _thread_listing(threads):
    visible_answers = Count(
        "posts", filter=Q(posts__kind=PostKind.ANSWER, posts__is_hidden=False), distinct=True
    )
    return (
        threads.select_related("author")
        .annotate(
            answer_count=visible_answers,
            # "Answered" only while the accepted answer is visible: a hidden one answers nobody.
            is_answered=Q(accepted_answer__isnull=False, accepted_answer__is_hidden=False),
        )
        .order_by("-last_activity_at", "-pk")  # Meta.ordering is dropped by GROUP BY queries
    )


def _related_courses(playbook: PlaybookPage) -> list:
    """The related courses in the playbook's language where translated (two queries)."""
    chosen = list(playbook.related_courses.all())
    keys = [course.translation_key for course in chosen]
    localized = {
        course.translation_key: course
        for course in CoursePage.objects.live().filter(
            translation_key__in=keys, locale_id=playbook.locale_id
        )
    }
    result = []
    for course in chosen:
        course = localized.get(course.translation_key, course)
        if course.live:
            result.append(course)
    return result


@dataclass
class PlaybookDetail:
    templates: list[TemplateFile]
    related_courses: list
    adoption_count: int
    my_organizations: list[Organization]
    adopted_organization_ids: set[int]
    threads: list[Thread]
    can_post: bool
    can_adopt: bool
    can_propose: bool


def playbook_detail_get(*, playbook: PlaybookPage, request) -> PlaybookDetail:
    user = request.user
    templates = list(
        TemplateFile.objects.filter(playbook=playbook).prefetch_related(
            Prefetch(
                "versions",
                queryset=TemplateVersion.objects.select_related("author", "document"),
            )
        )
    )
    related = _related_courses(playbook) if playbook.pk else []
    my_organizations = []
    adopted = set()
    if rules.user_can_adopt(user):
        my_organizations = list(
            Organization.objects.filter(
                employments__in=Employment.objects.current().filter(user=user)
            ).distinct()
        )
        adopted = set(
            Adoption.objects.filter(
                playbook__translation_key=playbook.translation_key,
                organization__in=my_organizations,
            ).values_list("organization_id", flat=True)
        )
    threads = list(_thread_listing(visible_threads(user).on_playbook(playbook))[:THREADS_PAGE_SIZE])
    return PlaybookDetail(
        templates=templates,
        related_courses=related,
        adoption_count=adoption_counts([playbook.translation_key]).get(playbook.translation_key, 0),
        my_organizations=my_organizations,
        adopted_organization_ids=adopted,
        threads=threads,
        can_post=rules.user_can_post(user),
        can_adopt=bool(my_organizations),
        can_propose=rules.user_can_propose(user),
    )


@dataclass
class Board:
    page: PaginatorPage
    threads: list[Thread]
    can_post: bool


def board_get(*, request) -> Board:
    threads = _thread_listing(visible_threads(request.user).on_board())
    page = Paginator(threads, THREADS_PAGE_SIZE).get_page(request.GET.get("page"))
    return Board(
        page=page, threads=list(page.object_list), can_post=rules.user_can_post(request.user)
    )


@dataclass
class AnswerView:
    post: Post
    replies: list[Post]
    is_accepted: bool = False


@dataclass
class ThreadDetail:
    thread: Thread
    question: Post
    answers: list[AnswerView]
    voted_ids: set[int]
    votable_ids: set[int]  # the posts the user may mark useful (rules.user_can_vote)
    reportable_ids: set[int]  # the posts the user may report (rules.user_can_report)
    subscribed: bool
    can_post: bool
    can_accept: bool
    is_trainer: bool


def thread_get(*, pk: int) -> Thread | None:
    """The thread with its question (as ``thread.question``), or None."""
    thread = Thread.objects.select_related("author", "playbook").filter(pk=pk).first()
    if thread is None:
        return None
    thread.question = Post.objects.filter(thread=thread, kind=PostKind.QUESTION).first()
    return thread


def thread_detail_get(*, thread: Thread, user) -> ThreadDetail:
    posts = [
        post
        for post in Post.objects.filter(thread=thread)
        .exclude(kind=PostKind.QUESTION)
        .select_related("author")
        if rules.user_can_see_post(user, post)
    ]
    answers = {
        post.pk: AnswerView(post=post, replies=[], is_accepted=post.pk == thread.accepted_answer_id)
        for post in posts
        if post.kind == PostKind.ANSWER
    }
    for post in posts:
        if post.kind == PostKind.REPLY and post.parent_id in answers:
            answers[post.parent_id].replies.append(post)
    ordered = sorted(
        answers.values(),
        key=lambda view: (view.post.pk != thread.accepted_answer_id, view.post.created_at),
    )
    shown = [thread.question, *posts] if thread.question is not None else posts
    voted = set()
    subscribed = False
    if user.is_authenticated:
        voted = set(
            PostVote.objects.filter(post__thread=thread, user=user).values_list(
                "post_id", flat=True
            )
        )
        subscribed = Subscription.objects.filter(thread=thread, user=user).exists()
    return ThreadDetail(
        thread=thread,
        question=thread.question,
        answers=ordered,
        voted_ids=voted,
        votable_ids={post.pk for post in shown if rules.user_can_vote(user, post)},
        reportable_ids={post.pk for post in shown if rules.user_can_report(user, post)},
        subscribed=subscribed,
        can_post=rules.user_can_post(user),
        can_accept=rules.user_can_accept(user, thread),
        is_trainer=rules.user_is_trainer(user),
    )


def moderation_queue_list():
    """Posts with open reports, most reported first, then hidden posts."""
    open_reports = Count("reports", filter=Q(reports__resolved_at__isnull=True))
    return (
        Post.objects.annotate(open_reports=open_reports)
        .filter(Q(open_reports__gt=0) | Q(is_hidden=True))
        .select_related("author", "thread", "hidden_by")
        .prefetch_related(
            Prefetch(
                "reports",
                queryset=PostReport.objects.filter(resolved_at__isnull=True).select_related(
                    "reporter"
                ),
                to_attr="open_report_list",
            )
        )
        .order_by("-open_reports", "-created_at")
    )
