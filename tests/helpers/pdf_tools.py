"""What other programs do to a PDF: a reader filling in fields, a forger changing a page."""

from __future__ import annotations

import html
import io
import re
import shutil
import subprocess
from dataclasses import dataclass
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


def needing_appearances(pdf: bytes) -> bytes:
    """Ask the reader to draw every field anew from its value and /DA font, as a reader does
    with a field someone typed in."""
    writer = IncrementalPdfFileWriter(io.BytesIO(pdf))
    form = writer.root["/AcroForm"]
    form["/NeedAppearances"] = generic.BooleanObject(True)
    writer.update_container(form)
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


_WORD = re.compile(
    r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>'
)


@dataclass(frozen=True)
class Word:
    """A word as poppler finds it on a page, in points from the top left corner."""

    page: int
    x_min: float
    y_min: float
    x_max: float
    y_max: float
    text: str


def _run(tool: str, *args: str) -> bytes:
    return subprocess.run(
        [poppler(tool), *args], capture_output=True, check=True, timeout=60
    ).stdout


def pdf_fonts(pdf: bytes, tmp_path: Path) -> dict[str, bool]:
    """Each font pdffonts lists (subset prefix dropped), and whether it is embedded."""
    path = tmp_path / "fonts.pdf"
    path.write_bytes(pdf)
    lines = _run("pdffonts", str(path)).decode("utf-8").splitlines()[2:]
    fonts = {}
    for line in lines:
        # name, type, encoding, emb, sub, uni, object id: the name and type hold no "yes"/"no".
        fields = line.split()
        fonts[fields[0].split("+")[-1]] = fields[-5] == "yes"
    return fonts


def pdf_words(pdf: bytes, tmp_path: Path) -> list[Word]:
    """Every word poppler reads, with its page and box (pdftotext -bbox)."""
    path = tmp_path / "words.pdf"
    path.write_bytes(pdf)
    document = _run("pdftotext", "-bbox", str(path), "-").decode("utf-8")
    words = []
    for page, body in enumerate(document.split("<page ")[1:], start=1):
        for x_min, y_min, x_max, y_max, text in _WORD.findall(body):
            box = (float(x_min), float(y_min), float(x_max), float(y_max))
            words.append(Word(page, *box, html.unescape(text)))
    return words


def ink(pdf: bytes, tmp_path: Path, page: int, box: tuple[float, float, float, float]) -> int:
    """How many pixels inside `box` (points, from the top left) pdftoppm paints dark, at
    144 dpi in grey: 0 for a name that renders blank."""
    path = tmp_path / "ink.pdf"
    path.write_bytes(pdf)
    x_min, y_min, x_max, y_max = (round(v * 2) for v in box)
    image = _run(
        "pdftoppm",
        "-gray",
        "-r",
        "144",
        "-f",
        str(page),
        "-l",
        str(page),
        "-x",
        str(x_min),
        "-y",
        str(y_min),
        "-W",
        str(x_max - x_min),
        "-H",
        str(y_max - y_min),
        str(path),
    )
    # A binary PGM: "P5", width, height, the maximum value, then one byte per pixel.
    header = re.match(rb"P5\s+\d+\s+\d+\s+\d+\s", image)
    assert header is not None, "pdftoppm did not write a PGM"
    return sum(1 for value in image[header.end() :] if value < 128)
