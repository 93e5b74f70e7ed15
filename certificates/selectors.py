from .codes import CODE_PATTERN, code_normalise
from .models import Certificate, CertificateTemplate


def certificate_for_code(code: str) -> Certificate | None:
    """One query; None for anything that is not an issued code."""
    code = code_normalise(code)
    if not CODE_PATTERN.match(code):
        return None
    return Certificate.objects.filter(code=code).first()


def certificate_list_for_user(user):
    return Certificate.objects.filter(user=user).select_related("course").order_by("-issued_on")


def certificate_template_for_course(course) -> CertificateTemplate | None:
    """The template the course awards (as chosen on the course), or None: one query."""
    return CertificateTemplate.objects.filter(awards__course=course).first()
