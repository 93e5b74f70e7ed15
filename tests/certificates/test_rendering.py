import datetime
import io
import re
from decimal import Decimal

import pytest
from django.contrib.auth.models import Permission
from django.core.files.images import ImageFile
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext
from PIL import Image as PillowImage
from pypdf import PdfReader
from wagtail.images import get_image_model
from wagtail.models import Locale

from accounts.models import User
from certificates.models import Certificate, CertificateTemplate
from certificates.rendering import (
    SAMPLE_CODE,
    SAMPLE_COURSE,
    SAMPLE_HOLDER,
    body_text,
    certificate_context,
    certificate_pdf_store,
    pdf_bytes,
    sample_context,
    template_sample_pdf,
)
from certificates.services import certificate_award_set
from certificates.tasks import certificate_issue_task
from core.models import HomePage
from courses.models import CourseIndexPage, CoursePage, Enrolment

pytestmark = pytest.mark.django_db

A4_LONG, A4_SHORT = 841.89, 595.28
ISSUER_LATIN = "Axborot va ommaviy kommunikatsiyalar agentligi"


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    """Files in a fresh folder, and no cached renditions pointing at an earlier test's files."""
    settings.MEDIA_ROOT = tmp_path / "media"
    get_image_model().get_rendition_model().cache_backend.clear()
    return settings.MEDIA_ROOT


def png_file(name: str, colour: str, size=(600, 300)) -> ImageFile:
    buffer = io.BytesIO()
    PillowImage.new("RGBA", size, colour).save(buffer, "PNG")
    return ImageFile(buffer, name=name)


def wagtail_image(title: str, colour: str, size=(600, 300)):
    return get_image_model().objects.create(
        title=title, file=png_file(f"{title.lower()}.png", colour, size)
    )


def make_template(**fields) -> CertificateTemplate:
    values = {
        "title": "Sertifikat",
        "body": (
            "{name} “{course}” oʻquv kursini {date} kuni {score} ball bilan "
            "muvaffaqiyatli tamomladi ({hours} soat). Amal qilish muddati: {expires}."
        ),
        "issuer": ISSUER_LATIN,
        "signatory_name": "Gʻulomov Oʻktam",
        "signatory_title": "Direktor",
    }
    values.update(fields)
    return CertificateTemplate.objects.create(**values)


@pytest.fixture
def course(db) -> CoursePage:
    home = HomePage.objects.get(depth=2)
    catalogue = home.add_child(instance=CourseIndexPage(title="Kurslar", slug="kurslar"))
    return catalogue.add_child(
        instance=CoursePage(
            title="Ijtimoiy tarmoqlarda davlat organlari muloqoti etikasi",
            slug="muloqot-etikasi",
            summary="Davlat xizmatchilari uchun.",
            estimated_minutes=360,
            validity_months=24,
        )
    )


@pytest.fixture
def learner(db) -> User:
    return User.objects.create_user(
        username="bahodir",
        email="bahodir@example.uz",
        password="correct-horse-battery",
        full_name="Karimov Bahodir Bahromovich",
    )


@pytest.fixture
def make_certificate(course, learner):
    def make(template: CertificateTemplate | None, **fields) -> Certificate:
        values = {
            "user": learner,
            "course": course,
            "template": template,
            "holder_name": "Gʻafurov Oʻktam Shoʻxratovich",
            "course_title": "Ijtimoiy tarmoqlarda oʻzaro muloqot va gʻoyaviy tahdidlar",
            "issuer_name": ISSUER_LATIN,
            "language": "uz",
            "score": Decimal("92.00"),
            "hours": Decimal("6.0"),
            "issued_on": datetime.date(2026, 11, 5),
            "expires_on": datetime.date(2028, 11, 5),
        }
        values.update(fields)
        return Certificate.objects.create(**values)

    return make


def pdf_reader(data: bytes) -> PdfReader:
    assert data.startswith(b"%PDF-")
    return PdfReader(io.BytesIO(data))


def pdf_text(data: bytes) -> str:
    return "\n".join(page.extract_text() for page in pdf_reader(data).pages)


def squashed(text: str) -> str:
    return re.sub(r"\s+", "", text)


def printed(needle: str, text: str) -> bool:
    """Whether the PDF's text holds this, wherever the layout broke its lines."""
    return squashed(needle) in squashed(text)


def render(certificate: Certificate) -> bytes:
    return pdf_bytes(certificate_context(certificate))


# What the text says


def test_body_text_fills_every_placeholder():
    template = CertificateTemplate(body="{name}|{course}|{date}|{score}|{hours}|{expires}|{code}")
    values = {
        "name": "N",
        "course": "C",
        "date": "D",
        "score": "92",
        "hours": "6",
        "expires": "E",
        "code": "MQ-1",
    }

    assert body_text(template, values) == "N|C|D|92|6|E|MQ-1"


def test_body_text_leaves_unknown_placeholders_as_written():
    template = CertificateTemplate(body="{name} — {position}")

    assert body_text(template, {"name": "Bahodir"}) == "Bahodir — {position}"


@pytest.mark.parametrize(
    "body, expected",
    [
        ("{name} kursni {date tamomladi", "Bahodir kursni {date tamomladi"),
        ("{name} } {course}", "Bahodir } Etika"),
        ("{0} {name}", "{0} Bahodir"),
        ("{name.upper} {name}", "{name.upper} Bahodir"),
        ("{name[0]} {name}", "{name[0]} Bahodir"),
        ("{} {name}", "{} Bahodir"),
        ("{position:>5} {name}", "{position:>5} Bahodir"),
        ("{", "{"),
    ],
)
def test_body_text_with_stray_braces_prints_them_literally(body, expected):
    template = CertificateTemplate(body=body)

    assert body_text(template, {"name": "Bahodir", "course": "Etika"}) == expected


def test_context_formats_values_in_the_certificates_language(make_certificate):
    template = make_template(body="{date} · {expires} · {score} · {hours}")

    uzbek = certificate_context(make_certificate(template))
    russian = certificate_context(
        make_certificate(template, language="ru", cycle=2, score=None, hours=Decimal("1.5"))
    )

    assert uzbek["body"] == "5-Noyabr, 2026-yil · 5-Noyabr, 2028-yil · 92 · 6"
    assert russian["body"] == "5 ноября 2026 г. · 5 ноября 2028 г. · — · 1,5"


def test_context_falls_back_to_safe_colours_and_a_plain_template(make_certificate):
    broken = make_template(primary_colour="red;}a{", accent_colour="#12345")
    orphan = make_certificate(None, holder_name="Karimov Bahodir", cycle=2, expires_on=None)

    context = certificate_context(make_certificate(broken))
    plain = certificate_context(orphan)

    assert (context["primary_colour"], context["accent_colour"]) == ("#073f53", "#b3541e")
    assert plain["holder_name"] == "Karimov Bahodir"
    assert plain["issuer"] == ISSUER_LATIN
    assert plain["course_title"] in plain["body"]


# The PDF


def test_uzbek_latin_certificate_prints_names_with_the_okina(make_certificate):
    certificate = make_certificate(make_template())

    text = pdf_text(render(certificate))

    assert "\u02bb" in certificate.holder_name
    assert certificate.holder_name in text
    assert printed(certificate.course_title, text)
    assert certificate.code in text
    assert ISSUER_LATIN.upper() in text  # printed in capitals by the CSS
    assert "Gʻulomov Oʻktam" in text
    assert "5-Noyabr, 2026-yil" in text
    assert "5-Noyabr, 2028-yil" in text
    assert "92 ball" in text


def test_uzbek_cyrillic_certificate(make_certificate):
    issuer = "Ахборот ва оммавий коммуникациялар агентлиги"
    template = make_template(
        title="Сертификат",
        body="{name} «{course}» ўқув курсини {date} куни муваффақиятли тамомлади.",
        issuer=issuer,
        signatory_name="Ғуломов Ўктам",
        signatory_title="Директор",
    )
    certificate = make_certificate(
        template,
        holder_name="Каримов Баҳодир",
        course_title="Ижтимоий тармоқларда ўзаро мулоқот",
        issuer_name=issuer,
    )

    text = pdf_text(render(certificate))

    assert "Каримов Баҳодир" in text
    assert printed("Ижтимоий тармоқларда ўзаро мулоқот", text)
    assert "Ғуломов Ўктам" in text
    assert issuer.upper() in text
    assert certificate.code in text


def test_russian_certificate_has_russian_dates(make_certificate):
    ru = Locale.objects.get_or_create(language_code="ru")[0]
    issuer = "Агентство информации и массовых коммуникаций"
    template = make_template(
        locale=ru,
        title="Сертификат",
        body="{name} успешно завершил(а) курс «{course}» {date} ({hours} ч).",
        issuer=issuer,
    )
    certificate = make_certificate(
        template,
        language="ru",
        holder_name="Каримов Баходир Бахромович",
        course_title="Этика общения государственных органов в социальных сетях",
        issuer_name=issuer,
    )

    text = pdf_text(render(certificate))

    assert "Каримов Баходир Бахромович" in text
    assert printed("Этика общения государственных органов в социальных сетях", text)
    assert "5 ноября 2026 г." in text
    assert certificate.code in text
    # The QR code and the printed address open the verification page in Russian.
    assert printed(f"http://testserver/ru/certificates/verify/{certificate.code}/", text)


def test_page_is_a4_landscape_or_portrait_as_the_template_says(make_certificate):
    landscape = pdf_reader(render(make_certificate(make_template())))
    portrait = pdf_reader(render(make_certificate(make_template(orientation="portrait"), cycle=2)))

    for reader, (width, height) in (
        (landscape, (A4_LONG, A4_SHORT)),
        (portrait, (A4_SHORT, A4_LONG)),
    ):
        assert len(reader.pages) == 1
        box = reader.pages[0].mediabox
        assert float(box.width) == pytest.approx(width, abs=1)
        assert float(box.height) == pytest.approx(height, abs=1)


def test_long_body_still_fits_one_page(make_certificate):
    body = " ".join(["{name} “{course}” kursini {date} kuni tamomladi."] * 12)
    reader = pdf_reader(render(make_certificate(make_template(body=body))))

    assert len(reader.pages) == 1


def test_qr_code_and_verification_address_are_printed(make_certificate):
    certificate = make_certificate(make_template())
    url = f"http://testserver/certificates/verify/{certificate.code}/"

    context = certificate_context(certificate)
    text = pdf_text(pdf_bytes(context))

    assert context["verify_url"] == url
    assert context["qr_svg"].startswith("<svg")
    assert printed(url, text)
    assert certificate.code in text


def test_signature_and_seal_are_embedded_from_storage(make_certificate):
    template = make_template(
        signature_image=wagtail_image("Signature", "#1a237e"),
        seal_image=wagtail_image("Seal", "#b71c1c", size=(500, 500)),
    )

    context = certificate_context(make_certificate(template))
    reader = pdf_reader(pdf_bytes(context))

    assert context["signature_image"].startswith("data:image/png;base64,")
    assert context["seal_image"].startswith("data:image/png;base64,")
    assert len(reader.pages[0].images) == 2


def test_rendering_fetches_nothing_but_data_uris(make_certificate, tmp_path):
    seal = tmp_path / "seal.png"
    PillowImage.new("RGB", (50, 50), "red").save(seal)
    context = certificate_context(make_certificate(make_template()))
    context["signature_image"] = "http://127.0.0.1:9/signature.png"
    context["seal_image"] = seal.as_uri()  # a readable image, refused all the same

    reader = pdf_reader(pdf_bytes(context))

    assert len(reader.pages[0].images) == 0


def test_missing_image_file_does_not_stop_rendering(make_certificate):
    signature = wagtail_image("Signature", "#1a237e")
    signature.file.storage.delete(signature.file.name)
    certificate = make_certificate(make_template(signature_image=signature))

    context = certificate_context(certificate)

    assert context["signature_image"] is None
    assert certificate.holder_name in pdf_text(pdf_bytes(context))


def test_stray_brace_in_the_body_does_not_stop_rendering(make_certificate):
    certificate = make_certificate(make_template(body="{name} kursni {date tamomladi } {course}"))

    text = pdf_text(render(certificate))

    assert "kursni {date tamomladi }" in text
    assert printed(certificate.course_title, text)


def test_labels_are_in_the_certificates_language(make_certificate):
    uzbek = pdf_text(render(make_certificate(make_template())))
    russian = pdf_text(render(make_certificate(make_template(), language="ru", cycle=2)))
    english = pdf_text(render(make_certificate(make_template(), language="en", cycle=3)))

    for language, text in (("uz", uzbek), ("ru", russian), ("en", english)):
        with translation.override(language):
            assert gettext("Issued on") in text
            assert gettext("Valid until") in text
    assert "Nov. 5, 2026" in english


# Storing


def test_store_saves_the_pdf_and_records_when(make_certificate, settings):
    certificate = make_certificate(make_template())

    certificate_pdf_store(certificate)

    stored = Certificate.objects.get(pk=certificate.pk)
    # A random name in private storage: the code or the year does not lead to the file.
    assert stored.pdf.name.startswith("certificates/")
    assert certificate.code not in stored.pdf.name
    assert len(stored.pdf.name) > len("certificates/.pdf") + 30
    assert not (settings.MEDIA_ROOT / stored.pdf.name).exists()
    assert stored.pdf_rendered_at is not None
    with stored.pdf.open("rb") as file:
        assert certificate.holder_name in pdf_text(file.read())


def test_re_rendering_replaces_the_file(make_certificate):
    certificate = make_certificate(make_template())
    certificate_pdf_store(certificate)
    first = Certificate.objects.get(pk=certificate.pk)
    storage = first.pdf.storage

    certificate_pdf_store(Certificate.objects.get(pk=certificate.pk))

    second = Certificate.objects.get(pk=certificate.pk)
    assert second.pdf_rendered_at > first.pdf_rendered_at
    assert storage.exists(second.pdf.name)
    if second.pdf.name != first.pdf.name:
        assert not storage.exists(first.pdf.name)
    assert len(storage.listdir("certificates")[1]) == 1


def test_store_keeps_a_revocation_made_meanwhile(make_certificate, learner):
    certificate = make_certificate(make_template())
    Certificate.objects.filter(pk=certificate.pk).update(
        revoked_at=datetime.datetime(2026, 11, 6, tzinfo=datetime.UTC),
        revoked_by=learner,
        revocation_reason="Ism xato yozilgan",
    )

    certificate_pdf_store(certificate)  # holds the state from before the revocation

    stored = Certificate.objects.get(pk=certificate.pk)
    assert stored.revoked_at is not None
    assert stored.revocation_reason == "Ism xato yozilgan"
    # A revoked certificate is not printed: no file is recorded and none is left in storage.
    assert not stored.pdf
    assert not stored.pdf.storage.listdir("certificates")[1]


def test_issue_task_renders_the_pdf(course, learner, signing_key):
    """Through the task queue (immediate in tests): issue (signed), then render and store."""
    certificate_award_set(course=course, template=make_template())
    now = datetime.datetime.now(tz=datetime.UTC)
    enrolment = Enrolment.objects.create(
        user=learner, course=course, enrolled_at=now, completed_at=now
    )

    certificate_issue_task.enqueue(enrolment.pk)

    certificate = Certificate.objects.get(user=learner, course=course)
    assert certificate.pdf_rendered_at is not None
    with certificate.pdf.open("rb") as file:
        assert "Karimov Bahodir Bahromovich" in pdf_text(file.read())


# The sample


def test_sample_uses_realistic_made_up_values():
    template = make_template()

    context = sample_context(template)
    text = pdf_text(template_sample_pdf(template))

    assert context["is_sample"] is True
    assert context["holder_name"] == SAMPLE_HOLDER
    assert context["expires_on"].year - context["issued_on"].year == 2
    assert "92 ball" in context["body"]
    assert "(6 soat)" in context["body"]
    for value in (SAMPLE_HOLDER, SAMPLE_COURSE, SAMPLE_CODE):
        assert printed(value, text)
    assert not Certificate.objects.exists()


def sample_url(template: CertificateTemplate) -> str:
    return reverse("certificates_template_sample", args=[template.pk])


def test_sample_view_returns_the_pdf_inline(client):
    admin = User.objects.create_superuser(
        username="admin", email="admin@example.uz", password="correct-horse-battery"
    )
    client.force_login(admin)
    template = make_template()

    response = client.get(sample_url(template))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'inline; filename="sample.pdf"'
    assert SAMPLE_HOLDER in pdf_text(response.content)


def test_sample_view_refuses_users_who_cannot_edit_templates(client):
    editor = User.objects.create_user(
        username="editor", email="editor@example.uz", password="correct-horse-battery"
    )
    editor.user_permissions.add(
        Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
    )
    client.force_login(editor)

    response = client.get(sample_url(make_template()))

    # Wagtail's admin turns PermissionDenied into a redirect with a message.
    assert response.status_code in (302, 403)
    assert response.get("Content-Type") != "application/pdf"


def test_sample_view_answers_404_and_get_only(client):
    admin = User.objects.create_superuser(
        username="admin", email="admin@example.uz", password="correct-horse-battery"
    )
    client.force_login(admin)
    template = make_template()

    assert client.get(sample_url(template).replace(str(template.pk), "999999")).status_code == 404
    assert client.post(sample_url(template)).status_code == 405
