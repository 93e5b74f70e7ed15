"""Certificate PDFs: the printed values, the template's text, and WeasyPrint.

Everything a PDF shows is put into the HTML before WeasyPrint sees it: the signature and seal as
data: URIs read from storage, the QR code as inline SVG, the CSS in the template. The fetcher
refuses every other kind of address, so rendering never reaches the network (storage may be S3).
Fonts are named explicitly (DejaVu): other installed families lack Uzbek Latin's U+02BB.
"""

import base64
import copy
import datetime
import logging
import mimetypes
import re
import string
from decimal import Decimal
from pathlib import Path

import segno
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.template.defaultfilters import floatformat
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.safestring import mark_safe
from django.utils.translation import gettext
from weasyprint import HTML
from weasyprint.urls import URLFetcher

from core import scripts
from core.dates import add_months
from core.translit import to_cyrillic, to_cyrillic_message

from .models import PLACEHOLDERS, Certificate, CertificateTemplate, colour_validator
from .records import verify_url

logger = logging.getLogger(__name__)

TEMPLATE_NAME = "certificates/pdf/certificate.html"
SIGNATURE_RENDITION = "max-400x200"
SEAL_RENDITION = "max-300x300"
DEFAULT_PRIMARY_COLOUR = "#073f53"
DEFAULT_ACCENT_COLOUR = "#b3541e"
# A body this long gets a smaller type size so that the page still holds it.
LONG_BODY_CHARACTERS = 420

SAMPLE_HOLDER = "Karimov Bahodir Bahromovich"
SAMPLE_COURSE = "Ijtimoiy tarmoqlarda davlat organlari muloqoti etikasi"
SAMPLE_CODE = "MQ-7KD4-Q9XA"
SAMPLE_SCORE = Decimal("92")
SAMPLE_HOURS = Decimal("6.0")
SAMPLE_VALIDITY_MONTHS = 24

_FORMATTER = string.Formatter()
_KNOWN_PLACEHOLDER = re.compile(r"\{(" + "|".join(PLACEHOLDERS) + r")\}")


class _Placeholders(dict):
    """Values for str.format_map that leave an unknown {placeholder} as it was written."""

    def __missing__(self, key):
        return "{" + key + "}"


def _only_bare_names(text: str) -> bool:
    """Whether every {field} is a plain name: no index, attribute, conversion or format spec."""
    return all(
        field is None or (field.isidentifier() and not spec and not conversion)
        for _, field, spec, conversion in _FORMATTER.parse(text)
    )


def body_text(template: CertificateTemplate, values: dict) -> str:
    """The template's text with {name}, {course}, {date}, ... filled in.

    Unknown placeholders stay as written. Text that str.format cannot read, or would read as
    more than a name ("{", "}", "{0}", "{name.upper}", "{name[0]}", "{name:>9}"), never stops a
    certificate being issued: the known placeholders are then replaced one by one and every
    other character is printed literally.
    """
    text = template.body
    try:
        if _only_bare_names(text):
            return text.format_map(_Placeholders(values))
    except ValueError:  # a stray brace
        pass
    return _KNOWN_PLACEHOLDER.sub(lambda match: str(values.get(match[1], match[0])), text)


def _date(day: datetime.date | None) -> str:
    if not day:
        return ""
    text = date_format(day, "DATE_FORMAT")
    # the Uzbek format's literal "-yil" is not in any catalogue
    return to_cyrillic(text) if scripts.is_cyrillic_active() else text


def _number(value) -> str:
    """92.00 → "92", 1.50 → "1,5" in Uzbek and Russian, "1.5" in English."""
    return floatformat(value, -1)


def _placeholder_values(certificate: Certificate) -> dict:
    """What the placeholders stand for, formatted in the active language."""
    return {
        "name": certificate.holder_name,
        "course": certificate.course_title,
        "date": _date(certificate.issued_on),
        "score": "—" if certificate.score is None else _number(certificate.score),
        "hours": _number(certificate.hours),
        "expires": _date(certificate.expires_on) or gettext("No expiry"),
        "code": certificate.code,
    }


def _colour(value: str, default: str) -> str:
    """The template's colour if it is a well-formed #rrggbb, so that it is safe inside CSS."""
    try:
        colour_validator(value)
    except ValidationError:
        return default
    return value


def _image_data_uri(image, filter_spec: str) -> str | None:
    """A small rendition of a Wagtail image, inlined; None if its file cannot be read."""
    if image is None:
        return None
    try:
        rendition = image.get_rendition(filter_spec)
        with rendition.file.open("rb") as file:
            data = file.read()
    except (OSError, ValueError):
        logger.warning("Certificate image %s could not be read; printed without it", image.pk)
        return None
    mime_type = mimetypes.guess_type(rendition.file.name)[0] or "image/png"
    return f"data:{mime_type};base64,{base64.b64encode(data).decode('ascii')}"


def _qr_svg(url: str) -> str:
    return mark_safe(segno.make(url, error="m").svg_inline(scale=3))  # noqa: S308 - segno's own SVG


def _template_or_default(certificate: Certificate) -> CertificateTemplate:
    """The certificate's template as it was when the certificate was issued (its revision);
    a plain one in its language if the template was deleted."""
    if certificate.template_revision is not None and certificate.template is not None:
        return certificate.template_revision.as_object()
    if certificate.template is not None:
        return certificate.template
    return CertificateTemplate(
        title=gettext("Certificate"),
        body=gettext("{name} has completed the course “{course}” on {date}."),
        issuer=certificate.issuer_name,
        signatory_name="",
        signatory_title="",
    )


def certificate_script(certificate: Certificate) -> str:
    """An Uzbek certificate is printed in the script its holder reads (Latin by default)."""
    if certificate.language != scripts.UZBEK or not certificate.user_id:
        return scripts.LATIN
    return scripts.script_for_user(certificate.user)


def _in_cyrillic(template: CertificateTemplate, certificate: Certificate):
    """The template's and the course's text in Cyrillic; the names stay as written."""
    template = copy.copy(template)
    template.title = to_cyrillic(template.title)
    template.body = to_cyrillic_message(template.body)  # {placeholders} kept
    template.signatory_title = to_cyrillic(template.signatory_title)
    certificate = copy.copy(certificate)
    certificate.course_title = to_cyrillic(certificate.course_title)
    certificate.issuer_name = to_cyrillic(certificate.issuer_name)
    return template, certificate


def certificate_context(
    certificate: Certificate, *, is_sample: bool = False, script: str | None = None
) -> dict:
    """Everything the PDF template prints for this certificate, in the certificate's language
    (and, for Uzbek, in the holder's script unless `script` says otherwise)."""
    script = script or certificate_script(certificate)
    if certificate.language != scripts.UZBEK:
        script = scripts.LATIN
    with scripts.override(certificate.language, script):
        template = _template_or_default(certificate)
        if script == scripts.CYRILLIC:
            template, certificate = _in_cyrillic(template, certificate)
        values = _placeholder_values(certificate)
        body = body_text(template, values)
        url = verify_url(certificate)
        return {
            "language": certificate.language,
            "script": script,
            "html_language": "uz-Cyrl" if script == scripts.CYRILLIC else certificate.language,
            "is_sample": is_sample,
            "orientation": (
                "portrait"
                if template.orientation == CertificateTemplate.Orientation.PORTRAIT
                else "landscape"
            ),
            "primary_colour": _colour(template.primary_colour, DEFAULT_PRIMARY_COLOUR),
            "accent_colour": _colour(template.accent_colour, DEFAULT_ACCENT_COLOUR),
            "title": template.title,
            "holder_name": certificate.holder_name,
            "course_title": certificate.course_title,
            # The course is printed on its own line only when the text does not name it.
            "show_course_title": "{course}" not in template.body,
            "body": body,
            "body_is_long": len(body) > LONG_BODY_CHARACTERS,
            "issuer": certificate.issuer_name,
            "signatory_name": template.signatory_name,
            "signatory_title": template.signatory_title,
            "signature_image": _image_data_uri(template.signature_image, SIGNATURE_RENDITION),
            "seal_image": _image_data_uri(template.seal_image, SEAL_RENDITION),
            "issued_on": certificate.issued_on,
            "issued_on_display": values["date"],
            "expires_on": certificate.expires_on,
            "expires_on_display": _date(certificate.expires_on),
            "code": certificate.code,
            "verify_url": url,
            "qr_svg": _qr_svg(url),
        }


def sample_context(template: CertificateTemplate) -> dict:
    """The template filled with a realistic made-up learner, for trainers checking the design."""
    issued_on = timezone.localdate()
    sample = Certificate(
        code=SAMPLE_CODE,
        template=template,
        holder_name=SAMPLE_HOLDER,
        course_title=SAMPLE_COURSE,
        issuer_name=template.issuer,
        language=template.locale.language_code if template.locale_id else settings.LANGUAGE_CODE,
        score=SAMPLE_SCORE,
        hours=SAMPLE_HOURS,
        issued_on=issued_on,
        expires_on=add_months(issued_on, SAMPLE_VALIDITY_MONTHS),
    )
    return certificate_context(sample, is_sample=True)


def _offline_fetcher() -> URLFetcher:
    """Only data: URIs; a stray http:// or file:// address is skipped with a warning."""
    return URLFetcher(allowed_protocols={"data"})


def pdf_bytes(context: dict) -> bytes:
    with scripts.override(context["language"], context.get("script", scripts.LATIN)):
        html = render_to_string(TEMPLATE_NAME, context)
    document = HTML(
        string=html,
        base_url=str(Path(__file__).resolve().parent),
        url_fetcher=_offline_fetcher(),
    )
    return document.write_pdf()


def certificate_pdf_store(certificate: Certificate) -> None:
    """Render the certificate and keep the PDF in storage (S3 in production).

    Only `pdf` and `pdf_rendered_at` are written, so a revocation saved meanwhile stands (and a
    revoked certificate gets no file). The previous file goes once the new one is recorded.
    """
    if certificate.revoked_at is not None:
        return
    data = pdf_bytes(certificate_context(certificate))
    previous = certificate.pdf.name if certificate.pdf else ""
    certificate.pdf.save(f"{certificate.code}.pdf", ContentFile(data), save=False)
    certificate.pdf_rendered_at = timezone.now()
    recorded = Certificate.objects.filter(pk=certificate.pk, revoked_at__isnull=True).update(
        pdf=certificate.pdf.name, pdf_rendered_at=certificate.pdf_rendered_at
    )
    if not recorded:  # revoked while rendering
        certificate.pdf.storage.delete(certificate.pdf.name)
        return
    # Storage that overwrites in place (S3 by default) may hand back the same name.
    if previous and previous != certificate.pdf.name:
        certificate.pdf.storage.delete(previous)


def template_sample_pdf(template: CertificateTemplate) -> bytes:
    return pdf_bytes(sample_context(template))
