"""Arabic and Hebrew names print joined and right to left, and copy out as typed.

Poppler reads the PDFs back: `pdftotext` gives the text in logical order (wrapped in bidi
embedding marks, which a reader's clipboard drops), `pdftotext -bbox` the words as drawn, in
visual order with their positions: that is where joining (narrower words) and the right-to-left
word order show.
"""

from __future__ import annotations

import dataclasses
import re
import subprocess
import unicodedata
from datetime import date
from pathlib import Path

import pytest
from reportlab.pdfbase.pdfmetrics import stringWidth

from tests.helpers.follow_up_samples import embedded_fonts, sample_amended, sample_certificate
from tests.helpers.pdf_tools import pdf_text, poppler
from tests.helpers.samples import sample_agreement
from vipdesk.documents.agreement.amendment_pdf import render_amendment
from vipdesk.documents.agreement.certificate_pdf import render_certificate
from vipdesk.documents.agreement.content import AgreementData, Person, Role
from vipdesk.documents.agreement.pdf import render_agreement
from vipdesk.documents.pdf.fonts import FONT, markup, register_fonts, text_width, visual

TRAINEE = "أحمد إبراهيم"
MENTOR = "عمر حداد"
COORDINATOR = "יוסף כהן"
# Lam followed by alef is always drawn as one ligature glyph.
TUTOR = "علاء الدين"
NO_BREAK_SPACE = "\xa0"
BIDI_CONTROLS = re.compile("[\u200e\u200f\u202a-\u202e\u2066-\u2069]")
WORD = re.compile(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)"[^>]*>([^<]*)</word>')


@pytest.fixture(autouse=True)
def _fonts() -> None:
    register_fonts()


def with_rtl_names(data: AgreementData) -> AgreementData:
    return dataclasses.replace(
        data,
        trainee=dataclasses.replace(data.trainee, name=TRAINEE),
        sending=dataclasses.replace(
            data.sending,
            contact=Person(COORDINATOR, "Placement coordinator", "yosef@kuleuven.example"),
            tutor=Person(TUTOR, "Academic tutor", "alaa@kuleuven.example"),
        ),
        receiving=dataclasses.replace(
            data.receiving, mentor=Person(MENTOR, "Company mentor", "omar@nordlicht.example")
        ),
        roles=(
            Role("student", "Trainee", TRAINEE, ("Carries out the tasks.",)),
            Role("mentor", "Company mentor", MENTOR, ("Gives feedback every week.",)),
        ),
    )


@pytest.fixture(scope="module")
def agreement() -> bytes:
    return render_agreement(with_rtl_names(sample_agreement()))


def copied(pdf: bytes, tmp_path: Path) -> str:
    """What a reader copies out: poppler's text without its bidi marks, spaces collapsed."""
    return re.sub(r"\s+", " ", BIDI_CONTROLS.sub("", pdf_text(pdf, tmp_path)))


def drawn_words(pdf: bytes, tmp_path: Path, page: int = 1) -> list[tuple[float, float, str]]:
    """(x min, x max, text in logical order) of every word on `page`, as poppler sees it."""
    path = tmp_path / "words.pdf"
    path.write_bytes(pdf)
    html = subprocess.run(
        [poppler("pdftotext"), "-bbox", "-f", str(page), "-l", str(page), str(path), "-"],
        capture_output=True,
        check=True,
        timeout=60,
    ).stdout.decode("utf-8")
    words = []
    for x_min, _y, x_max, text in WORD.findall(html):
        # -bbox lists the letters of a right-to-left word as drawn: from the left.
        text = text.strip(",.")  # "Name, position": the comma follows the whole name
        words.append((float(x_min), float(x_max), text[::-1] if _is_rtl(text) else text))
    return words


def _is_rtl(text: str) -> bool:
    return any(unicodedata.bidirectional(char) in ("R", "AL") for char in text)


def test_latin_greek_cyrillic_and_cjk_are_left_as_typed() -> None:
    for text in ("Łukasz Żółć", "Ελένη Παπαδοπούλου", "Олена Коваленко", "李娜", "a < b & c"):
        assert visual(text) is text


def test_arabic_letters_take_their_joined_forms_from_right_to_left() -> None:
    # reh (final), meem (medial), ain (initial): drawn from the left, read from the right.
    assert visual("عمر") == "\ufeae\ufee4\ufecb"
    assert visual("لا") == "\ufefb"  # lam-alef ligature
    assert unicodedata.normalize("NFKC", visual(MENTOR))[::-1] == MENTOR


def test_hebrew_is_reversed_and_not_reshaped() -> None:
    assert visual(COORDINATOR) == "ןהכ ףסוי"


def test_vowel_marks_people_typed_are_kept() -> None:
    name = "مُحَمَّد"
    assert sorted(unicodedata.normalize("NFKC", visual(name))) == sorted(name)


def test_a_mixed_line_keeps_its_latin_part_in_place() -> None:
    line = f"{TRAINEE} · Company mentor"
    assert visual(line) == visual(TRAINEE) + " · Company mentor"
    assert visual(f"Mentor: {MENTOR} (ext. 123)") == f"Mentor: {visual(MENTOR)} (ext. 123)"
    assert visual(f"{TRAINEE}\n{COORDINATOR}") == f"{visual(TRAINEE)}\n{visual(COORDINATOR)}"


def test_markup_keeps_a_right_to_left_name_on_one_line() -> None:
    # A paragraph wrapping the drawn (visual) line would put the surname on the first line.
    kept_together = visual(MENTOR).replace(" ", NO_BREAK_SPACE)
    assert markup(f"Mentor: {MENTOR}") == f"Mentor: {kept_together}"
    assert markup(f"<b>{MENTOR}</b>").startswith("&lt;b&gt;")


def test_widths_are_those_of_the_joined_letters() -> None:
    assert text_width("إبراهيم", FONT, 10) == pytest.approx(
        stringWidth(visual("إبراهيم"), FONT, 10)
    )
    assert text_width("إبراهيم", FONT, 10) < 0.8 * stringWidth("إبراهيم", FONT, 10)


def test_the_agreement_copies_out_the_names_as_typed(agreement: bytes, tmp_path: Path) -> None:
    text = copied(agreement, tmp_path)
    for line in (
        f"Name {TRAINEE}",
        f"Contact person {COORDINATOR}, Placement coordinator, yosef@kuleuven.example",
        f"Mentor {MENTOR}, Company mentor, omar@nordlicht.example",
    ):
        assert line in text, line
    # Joined forms copy out as the letters typed; only the lam-alef ligature stays one
    # character, which normalises to the two letters.
    assert not re.search("[\ufb50-\ufefa\ufefd-\ufefe]", text)
    assert TUTOR in unicodedata.normalize("NFKC", text)


def test_the_names_are_drawn_joined_and_right_to_left(agreement: bytes, tmp_path: Path) -> None:
    words = {text: (x_min, x_max) for x_min, x_max, text in drawn_words(agreement, tmp_path)}
    first, last = TRAINEE.split()
    assert words[first][0] > words[last][1], "the first name stands right of the surname"
    # The cell text is 8.5 pt: joined letters are a quarter narrower than isolated ones.
    width = words[last][1] - words[last][0]
    assert width == pytest.approx(stringWidth(visual(last), FONT, 8.5), abs=0.5)
    assert width < 0.8 * stringWidth(last, FONT, 8.5)
    hebrew_first, hebrew_last = COORDINATOR.split()
    assert words[hebrew_first][0] > words[hebrew_last][1]


def test_the_fonts_stay_embedded_dejavu(agreement: bytes) -> None:
    assert embedded_fonts(agreement) == {"DejaVuSans", "DejaVuSans-Bold"}


def test_the_fillable_agreement_draws_the_names_in_its_fields(tmp_path: Path) -> None:
    pdf = render_agreement(with_rtl_names(sample_agreement()), fillable=True)
    text = copied(pdf, tmp_path)
    assert TRAINEE in text
    assert MENTOR in text  # the mentor's name is a form field, drawn by draw_text
    assert embedded_fonts(pdf) <= {"DejaVuSans", "DejaVuSans-Bold", "DejaVuSans-Oblique"}


def test_the_amendment_and_the_certificate_copy_out_the_names(tmp_path: Path) -> None:
    amendment = render_amendment(
        with_rtl_names(sample_agreement()),
        with_rtl_names(sample_amended()),
        number=1,
        reason="More time for the final report.",
        agreed_on=date(2027, 3, 20),
    )
    assert f"Agreement for Traineeships of {TRAINEE}, version 2" in copied(amendment, tmp_path)

    certificate = render_certificate(sample_certificate(trainee_name=TRAINEE))
    text = copied(certificate, tmp_path)
    # Poppler puts the space after a right-to-left run inside its embedding marks.
    assert re.search(f"certifies that {TRAINEE} ?carried out", text)
