"""The fonts of vipdesk's PDFs, and text that prints exactly what people typed.

DejaVu Sans (shipped in resources/fonts/) is embedded as a subset: Latin with all diacritics,
Greek and Cyrillic print and copy out as typed. Chinese, Japanese and Korean, which DejaVu lacks,
fall back to the CID fonts every PDF reader knows (not embedded; they copy out as text too).
Other scripts DejaVu lacks print as empty boxes.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from functools import cache
from xml.sax.saxutils import escape

from reportlab import rl_config
from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas

from vipdesk.resources import resources_dir

FONT = "VipdeskSans"
FONT_BOLD = "VipdeskSans-Bold"
FONT_ITALIC = "VipdeskSans-Oblique"

_FILES = {
    FONT: "DejaVuSans.ttf",
    FONT_BOLD: "DejaVuSans-Bold.ttf",
    FONT_ITALIC: "DejaVuSans-Oblique.ttf",
}
_CJK_FONTS = {"ja": "HeiseiKakuGo-W5", "ko": "HYGothic-Medium", "zh": "STSong-Light"}
_lock = threading.Lock()


@cache
def _registered() -> frozenset[int]:
    """Register the fonts with reportlab (once per process); the code points DejaVu covers."""
    # Binary streams instead of ASCII85 text: a fifth faster, a little smaller, and read by
    # every PDF reader (ASCII85 only mattered for 7-bit mail transports of the 1990s).
    rl_config.useA85 = 0
    folder = resources_dir() / "fonts"
    for name, file in _FILES.items():
        pdfmetrics.registerFont(TTFont(name, str(folder / file)))
    # <b> and <i> in paragraph markup pick the bold and oblique faces.
    addMapping(FONT, 0, 0, FONT)
    addMapping(FONT, 1, 0, FONT_BOLD)
    addMapping(FONT, 0, 1, FONT_ITALIC)
    addMapping(FONT, 1, 1, FONT_BOLD)
    face = pdfmetrics.getFont(FONT).face
    return frozenset(face.charToGlyph)


def register_fonts() -> None:
    """Make the fonts known to reportlab; cheap after the first call, safe from any thread."""
    with _lock:
        _registered()


@cache
def _cjk_font(language: str) -> str:
    name = _CJK_FONTS[language]
    pdfmetrics.registerFont(UnicodeCIDFont(name))
    return name


def _cjk_language(char: str) -> str | None:
    code = ord(char)
    if 0x3040 <= code <= 0x30FF or 0x31F0 <= code <= 0x31FF:
        return "ja"  # kana
    if 0xAC00 <= code <= 0xD7AF or 0x1100 <= code <= 0x11FF or 0x3130 <= code <= 0x318F:
        return "ko"  # hangul
    if 0x3400 <= code <= 0x9FFF or 0xF900 <= code <= 0xFAFF or 0x3000 <= code <= 0x303F:
        return "zh"  # CJK ideographs and punctuation
    return None


def runs(text: str, font: str = FONT) -> Iterator[tuple[str, str]]:
    """Split `text` into (piece, font name): DejaVu where it has the glyphs, else a CJK font.

    Ideographs are read as Japanese when the text also holds kana, as Korean when it holds
    hangul, and as Chinese otherwise (a name like 小林 さくら is Japanese throughout).
    """
    covered = _registered()
    if covered.issuperset(map(ord, text)):  # the usual case, at C speed
        if text:
            yield text, font
        return
    scripts = {_cjk_language(char) for char in text if ord(char) not in covered}
    language = "ja" if "ja" in scripts else "ko" if "ko" in scripts else "zh"
    current: list[str] = []
    current_font = font
    for char in text:
        wanted = font
        if ord(char) not in covered and _cjk_language(char) is not None:
            wanted = _cjk_font(language)
        if current and wanted != current_font:
            yield "".join(current), current_font
            current = []
        current.append(char)
        current_font = wanted
    if current:
        yield "".join(current), current_font


def markup(text: str) -> str:
    """Paragraph markup that prints `text` literally: '<b>' stays '<b>', line breaks stay."""
    pieces = []
    for piece, font in runs(text):
        escaped = escape(piece).replace("\r\n", "\n").replace("\n", "<br/>")
        pieces.append(escaped if font == FONT else f'<font name="{font}">{escaped}</font>')
    return "".join(pieces)


def text_width(text: str, font: str, size: float) -> float:
    return float(sum(pdfmetrics.stringWidth(piece, f, size) for piece, f in runs(text, font)))


def draw_text(canvas: Canvas, x: float, y: float, text: str, font: str, size: float) -> None:
    """Draw one line at (x, y), switching fonts for the characters DejaVu lacks."""
    for piece, f in runs(text, font):
        canvas.setFont(f, size)
        canvas.drawString(x, y, piece)
        x += pdfmetrics.stringWidth(piece, f, size)


def wrap(text: str, font: str, size: float, width: float) -> list[str]:
    """Lines of `text` that fit `width` (breaking at spaces; a long word is cut)."""
    lines: list[str] = []
    for paragraph in text.replace("\r\n", "\n").split("\n"):
        line = ""
        for word in paragraph.split(" "):
            candidate = f"{line} {word}" if line else word
            if text_width(candidate, font, size) <= width:
                line = candidate
                continue
            if line:
                lines.append(line)
            while text_width(word, font, size) > width and len(word) > 1:
                cut = len(word) - 1
                while cut > 1 and text_width(word[:cut], font, size) > width:
                    cut -= 1
                lines.append(word[:cut])
                word = word[cut:]
            line = word
        lines.append(line)
    return lines
