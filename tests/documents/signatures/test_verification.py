"""Forged signed agreements: every change a reader would show after a signature is "altered",
a damaged signature is "damaged", and the parties' own signatures in sequence stay intact."""

from __future__ import annotations

import hashlib
from collections.abc import Callable

import pytest

from tests.helpers import forgeries
from tests.helpers.certificates import PASSPHRASE, Certificates, self_signed_p12
from tests.helpers.samples import MENTOR, sample_agreement
from vipdesk.documents.agreement.pdf import render_agreement
from vipdesk.documents.agreement.signature_block import Party
from vipdesk.documents.signatures.signing import sign_agreement
from vipdesk.documents.signatures.verification import read_certificates, verify_signatures
from vipdesk.errors import VipdeskError


def sign(pdf: bytes, party: Party, certificates: Certificates) -> bytes:
    return sign_agreement(
        pdf, party=party, pkcs12=certificates.p12[party.value], passphrase=PASSPHRASE
    ).pdf


@pytest.fixture(scope="module")
def by_host(certificates: Certificates) -> bytes:
    """The fillable agreement as HR returns it: signed for the host."""
    return sign(render_agreement(sample_agreement(), fillable=True), Party.HOST, certificates)


def verdict_of(pdf: bytes) -> str:
    (host,) = verify_signatures(pdf)
    assert host.intact and not host.holds
    return host.verdict


def test_a_new_appearance_for_a_field_with_its_value_kept_is_altered(by_host: bytes) -> None:
    forged = forgeries.redraw_field(by_host, "mentor_name", "Another Mentor")
    assert verdict_of(forged) == (
        f"ALTERED after signing by {MENTOR}: new appearance for field mentor_name, "
        "its value unchanged"
    )


def test_a_new_signature_field_over_half_of_page_one_is_altered(by_host: bytes) -> None:
    forged = forgeries.add_signature_field(by_host, "sig_terms", "New terms: 5000 EUR a month")
    assert verdict_of(forged).endswith(": new signature field sig_terms added")


def test_the_new_field_signed_by_someone_else_is_altered(by_host: bytes) -> None:
    added = forgeries.add_signature_field(by_host, "sig_terms", "New terms: 5000 EUR a month")
    forged = forgeries.sign_field(added, "sig_terms", self_signed_p12("Mallory"), None)
    host, other = verify_signatures(forged)
    assert host.verdict.endswith(": new signature field sig_terms added and signed")
    assert other.party is None and other.signer == "Mallory"


def test_changed_document_properties_are_altered(by_host: bytes) -> None:
    forged = forgeries.set_properties(
        by_host, {"VipdeskReference": "VIP-2026-00043", "VipdeskPlacementId": "43"}
    )
    assert verdict_of(forged).endswith(
        ": document properties changed: VipdeskPlacementId, VipdeskReference"
    )


def test_bytes_appended_after_the_last_signature_are_altered(by_host: bytes) -> None:
    assert verdict_of(by_host + b"% a note\n").endswith(": bytes were appended after the signature")


@pytest.mark.parametrize(
    ("damage", "words"),
    [
        (forgeries.rename_byte_range, "/ByteRange"),
        (forgeries.shift_byte_range, "byte range does not cover"),
        (forgeries.zero_contents, "ContentInfo"),
    ],
)
def test_a_damaged_signature_dictionary_is_reported_damaged(
    by_host: bytes, damage: Callable[[bytes], bytes], words: str
) -> None:
    (host,) = verify_signatures(damage(by_host))
    assert not host.holds and host.party is Party.HOST
    assert host.verdict.startswith("DAMAGED signature: ") and words in host.verdict


def test_the_parties_signing_in_turn_stay_intact(
    by_host: bytes, certificates: Certificates
) -> None:
    pdf = by_host
    for party in (Party.STUDENT, Party.SENDING):
        pdf = sign(pdf, party, certificates)
    checks = verify_signatures(pdf, trust_roots=[certificates.ca_pem])
    assert [c.verdict for c in checks] == ["intact"] * 3


def test_each_signature_shows_its_certificate(by_host: bytes, certificates: Certificates) -> None:
    (host,) = verify_signatures(by_host)
    certificate = host.certificate
    assert certificate is not None
    assert (certificate.name, certificate.organisation) == (MENTOR, "vipdesk tests")
    assert certificate.issuer == "vipdesk test CA"
    assert certificate.valid_from < certificate.valid_until
    assert certificate.fingerprint == hashlib.sha256(certificate.der).hexdigest()
    (ca,) = read_certificates(certificates.ca_pem)
    assert ca.name == certificate.issuer
    assert f"SHA-256 {certificate.fingerprint}" in certificate.describe()


def test_a_file_that_is_no_certificate_is_refused() -> None:
    with pytest.raises(VipdeskError, match="cannot be read as a certificate"):
        read_certificates(b"not a certificate", "ca.pem")
