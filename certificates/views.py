from urllib.parse import quote, urlencode

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.cache import patch_cache_control
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from core.ratelimit import rate_limited
from core.translit import both_scripts

from . import signing
from .codes import code_normalise
from .credentials import credential_matches
from .models import Certificate
from .records import signed_document, verify_url
from .selectors import certificate_for_code, certificate_list_for_user
from .status_lists import status_list_credential
from .verifying import proof_check

# Verifiers may keep the published keys and status lists this long (seconds).
PUBLIC_DOCUMENT_MAX_AGE = 300


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
            "signature_ok": _credential_checks(certificate),
        },
    )


def _credential_checks(certificate: Certificate) -> bool:
    """Whether the stored credential's proof holds against the keys this site publishes and
    says what the record shows today (a record changed after issue no longer matches)."""
    if not certificate.credential or not credential_matches(certificate):
        return False
    return proof_check(certificate.credential, signing.did_web(), signing.did_document()) is None


@never_cache
@require_GET
@rate_limited("verify", default=(30, 60), json=True)
def verify_json_view(request, code):
    document = signed_document(_certificate_or_404(code), did_url=signing.did_document_url())
    response = JsonResponse(document, json_dumps_params={"ensure_ascii": False, "indent": 2})
    response["Access-Control-Allow-Origin"] = "*"
    return response


def _public_json(document: dict, content_type: str = "application/json") -> JsonResponse:
    response = JsonResponse(document, content_type=content_type)
    response["Access-Control-Allow-Origin"] = "*"
    patch_cache_control(response, public=True, max_age=PUBLIC_DOCUMENT_MAX_AGE)
    return response


@require_GET
def did_document_view(request):
    """/.well-known/did.json: every key the site signs or signed with (did:web)."""
    return _public_json(signing.did_document(), "application/did+json")


@require_GET
def status_list_view(request, name):
    """A signed Bitstring Status List (revocation-N, suspension-N)."""
    document = status_list_credential(name)
    if document is None:
        raise Http404
    return _public_json(document, "application/vc+json")


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
    """The owner's PDF, from private storage: nginx sends it (X-Accel-Redirect) when
    MULOQOT_PRIVATE_ACCEL_PREFIX names its internal location, Django streams it otherwise."""
    certificate = get_object_or_404(Certificate, uuid=uuid, user=request.user)
    if certificate.revoked_at is not None:
        return render(
            request, "certificates/withdrawn.html", {"certificate": certificate}, status=410
        )
    if not certificate.pdf:
        raise Http404
    filename = f"{certificate.code}.pdf"
    prefix = settings.MULOQOT_PRIVATE_ACCEL_PREFIX
    if prefix:
        response = HttpResponse(content_type="application/pdf")
        response["X-Accel-Redirect"] = prefix.rstrip("/") + "/" + certificate.pdf.name
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        return response
    return FileResponse(
        certificate.pdf.open("rb"),
        as_attachment=True,
        filename=filename,
        content_type="application/pdf",
    )


@never_cache
@login_required
def credential_view(request, uuid):
    """The learner's signed Open Badges 3.0 credential, to keep or hand to an employer."""
    certificate = get_object_or_404(Certificate, uuid=uuid, user=request.user)
    if not certificate.credential:
        raise Http404
    response = JsonResponse(
        certificate.credential,
        content_type="application/vc+json",
        json_dumps_params={"ensure_ascii": False, "indent": 2},
    )
    response["Content-Disposition"] = f'attachment; filename="{certificate.code}.json"'
    return response


@never_cache
@require_GET
def verify_lookup_view(request):
    """/certificates/verify/: a form to type a code from paper; a known code goes to its page.

    An unknown code answers 404 with the form again and a message, never a hint how close it was.
    """
    code = code_normalise(request.GET.get("code", ""))
    if code and certificate_for_code(code) is not None:
        return redirect("certificates:verify", code=code)
    return render(
        request,
        "certificates/verify_lookup.html",
        {"code": request.GET.get("code", ""), "not_found": bool(code)},
        status=404 if code else 200,
    )
