"""The traineeship certificate PDF, read back as a reader sees it, signed and verified."""

from __future__ import annotations

import re
import subprocess
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from tests.helpers.certificates import PASSPHRASE, SIGNERS, Certificates
from tests.helpers.follow_up_samples import (
    ASSESSMENT,
    EVALUATION,
    document_info,
    embedded_fonts,
    sample_certificate,
    signature_fields,
)
from tests.helpers.pdf_tools import add_text_to_first_page, pdf_text, poppler
from tests.helpers.samples import COORDINATOR, MARKUP_TASK, MENTOR, TRAINEE
from vipdesk.documents.agreement.certificate_content import certificate_hash
from vipdesk.documents.agreement.certificate_pdf import render_certificate, write_certificate
from vipdesk.documents.agreement.form import CERTIFICATE_KIND, read_returned_bytes
from vipdesk.documents.agreement.signature_block import Party
from vipdesk.documents.agreement.signature_record import SignatureRecord
from vipdesk.documents.signatures.signing import sign_agreement
from vipdesk.documents.signatures.verification import verify_signatures
from vipdesk.errors import VipdeskError

SECTIONS = (
    "Traineeship certificate",
    "1. The trainee and the organisation",
    "2. Period of the traineeship",
    "3. Tasks carried out",
    "4. Learning outcomes achieved",
    "5. Evaluation of the trainee by the mentor",
    "6. Signatures",
    "Supervisor at the receiving organisation",
    "Received by the sending institution",
)
ONLY_CERTIFICATES = frozenset({CERTIFICATE_KIND})


@pytest.fixture(scope="module")
def pdf() -> bytes:
    return render_certificate(sample_certificate())


@pytest.fixture(scope="module")
def signed(pdf: bytes, certificates: Certificates) -> bytes:
    return sign(sign(pdf, Party.HOST, certificates), Party.SENDING, certificates)


def sign(pdf: bytes, party: Party, certificates: Certificates) -> bytes:
    return sign_agreement(
        pdf, party=party, pkcs12=certificates.p12[party.value], passphrase=PASSPHRASE
    ).pdf


def one_line(text: str) -> str:
    return re.sub(r"\s+", " ", text)


def test_every_section_prints_with_its_content(pdf: bytes, tmp_path: Path) -> None:
    layout = pdf_text(pdf, tmp_path)
    text = one_line(layout)
    for heading in SECTIONS:
        assert heading in text, heading
    for content in (
        "Reference VIP-2026-00042 · Certificate 1 · Issued 10 June 2027",
        f"{TRAINEE} carried out a blended traineeship",
        "from 3 February 2027 to 28 May 2027",
        f"Trainee {TRAINEE}, lukasz.zolc@student.example",
        "Receiving organisation Nordlicht Analytics GmbH, Data Science, Germany",
        f"Mentor {MENTOR}, Lead data scientist, olena@nordlicht.example",
        "Sending institution KU Leuven",
        "Induction and work plan",
        "Final presentation",
        "Builds churn models in Python.",
        "Presents results to managers.",
        EVALUATION,
        f"Overall assessment {ASSESSMENT}",
        COORDINATOR,
        "International placement coordinator",
    ):
        assert content in text, content
    # Planned beside actual, row by row.
    assert re.search(r"Start\s+1 February 2027\s+3 February 2027", layout)
    assert re.search(r"End\s+31 May 2027\s+28 May 2027", layout)
    assert re.search(r"Duration\s+120 days, about 17 weeks\s+115 days, about 16 weeks", layout)
    assert re.search(r"Mode\s+Blended", layout)
    assert re.search(r"Hours per week\s+20", layout)


def test_typed_markup_is_printed_literally(pdf: bytes, tmp_path: Path) -> None:
    assert MARKUP_TASK in pdf_text(pdf, tmp_path)


def test_fonts_are_embedded(pdf: bytes) -> None:
    assert {"DejaVuSans", "DejaVuSans-Bold"} <= embedded_fonts(pdf)


def test_empty_lists_and_no_assessment_read_well(tmp_path: Path) -> None:
    data = sample_certificate(tasks=(), learning_outcomes=(), assessment="", evaluation="")
    text = one_line(pdf_text(render_certificate(data), tmp_path))
    assert "No tasks are recorded." in text
    assert "No learning outcomes are recorded." in text
    assert "Overall assessment" not in text
    assert "5. Evaluation of the trainee by the mentor —" in text  # an empty value shows "—"


def test_a_long_certificate_says_page_x_of_y_on_every_page(tmp_path: Path) -> None:
    data = sample_certificate(
        tasks=tuple(f"Task number {n} of a long traineeship" for n in range(1, 40))
    )
    pages = [p for p in pdf_text(render_certificate(data), tmp_path).split("\f") if p.strip()]
    assert len(pages) >= 2
    for number, page in enumerate(pages, 1):
        assert f"Page {number} of {len(pages)}" in one_line(page)
        assert "VIP-2026-00042 · certificate 1 · issued 10 June 2027" in page
    # The signature heading, intro and boxes stay together on the last page.
    assert "6. Signatures" in pages[-1]
    assert "Supervisor at the receiving organisation" in pages[-1]


def test_properties_and_the_vipdesk_marker(pdf: bytes) -> None:
    info = document_info(pdf)
    assert info["Title"] == f"Traineeship certificate — {TRAINEE} — VIP-2026-00042"
    assert info["Author"] == "KU Leuven"
    assert info["Subject"] == (
        f"Blended traineeship of {TRAINEE} at Nordlicht Analytics GmbH, "
        "3 February 2027 to 28 May 2027"
    )
    assert info["VipdeskDocument"] == CERTIFICATE_KIND
    assert info["VipdeskContentHash"] == certificate_hash(sample_certificate())
    returned = read_returned_bytes(pdf, "certificate.pdf", ONLY_CERTIFICATES)
    assert (returned.kind, returned.reference, returned.version) == (
        CERTIFICATE_KIND,
        "VIP-2026-00042",
        1,
    )
    assert returned.placement_id == 42
    assert returned.signed == ()


def test_it_is_not_taken_for_an_agreement(pdf: bytes) -> None:
    with pytest.raises(
        VipdeskError, match=r"c\.pdf is a traineeship certificate, not an agreement exported"
    ):
        read_returned_bytes(pdf, "c.pdf")


def test_signature_fields_for_the_supervisor_and_the_sending_institution(pdf: bytes) -> None:
    assert signature_fields(pdf) == {"sig_host", "sig_sending"}
    assert verify_signatures(pdf) == []


def test_signed_by_the_supervisor_and_the_institution_both_hold(signed: bytes) -> None:
    checks = verify_signatures(signed)
    assert [c.party for c in checks] == [Party.HOST, Party.SENDING]
    assert [c.signer for c in checks] == [SIGNERS["host"], SIGNERS["sending"]]
    assert all(c.intact and c.holds for c in checks)
    returned = read_returned_bytes(signed, "signed.pdf", ONLY_CERTIFICATES)
    assert set(returned.signed) == {"sig_host", "sig_sending"}
    assert returned.revisions == 3


def test_the_trainee_has_no_box_to_sign(pdf: bytes, certificates: Certificates) -> None:
    with pytest.raises(VipdeskError, match="no signature field for the trainee"):
        sign(pdf, Party.STUDENT, certificates)


def test_an_altered_certificate_is_caught(signed: bytes, pdf: bytes) -> None:
    forged = add_text_to_first_page(signed, "Grade: 20/20")
    assert all(c.intact and not c.holds for c in verify_signatures(forged))
    at = signed.index(b"Traineeship certificate")
    flipped = signed[:at] + b"t" + signed[at + 1 :]
    assert not any(c.intact for c in verify_signatures(flipped))


def test_poppler_agrees_that_both_signatures_are_valid(signed: bytes, tmp_path: Path) -> None:
    path = tmp_path / "signed.pdf"
    path.write_bytes(signed)
    report = subprocess.run(
        [poppler("pdfsig"), str(path)], capture_output=True, text=True, timeout=60, check=False
    ).stdout
    assert len(re.findall(r"Signature Validation: Signature is Valid", report)) == 2
    assert f"Common Name: {MENTOR}" in report


def test_written_through_a_temporary_file(tmp_path: Path) -> None:
    target = tmp_path / "certificate.pdf"
    target.write_bytes(b"old")
    write_certificate(sample_certificate(), target)
    assert target.read_bytes().startswith(b"%PDF-")
    assert [p.name for p in tmp_path.iterdir()] == ["certificate.pdf"]


def test_the_executed_copy_prints_each_record_in_its_box(tmp_path: Path) -> None:
    records = [
        SignatureRecord(
            party="host",
            method="typed",
            name=MENTOR,
            function="Lead data scientist",
            email="olena@nordlicht.example",
            signed_on=date(2027, 6, 12),
            recorded_by="Anna Coordinator",
        )
    ]
    pdf = render_certificate(sample_certificate(), records=records)
    text = one_line(pdf_text(pdf, tmp_path))
    assert "Approved in writing (typed approval)" in text
    assert "12 June 2027" in text
    assert "Recorded by Anna Coordinator" in text
    # Issue 16: the host's signature completes the certificate; the sending institution's
    # box records its receipt that day instead of staying empty on the final copy.
    assert "Received and filed by the sending institution" in text
    assert text.count("12 June 2027") == 2
    assert b"/AcroForm" not in pdf  # no box is left to sign
    # A sending institution that signed itself keeps its own signature in its box.
    sending = replace(records[0], party="sending", method="typed", name="Eleni")
    both = one_line(
        pdf_text(render_certificate(sample_certificate(), records=[*records, sending]), tmp_path)
    )
    assert "Received and filed" not in both
