"""The amendment PDF: Table A2 beside Table A, read back, signed by all three, verified."""

from __future__ import annotations

import io
import re
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from PIL import Image, ImageDraw

from tests.helpers.certificates import PASSPHRASE, SIGNERS, Certificates
from tests.helpers.follow_up_samples import (
    REASON,
    document_info,
    embedded_fonts,
    sample_amended,
    signature_fields,
)
from tests.helpers.pdf_tools import add_text_to_first_page, pdf_text, poppler
from tests.helpers.samples import COORDINATOR, MARKUP_TASK, MENTOR, TRAINEE, sample_agreement
from vipdesk.documents.agreement.amendment_pdf import render_amendment, write_amendment
from vipdesk.documents.agreement.content import content_hash
from vipdesk.documents.agreement.form import AMENDMENT_KIND, read_returned_bytes
from vipdesk.documents.agreement.signature_block import Party
from vipdesk.documents.agreement.signature_record import SignatureRecord
from vipdesk.documents.signatures.signing import sign_agreement
from vipdesk.documents.signatures.verification import verify_signatures
from vipdesk.errors import VipdeskError

ORDER = (Party.HOST, Party.STUDENT, Party.SENDING)
AGREED = date(2027, 3, 18)


def amendment(number: int = 1) -> bytes:
    return render_amendment(
        sample_agreement(), sample_amended(), number=number, reason=REASON, agreed_on=AGREED
    )


@pytest.fixture(scope="module")
def pdf() -> bytes:
    return amendment()


@pytest.fixture(scope="module")
def signed_by_all(pdf: bytes, certificates: Certificates) -> bytes:
    for party in ORDER:
        pdf = sign_agreement(
            pdf, party=party, pkcs12=certificates.p12[party.value], passphrase=PASSPHRASE
        ).pdf
    return pdf


def one_line(text: str) -> str:
    return re.sub(r"\s+", " ", text)


def test_title_reason_and_parties_print(pdf: bytes, tmp_path: Path) -> None:
    text = one_line(pdf_text(pdf, tmp_path))
    for content in (
        "Amendment 1 to the learning agreement",
        "Reference VIP-2026-00042 · Amends version 2 · Generated 20 March 2027",
        "1. The parties",
        "2. Reason for the amendment",
        "3. Table A2 — changes during the traineeship",
        "4. Signatures",
        "By signing, the parties agree to this amendment",
        "Amends Learning agreement VIP-2026-00042, version 2",
        REASON,
        "Agreed on 18 March 2027",
        f"Trainee {TRAINEE}",
        f"Mentor {MENTOR}, Lead data scientist",
        "Responsible person at the",  # the column heading wraps
        "Supervisor at the receiving",
        COORDINATOR,
    ):
        assert content in text, content


def test_each_change_prints_its_agreed_value_beside_the_new_one(pdf: bytes, tmp_path: Path) -> None:
    layout = pdf_text(pdf, tmp_path)
    assert re.search(r"Table A — as agreed \(version 2\)\s+Table A2 — as amended", layout)
    assert re.search(
        r"Planned period\s+1 February 2027 to 31 May 2027\s+1 February 2027 to", layout
    )
    assert "30 June 2027" in layout
    assert re.search(r"Hours per week\s+20\s+16\n", layout)
    assert re.search(r"Monitoring plan\s+Weekly video call with the mentor\.\s+Video call", layout)
    text = one_line(layout)
    assert "Final presentation to the board" in text
    assert text.count(MARKUP_TASK) == 2  # the typed markup, literally, on both sides
    # The entries left as agreed are named once, not repeated.
    assert (
        "Unchanged, as agreed in Table A: mode, traineeship title, description, language "
        "competence, knowledge, skills and competences, evaluation plan, evaluation criteria."
    ) in text
    assert "English — level C1" not in text


def test_without_changes_it_says_so(tmp_path: Path) -> None:
    pdf = render_amendment(
        sample_agreement(), sample_agreement(version=3), number=2, reason="", agreed_on=None
    )
    text = one_line(pdf_text(pdf, tmp_path))
    assert "Amendment 2 to the learning agreement" in text
    assert "No entry of the programme (Table A) is changed." in text
    assert "Agreed on The date of the last signature" in text
    assert "Reason —" in text


def test_names_print_and_copy_out_in_embedded_fonts(pdf: bytes, tmp_path: Path) -> None:
    text = pdf_text(pdf, tmp_path)
    for name in (TRAINEE, COORDINATOR, MENTOR):
        assert name in text
    assert {"DejaVuSans", "DejaVuSans-Bold"} <= embedded_fonts(pdf)


def test_every_page_says_page_x_of_y(pdf: bytes, tmp_path: Path) -> None:
    pages = [p for p in pdf_text(pdf, tmp_path).split("\f") if p.strip()]
    for number, page in enumerate(pages, 1):
        assert f"Page {number} of {len(pages)}" in one_line(page)
        assert "VIP-2026-00042 · amendment 1 · version 3" in page


def test_properties_and_the_vipdesk_marker(pdf: bytes) -> None:
    info = document_info(pdf)
    assert info["Title"] == (f"Amendment 1 to the learning agreement — {TRAINEE} — VIP-2026-00042")
    assert info["Author"] == "KU Leuven"
    assert "Nordlicht Analytics GmbH" in info["Subject"]
    assert info["VipdeskDocument"] == AMENDMENT_KIND
    assert info["VipdeskAmendment"] == "1"
    assert info["VipdeskAmendsVersion"] == "2"
    assert info["VipdeskAmendsHash"] == content_hash(sample_agreement())
    assert info["VipdeskContentHash"] == content_hash(sample_amended())
    returned = read_returned_bytes(pdf, "amendment.pdf", frozenset({AMENDMENT_KIND}))
    assert (returned.kind, returned.reference, returned.version) == (
        AMENDMENT_KIND,
        "VIP-2026-00042",
        3,
    )
    with pytest.raises(VipdeskError, match="is an amendment to an agreement, not an agreement"):
        read_returned_bytes(pdf, "amendment.pdf")


def test_an_amendment_amends_one_agreement() -> None:
    other = sample_agreement(reference="VIP-2026-00043")
    with pytest.raises(VipdeskError, match="VIP-2026-00043 does not amend VIP-2026-00042"):
        render_amendment(sample_agreement(), other, number=1, reason="", agreed_on=None)
    with pytest.raises(VipdeskError, match="numbered from 1"):
        amendment(number=0)


def test_all_three_parties_sign_in_turn_and_every_signature_holds(
    pdf: bytes, signed_by_all: bytes
) -> None:
    assert signature_fields(pdf) == {"sig_student", "sig_sending", "sig_host"}
    checks = verify_signatures(signed_by_all)
    assert [c.party for c in checks] == list(ORDER)
    assert [c.signer for c in checks] == [SIGNERS[p.value] for p in ORDER]
    assert all(c.intact and c.holds for c in checks)


def test_an_altered_amendment_is_caught(signed_by_all: bytes) -> None:
    forged = add_text_to_first_page(signed_by_all, "Hours per week: 40")
    checks = verify_signatures(forged)
    assert all(c.intact and not c.holds for c in checks)
    assert checks[-1].verdict.endswith("content of page 1 changed")


def test_poppler_agrees_that_all_three_are_valid(signed_by_all: bytes, tmp_path: Path) -> None:
    path = tmp_path / "signed.pdf"
    path.write_bytes(signed_by_all)
    report = subprocess.run(
        [poppler("pdfsig"), str(path)], capture_output=True, text=True, timeout=60, check=False
    ).stdout
    assert len(re.findall(r"Signature Validation: Signature is Valid", report)) == 3
    assert "Total document signed" in report


def test_written_through_a_temporary_file(tmp_path: Path) -> None:
    target = tmp_path / "amendment.pdf"
    write_amendment(
        sample_agreement(), sample_amended(), target, number=1, reason=REASON, agreed_on=None
    )
    assert target.read_bytes().startswith(b"%PDF-")
    assert [p.name for p in tmp_path.iterdir()] == ["amendment.pdf"]


def test_the_new_modules_do_not_import_qt() -> None:
    code = (
        "import sys\n"
        "import vipdesk.documents.agreement.amendment_pdf\n"
        "import vipdesk.documents.agreement.certificate_pdf\n"
        "import vipdesk.documents.agreement.amendment_changes\n"
        "import vipdesk.documents.agreement.certificate_content\n"
        "assert not any(m.startswith('PySide6') for m in sys.modules), 'Qt imported'\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True, timeout=60)


def scan_png() -> bytes:
    """A small picture of a signature, as a scanner makes it."""
    image = Image.new("RGB", (240, 80), "white")
    ImageDraw.Draw(image).line([(10, 60), (80, 20), (150, 60), (230, 15)], fill="navy", width=4)
    out = io.BytesIO()
    image.save(out, "PNG")
    return out.getvalue()


def test_the_executed_copy_prints_a_scanned_signature_in_its_box(tmp_path: Path) -> None:
    records = [
        SignatureRecord(
            party="student",
            method="scanned",
            name=TRAINEE,
            signed_on=date(2027, 3, 19),
            scan=scan_png(),
            scan_name="signature.png",
        )
    ]
    pdf = render_amendment(
        sample_agreement(),
        sample_amended(),
        number=1,
        reason=REASON,
        agreed_on=AGREED,
        records=records,
    )
    (tmp_path / "executed.pdf").write_bytes(pdf)
    text = one_line(pdf_text(pdf, tmp_path))
    assert "Signed on paper; the scan is on file" in text
    assert "Scan: signature.png" in text
    assert signature_fields(pdf) == {"sig_sending", "sig_host"}
    images = subprocess.run(
        [poppler("pdfimages"), "-list", str(tmp_path / "executed.pdf")],
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    ).stdout
    assert re.search(r"\s240\s+80\s", images)  # the scan, embedded at its own size
