"""/certificates/verify/: a form for a code typed from paper."""

import pytest
from django.urls import reverse

from certificates.services import certificate_issue
from tests.courses.conftest import in_uzbek

pytestmark = pytest.mark.django_db

URL = "/certificates/verify/"


def test_the_form_is_there(client):
    response = client.get(URL)
    assert response.status_code == 200
    assert 'name="code"' in response.content.decode()


def test_a_known_code_typed_loosely_opens_its_page(client, completed):
    certificate = certificate_issue(enrolment=completed)
    loose = " " + certificate.code.lower().replace("-", "- ") + " "
    response = client.get(URL, {"code": loose})
    assert response.status_code == 302
    assert response["Location"] == reverse("certificates:verify", args=[certificate.code])


def test_an_unknown_code_is_explained_in_the_readers_language(client):
    response = client.get(URL, {"code": "MQ-2222-3333"})
    assert response.status_code == 404
    html = response.content.decode()
    assert (
        in_uzbek("No certificate has this code. Check the letters and digits and try again.")
        in html
    )
    assert 'value="MQ-2222-3333"' in html
