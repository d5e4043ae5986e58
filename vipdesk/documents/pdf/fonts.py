"""The fonts of vipdesk's PDFs, and text that prints exactly what people typed.

DejaVu Sans (shipped in resources/fonts/) is embedded as a subset: Latin with all diacritics,
Greek, Cyrillic, Hebrew and Arabic print and copy out as typed. A character DejaVu lacks is
drawn, glyph by glyph, from the first shipped fallback face that has it (Droid Sans Fallback for
Chinese and Japanese, Nanum Gothic for Korean, Noto Sans Devanagari, Noto Sans Thai), each
embedded as a subset too, so that any reader prints and copies out a name in any of them.
Hebrew and Arabic print right to left, Arabic letters joined. reportlab shapes and reorders
only with uharfbuzz and ReportLab's own rlbidi (not on PyPI), and only in paragraph styles set
up for it; instead `visual` turns each line into the order and letter forms it is drawn in
(python-bidi, arabic-reshaper; DejaVu has all Arabic presentation forms), so every paragraph and
canvas line gets it, and poppler or a PDF viewer read the text back in logical order.
Devanagari and Thai are shaped with HarfBuzz (`shaping`): conjuncts, reordered vowel signs and
stacked marks print as in the face, and a reader copies out the letters as typed.
"""

from __future__ import annotations

import re
import threading
import unicodedata
from collections.abc import Iterator
from functools import cache, lru_cache
from typing import Any
from xml.sax.saxutils import escape

from reportlab import rl_config
from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus.tables import CellStyle

from vipdesk.documents.pdf.shaping import glyphs
from vipdesk.resources import resources_dir

FONT = "VipdeskSans"
FONT_BOLD = "VipdeskSans-Bold"
FONT_ITALIC = "VipdeskSans-Oblique"

_FILES = {
    FONT: "DejaVuSans.ttf",
    FONT_BOLD: "DejaVuSans-Bold.ttf",
    FONT_ITALIC: "DejaVuSans-Oblique.ttf",
}
# Faces for what DejaVu lacks, in the order they are tried; each is read on first need.
FONT_CJK = "VipdeskCJK"
FONT_HANGUL = "VipdeskHangul"
_FALLBACKS = {
    FONT_CJK: "DroidSansFallbackFull.ttf",  # Chinese (simplified, traditional), Japanese
    FONT_HANGUL: "NanumGothic.ttf",  # Korean: hangul, and hanja beside it
    "VipdeskDevanagari": "NotoSansDevanagari-Regular.ttf",
    "VipdeskThai": "NotoSansThai-Regular.ttf",
}
# Bold faces of fallbacks that have one (Droid and Nanum Gothic print bold text regular).
_BOLD = {
    "VipdeskDevanagari": "NotoSansDevanagari-Bold.ttf",
    "VipdeskThai": "NotoSansThai-Bold.ttf",
}
_SHAPED = frozenset(("VipdeskDevanagari", "VipdeskThai"))  # scripts drawn as HarfBuzz shapes
# Marks and joiners stay in the face of the letter they belong to.
_ATTACHED = frozenset(("Mn", "Mc", "Me", "Cf"))
_lock = threading.Lock()

# Hebrew, Arabic with its supplements, and their presentation forms (U+FEFF, the byte order
# mark, is not one of them).
_RTL_CHARS = "\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefe"
_RTL = re.compile(f"[{_RTL_CHARS}]")
_ARABIC = re.compile("[\u0600-\u08ff]")
_SPACES_IN_RTL = re.compile(f"(?<=[{_RTL_CHARS}]) +(?=[{_RTL_CHARS}])")
# A line of a ToUnicode CMap that maps a font code to an Arabic presentation form
# (U+FB50 to U+FDFF, U+FE70 to U+FEFF).
_PRESENTATION_FORM = re.compile(
    r"^(<[0-9A-F]{2}>) <(F(?:B[5-9A-F]|[CD][0-9A-F]|E[7-9A-F])[0-9A-F])>$", re.MULTILINE
)
# ... or to a private-use code (U+E000 to U+F8FF), which `shaping` gives a shaped glyph.
_PRIVATE_CODE = re.compile(r"^(<[0-9A-F]{2}>) <((?:E[0-9A-F]|F[0-8])[0-9A-F]{2})>$", re.MULTILINE)


def _typed_letter(match: re.Match[str]) -> str:
    letter = unicodedata.normalize("NFKC", chr(int(match[2], 16)))
    # Ligatures (lam-alef) keep their code: readers disagree on the order of the letters
    # of a right-to-left ligature (poppler reverses them); U+FEFB normalises to lam, alef.
    return f"{match[1]} <{ord(letter):04X}>" if len(letter) == 1 else match[0]


class _Font(TTFont):  # type: ignore[misc]  # reportlab has no type hints
    """A face whose drawn glyphs copy out as the letters people typed.

    `visual` draws Arabic in presentation forms (e.g. U+FEE3, meem initial), and `shaping`
    draws Devanagari and Thai with private-use codes; the font's ToUnicode map is rewritten
    so that text extraction and search see plain U+0645, or the typed cluster (`spoken`).
    (reportlab builds that map inside `addObjects`; the streams are found by their names.)
    """

    def __init__(self, name: str, path: str) -> None:
        super().__init__(name, path)
        self.spoken: dict[int, str] = {}  # private-use code → the text it copies out as

    def addObjects(self, doc: Any) -> None:  # noqa: N802  # reportlab's name
        super().addObjects(doc)
        face = self.face.name.decode("latin-1")
        for name, stream in doc.idToObject.items():
            if not (name.startswith("toUnicodeCMap:") and name.endswith(face)):
                continue
            if " <F" in stream.content:
                stream.content = _PRESENTATION_FORM.sub(_typed_letter, stream.content)
            if self.spoken:
                stream.content = _PRIVATE_CODE.sub(self._spoken_text, stream.content)

    def _spoken_text(self, match: re.Match[str]) -> str:
        text = self.spoken.get(int(match[2], 16))
        if text is None:
            return match[0]
        return f"{match[1]} <{text.encode('utf-16-be').hex().upper()}>"


@cache
def _registered() -> frozenset[int]:
    """Register the fonts with reportlab (once per process); the code points DejaVu covers."""
    # Binary streams instead of ASCII85 text: a fifth faster, a little smaller, and read by
    # every PDF reader (ASCII85 only mattered for 7-bit mail transports of the 1990s).
    rl_config.useA85 = 0
    # Every canvas and table cell starts in our face, not in a non-embedded Helvetica a reader
    # must supply (reportlab reads its base font once, when its modules are imported).
    rl_config.canvas_basefontname = FONT
    CellStyle.fontname = FONT
    folder = resources_dir() / "fonts"
    for name, file in _FILES.items():
        pdfmetrics.registerFont(_Font(name, str(folder / file)))
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
def _fallback_face(name: str) -> frozenset[int]:
    """Register one fallback face (once), and its bold face; the code points it covers."""
    folder = resources_dir() / "fonts"
    font = _Font(name, str(folder / _FALLBACKS[name]))
    pdfmetrics.registerFont(font)
    bold = _bold(name)
    if name in _BOLD:
        pdfmetrics.registerFont(_Font(bold, str(folder / _BOLD[name])))
    # <b> in paragraph markup, and a bold paragraph style, pick the bold face.
    addMapping(name, 0, 0, name)
    addMapping(name, 1, 0, bold)
    addMapping(name, 0, 1, name)
    addMapping(name, 1, 1, bold)
    return frozenset(font.face.charToGlyph)


def _bold(name: str) -> str:
    return f"{name}-Bold" if name in _BOLD else name


def _is_hangul(code: int) -> bool:
    return 0xAC00 <= code <= 0xD7AF or 0x1100 <= code <= 0x11FF or 0x3130 <= code <= 0x318F


@lru_cache(maxsize=4096)
def _fallback_for(code: int, korean: bool) -> str | None:
    """The first fallback face with a glyph for `code`; in Korean text, ideographs (hanja)
    come from the Korean face, so that a name is drawn in one style."""
    order = list(_FALLBACKS)
    if korean:
        order.remove(FONT_HANGUL)
        order.insert(0, FONT_HANGUL)
    with _lock:
        return next((name for name in order if code in _fallback_face(name)), None)


@cache
def _reshaper() -> Any:
    # Imported on first use: a document without Arabic does not pay the 10 ms.
    from arabic_reshaper import ArabicReshaper  # type: ignore[import-untyped]

    # Keep the vowel marks people typed (a name is not ours to shorten), and no word ligatures:
    # "Abdullah" is spelled out letter by letter, as typed, not as the ligature for God.
    return ArabicReshaper(configuration={"delete_harakat": False, "ARABIC LIGATURE ALLAH": False})


def visual(text: str, *, keep_together: bool = False) -> str:
    """`text` as it is drawn from left to right: Arabic letters in their joined forms, and runs
    of Hebrew or Arabic reversed (Unicode bidi algorithm, left-to-right base as the document).

    Text without right-to-left letters is returned as it is, at the cost of one regex search.
    With `keep_together`, the spaces inside a right-to-left run become no-break spaces: a
    paragraph that wrapped the visual line would put the run's last word on the first line.
    """
    if not _RTL.search(text):
        return text
    lines = text.replace("\r\n", "\n").split("\n")
    return "\n".join(_visual_line(line, keep_together) for line in lines)


@lru_cache(maxsize=2048)
def _visual_line(line: str, keep_together: bool) -> str:
    from bidi import get_display  # type: ignore[import-untyped]

    if _ARABIC.search(line):
        line = _reshaper().reshape(line)
        covered = _registered()
        if not covered.issuperset(map(ord, line)):
            # A joined form DejaVu lacks (rare Persian or Urdu letters) prints unjoined.
            line = "".join(
                c if ord(c) in covered else unicodedata.normalize("NFKC", c) for c in line
            )
    if keep_together:
        line = _SPACES_IN_RTL.sub(lambda match: "\xa0" * len(match.group()), line)
    return str(get_display(line, base_dir="L"))


def runs(text: str, font: str = FONT) -> Iterator[tuple[str, str]]:
    """Split `text` into (piece, font name): DejaVu where it has the glyphs, else the first
    fallback face that has them (see `_FALLBACKS`); a character no face has stays in `font`.
    A piece in Devanagari or Thai is the codes of its shaped glyphs (`shaping.glyphs`)."""
    covered = _registered()
    if covered.issuperset(map(ord, text)):  # the usual case, at C speed
        if text:
            yield text, font
        return
    korean = any(_is_hangul(ord(char)) for char in text)
    current: list[str] = []
    current_font = font
    for char in text:
        code = ord(char)
        # Line breaks and spaces stay with the text around them: they are not drawn.
        drawn_elsewhere = code not in covered and not char.isspace()
        wanted = (_fallback_for(code, korean) or font) if drawn_elsewhere else font
        if (
            current_font in _FALLBACKS
            and unicodedata.category(char) in _ATTACHED
            and code in _fallback_face(current_font)
        ):
            wanted = current_font  # a joiner DejaVu has joins the letters of its neighbours
        if current and wanted != current_font:
            yield _drawn("".join(current), current_font, font)
            current = []
        current.append(char)
        current_font = wanted
    if current:
        yield _drawn("".join(current), current_font, font)


def _drawn(text: str, face: str, font: str) -> tuple[str, str]:
    """A piece of `runs`: in a shaped face, its glyph codes; with a bold `font`, in the
    fallback's bold face."""
    if face not in _FALLBACKS:
        return text, face
    drawn = glyphs(text, face, _bold(face) if face in _BOLD else None) if face in _SHAPED else text
    return drawn, _bold(face) if font == FONT_BOLD else face


def markup(text: str) -> str:
    """Paragraph markup that prints `text` literally: '<b>' stays '<b>', line breaks stay,
    Hebrew and Arabic right to left (see `visual`)."""
    pieces = []
    for piece, font in runs(visual(text, keep_together=True)):
        escaped = escape(piece).replace("\r\n", "\n").replace("\n", "<br/>")
        pieces.append(escaped if font == FONT else f'<font name="{font}">{escaped}</font>')
    return "".join(pieces)


def text_width(text: str, font: str, size: float) -> float:
    """The width of `text` as `draw_text` draws it (joined Arabic letters are narrower)."""
    pieces = runs(visual(text), font)
    return float(sum(pdfmetrics.stringWidth(piece, f, size) for piece, f in pieces))


def draw_text(canvas: Canvas, x: float, y: float, text: str, font: str, size: float) -> None:
    """Draw one line at (x, y), switching fonts for the characters DejaVu lacks."""
    for piece, f in runs(visual(text), font):
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
