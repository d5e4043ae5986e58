"""What other programs do to a PDF: a reader filling in fields, a forger changing a page."""

from __future__ import annotations

import io
import shutil
import subprocess
from pathlib import Path

import pytest
from pyhanko.pdf_utils import generic
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter

_RADIO = 1 << 15  # field flag of a radio group


def fill_fields(pdf: bytes, values: dict[str, str]) -> bytes:
    """Save new field values as an incremental update, as a PDF reader does (a radio group's
    value is the key of the option chosen, "" for none)."""
    writer = IncrementalPdfFileWriter(io.BytesIO(pdf))
    for ref in writer.root["/AcroForm"]["/Fields"]:
        field = ref.get_object()
        name = str(field["/T"])
        if name not in values:
            continue
        if field["/FT"] == "/Btn" and int(field.get("/Ff", 0)) & _RADIO:
            chosen = generic.NameObject(f"/{values[name]}" if values[name] else "/Off")
            field["/V"] = chosen
            for kid in field["/Kids"]:  # each button shows on or off by its appearance state
                widget = kid.get_object()
                on = chosen in widget["/AP"]["/N"]
                widget["/AS"] = chosen if on else generic.NameObject("/Off")
                writer.update_container(widget)
        elif field["/FT"] == "/Btn":
            state = generic.NameObject("/Yes" if values[name] == "yes" else "/Off")
            field["/V"] = state
            field["/AS"] = state
        else:
            field["/V"] = generic.TextStringObject(values[name])
        writer.update_container(field)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def add_text_to_first_page(pdf: bytes, text: str) -> bytes:
    """Append an incremental update that draws extra text on page 1."""
    writer = IncrementalPdfFileWriter(io.BytesIO(pdf))
    stream = generic.StreamObject(stream_data=f"BT /F1 12 Tf 72 72 Td ({text}) Tj ET".encode())
    writer.add_stream_to_page(0, writer.add_object(stream))
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def poppler(tool: str) -> str:
    """The path of a poppler-utils program, or skip (CI installs poppler-utils)."""
    found = shutil.which(tool)
    if found is None:
        pytest.skip(f"{tool} is not installed (apt-get install poppler-utils)")
    return found


def pdf_text(pdf: bytes, tmp_path: Path) -> str:
    """The text a reader copies out of the PDF (poppler's pdftotext, layout order)."""
    path = tmp_path / "text.pdf"
    path.write_bytes(pdf)
    result = subprocess.run(
        [poppler("pdftotext"), "-layout", str(path), "-"],
        capture_output=True,
        check=True,
        timeout=60,
    )
    return result.stdout.decode("utf-8")
