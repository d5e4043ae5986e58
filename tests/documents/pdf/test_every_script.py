"""Issue 16: a name in any script prints, copies out and embeds its font, in every document.

The agreement of a Chinese student printed a blank name: the CJK fallback was a CID font no
reader without Adobe's language packs has. Poppler stands in for such a reader: each name below
goes through the agreement, the fillable form, the amendment, the certificate, the executed
copy and a questionnaire; `pdftotext` must copy it out as typed, `pdffonts` must list only
embedded fonts, and `pdftoppm` must render the name's place on the page with ink. Devanagari
and Thai are shaped.
"""

from __future__ import annotations

import dataclasses
import re
import subprocess
import unicodedata
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
from PIL import Image, ImageStat

from tests.helpers.follow_up_samples import sample_amended, sample_certificate
from tests.helpers.pdf_tools import ink, pdf_fonts, pdf_text, pdf_words, poppler
from tests.helpers.questionnaires import sample_questionnaire_form
from tests.helpers.samples import sample_agreement
from vipdesk.documents.agreement.amendment_pdf import render_amendment
from vipdesk.documents.agreement.certificate_pdf import render_certificate
from vipdesk.documents.agreement.content import AgreementData, Person
from vipdesk.documents.agreement.pdf import render_agreement
from vipdesk.documents.agreement.signature_record import SignatureRecord
from vipdesk.documents.pdf.fonts import FONT, FONT_BOLD, FONT_CJK, FONT_HANGUL, register_fonts, runs
from vipdesk.documents.questionnaire.pdf import render_questionnaire

NAMES = (
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
)
BIDI_CONTROLS = re.compile("[\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def _named(name: str) -> AgreementData:
    data = sample_agreement()
    return dataclasses.replace(
        data,
        trainee=dataclasses.replace(data.trainee, name=name),
        receiving=dataclasses.replace(
            data.receiving, mentor=Person(name, "Company mentor", "mentor@host.example")
        ),
    )


def _agreement(name: str) -> bytes:
    return render_agreement(_named(name))


def _fillable(name: str) -> bytes:
    return render_agreement(_named(name), fillable=True)


def _amendment(name: str) -> bytes:
    amended = dataclasses.replace(sample_amended(), trainee=_named(name).trainee)
    return render_amendment(
        _named(name), amended, number=1, reason="More time.", agreed_on=date(2027, 3, 20)
    )


def _certificate(name: str) -> bytes:
    return render_certificate(sample_certificate(trainee_name=name))


def _executed(name: str) -> bytes:
    record = SignatureRecord("student", "typed", name, "Trainee", "t@uni.example", date.today())
    return render_agreement(_named(name), records=[record])


def _questionnaire(name: str) -> bytes:
    return render_questionnaire(sample_questionnaire_form(name))


DOCUMENTS: dict[str, Callable[[str], bytes]] = {
    "agreement": _agreement,
    "fillable form": _fillable,
    "amendment": _amendment,
    "certificate": _certificate,
    "executed copy": _executed,
    "questionnaire": _questionnaire,
}


def _copied(pdf: bytes, tmp_path: Path) -> str:
    text = BIDI_CONTROLS.sub("", pdf_text(pdf, tmp_path))
    return unicodedata.normalize("NFC", re.sub(r"\s+", " ", text))


def _is_part(word: str, name: str) -> bool:
    # -bbox lists a right-to-left word's letters as drawn, from the left.
    word = unicodedata.normalize("NFKC", word.strip(",.:"))
    return bool(word) and (word in name.split() or word[::-1] in name.split())


@pytest.mark.parametrize("document", list(DOCUMENTS))
@pytest.mark.parametrize("name", NAMES)
def test_a_name_in_any_script_prints_and_copies_out(
    document: str, name: str, tmp_path: Path
) -> None:
    pdf = DOCUMENTS[document](name)

    assert name in _copied(pdf, tmp_path)
    fonts = pdf_fonts(pdf, tmp_path)
    assert fonts and all(fonts.values()), fonts

    words = [w for w in pdf_words(pdf, tmp_path) if _is_part(w.text, name)]
    first = words[0]
    line = [w for w in words if w.page == first.page and abs(w.y_min - first.y_min) < 2]
    box = (
        min(w.x_min for w in line),
        first.y_min,
        max(w.x_max for w in line),
        max(w.y_max for w in line),
    )
    # A name drawn in a font the reader lacks renders as nothing: no dark pixels.
    assert ink(pdf, tmp_path, first.page, box) > 5 * len(name.replace(" ", ""))


def test_each_script_is_drawn_by_a_face_that_has_it() -> None:
    register_fonts()
    faces = {name: {font for _piece, font in runs(name)} - {FONT} for name in NAMES}
    assert faces["李俊杰"] == faces["高橋 大輝"] == {FONT_CJK}
    assert faces["정수아"] == {FONT_HANGUL}
    assert faces["देवेंद्र शर्मा"] == {"VipdeskDevanagari"}
    assert faces["สมชาย ใจดี"] == {"VipdeskThai"}
    for name in ("Ελένη Παπαδοπούλου", "Олена Коваль", "ياسمين حداد", "דנה לוי", "Łukasz Żółć"):
        assert faces[name] == set(), name
    # Bold text in Devanagari and Thai takes their bold faces; Droid and Nanum have none.
    assert {font for _piece, font in runs("शर्मा", FONT_BOLD)} == {"VipdeskDevanagari-Bold"}
    assert {font for _piece, font in runs("ใจดี", FONT_BOLD)} == {"VipdeskThai-Bold"}
    assert {font for _piece, font in runs("정수아", FONT_BOLD)} == {"VipdeskHangul"}


def test_devanagari_is_shaped_into_conjuncts_and_a_reph() -> None:
    register_fonts()
    (drawn, font), *_rest = runs("शर्मा")
    # श, then म with its vowel sign and the reph drawn after it: the reph's glyph has no
    # character of its own, so its code is a private one.
    assert font == "VipdeskDevanagari"
    assert drawn[0] == "श" and len(drawn) == 4
    assert all(0xE000 <= ord(code) < 0xF900 for code in drawn[1:])
    (conjunct, _font), *_rest = runs("द्र")
    assert len(conjunct) == 1  # one glyph for three characters


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
    assert _page_ink(pdf, tmp_path) > 0.9 * _page_ink(
        render_agreement(sample_agreement()), tmp_path
    )


def _page_ink(pdf: bytes, tmp_path: Path) -> float:
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
