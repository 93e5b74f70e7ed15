"""Revoke (and optionally reissue) a certificate from the Wagtail admin."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from .forms import RevocationForm
from .models import Certificate
from .services import certificate_reissue, certificate_revoke


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
