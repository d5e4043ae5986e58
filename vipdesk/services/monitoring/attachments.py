"""A file attached to a monitoring entry: a report or reflection as PDF, DOCX or an image.

The same checks as a signature's scan (`services.signatures.scans`: the first bytes say what
the file is, an image must decode), plus a Word document, a 20 MB limit, and a name that says
what the file is.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import PurePath

from vipdesk.errors import FieldProblem
from vipdesk.services.signatures.scans import readable_scan, scan_kind

MAX_ATTACHMENT_BYTES = 20 * 1024 * 1024
NAME_LIMIT = 200
_BY_SUFFIX = {".pdf": "PDF", ".png": "PNG", ".jpg": "JPEG", ".jpeg": "JPEG", ".docx": "DOCX"}
ACCEPTED = "a PDF, a Word document (.docx), a PNG or a JPEG"


def attachment_kind(data: bytes) -> str | None:
    """'PDF', 'PNG', 'JPEG' or 'DOCX' by the file's content; None for anything else."""
    found = scan_kind(data)
    if found is not None:
        return found
    if not data.startswith(b"PK\x03\x04"):
        return None
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
    except (zipfile.BadZipFile, ValueError):
        return None
    return "DOCX" if "word/document.xml" in names else None


def attachment_problems(data: bytes, name: str) -> list[FieldProblem]:
    """What is wrong with the file, beside the attachment field; empty when it can be kept."""
    label = f"The file {name}" if name else "The file"
    claimed = _BY_SUFFIX.get(PurePath(name).suffix.lower())
    if not data:
        return [FieldProblem("attachment", f"{label} is empty.")]
    if len(data) > MAX_ATTACHMENT_BYTES:
        return [FieldProblem("attachment", f"{label} is over 20 MB.")]
    if len(name) > NAME_LIMIT:
        return [FieldProblem("attachment", f"Keep the file name under {NAME_LIMIT} characters.")]
    if claimed is None:
        return [FieldProblem("attachment", f"{label} is not {ACCEPTED}.")]
    found = attachment_kind(data)
    if found != claimed:
        what = f"a {found}" if found else "something else"
        return [
            FieldProblem("attachment", f"{label} is named as a {claimed} but is {what} inside.")
        ]
    if not readable_scan(data):
        return [FieldProblem("attachment", f"{label} is damaged: it cannot be read.")]
    return []
