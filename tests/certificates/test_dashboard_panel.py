"""The learner's certificates on /dashboard/: a panel certificates register with courses."""

import pytest
from django.urls import reverse
from django.utils.translation import gettext

from certificates.services import certificate_issue

pytestmark = pytest.mark.django_db


def test_the_dashboard_lists_the_learners_certificates(client, completed):
    certificate = certificate_issue(enrolment=completed)
    client.force_login(completed.user)

    html = client.get(reverse("dashboard")).content.decode()

    assert reverse("certificates:verify", args=[certificate.code]) in html
    assert certificate.code in html
    assert reverse("certificates:mine") in html


def test_a_learner_without_certificates_is_told_so(client, make_user):
    client.force_login(make_user("yangi"))

    response = client.get(reverse("dashboard"))

    assert gettext("No certificates yet.") in response.content.decode()
    assert [panel.template for panel in response.context["panels"]] == [
        "certificates/dashboard_panel.html"
    ]


def test_another_learners_certificate_is_not_shown(client, completed, make_user):
    certificate = certificate_issue(enrolment=completed)
    client.force_login(make_user("boshqa"))

    assert certificate.code not in client.get(reverse("dashboard")).content.decode()
