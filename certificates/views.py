from urllib.parse import quote, urlencode

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from core.ratelimit import rate_limited
from core.translit import both_scripts

from .badges import open_badge
from .models import Certificate
from .records import signature_checks, signed_document, verify_url
from .selectors import certificate_for_code, certificate_list_for_user


def _certificate_or_404(code: str) -> Certificate:
    certificate = certificate_for_code(code)
    if certificate is None:
        raise Http404  # no hint whether the code was close
    return certificate


@never_cache
@require_GET
@rate_limited("verify", default=(30, 60))
def verify_view(request, code):
    certificate = _certificate_or_404(code)
    return render(
        request,
        "certificates/verify.html",
        {
            "certificate": certificate,
            # DESIGN: the verification page shows the holder's name in both scripts.
            "holder_names": both_scripts(certificate.holder_name),
            "status": certificate.status,
            "signature_ok": signature_checks(certificate),
        },
    )


@never_cache
@require_GET
@rate_limited("verify", default=(30, 60), json=True)
def verify_json_view(request, code):
    document = signed_document(_certificate_or_404(code))
    response = JsonResponse(document, json_dumps_params={"ensure_ascii": False, "indent": 2})
    response["Access-Control-Allow-Origin"] = "*"
    return response


def share_links(certificate: Certificate) -> dict:
    url = verify_url(certificate)
    text = f"{certificate.course_title} — {certificate.issuer_name}"
    linkedin = "https://www.linkedin.com/profile/add?" + urlencode(
        {
            "startTask": "CERTIFICATION_NAME",
            "name": certificate.course_title,
            "organizationName": certificate.issuer_name,
            "issueYear": certificate.issued_on.year,
            "issueMonth": certificate.issued_on.month,
            "certUrl": url,
            "certId": certificate.code,
        }
    )
    return {
        "url": url,
        "linkedin": linkedin,
        "telegram": f"https://t.me/share/url?url={quote(url, safe='')}&text={quote(text)}",
        "facebook": f"https://www.facebook.com/sharer/sharer.php?u={quote(url, safe='')}",
    }


@never_cache
@login_required
def my_certificates_view(request):
    certificates = list(certificate_list_for_user(request.user))
    return render(
        request,
        "certificates/my_certificates.html",
        {"items": [(c, share_links(c)) for c in certificates]},
    )


@never_cache
@login_required
def download_view(request, uuid):
    certificate = get_object_or_404(Certificate, uuid=uuid, user=request.user)
    if not certificate.pdf:
        raise Http404
    return FileResponse(
        certificate.pdf.open("rb"),
        as_attachment=True,
        filename=f"{certificate.code}.pdf",
        content_type="application/pdf",
    )


@never_cache
@login_required
def badge_view(request, uuid):
    certificate = get_object_or_404(
        Certificate.objects.select_related("course"), uuid=uuid, user=request.user
    )
    response = JsonResponse(open_badge(certificate), json_dumps_params={"ensure_ascii": False})
    response["Content-Disposition"] = f'attachment; filename="{certificate.code}-badge.json"'
    return response
