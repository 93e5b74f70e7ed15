"""Admin views: the moderation queue, reviewing proposed revisions, adding a template version."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from . import consultations, files, rules
from .forms import HideForm, ProposalPublishForm, ProposalRejectForm
from .models import Post, ProposalStatus, TemplateFile, TemplateProposal
from .selectors import moderation_queue_list
from .uploads import ALLOWED_EXTENSIONS

QUEUE_PAGE_SIZE = 50


def _require(request, permission):
    if not (request.user.is_superuser or request.user.has_perm(permission)):
        raise PermissionDenied


def moderation_queue_view(request):
    _require(request, rules.MODERATE_PERMISSION)
    page = Paginator(moderation_queue_list(), QUEUE_PAGE_SIZE).get_page(request.GET.get("p"))
    return TemplateResponse(
        request,
        "playbooks/admin/moderation_queue.html",
        {"page_obj": page, "posts": page.object_list, "hide_form": HideForm()},
    )


@require_POST
def moderation_action_view(request, pk, action):
    _require(request, rules.MODERATE_PERMISSION)
    post = get_object_or_404(Post, pk=pk)
    form = HideForm(request.POST)
    reason = form.cleaned_data["reason"] if form.is_valid() else ""
    if action == "hide":
        consultations.post_set_hidden(user=request.user, post=post, hidden=True, reason=reason)
        messages.success(request, _("The post is hidden."))
    elif action == "restore":
        consultations.post_set_hidden(user=request.user, post=post, hidden=False, reason=reason)
        messages.success(request, _("The post is visible again."))
    else:
        consultations.reports_dismiss(user=request.user, post=post)
        messages.success(request, _("The reports are closed; the post stays visible."))
    return redirect(reverse("playbooks_moderation"))


def proposal_review_view(request, pk):
    _require(request, rules.REVIEW_PERMISSION)
    proposal = get_object_or_404(
        TemplateProposal.objects.select_related("template__playbook", "proposer"), pk=pk
    )
    latest = proposal.template.versions.first()
    publish_form = ProposalPublishForm(
        request.POST if request.POST.get("action") == "publish" else None,
        initial={
            "change_note": proposal.note,
            "label": _next_label(latest.label if latest else ""),
        },
    )
    reject_form = ProposalRejectForm(
        request.POST if request.POST.get("action") == "reject" else None
    )
    status = 200
    if request.method == "POST" and proposal.status == ProposalStatus.PENDING:
        try:
            if request.POST.get("action") == "publish" and publish_form.is_valid():
                version = files.proposal_publish(
                    user=request.user, proposal=proposal, **publish_form.cleaned_data
                )
                messages.success(
                    request,
                    _("Version %(label)s of “%(title)s” is published, credited to %(name)s.")
                    % {
                        "label": version.label,
                        "title": proposal.template.title,
                        "name": proposal.proposer.get_full_name() or proposal.proposer.username,
                    },
                )
                return redirect(reverse("wagtailsnippets_playbooks_templateproposal:list"))
            if request.POST.get("action") == "reject" and reject_form.is_valid():
                files.proposal_reject(
                    user=request.user, proposal=proposal, **reject_form.cleaned_data
                )
                messages.success(request, _("The proposal is marked as not accepted."))
                return redirect(reverse("wagtailsnippets_playbooks_templateproposal:list"))
        except ValidationError as error:
            form = publish_form if request.POST.get("action") == "publish" else reject_form
            for name, errors in error.message_dict.items():
                form.add_error(name if name in form.fields else None, errors)
        status = 400
    return TemplateResponse(
        request,
        "playbooks/admin/proposal_review.html",
        {
            "proposal": proposal,
            "latest": latest,
            "publish_form": publish_form,
            "reject_form": reject_form,
        },
        status=status,
    )


def _next_label(label: str) -> str:
    """1.0 → 1.1, 2 → 3; anything else is left for the trainer to type."""
    major, _dot, minor = label.partition(".")
    if major.isdecimal() and minor.isdecimal():
        return f"{major}.{int(minor) + 1}"
    if major.isdecimal() and not minor:
        return str(int(major) + 1)
    return ""


class VersionUploadForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("File"),
        help_text=gettext_lazy("DOCX, ODT, XLSX or PDF."),
        widget=forms.ClearableFileInput(
            attrs={"accept": ",".join(f".{extension}" for extension in ALLOWED_EXTENSIONS)}
        ),
    )
    label = forms.CharField(label=gettext_lazy("Version"), max_length=32)
    change_note = forms.CharField(label=gettext_lazy("What changed"), widget=forms.Textarea)


def version_add_view(request, template_id):
    _require(request, "playbooks.change_templatefile")
    template = get_object_or_404(TemplateFile.objects.select_related("playbook"), pk=template_id)
    latest = template.versions.first()
    form = VersionUploadForm(
        request.POST or None,
        request.FILES or None,
        initial={"label": _next_label(latest.label if latest else "") or "1.0"},
    )
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            files.template_version_add(
                template=template,
                content=upload.read(),
                filename=upload.name.rsplit("/", 1)[-1],
                label=form.cleaned_data["label"],
                change_note=form.cleaned_data["change_note"],
                author=request.user,
                published_by=request.user,
            )
        except ValidationError as error:
            for name, errors in error.message_dict.items():
                form.add_error(name if name in form.fields else "file", errors)
        else:
            messages.success(request, _("The new version is published."))
            return redirect(reverse("wagtailsnippets_playbooks_templatefile:list"))
    return TemplateResponse(
        request,
        "playbooks/admin/version_add.html",
        {"form": form, "template": template, "latest": latest},
        status=400 if form.errors else 200,
    )
