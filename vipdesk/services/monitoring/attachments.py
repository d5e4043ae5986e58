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
    problem = _first_problem(data, name)
    return [problem] if problem is not None else []


def _first_problem(data: bytes, name: str) -> FieldProblem | None:
    # Each sentence whole, with the file's name and without (a file not named yet).
    def problem(template: str, /, **values: object) -> FieldProblem:
        return FieldProblem.said("attachment", template, name=name, **values)

    claimed = _BY_SUFFIX.get(PurePath(name).suffix.lower())
    if not data:
        return problem("The file {name} is empty.") if name else problem("The file is empty.")
    if len(data) > MAX_ATTACHMENT_BYTES:
        return (
            problem("The file {name} is over 20 MB.")
            if name
            else problem("The file is over 20 MB.")
        )
    if len(name) > NAME_LIMIT:
        return problem("Keep the file name under {limit} characters.", limit=NAME_LIMIT)
    if claimed is None:
        if name:
            return problem(
                "The file {name} is not a PDF, a Word document (.docx), a PNG or a JPEG."
            )
        return problem("The file is not a PDF, a Word document (.docx), a PNG or a JPEG.")
    found = attachment_kind(data)
    if found is None:
        return problem(
            "The file {name} is named as a {claimed} but is something else inside.",
            claimed=claimed,
        )
    if found != claimed:
        return problem(
            "The file {name} is named as a {claimed} but is a {found} inside.",
            claimed=claimed,
            found=found,
        )
    if not readable_scan(data):
        return problem("The file {name} is damaged: it cannot be read.")
    return None
