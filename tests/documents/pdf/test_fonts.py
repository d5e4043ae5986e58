"""Text that prints exactly as typed, in the font that has its glyphs."""

from __future__ import annotations

from pathlib import Path

import pytest

from vipdesk.documents.files import write_atomically
from vipdesk.documents.pdf.fonts import (
    FONT,
    FONT_CJK,
    FONT_HANGUL,
    markup,
    register_fonts,
    runs,
    text_width,
    wrap,
)
from vipdesk.errors import VipdeskError
from vipdesk.resources import resources_dir


@pytest.fixture(autouse=True)
def _fonts() -> None:
    register_fonts()


def test_markup_escapes_what_people_typed() -> None:
    assert markup("Compare <b>A</b> & B") == "Compare &lt;b&gt;A&lt;/b&gt; &amp; B"
    assert markup("line one\r\nline two") == "line one<br/>line two"


def test_latin_greek_and_cyrillic_stay_in_dejavu() -> None:
    name = "Łukasz Żółć, Ελένη Παπαδοπούλου, Олена Коваленко, Şükrü, Øystein"
    assert list(runs(name)) == [(name, FONT)]


def test_chinese_japanese_and_korean_fall_back_to_embedded_faces() -> None:
    assert list(runs("李娜 (Li Na)")) == [("李娜", FONT_CJK), (" (Li Na)", FONT)]
    assert list(runs("小林 さくら")) == [("小林", FONT_CJK), (" ", FONT), ("さくら", FONT_CJK)]
    # In Korean text the hanja come from the Korean face too: one style for the whole name.
    assert [font for _text, font in runs("김민준")] == [FONT_HANGUL]
    assert [font for _text, font in runs("金 김민준")] == [FONT_HANGUL, FONT, FONT_HANGUL]


def test_wrap_breaks_at_spaces_and_cuts_only_overlong_words() -> None:
    lines = wrap("alpha beta gamma " + "x" * 80, FONT, 9, 60)
    assert lines[:2] == ["alpha beta", "gamma"]
    assert all(text_width(line, FONT, 9) <= 60 for line in lines)
    assert "".join(lines[2:]) == "x" * 80


def test_a_file_that_cannot_be_written_leaves_nothing_behind(tmp_path: Path) -> None:
    with pytest.raises(VipdeskError, match="Cannot write to"):
        write_atomically(tmp_path / "missing" / "agreement.pdf", b"%PDF-")
    target = tmp_path / "agreement.pdf"
    write_atomically(target, b"%PDF-1.4")
    assert [p.name for p in tmp_path.iterdir()] == ["agreement.pdf"]
    assert target.stat().st_mode & 0o777 == 0o644


def test_the_fonts_ship_with_their_licence() -> None:
    folder = resources_dir() / "fonts"
    for face in ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf", "DejaVuSans-Oblique.ttf"):
        assert (folder / face).stat().st_size > 500_000
    assert "Bitstream Vera Fonts Copyright" in (folder / "DejaVu-LICENSE.txt").read_text()


def test_wrap_keeps_right_to_left_lines_in_typed_order() -> None:
    # Form fields wrap the typed text and draw each line with draw_text, which reorders it:
    # the first line must hold the first words, measured in their joined forms.
    text = "أحمد إبراهيم عمر حداد ياسمين بناني"
    lines = wrap(text, FONT, 9, 70)
    assert len(lines) > 1
    assert " ".join(lines) == text
    assert lines[0].startswith("أحمد")
    assert all(text_width(line, FONT, 9) <= 70 for line in lines)
