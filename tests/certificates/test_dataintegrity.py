"""The eddsa-jcs-2022 cryptosuite against the published test vector.

Values from "Data Integrity EdDSA Cryptosuites v1.0" (W3C), the eddsa-jcs-2022 example
(TestVectors/eddsa-jcs-2022 and TestVectors/keyPair.json in github.com/w3c/vc-di-eddsa).
"""

import copy

import pytest

from certificates import dataintegrity

PUBLIC = "z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2"
SECRET = "z3u2en7t5LR2WtQH5PfFqMqwVHBeXouLzo6haApm8XHqvjxq"
CONTEXT = ["https://www.w3.org/ns/credentials/v2", "https://www.w3.org/ns/credentials/examples/v2"]
UNSIGNED = {
    "@context": CONTEXT,
    "id": "urn:uuid:58172aac-d8ba-11ed-83dd-0b3aef56cc33",
    "type": ["VerifiableCredential", "AlumniCredential"],
    "name": "Alumni Credential",
    "description": "A minimum viable example of an Alumni Credential.",
    "issuer": "https://vc.example/issuers/5678",
    "validFrom": "2023-01-01T00:00:00Z",
    "credentialSubject": {"id": "did:example:abcdefgh", "alumniOf": "The School of Examples"},
}
METHOD = f"did:key:{PUBLIC}#{PUBLIC}"
CREATED = "2023-02-24T23:36:38Z"
PROOF_VALUE = (
    "z2HnFSSPPBzR36zdDgK8PbEHeXbR56YF24jwMpt3R1eHXQzJDMWS93FCzpvJpwTWd3GAVFuUfjoJdcnTMuVor51aX"
)
SIGNATURE_HEX = (
    "407cd12654b33d718ecbb99179a1506daaa849450bf3fc523cce3e1c96f8b803"
    "51da3f253d725c6f00b07c9e5448d50b3ef78012b9ab54255116d069c6dd2808"
)
SIGNED = {
    **UNSIGNED,
    "proof": {
        "type": "DataIntegrityProof",
        "cryptosuite": "eddsa-jcs-2022",
        "created": CREATED,
        "verificationMethod": METHOD,
        "proofPurpose": "assertionMethod",
        "@context": CONTEXT,
        "proofValue": PROOF_VALUE,
    },
}


def test_the_key_pair_decodes_to_one_another():
    secret = dataintegrity.private_key_from_multibase(SECRET)
    assert dataintegrity.public_key_multibase(secret.public_key()) == PUBLIC


def test_signing_the_vector_gives_the_published_proof():
    secret = dataintegrity.private_key_from_multibase(SECRET)
    signed = dataintegrity.proof_create(
        UNSIGNED, secret, verification_method=METHOD, created=CREATED
    )
    assert signed == SIGNED
    signature = dataintegrity.multibase_decode(signed["proof"]["proofValue"])
    assert signature.hex() == SIGNATURE_HEX


def test_the_published_signed_vector_verifies():
    key = dataintegrity.public_key_from_multibase(PUBLIC)
    assert dataintegrity.proof_verify(SIGNED, key) is True


@pytest.mark.parametrize(
    ("path", "value"),
    [
        (("name",), "Alumni Credential!"),
        (("credentialSubject", "alumniOf"), "Another School"),
        (("validFrom",), "2023-01-02T00:00:00Z"),
        (("proof", "created"), "2023-02-25T23:36:38Z"),
        (("proof", "verificationMethod"), "did:key:other#other"),
        (("proof", "@context"), CONTEXT[:1]),
    ],
)
def test_any_change_breaks_the_proof(path, value):
    document = copy.deepcopy(SIGNED)
    target = document
    for name in path[:-1]:
        target = target[name]
    target[path[-1]] = value
    key = dataintegrity.public_key_from_multibase(PUBLIC)
    assert dataintegrity.proof_verify(document, key) is False


def test_a_document_without_a_proof_is_not_checkable():
    key = dataintegrity.public_key_from_multibase(PUBLIC)
    with pytest.raises(dataintegrity.ProofError):
        dataintegrity.proof_verify(UNSIGNED, key)
