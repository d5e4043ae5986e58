"""A certificate and an amended agreement that follow `samples.sample_agreement`, and the
read-back helpers their PDF tests share."""

from __future__ import annotations

import dataclasses
import io
from datetime import date
from typing import Any

from pyhanko.pdf_utils.reader import PdfFileReader

from tests.helpers.samples import sample_agreement
from vipdesk.documents.agreement.certificate_content import (
    CertificateData,
    certificate_from_agreement,
)
from vipdesk.documents.agreement.content import AgreementData, Task

EVALUATION = (
    "Łukasz worked independently and reliably. His churn model is now used by the sales "
    "team; his presentation to the managers was clear and well received."
)
ASSESSMENT = "Excellent — suggested grade 17/20"
REASON = (
    "The migration of the company's data platform delayed access to the customer data by "
    "four weeks; the trainee reduces his hours during the exam period."
)


def sample_certificate(**changes: Any) -> CertificateData:
    data = certificate_from_agreement(
        sample_agreement(),
        actual_start=date(2027, 2, 3),
        actual_end=date(2027, 5, 28),
        today=date(2027, 6, 10),
    )
    data = dataclasses.replace(data, evaluation=EVALUATION, assessment=ASSESSMENT)
    return dataclasses.replace(data, **changes)


def sample_amended() -> AgreementData:
    """Version 3: a month longer, fewer hours, the last task moved, a new monitoring plan."""
    original = sample_agreement()
    p = original.programme
    return dataclasses.replace(
        original,
        version=3,
        generated_at=date(2027, 3, 20),
        programme=dataclasses.replace(
            p,
            end=date(2027, 6, 30),
            hours_per_week=16,
            tasks=(
                *p.tasks[:2],
                Task("Final presentation to the board", "Slides and report", date(2027, 6, 30)),
            ),
            monitoring_plan="Video call with the mentor every two weeks.",
        ),
    )


def embedded_fonts(pdf: bytes) -> set[str]:
    """The fonts that draw text on any page, each asserted to be embedded (FontFile2)."""
    reader = PdfFileReader(io.BytesIO(pdf))
    embedded = set()
    for page in range(int(reader.root["/Pages"]["/Count"])):
        resources = reader.find_page_for_modification(page)[1]
        for font in resources["/Font"].values():
            font = font.get_object()
            if str(font["/BaseFont"]) == "/Helvetica":
                continue  # reportlab's default font, declared but never used to draw
            assert "/FontFile2" in font["/FontDescriptor"].get_object(), font["/BaseFont"]
            embedded.add(str(font["/BaseFont"]).split("+")[-1])
    return embedded


def document_info(pdf: bytes) -> dict[str, str]:
    """The document information dictionary, keys without their slash."""
    info = PdfFileReader(io.BytesIO(pdf)).trailer["/Info"]
    return {str(key).lstrip("/"): str(value) for key, value in info.items()}


def signature_fields(pdf: bytes) -> set[str]:
    fields = PdfFileReader(io.BytesIO(pdf)).root["/AcroForm"]["/Fields"]
    return {str(f.get_object()["/T"]) for f in fields if f.get_object()["/FT"] == "/Sig"}
