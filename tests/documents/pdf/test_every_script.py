"""Issue 16: a name in any script prints, copies out and embeds its font, in every document.

The agreement of a Chinese student printed a blank name: the CJK fallback was a CID font no
reader without Adobe's language packs has. Each name below goes through the agreement, the
fillable form and the certificate; pdftotext must copy it out, pdffonts must list only
embedded fonts, and the rendered name cell must not be blank.
"""

from __future__ import annotations

import dataclasses
import subprocess
from datetime import date
from pathlib import Path

import pytest
from PIL import Image, ImageStat

from tests.helpers.pdf_tools import pdf_text, poppler
from tests.helpers.samples import sample_agreement
from vipdesk.documents.agreement.certificate_content import certificate_from_agreement
from vipdesk.documents.agreement.certificate_pdf import render_certificate
from vipdesk.documents.agreement.pdf import render_agreement
from vipdesk.documents.pdf.fonts import runs

NAMES = [
    "李俊杰",
    "高橋 大輝",
    "정수아",
    "Ελένη Παπαδοπούλου",
    "Олена Коваль",
    "ياسمين حداد",
    "דנה לוי",
    "देवेंद्र शर्मा",
    "สมชาย ใจดี",
    "Łukasz Żółć",
]


def documents(name: str) -> dict[str, bytes]:
    data = sample_agreement()
    data = dataclasses.replace(data, trainee=dataclasses.replace(data.trainee, name=name))
    certificate = certificate_from_agreement(
        data, actual_start=date(2027, 2, 1), actual_end=date(2027, 5, 31), today=date(2027, 6, 4)
    )
    return {
        "agreement": render_agreement(data),
        "fillable form": render_agreement(data, fillable=True),
        "certificate": render_certificate(certificate),
    }


def not_embedded(pdf: bytes, tmp_path: Path) -> list[str]:
    path = tmp_path / "fonts.pdf"
    path.write_bytes(pdf)
    listing = subprocess.run(
        [poppler("pdffonts"), str(path)], capture_output=True, check=True, text=True, timeout=60
    ).stdout.splitlines()[2:]
    # Columns: name, type, encoding, emb, sub, uni, object, generation (type may hold a space).
    return [line.split()[0] for line in listing if line.split()[-5] != "yes"]


@pytest.mark.parametrize("name", NAMES)
def test_every_name_copies_out_and_every_font_is_embedded(name: str, tmp_path: Path) -> None:
    for kind, pdf in documents(name).items():
        text = pdf_text(pdf, tmp_path)
        # Copied-out right-to-left text may come out in either order of its words.
        words = name.split()
        assert all(word in text for word in words) or name[::-1] in text, f"{kind}: {name}"
        missing = not_embedded(pdf, tmp_path)
        if kind == "fillable form":
            # Form fields name Helvetica for the reader's own editing (/DA): that is the only
            # font a PDF form may leave to the reader, and it draws no printed text.
            missing = [font for font in missing if font != "Helvetica"]
        assert missing == [], f"{kind} leaves {missing} to the reader"


@pytest.mark.parametrize("name", ["李俊杰", "정수아", "देवेंद्र शर्मा", "สมชาย ใจดี"])
def test_a_name_outside_dejavu_draws_from_an_embedded_face(name: str, tmp_path: Path) -> None:
    assert all(font.startswith("Vipdesk") for _piece, font in runs(name.replace(" ", "")))
    pdf = render_agreement(
        dataclasses.replace(
            sample_agreement(),
            trainee=dataclasses.replace(sample_agreement().trainee, name=name),
        )
    )
    # Rendered, the first page holds as much ink as with a Latin name: not blank boxes.
    assert _ink(pdf, tmp_path) > 0.9 * _ink(render_agreement(sample_agreement()), tmp_path)


def _ink(pdf: bytes, tmp_path: Path) -> float:
    path = tmp_path / "page.pdf"
    path.write_bytes(pdf)
    subprocess.run(
        [
            poppler("pdftoppm"),
            "-png",
            "-r",
            "60",
            "-f",
            "1",
            "-l",
            "1",
            str(path),
            str(tmp_path / "p"),
        ],
        check=True,
        timeout=60,
    )
    page = next(tmp_path.glob("p*.png"))
    ink = 255 - ImageStat.Stat(Image.open(page).convert("L")).mean[0]
    page.unlink()
    return float(ink)
