"""The scan attached to a paper signature: known by its first bytes, opened to be sure it is not
damaged, at most 25 MB, each problem named beside the scan field."""

from __future__ import annotations

import io

import pytest
from PIL import Image

from vipdesk.services.signatures.scans import (
    MAX_SCAN_BYTES,
    readable_scan,
    scan_kind,
    scan_problems,
)


def picture(kind: str) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (40, 20), "white").save(out, kind)
    return out.getvalue()


@pytest.mark.parametrize(
    ("data", "kind"),
    [
        (b"%PDF-1.7\n", "PDF"),
        (b"\x89PNG\r\n\x1a\n", "PNG"),
        (b"\xff\xd8\xff\xe0", "JPEG"),
        (b"GIF89a", None),
        (b"", None),
    ],
)
def test_scans_are_known_by_their_first_bytes(data: bytes, kind: str | None) -> None:
    assert scan_kind(data) == kind


def test_a_damaged_picture_is_unreadable_a_pdf_is_taken_as_it_is() -> None:
    for kind in ("PNG", "JPEG"):
        whole = picture(kind)
        assert readable_scan(whole)
        assert not readable_scan(whole[:30])
    assert readable_scan(b"%PDF-1.7 whatever follows")
    assert readable_scan(b"GIF89a")  # not a picture it opens: scan_kind refuses it


def test_a_good_scan_has_no_problem() -> None:
    assert scan_problems(picture("PNG"), "Łukasz Żółć – podpis.png") == []
    assert scan_problems(b"%PDF-1.7", "") == []


@pytest.mark.parametrize(
    ("scan", "name", "message"),
    [
        (b"", "page.pdf", "The scan page.pdf is empty."),
        (b"", "", "The scan is empty."),
        (b"%PDF" + b"0" * MAX_SCAN_BYTES, "big.pdf", "The scan big.pdf is over 25 MB."),
        (b"%PDF" + b"0" * MAX_SCAN_BYTES, "", "The scan is over 25 MB."),
        (b"\x89PNG\r\n\x1a\n broken", "", "The scan is damaged: it cannot be read."),
        (b"\xff\xd8\xff broken", "محمد.jpg", "محمد.jpg is damaged: it cannot be read."),
        (b"GIF89a....", "x.gif", "x.gif is not a PDF, PNG or JPEG file."),
    ],
)
def test_each_problem_is_named_beside_the_scan(scan: bytes, name: str, message: str) -> None:
    assert [(p.field, p.message) for p in scan_problems(scan, name)] == [("scan", message)]


def test_exactly_25_mb_is_still_accepted() -> None:
    assert scan_problems(b"%PDF" + b"0" * (MAX_SCAN_BYTES - 4), "limit.pdf") == []
