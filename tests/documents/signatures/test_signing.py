"""Signing into each party's field, and telling intact from altered."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from reportlab.pdfgen.canvas import Canvas

from tests.helpers.certificates import PASSPHRASE, SIGNERS, Certificates
from tests.helpers.pdf_tools import add_text_to_first_page, fill_fields, poppler
from tests.helpers.samples import MENTOR, TRAINEE, sample_agreement
from vipdesk.documents.agreement.form import read_returned_bytes
from vipdesk.documents.agreement.pdf import render_agreement
from vipdesk.documents.agreement.signature_block import Party
from vipdesk.documents.signatures.signing import sign_agreement
from vipdesk.documents.signatures.verification import verify_signatures
from vipdesk.errors import VipdeskError

ORDER = (Party.HOST, Party.STUDENT, Party.SENDING)


def sign(pdf: bytes, party: Party, certificates: Certificates) -> bytes:
    return sign_agreement(
        pdf, party=party, pkcs12=certificates.p12[party.value], passphrase=PASSPHRASE
    ).pdf


@pytest.fixture(scope="module")
def unsigned() -> bytes:
    return render_agreement(sample_agreement(), fillable=True)


@pytest.fixture(scope="module")
def signed_by_all(unsigned: bytes, certificates: Certificates) -> bytes:
    pdf = unsigned
    for party in ORDER:
        pdf = sign(pdf, party, certificates)
    return pdf


def test_three_signatures_in_sequence_all_hold(signed_by_all: bytes) -> None:
    checks = verify_signatures(signed_by_all)
    assert [c.party for c in checks] == list(ORDER)
    assert [c.signer for c in checks] == [SIGNERS[p.value] for p in ORDER]
    assert all(c.intact and c.holds and c.changes_after == () for c in checks)
    assert all(c.signed_at is not None and c.signed_at.tzinfo is not None for c in checks)
    # Self-signed test CA: intact, but not trusted, and said so apart from "altered".
    assert not any(c.trusted for c in checks)
    assert checks[0].verdict == "intact (certificate not from a trusted authority)"


def test_a_trusted_authority_makes_the_verdict_plain(
    signed_by_all: bytes, certificates: Certificates
) -> None:
    checks = verify_signatures(signed_by_all, trust_roots=[certificates.ca_pem])
    assert all(c.trusted and c.verdict == "intact" for c in checks)


def test_signing_keeps_the_agreement_recognisable(signed_by_all: bytes) -> None:
    returned = read_returned_bytes(signed_by_all, "signed.pdf")
    assert returned.reference == "VIP-2026-00042"
    assert set(returned.signed) == {"sig_host", "sig_student", "sig_sending"}
    assert returned.revisions == 4


def test_a_flipped_byte_inside_the_signed_range_is_caught(
    signed_by_all: bytes, tmp_path: Path
) -> None:
    # Change one letter of the title in the document information: same length, still parses.
    at = signed_by_all.index(b"Learning Agreement for Traineeships")
    forged = signed_by_all[:at] + b"l" + signed_by_all[at + 1 :]
    checks = verify_signatures(forged)
    assert not any(c.intact for c in checks)
    assert checks[0].verdict.startswith("ALTERED")
    if poppler_available():
        assert "Digest Mismatch" in pdfsig(forged, tmp_path)


def test_content_added_after_the_signatures_is_caught(signed_by_all: bytes) -> None:
    forged = add_text_to_first_page(signed_by_all, "Salary: 5000 EUR")
    checks = verify_signatures(forged)
    assert all(c.intact for c in checks)  # each signed revision is untouched ...
    assert all(not c.holds for c in checks)  # ... but the document was changed afterwards
    assert checks[-1].verdict.endswith(
        "after signing by Ελένη Παπαδοπούλου: content of page 1 changed"
    )


def test_a_field_changed_after_a_signature_is_caught(
    unsigned: bytes, certificates: Certificates
) -> None:
    by_host = sign(unsigned, Party.HOST, certificates)
    changed = fill_fields(by_host, {"financial_amount": "900.00 EUR"})
    then_student = sign(changed, Party.STUDENT, certificates)
    host, student = verify_signatures(then_student)
    assert host.intact and not host.holds
    assert [c.english() for c in host.changes_after] == ["field financial_amount changed"]
    assert student.holds


def test_each_party_signs_once(signed_by_all: bytes, certificates: Certificates) -> None:
    with pytest.raises(VipdeskError, match="already signed for the receiving organisation"):
        sign(signed_by_all, Party.HOST, certificates)


def test_a_wrong_passphrase_is_a_clear_error(unsigned: bytes, certificates: Certificates) -> None:
    with pytest.raises(VipdeskError, match="passphrase is wrong"):
        sign_agreement(
            unsigned, party=Party.HOST, pkcs12=certificates.p12["host"], passphrase=b"guess"
        )


def test_a_pdf_without_the_field_is_refused(certificates: Certificates) -> None:

    out = io.BytesIO()
    canvas = Canvas(out)
    canvas.drawString(72, 720, "Some other document")
    canvas.save()
    with pytest.raises(VipdeskError, match="no signature field for the trainee"):
        sign(out.getvalue(), Party.STUDENT, certificates)


def test_an_unsigned_pdf_has_no_signatures(unsigned: bytes) -> None:
    assert verify_signatures(unsigned) == []


def poppler_available() -> bool:
    return shutil.which("pdfsig") is not None


def pdfsig(pdf: bytes, tmp_path: Path) -> str:
    path = tmp_path / "check.pdf"
    path.write_bytes(pdf)
    result = subprocess.run(
        [poppler("pdfsig"), str(path)], capture_output=True, text=True, timeout=60, check=False
    )
    return result.stdout


def test_poppler_agrees_that_all_three_are_valid(signed_by_all: bytes, tmp_path: Path) -> None:
    report = pdfsig(signed_by_all, tmp_path)
    assert len(re.findall(r"Signature Validation: Signature is Valid", report)) == 3
    for name in (TRAINEE, MENTOR):
        assert f"Common Name: {name}" in report
    assert "Total document signed" in report  # the last signature covers the whole file
