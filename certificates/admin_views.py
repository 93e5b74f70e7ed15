from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.views.decorators.http import require_GET

from .models import CertificateTemplate


@require_GET
def template_sample_pdf_view(request, pk):
    """The template rendered with sample data, for trainers checking their design."""
    if not request.user.has_perm("certificates.change_certificatetemplate"):
        raise PermissionDenied
    template = get_object_or_404(CertificateTemplate, pk=pk)
    from .rendering import template_sample_pdf  # noqa: PLC0415 - WeasyPrint (~0.5 s to import) only where a PDF is made

    response = HttpResponse(template_sample_pdf(template), content_type="application/pdf")
    response["Content-Disposition"] = 'inline; filename="sample.pdf"'
    return response
