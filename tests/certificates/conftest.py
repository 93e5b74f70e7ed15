import pytest
from django.utils import timezone

from certificates.models import Certificate, CertificateAward, CertificateTemplate
from certificates.signing import signing_key_create
from core.models import HomePage
from courses.models import CourseIndexPage, CoursePage, Enrolment, LessonPage


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def private_root(tmp_path):
    """Each test's certificate PDFs in its own private directory (outside MEDIA_ROOT)."""
    storage = Certificate._meta.get_field("pdf").storage
    previous = storage._location
    storage._location = str(tmp_path / "private")
    storage._clear_cached_properties("MEDIA_ROOT")
    yield tmp_path / "private"
    storage._location = previous
    storage._clear_cached_properties("MEDIA_ROOT")


@pytest.fixture(autouse=True)
def signing_key(settings, tmp_path):
    settings.MULOQOT_SIGNING_KEY_PATH = tmp_path / "keys" / "signing.pem"
    signing_key_create(settings.MULOQOT_SIGNING_KEY_PATH)
    return settings.MULOQOT_SIGNING_KEY_PATH


@pytest.fixture
def certificate_template(db):
    return CertificateTemplate.objects.create(
        title="Sertifikat",
        body="{name} “{course}” kursini {date} kuni tamomladi ({hours} soat).",
        issuer="Axborot va ommaviy kommunikatsiyalar agentligi",
        signatory_name="Karimov A.",
        signatory_title="Direktor",
    )


@pytest.fixture
def course(db, certificate_template):
    home = HomePage.objects.get(depth=2)
    catalogue = home.add_child(instance=CourseIndexPage(title="Kurslar", slug="courses"))
    course = catalogue.add_child(
        instance=CoursePage(
            title="Ijtimoiy tarmoqlarda muloqot etikasi",
            slug="etika",
            summary="Davlat organlari uchun.",
            audience="public",
            estimated_minutes=90,
            validity_months=12,
            certificate_awards=[CertificateAward(template=certificate_template)],
        )
    )
    course.add_child(instance=LessonPage(title="Dars", slug="dars", body=[]))
    return course


@pytest.fixture
def completed(make_user, course):
    """A learner's completed enrolment."""
    user = make_user("bahodir", full_name="Karimov Bahodir Bahromovich")
    now = timezone.now()
    return Enrolment.objects.create(user=user, course=course, enrolled_at=now, completed_at=now)
