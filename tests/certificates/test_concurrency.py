"""Two workers issuing the same certificate at once (a task retried while the first still runs).

Not a django_db test: the threads need committed rows, see the committed_database fixture."""

import pytest
from django.db import connection
from django.utils import timezone

from accounts.models import User
from certificates.models import Certificate, CertificateAward, CertificateTemplate
from certificates.services import certificate_issue
from core.models import HomePage
from courses.models import CourseIndexPage, CoursePage, Enrolment
from tests.concurrency import run_at_once


def test_two_workers_issuing_at_once_make_one_certificate(committed_database, signing_key):
    """Not a django_db test: the two threads need committed rows (see committed_database)."""
    with committed_database():
        if connection.vendor == "sqlite":
            pytest.skip("SQLite serialises writers; the race needs PostgreSQL")
        template = CertificateTemplate.objects.create(
            title="T", body="{name}", issuer="I", signatory_name="S", signatory_title="D"
        )
        # The browser journeys may have added the ru and en home pages (also at depth 2).
        home = HomePage.objects.get(depth=2, locale__language_code="uz")
        catalogue = home.add_child(instance=CourseIndexPage(title="Race", slug="race-courses"))
        course = catalogue.add_child(
            instance=CoursePage(
                title="Race",
                slug="race",
                summary="s",
                certificate_awards=[CertificateAward(template=template)],
            )
        )
        user = User.objects.create_user(username="racer", email="racer@example.uz")
        now = timezone.now()
        enrolment = Enrolment.objects.create(
            user=user, course=course, enrolled_at=now, completed_at=now
        )
        try:
            codes, errors = run_at_once(lambda: certificate_issue(enrolment=enrolment).code)
            assert errors == []
            assert len(set(codes)) == 1
            assert Certificate.objects.filter(user=user).count() == 1
        finally:
            Certificate.objects.filter(user=user).delete()
            enrolment.delete()
            user.delete()
            catalogue.delete()
            template.delete()
            connection.close()
