"""The agreement PDF, read back as a reader sees it: text, properties, fonts, fields."""

from __future__ import annotations

import io
import re
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest
from pyhanko.pdf_utils.reader import PdfFileReader

from tests.helpers.pdf_tools import pdf_text
from tests.helpers.samples import COORDINATOR, MARKUP_TASK, MENTOR, TRAINEE, sample_agreement
from vipdesk.documents.agreement.content import (
    AgreementData,
    Person,
    Programme,
    Task,
    content_hash,
)
from vipdesk.documents.agreement.form import host_field_values, read_returned_bytes
from vipdesk.documents.agreement.pdf import render_agreement, write_agreement
from vipdesk.enums import Mode

SECTIONS = (
    "1. The parties",
    "The trainee",
    "The sending institution",
    "The receiving organisation",
    "2. The traineeship programme (Table A)",
    "2.1 Tasks, deliverables and deadlines",
    "2.2 Knowledge, skills and competences to be acquired",
    "2.3 Monitoring plan",
    "2.4 Evaluation plan",
    "3. Communication protocol",
    "4. Roles and responsibilities",
    "5. Technology",
    "6. Recognition by the sending institution (Table B)",
    "7. Commitments of the receiving organisation (Table C)",
    "8. Signatures",
)


@pytest.fixture(scope="module")
def plain_pdf() -> bytes:
    return render_agreement(sample_agreement())


@pytest.fixture(scope="module")
def fillable_pdf() -> bytes:
    return render_agreement(sample_agreement(), fillable=True)


def one_line(text: str) -> str:
    return re.sub(r"\s+", " ", text)


def test_every_section_and_every_party_prints(plain_pdf: bytes, tmp_path: Path) -> None:
    text = one_line(pdf_text(plain_pdf, tmp_path))
    for heading in SECTIONS:
        assert heading in text
    for name in (TRAINEE, COORDINATOR, MENTOR, "Jürgen Weiß", "Søren Ødegård"):
        assert name in text
    for content in (
        "Learning Agreement for Traineeships — blended placement",
        "Reference VIP-2026-00042",
        "Version 2",
        "1 February 2027 to 31 May 2027",
        "Virtual: 1 February 2027 to 30 April 2027",
        "Physical: 1 May 2027 to 31 May 2027",
        "Builds churn models in Python.",
        "Weekly video call with the mentor.",
        "Quality of the deliverables",
        "Replies within one working day.",
        "Microsoft Teams",
        "Not yet tested",
        "15 ECTS credits",
        "Yes — 450.00 EUR per month",
        "within 5 weeks after the end",
        "English — level C1",
    ):
        assert content in text, content


def test_typed_markup_is_printed_literally(plain_pdf: bytes, tmp_path: Path) -> None:
    assert MARKUP_TASK in pdf_text(plain_pdf, tmp_path)


def test_every_page_says_page_x_of_y_and_the_reference(plain_pdf: bytes, tmp_path: Path) -> None:
    pages = pdf_text(plain_pdf, tmp_path).split("\f")
    pages = [page for page in pages if page.strip()]
    assert len(pages) >= 2
    for number, page in enumerate(pages, 1):
        assert f"Page {number} of {len(pages)}" in one_line(page)
        assert "VIP-2026-00042 · version 2" in page


def test_properties_and_the_vipdesk_marker(plain_pdf: bytes) -> None:
    info = PdfFileReader(io.BytesIO(plain_pdf)).trailer["/Info"]
    assert str(info["/Title"]) == (
        f"Learning Agreement for Traineeships — {TRAINEE} — VIP-2026-00042"
    )
    assert str(info["/Author"]) == "KU Leuven"
    assert "Nordlicht Analytics GmbH" in str(info["/Subject"])
    assert str(info["/VipdeskReference"]) == "VIP-2026-00042"
    assert str(info["/VipdeskVersion"]) == "2"
    assert str(info["/VipdeskPlacementId"]) == "42"
    assert str(info["/VipdeskContentHash"]) == content_hash(sample_agreement())


def test_every_font_that_draws_text_is_embedded(plain_pdf: bytes) -> None:
    reader = PdfFileReader(io.BytesIO(plain_pdf))
    embedded = set()
    for page in range(int(reader.root["/Pages"]["/Count"])):
        resources = reader.find_page_for_modification(page)[1]
        for font in resources["/Font"].values():
            font = font.get_object()
            if str(font["/BaseFont"]) == "/Helvetica":
                continue  # reportlab's default font, declared but never used to draw
            descriptor = font["/FontDescriptor"].get_object()
            assert "/FontFile2" in descriptor, font["/BaseFont"]
            embedded.add(str(font["/BaseFont"]).split("+")[-1])
    assert (
        {"DejaVuSans", "DejaVuSans-Bold"}
        <= embedded
        <= {
            "DejaVuSans",
            "DejaVuSans-Bold",
            "DejaVuSans-Oblique",
        }
    )


def test_both_variants_carry_an_empty_signature_field_per_party(
    plain_pdf: bytes, fillable_pdf: bytes
) -> None:
    for pdf in (plain_pdf, fillable_pdf):
        returned = read_returned_bytes(pdf, "agreement.pdf")
        assert returned.signed == ()
        fields = PdfFileReader(io.BytesIO(pdf)).root["/AcroForm"]["/Fields"]
        sig_fields = {str(f.get_object()["/T"]) for f in fields if f.get_object()["/FT"] == "/Sig"}
        assert sig_fields == {"sig_student", "sig_sending", "sig_host"}


def test_the_fillable_variant_holds_the_hosts_part_with_current_values(
    fillable_pdf: bytes, plain_pdf: bytes
) -> None:
    data = sample_agreement()
    returned = read_returned_bytes(fillable_pdf, "agreement.pdf")
    assert returned.fields == host_field_values(data)
    assert returned.fields["mentor_name"] == MENTOR
    assert returned.fields["financial_support"] == "yes"
    assert MARKUP_TASK in returned.fields["tasks"]
    assert read_returned_bytes(plain_pdf, "agreement.pdf").fields == {}


def test_the_prefilled_values_show_in_their_fields(fillable_pdf: bytes, tmp_path: Path) -> None:
    # The appearance of each field is drawn with the embedded font: what a reader shows.
    text = one_line(pdf_text(fillable_pdf, tmp_path))
    assert MENTOR in text
    assert "olena@nordlicht.example" in text
    assert "450.00 EUR" in text
    assert "Deliverable: Comparison report" in text


def test_a_virtual_placement_without_tools_or_tasks_still_reads_well(tmp_path: Path) -> None:
    base = sample_agreement()
    data = sample_agreement(
        programme=Programme(
            title="Remote UX research",
            start=base.programme.start,
            end=base.programme.end,
            hours_per_week=12,
            mode=Mode.VIRTUAL,
        ),
        tools=(),
        protocol=(),
    )
    text = one_line(pdf_text(render_agreement(data), tmp_path))
    assert "Learning Agreement for Traineeships — virtual placement" in text
    assert "No tools are recorded yet" in text
    assert "The tasks are agreed with the mentor before the start." in text
    assert "Hours per week 12" in text
    assert "Language competence To be agreed before the start" in text


def test_written_through_a_temporary_file(tmp_path: Path) -> None:
    target = tmp_path / "agreement.pdf"
    target.write_bytes(b"old")
    write_agreement(sample_agreement(), target)
    assert target.read_bytes().startswith(b"%PDF-")
    assert [p.name for p in tmp_path.iterdir()] == ["agreement.pdf"]


def test_the_documents_layer_does_not_import_qt() -> None:
    code = (
        "import sys\n"
        "import vipdesk.documents.agreement.pdf, vipdesk.documents.signatures.signing\n"
        "import vipdesk.commands.agreement, vipdesk.services.agreements.prefill\n"
        "assert not any(m.startswith('PySide6') for m in sys.modules), 'Qt imported'\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True, timeout=60)


def _long_agreement() -> AgreementData:
    """Issue 19: a description of about a page (80 task lines) made the export crash."""
    data = sample_agreement()
    lines = [f"Line {n}: the trainee cleans and documents one data set." for n in range(1, 81)]
    programme = replace(
        data.programme,
        title="T" * 200,
        description="\n".join(lines),
        tasks=tuple(
            Task(f"Task {n}: analyse data set {n}", "Report", data.programme.end)
            for n in range(1, 81)
        ),
        learning_outcomes=tuple(f"Outcome {n}: builds a reproducible analysis" for n in range(60)),
        monitoring_plan="\n".join(lines),
    )
    long_name = "Ó" * 199 + "Z"
    return replace(
        data,
        trainee=replace(data.trainee, name=long_name),
        receiving=replace(data.receiving, name=long_name, mentor=Person(long_name)),
        programme=programme,
        roles=tuple(replace(role, duties=tuple(lines)) for role in data.roles),
        host=replace(data.host, in_kind="\n".join(lines), insurance="\n".join(lines)),
        recognition=replace(data.recognition, transcript="\n".join(lines)),
    )


def test_long_sections_flow_over_pages_instead_of_crashing(tmp_path: Path) -> None:
    pdf = render_agreement(_long_agreement())
    text = pdf_text(pdf, tmp_path)
    assert "Task 80: analyse data set 80" in text  # the last task line
    assert text.count("Line 80: the trainee cleans and documents one data set.") >= 5
    assert "Outcome 59: builds a reproducible analysis" in text
    pages = len(PdfFileReader(io.BytesIO(pdf)).root["/Pages"]["/Kids"])
    assert pages > 10


def test_a_long_task_list_fits_the_fillable_variant_in_a_scrolling_field(
    tmp_path: Path,
) -> None:
    pdf = render_agreement(_long_agreement(), fillable=True)
    tasks = read_returned_bytes(pdf, "agreement.pdf").fields["tasks"]
    assert tasks.splitlines()[-1].startswith("80. Task 80: analyse data set 80")
    assert "Line 80: the trainee" in pdf_text(pdf, tmp_path)
