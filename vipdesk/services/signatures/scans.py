"""The scan attached to a paper signature: a PDF, PNG or JPEG of at most 25 MB that opens."""

from __future__ import annotations

import io

from vipdesk.errors import FieldProblem
from vipdesk.phrase import Phrase

MAX_SCAN_BYTES = 25 * 1024 * 1024
_SCAN_KINDS = {b"%PDF": "PDF", b"\x89PNG": "PNG", b"\xff\xd8\xff": "JPEG"}


def scan_kind(data: bytes) -> str | None:
    """'PDF', 'PNG' or 'JPEG' by the file's first bytes; None for anything else."""
    return next((kind for magic, kind in _SCAN_KINDS.items() if data.startswith(magic)), None)


def readable_scan(data: bytes) -> bool:
    """False for a PNG or JPEG that does not decode (a PDF is taken as it is)."""
    if scan_kind(data) not in ("PNG", "JPEG"):
        return True
    from PIL import Image

    try:
        with Image.open(io.BytesIO(data)) as picture:
            picture.load()
    except Exception:  # Pillow raises several kinds for damaged files
        return False
    return True


def scan_problems(scan: bytes, scan_name: str) -> list[FieldProblem]:
    """What is wrong with the scan, beside the scan field; empty when it can be attached."""
    # "The scan scan.pdf", or "The scan" when it has no name (no double space)
    labelled = Phrase("The scan {name}", {"name": scan_name}) if scan_name else Phrase("The scan")
    name: str | Phrase = scan_name or Phrase("The scan")
    if not scan:
        return [FieldProblem.said("scan", "{scan} is empty.", scan=labelled)]
    if len(scan) > MAX_SCAN_BYTES:
        return [FieldProblem.said("scan", "{scan} is over 25 MB.", scan=labelled)]
    if not readable_scan(scan):
        return [FieldProblem.said("scan", "{scan} is damaged: it cannot be read.", scan=name)]
    if scan_kind(scan) is None:
        return [FieldProblem.said("scan", "{scan} is not a PDF, PNG or JPEG file.", scan=name)]
    return []
