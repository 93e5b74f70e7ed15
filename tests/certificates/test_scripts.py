"""Uzbek certificates in the holder's script; the verification page shows both scripts."""

import pytest

from certificates.rendering import certificate_context, certificate_pdf_store, pdf_bytes
from core import scripts

from . import test_rendering

# the rendering tests' fixtures and helpers
course = test_rendering.course
learner = test_rendering.learner
make_certificate = test_rendering.make_certificate
media_root = test_rendering.media_root
make_template = test_rendering.make_template
pdf_text = test_rendering.pdf_text
printed = test_rendering.printed

pytestmark = pytest.mark.django_db


@pytest.fixture
def cyrillic_reader(learner):
    learner.preferred_script = scripts.CYRILLIC
    learner.save(update_fields=["preferred_script"])
    return learner


def test_a_cyrillic_readers_certificate_prints_labels_dates_and_text_in_cyrillic(
    make_certificate, cyrillic_reader
):
    certificate = make_certificate(make_template())
    context = certificate_context(certificate)
    text = pdf_text(pdf_bytes(context))

    assert context["script"] == "cyrl"
    assert "Берилган сана" in text or "Берилган" in text  # "Issued on", from the uz_Cyrl catalogue
    assert "Сертификат" in text
    assert "5-Ноябрь, 2026-йил" in text  # Django's month names and the format, transliterated
    assert printed("Ижтимоий тармоқларда ўзаро мулоқот ва ғоявий таҳдидлар", text)
    assert "Директор" in text
    # names are printed as written
    assert "Gʻafurov Oʻktam Shoʻxratovich" in text
    assert "Gʻulomov Oʻktam" in text
    assert "Oʻ" not in text.replace("Gʻafurov Oʻktam", "").replace("Gʻulomov Oʻktam", "")


def test_the_template_placeholders_survive_transliteration(make_certificate, cyrillic_reader):
    certificate = make_certificate(make_template())
    body = certificate_context(certificate)["body"]
    assert body.startswith("Gʻafurov Oʻktam Shoʻxratovich “Ижтимоий тармоқларда")
    assert "92 балл билан" in body
    assert "{" not in body


def test_latin_readers_and_other_languages_are_unchanged(make_certificate, learner):
    latin = certificate_context(make_certificate(make_template()))
    assert latin["script"] == "latn" and latin["title"] == "Sertifikat"
    learner.preferred_script = scripts.CYRILLIC
    learner.save(update_fields=["preferred_script"])
    russian = certificate_context(make_certificate(make_template(), language="ru", cycle=2))
    assert russian["script"] == "latn"
    assert "Ijtimoiy" in russian["course_title"]


def test_the_holder_is_shown_in_both_scripts_on_the_verification_page(client, make_certificate):
    certificate = make_certificate(make_template(), holder_name="Karimov Bahodir Bahromovich")
    html = client.get(f"/certificates/verify/{certificate.code}/").content.decode()
    assert '<span translate="no" lang="uz-Latn">Karimov Bahodir Bahromovich</span>' in html
    assert '<span translate="no" lang="uz-Cyrl">Каримов Баҳодир Баҳромович</span>' in html

    # In Cyrillic mode the Latin form is still shown as written.
    html = client.get(f"/certificates/verify/{certificate.code}/?script=cyrl").content.decode()
    assert "Karimov Bahodir Bahromovich" in html and "Каримов Баҳодир Баҳромович" in html
    assert "Сертификат" in html


def test_a_name_written_in_cyrillic_gets_its_latin_form(client, make_certificate):
    certificate = make_certificate(make_template(), holder_name="Каримов Баҳодир")
    html = client.get(f"/certificates/verify/{certificate.code}/").content.decode()
    assert (
        '<span translate="no" lang="uz-Latn">Karimov Bahodir</span> / '
        '<span translate="no" lang="uz-Cyrl">Каримов Баҳодир</span>'
    ) in html


def test_switching_script_prints_the_learners_uzbek_certificates_again(
    client, make_certificate, learner, django_capture_on_commit_callbacks
):
    certificate = make_certificate(make_template())
    certificate_pdf_store(certificate)
    certificate.refresh_from_db()
    assert "SERTIFIKAT" in pdf_text(certificate.pdf.read())  # the title is set in capitals

    client.force_login(learner)
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/i18n/setscript/", {"script": "cyrl"})
    certificate.refresh_from_db()
    text = pdf_text(certificate.pdf.read())
    assert "СЕРТИФИКАТ" in text and "SERTIFIKAT" not in text
    assert "Gʻafurov Oʻktam Shoʻxratovich" in text  # the name as written
