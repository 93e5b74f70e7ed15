from .models import Certificate, CertificateAward
from .tasks import certificate_issue_task, certificate_render_request


def issue_on_course_completion(sender, enrolment, user, course, **kwargs):
    """course_completed arrives after the transaction commits: queue the certificate."""
    if CertificateAward.objects.filter(course=course).exists():
        certificate_issue_task.enqueue(enrolment.pk)


def issue_on_manual_completion(sender, enrolment, user, course, certificate, **kwargs):
    """A completion recorded by hand: the certificate only when the course gives it for such
    completions (CoursePage.manual_completion_certificate)."""
    if certificate and CertificateAward.objects.filter(course=course).exists():
        certificate_issue_task.enqueue(enrolment.pk)


def render_again_in_new_script(sender, user, script, **kwargs):
    """A learner switched Lotin/Кирилл: their Uzbek certificates are printed in that script."""
    certificates = Certificate.objects.not_revoked().filter(user=user, language="uz")
    for certificate_id in certificates.values_list("pk", flat=True):
        certificate_render_request(certificate_id)
