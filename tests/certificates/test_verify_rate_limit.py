"""Issue 15, defence in depth: the public verification page and its JSON are rate-limited per
client address, answering 429 with a translated page (or a JSON error)."""

import pytest

from certificates.services import certificate_issue
from tests.quizzes.conftest import uz

pytestmark = pytest.mark.django_db


def test_verification_is_rate_limited(client, completed, settings):
    certificate = certificate_issue(enrolment=completed)
    settings.MULOQOT_RATE_LIMITS = {"verify": (3, 60)}
    page = f"/certificates/verify/{certificate.code}/"
    document = f"/certificates/verify/{certificate.code}.json"
    assert client.get(page).status_code == 200
    assert client.get(document).status_code == 200
    assert client.get("/certificates/verify/NO-SUCH-CODE/").status_code == 404  # guesses count
    refused = client.get(page)
    assert refused.status_code == 429 and refused["Retry-After"] == "60"
    assert uz("Too many requests. Please wait a minute and try again.") in refused.content.decode()
    refused_json = client.get(document)
    assert refused_json.status_code == 429 and "error" in refused_json.json()
    # Another address has its own counter.
    assert client.get(page, REMOTE_ADDR="203.0.113.7").status_code == 200
