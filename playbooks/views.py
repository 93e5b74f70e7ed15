"""Consultation threads, adoption, proposals and file downloads. Thin: rules and writes are in
rules.py and the services (consultations.py, adoptions.py, files.py)."""

from functools import wraps

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from core.parsing import MAX_ID, parse_id

from . import adoptions, consultations, files, rules
from .forms import AnswerForm, EditForm, ProposalForm, QuestionForm, ReportForm
from .models import PlaybookPage, Post, TemplateFile, TemplateProposal, TemplateVersion
from .selectors import thread_detail_get, thread_get
from .uploads import CONTENT_TYPES, extension_of, upload_max_bytes


def _problem(request, message, *, status):
    return TemplateResponse(request, "playbooks/problem.html", {"message": message}, status=status)


def signed_in(view):
    """Visitors are sent to sign in; refusals and rate limits become clear error pages."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        try:
            return view(request, *args, **kwargs)
        except consultations.RateLimited as error:
            return _problem(request, str(error), status=429)
        except PermissionDenied as error:
            message = str(error) or _("You are not allowed to do this.")
            return _problem(request, message, status=403)

    return never_cache(wrapper)


def _readable_thread(request, pk):
    thread = thread_get(pk=pk)
    if thread is None or (thread.playbook_id and not thread.playbook.live):
        raise Http404
    if not rules.user_can_read_thread(request.user, thread):
        raise Http404
    return thread


def _thread_page(request, thread, *, answer_form=None, status=200):
    detail = thread_detail_get(thread=thread, user=request.user)
    return TemplateResponse(
        request,
        "playbooks/thread.html",
        {"detail": detail, "thread": thread, "answer_form": answer_form or AnswerForm()},
        status=status,
    )


@never_cache
def thread_view(request, pk):
    thread = thread_get(pk=pk)
    if thread is not None and not request.user.is_authenticated and not thread.is_public:
        return redirect_to_login(request.get_full_path())
    return _thread_page(request, _readable_thread(request, pk))


@require_POST
@signed_in
def ask_view(request):
    playbook = None
    playbook_id = request.POST.get("playbook", "")
    if playbook_id:
        if parse_id(playbook_id) is None:
            raise Http404
        playbook = get_object_or_404(PlaybookPage.objects.live(), pk=parse_id(playbook_id))
    form = QuestionForm(request.POST)
    if form.is_valid():
        try:
            thread = consultations.thread_create(
                user=request.user, playbook=playbook, **form.cleaned_data
            )
        except ValidationError as error:
            for name, errors in error.message_dict.items():
                form.add_error(name if name in form.fields else None, errors)
        else:
            messages.success(request, _("Your question is published."))
            return redirect("playbooks:thread", pk=thread.pk)
    return TemplateResponse(
        request, "playbooks/ask.html", {"form": form, "playbook": playbook}, status=400
    )


@require_POST
@signed_in
def answer_view(request, pk):
    thread = _readable_thread(request, pk)
    form = AnswerForm(request.POST)
    if form.is_valid():
        parent = None
        if form.cleaned_data["parent"]:
            parent = Post.objects.filter(pk=form.cleaned_data["parent"]).first()
        try:
            post = consultations.post_create(
                user=request.user, thread=thread, body=form.cleaned_data["body"], parent=parent
            )
        except ValidationError as error:
            form.add_error(None, error.messages)
        else:
            return redirect(f"{thread_url(thread)}#post-{post.pk}")
    return _thread_page(request, thread, answer_form=form, status=400)


def thread_url(thread) -> str:
    return reverse("playbooks:thread", args=[thread.pk])


def _post_for(request, pk) -> Post:
    post = get_object_or_404(Post.objects.select_related("thread"), pk=pk)
    _readable_thread(request, post.thread_id)
    if not rules.user_can_see_post(request.user, post):
        raise Http404
    return post


@signed_in
def edit_view(request, pk):
    post = _post_for(request, pk)
    if not rules.user_can_edit(request.user, post):
        return _problem(request, str(consultations.MESSAGE_EDIT_CLOSED), status=403)
    initial = {"body": post.body, "title": post.thread.title}
    form = EditForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            consultations.post_edit(
                user=request.user,
                post=post,
                body=form.cleaned_data["body"],
                title=form.cleaned_data["title"] if post.kind == "question" else None,
            )
        except ValidationError as error:
            form.add_error(None, error.messages)
        else:
            messages.success(request, _("Your changes are saved."))
            return redirect(f"{thread_url(post.thread)}#post-{post.pk}")
    return TemplateResponse(
        request,
        "playbooks/edit.html",
        {"form": form, "post": post},
        status=400 if form.errors else 200,
    )


@require_POST
@signed_in
def accept_view(request, pk):
    post = _post_for(request, pk)
    try:
        consultations.answer_accept(user=request.user, post=post)
    except ValidationError as error:
        messages.error(request, error.messages[0])
    else:
        messages.success(request, _("The answer is marked as accepted."))
    return redirect(f"{thread_url(post.thread)}#post-{post.pk}")


@require_POST
@signed_in
def vote_view(request, pk):
    post = _post_for(request, pk)
    try:
        consultations.post_vote_toggle(user=request.user, post=post)
    except ValidationError as error:
        messages.error(request, error.messages[0])
    return redirect(f"{thread_url(post.thread)}#post-{post.pk}")


@require_POST
@signed_in
def report_view(request, pk):
    post = _post_for(request, pk)
    form = ReportForm(request.POST)
    reason = form.cleaned_data["reason"] if form.is_valid() else ""
    try:
        consultations.post_report(user=request.user, post=post, reason=reason)
    except ValidationError as error:
        messages.info(request, error.messages[0])
    else:
        messages.success(request, _("Thank you. A trainer will look at this post."))
    return redirect(f"{thread_url(post.thread)}#post-{post.pk}")


@require_POST
@signed_in
def subscribe_view(request, pk):
    thread = _readable_thread(request, pk)
    if consultations.subscription_toggle(user=request.user, thread=thread):
        messages.success(request, _("You will receive an e-mail about new posts in this thread."))
    else:
        messages.success(request, _("You will no longer receive e-mails about this thread."))
    return redirect("playbooks:thread", pk=thread.pk)


@require_POST
@signed_in
def adopt_view(request, page_id):
    playbook = get_object_or_404(PlaybookPage.objects.live(), pk=page_id)
    raw_organization = request.POST.get("organization")
    try:
        organization_id = parse_id(raw_organization, maximum=MAX_ID) if raw_organization else None
        if raw_organization and organization_id is None:
            raise ValueError(raw_organization)
        marked = adoptions.adoption_toggle(
            user=request.user, playbook=playbook, organization_id=organization_id
        )
    except (ValueError, ValidationError):
        messages.error(request, str(adoptions.MESSAGE_NOT_YOUR_ORGANIZATION))
    else:
        if marked:
            messages.success(request, _("Marked: your organisation uses this playbook."))
        else:
            messages.success(request, _("Your organisation is no longer listed as a user."))
    return redirect(playbook.url)


@signed_in
def propose_view(request, template_id):
    template = get_object_or_404(
        TemplateFile.objects.select_related("playbook"), pk=template_id, playbook__live=True
    )
    if not rules.user_can_propose(request.user):
        raise PermissionDenied(consultations.MESSAGE_CANNOT_POST)
    form = ProposalForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            files.proposal_create(
                user=request.user,
                template=template,
                upload=form.cleaned_data["file"],
                note=form.cleaned_data["note"],
            )
        except ValidationError as error:
            for name, errors in error.message_dict.items():
                form.add_error(name if name in form.fields else None, errors)
        else:
            messages.success(
                request, _("Thank you. A trainer will review your file and may publish it.")
            )
            return redirect(template.playbook.specific.url)
    return TemplateResponse(
        request,
        "playbooks/propose.html",
        {
            "form": form,
            "template": template,
            "playbook": template.playbook,
            "max_bytes": upload_max_bytes(),
        },
        status=400 if form.errors else 200,
    )


def _attachment(file, filename: str):
    content_type = CONTENT_TYPES.get(extension_of(filename), "application/octet-stream")
    response = FileResponse(
        file.open("rb"), as_attachment=True, filename=filename, content_type=content_type
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response


def version_download_view(request, pk):
    """A template file version, for everyone who can see the playbook; always an attachment."""
    version = get_object_or_404(
        TemplateVersion.objects.select_related("document", "template__playbook"),
        pk=pk,
        template__playbook__live=True,
    )
    document = version.document
    return _attachment(document.file, document.filename)


@signed_in
def proposal_download_view(request, pk):
    proposal = get_object_or_404(TemplateProposal, pk=pk)
    if proposal.proposer_id != request.user.pk and not request.user.has_perm(
        rules.REVIEW_PERMISSION
    ):
        raise Http404
    return _attachment(proposal.file, proposal.original_filename)
