"""The signing key from the environment (CERTIFICATE_SIGNING_KEY_PEM): servers that share no disk
sign with one key, and nobody copies a key file between them."""

import copy
import datetime

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from django.core.exceptions import ImproperlyConfigured
from django.core.management import CommandError, call_command
from django.utils import timezone

from certificates import signing
from certificates.dataintegrity import public_key_multibase
from certificates.models import SigningKey
from certificates.services import certificate_issue
from certificates.verifying import GENUINE, NOT_GENUINE, credential_verify
from courses.models import Enrolment

pytestmark = pytest.mark.django_db


def _pem() -> str:
    return signing.new_private_pem().decode("ascii")


def _multibase(pem: str) -> str:
    key = serialization.load_pem_private_key(pem.encode(), password=None)
    return public_key_multibase(key.public_key())


@pytest.fixture
def key_in_environment(settings, tmp_path):
    """A key in the environment, written on one line as environment files keep it, and no file."""
    pem = _pem()
    settings.MULOQOT_SIGNING_KEY_PEM = pem.strip().replace("\n", "\\n")
    settings.MULOQOT_SIGNING_KEY_PATH = tmp_path / "no-such-file.pem"
    return pem


def _issue(make_user, course, name):
    user = make_user(name.split()[0].lower(), full_name=name)
    now = timezone.now()
    enrolment = Enrolment.objects.create(
        user=user, course=course, enrolled_at=now, completed_at=now
    )
    return certificate_issue(enrolment=enrolment)


def _verify(client, credential):
    did = client.get("/.well-known/did.json").json()
    lists = {
        entry["statusListCredential"]: client.get(entry["statusListCredential"]).json()
        for entry in credential["credentialStatus"]
    }
    return credential_verify(credential, did_document=did, status_lists=lists)


def test_certificates_are_signed_with_the_key_from_the_environment(
    client, key_in_environment, settings, make_user, course
):
    certificate = _issue(make_user, course, "Karimov Bahodir")
    assert certificate.signing_key.public_key_multibase == _multibase(key_in_environment)
    assert _verify(client, certificate.credential).outcome == GENUINE
    assert not settings.MULOQOT_SIGNING_KEY_PATH.exists()


def test_create_signing_key_writes_no_file_when_the_key_comes_from_the_environment(
    key_in_environment, settings, capsys
):
    call_command("create_signing_key", "--if-missing")
    assert "CERTIFICATE_SIGNING_KEY_PEM" in capsys.readouterr().out
    assert not settings.MULOQOT_SIGNING_KEY_PATH.exists()
    with pytest.raises(CommandError, match="CERTIFICATE_SIGNING_KEY_PEM"):
        call_command("create_signing_key")
    assert not settings.MULOQOT_SIGNING_KEY_PATH.exists()


def test_print_makes_a_new_key_for_the_secret_store_and_stores_nothing(settings, tmp_path, capsys):
    settings.MULOQOT_SIGNING_KEY_PATH = tmp_path / "new" / "signing.pem"
    call_command("create_signing_key", "--print")
    printed = capsys.readouterr().out
    key = serialization.load_pem_private_key(printed.encode(), password=None)
    assert isinstance(key, Ed25519PrivateKey)
    assert not settings.MULOQOT_SIGNING_KEY_PATH.exists()


def test_a_value_that_is_not_a_key_is_refused_with_its_name(settings):
    settings.MULOQOT_SIGNING_KEY_PEM = "-----BEGIN PRIVATE KEY-----\\nbroken\\n-----END"
    with pytest.raises(ImproperlyConfigured, match="CERTIFICATE_SIGNING_KEY_PEM is not"):
        signing.current_key()


def test_rotating_to_a_key_in_the_environment_retires_the_file_key(
    client, settings, tmp_path, make_user, course
):
    """A site that moves from a key file to the environment: the new key is deployed first
    (every server signs with it at once), then rotating retires the old one."""
    old = _issue(make_user, course, "Aliyev Sardor")  # signed with the conftest's key file
    settings.MULOQOT_SIGNING_KEY_PEM = _pem()
    settings.MULOQOT_SIGNING_KEY_PATH = tmp_path / "gone.pem"
    newer = _issue(make_user, course, "Rahimova Dilnoza")
    assert newer.signing_key != old.signing_key

    call_command("rotate_signing_key")
    old.signing_key.refresh_from_db()
    assert old.signing_key.retired_at is not None
    assert SigningKey.objects.filter(retired_at__isnull=True).get() == newer.signing_key
    assert _verify(client, old.credential).outcome == GENUINE  # signed before it was retired
    assert _verify(client, newer.credential).outcome == GENUINE


def test_a_compromised_old_key_is_retired_and_its_certificates_signed_again(
    client, settings, tmp_path, make_user, course
):
    old = _issue(make_user, course, "Aliyev Sardor")
    saved = copy.deepcopy(old.credential)
    settings.MULOQOT_SIGNING_KEY_PEM = _pem()
    settings.MULOQOT_SIGNING_KEY_PATH = tmp_path / "gone.pem"
    since = (timezone.now() - datetime.timedelta(hours=1)).isoformat()
    call_command("rotate_signing_key", "--compromised-since", since)

    assert _verify(client, saved).outcome == NOT_GENUINE
    old.refresh_from_db()
    assert old.signing_key.public_key_multibase == _multibase(settings.MULOQOT_SIGNING_KEY_PEM)
    assert _verify(client, old.credential).outcome == GENUINE


def test_rotating_refuses_while_the_environment_still_holds_the_retired_key(
    settings, tmp_path, make_user, course
):
    pem = _pem()
    settings.MULOQOT_SIGNING_KEY_PEM = pem
    settings.MULOQOT_SIGNING_KEY_PATH = tmp_path / "gone.pem"
    _issue(make_user, course, "Aliyev Sardor")
    SigningKey.objects.update(retired_at=timezone.now())
    with pytest.raises(CommandError, match="put a new key there first"):
        call_command("rotate_signing_key")
