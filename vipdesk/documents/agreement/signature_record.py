"""How a party signed, printed in its signature box on the executed copy of a document.

A digital signature lives in the signed PDF itself; a paper signature and a typed approval
live in the database. The executed copy, archived when the last party signs, prints every
party's record in its box: the method, who signed, their function and e-mail, the date, who
recorded it, and for a paper signature the scan's image (a scanned PDF is named instead).
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import date

from PIL import Image as PILImage
from reportlab.platypus import Flowable, Image, Paragraph, Table, TableStyle

from vipdesk.documents.agreement.layout import RULE, long_date, para, styles
from vipdesk.documents.pdf.fonts import markup

RECEIVED = "received"  # not a signature: the sending institution's receipt of a certificate
METHOD_WORDS = {
    RECEIVED: "Received and filed by the sending institution",
    "digital": "Signed digitally with a certificate",
    "scanned": "Signed on paper; the scan is on file",
    "typed": "Approved in writing (typed approval)",
}


@dataclass(frozen=True)
class SignatureRecord:
    """One party's signature as recorded in vipdesk."""

    party: str  # student, sending or host
    method: str  # digital, scanned or typed
    name: str
    function: str = ""
    email: str = ""
    signed_on: date | None = None
    recorded_by: str = ""
    scan: bytes | None = None  # a paper signature's scan (PDF, PNG or JPEG)
    scan_name: str = ""


def _scan_image(scan: bytes, width: float, height: float) -> Image | None:
    """The scan scaled into the box, or None when it is not an image (a scanned PDF) or
    cannot be decoded (then the box describes it in words)."""
    if not (scan.startswith(b"\x89PNG") or scan.startswith(b"\xff\xd8\xff")):
        return None
    try:
        with PILImage.open(io.BytesIO(scan)) as picture:
            picture.load()
            pixels_wide, pixels_high = picture.size
    except Exception:  # a damaged image: described in words instead
        return None
    scale = min(width / pixels_wide, height / pixels_high)
    return Image(io.BytesIO(scan), width=pixels_wide * scale, height=pixels_high * scale)


def record_box(record: SignatureRecord, width: float, height: float) -> Flowable:
    """What goes in the party's signature box instead of an empty field."""
    s = styles()
    when = long_date(record.signed_on) if record.signed_on else "date not recorded"
    lines = [Paragraph(markup(METHOD_WORDS.get(record.method, record.method)), s.label)]
    details = [record.name, record.function, record.email, when]
    lines += [para(text, s.cell, width - 6) for text in details if text]
    if record.scan_name and record.method == "scanned":
        lines.append(Paragraph(markup(f"Scan: {record.scan_name}"), s.muted))
    if record.recorded_by:
        lines.append(Paragraph(markup(f"Recorded by {record.recorded_by}"), s.muted))
    image = _scan_image(record.scan, width - 6, height) if record.scan else None
    rows: list[list[Flowable]] = [[line] for line in lines]
    if image is not None:
        rows.insert(1, [image])
    table = Table(rows, colWidths=[width], hAlign="LEFT")
    table.setStyle(
        TableStyle(
            [
                ("BOX", (0, 0), (-1, -1), 0.6, RULE),
                ("LEFTPADDING", (0, 0), (-1, -1), 3),
                ("RIGHTPADDING", (0, 0), (-1, -1), 3),
                ("TOPPADDING", (0, 0), (-1, -1), 1),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 1),
            ]
        )
    )
    return table
