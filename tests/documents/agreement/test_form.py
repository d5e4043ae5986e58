"""Reading back what company HR did to the fillable PDF."""

from __future__ import annotations

from pathlib import Path

import pytest
from reportlab.pdfgen.canvas import Canvas

from tests.helpers.pdf_tools import fill_fields
from tests.helpers.samples import MENTOR, sample_agreement
from vipdesk.documents.agreement.form import (
    FieldChange,
    differences,
    read_returned_bytes,
    read_returned_pdf,
)
from vipdesk.documents.agreement.pdf import render_agreement
from vipdesk.errors import VipdeskError


@pytest.fixture(scope="module")
def fillable_pdf() -> bytes:
    return render_agreement(sample_agreement(), fillable=True)


def test_an_untouched_file_has_no_differences(fillable_pdf: bytes, tmp_path: Path) -> None:
    path = tmp_path / "returned.pdf"
    path.write_bytes(fillable_pdf)
    returned = read_returned_pdf(path)
    assert (returned.reference, returned.version, returned.placement_id) == (
        "VIP-2026-00042",
        2,
        42,
    )
    assert returned.revisions == 1
    assert differences(returned, sample_agreement()) == []


def test_what_hr_changed_is_listed_field_by_field(fillable_pdf: bytes) -> None:
    new_tasks = "1. Build the churn dashboard — Deliverable: Dashboard — Deadline: 30 Apr 2027"
    filled = fill_fields(
        fillable_pdf,
        {
            "mentor_position": "Head of data science",
            "financial_support": "no",
            "financial_amount": "",
            "tasks": new_tasks,
            "in_kind": "Laptop and software licences.\r\n",  # line ending only: no change
        },
    )
    returned = read_returned_bytes(filled, "returned.pdf")
    assert returned.revisions == 2
    changes = differences(returned, sample_agreement())
    assert [c.field for c in changes] == [
        "mentor_position",
        "financial_support",
        "financial_amount",
        "tasks",
    ]
    assert changes[0] == FieldChange(
        "mentor_position", "Mentor: position", "Lead data scientist", "Head of data science"
    )
    assert changes[1].ours == "yes" and changes[1].theirs == "no"
    assert changes[3].theirs == new_tasks
    assert returned.fields["mentor_name"] == MENTOR  # unchanged, non-Latin, read back intact


def test_a_pdf_from_elsewhere_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "invoice.pdf"
    canvas = Canvas(str(path))
    canvas.drawString(72, 720, "Invoice 2027-001")
    canvas.save()
    with pytest.raises(VipdeskError, match=r"invoice\.pdf is not an agreement exported by vipdesk"):
        read_returned_pdf(path)


def test_a_file_that_is_not_a_pdf_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "agreement.pdf"
    path.write_text("PK\x03\x04 this is a zip file, not a PDF")
    with pytest.raises(VipdeskError, match=r"agreement\.pdf is not a PDF file"):
        read_returned_pdf(path)


def test_a_damaged_pdf_is_refused(fillable_pdf: bytes, tmp_path: Path) -> None:
    path = tmp_path / "truncated.pdf"
    path.write_bytes(fillable_pdf[: len(fillable_pdf) // 3])
    with pytest.raises(VipdeskError, match=r"truncated\.pdf is damaged"):
        read_returned_pdf(path)


def test_a_missing_file_is_named(tmp_path: Path) -> None:
    with pytest.raises(VipdeskError, match=r"Cannot read .*nowhere\.pdf"):
        read_returned_pdf(tmp_path / "nowhere.pdf")
