"""Admin pages for certificate archives: ask for one, see one's own, download it."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import FileResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from .archives import archive_list_for_user, archive_request, user_may_request_archives
from .forms import ArchiveRequestForm
from .models import CertificateArchive

ARCHIVES_LISTED = 50


@never_cache
def archives_view(request):
    """The request form above the list of the user's own archives."""
    if not user_may_request_archives(request.user):
        raise PermissionDenied
    form = ArchiveRequestForm(request.POST if request.method == "POST" else None, user=request.user)
    if request.method == "POST" and form.is_valid():
        archive_request(
            user=request.user,
            course=form.cleaned_data["course"],
            organization=form.cleaned_data["organization"],
        )
        messages.success(request, _("The archive is being prepared; it appears below when ready."))
        return redirect(reverse("certificates_archives"))
    return render(
        request,
        "certificates/admin/archives.html",
        {"form": form, "archives": archive_list_for_user(request.user)[:ARCHIVES_LISTED]},
        status=400 if form.errors else 200,
    )


@never_cache
@require_GET
def archive_download_view(request, pk):
    """Only the person who asked for the archive downloads it (anyone else: 404)."""
    if not user_may_request_archives(request.user):
        raise PermissionDenied
    archive = get_object_or_404(
        CertificateArchive,
        pk=pk,
        requested_by=request.user,
        status=CertificateArchive.Status.READY,
    )
    return FileResponse(
        archive.file.open("rb"),
        as_attachment=True,
        filename=f"certificates-{archive.created_at:%Y-%m-%d}-{archive.pk}.zip",
        content_type="application/zip",
    )
