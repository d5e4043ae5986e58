"""An attachment is what its name says, opens, and is at most 20 MB; else one line says why."""

from __future__ import annotations

import pytest

from tests.helpers.monitoring import docx, picture
from vipdesk.services.monitoring.attachments import (
    MAX_ATTACHMENT_BYTES,
    attachment_kind,
    attachment_problems,
)


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("report.pdf", b"%PDF-1.7\n%%EOF"),
        ("reflection.docx", docx()),
        ("whiteboard.PNG", picture("PNG")),
        ("photo.jpeg", picture("JPEG")),
    ],
)
def test_what_its_name_says_is_accepted(name: str, data: bytes) -> None:
    assert attachment_problems(data, name) == []


@pytest.mark.parametrize(
    ("name", "data", "says"),
    [
        ("report.pdf", picture("PNG"), "named as a PDF but is a PNG inside"),
        ("reflection.docx", b"PK\x03\x04 not a zip at all", "named as a DOCX but is something"),
        ("notes.txt", b"plain words", "is not a PDF, a Word document"),
        ("photo.png", picture("PNG")[:40], "is damaged"),
        ("empty.pdf", b"", "is empty"),
        ("huge.pdf", b"%PDF" + bytes(MAX_ATTACHMENT_BYTES), "over 20 MB"),
    ],
)
def test_anything_else_is_refused_with_one_line(name: str, data: bytes, says: str) -> None:
    [problem] = attachment_problems(data, name)
    assert problem.field == "attachment" and says in problem.message
    assert "\n" not in problem.message


def test_a_zip_that_is_not_a_word_document_is_not_one() -> None:
    assert attachment_kind(docx()) == "DOCX"
    assert attachment_kind(b"PK\x03\x04" + bytes(20)) is None
