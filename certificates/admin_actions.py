"""Admin actions: revoke (and optionally reissue) a certificate; render a template's PDFs again."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from .forms import RevocationForm
from .models import Certificate, CertificateTemplate
from .services import certificate_reissue, certificate_revoke
from .tasks import certificate_render_request


def revoke_view(request, pk):
    if not request.user.has_perm("certificates.revoke_certificate"):
        raise PermissionDenied
    certificate = get_object_or_404(Certificate, pk=pk)
    form = RevocationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        reason = form.cleaned_data["reason"]
        try:
            if form.cleaned_data["reissue"]:
                new = certificate_reissue(certificate=certificate, by=request.user, reason=reason)
                certificate_render_request(new.pk)  # the new code needs its own PDF
                messages.success(
                    request,
                    _("Certificate %(old)s revoked; %(new)s issued in its place.")
                    % {"old": certificate.code, "new": new.code},
                )
            else:
                certificate_revoke(certificate=certificate, by=request.user, reason=reason)
                messages.success(
                    request, _("Certificate %(code)s revoked.") % {"code": certificate.code}
                )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            return redirect(reverse("wagtailsnippets_certificates_certificate:list"))
    status = 400 if form.errors else 200
    return render(
        request,
        "certificates/admin/revoke.html",
        {"certificate": certificate, "form": form},
        status=status,
    )


def rerender_view(request, pk):
    """After a template changed: render again the PDFs of its certificates that are not revoked."""
    if not request.user.has_perm("certificates.change_certificatetemplate"):
        raise PermissionDenied
    template = get_object_or_404(CertificateTemplate, pk=pk)
    certificates = Certificate.objects.not_revoked().filter(template=template)
    if request.method == "POST":
        ids = list(certificates.values_list("pk", flat=True))
        for certificate_id in ids:
            certificate_render_request(certificate_id)
        messages.success(
            request,
            ngettext(
                "%(count)d certificate will be rendered again.",
                "%(count)d certificates will be rendered again.",
                len(ids),
            )
            % {"count": len(ids)},
        )
        return redirect(reverse("wagtailsnippets_certificates_certificatetemplate:list"))
    return render(
        request,
        "certificates/admin/rerender.html",
        {"template": template, "count": certificates.count()},
    )
