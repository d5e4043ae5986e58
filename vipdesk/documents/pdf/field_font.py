"""The font a PDF reader types form fields in: DejaVu Sans, embedded whole.

A reader that rebuilds a field's appearance after someone types in it (poppler, Acrobat, a
browser) takes the font named by the field's /DA from the form's /DR. A standard Helvetica
there is not embedded, and poppler drops every Greek or Cyrillic letter typed into it. A
subset would lack the letters nobody typed yet, so the whole face goes in once per file, as a
Type 0 font with Identity-H encoding (glyph ids as codes, a ToUnicode map to read them back):
about 380 kB compressed.

reportlab's AcroForm only knows the 14 standard fonts, so the font's objects are added to the
document here and entered in its `fonts` table, which reportlab writes as /DR.
"""

from __future__ import annotations

import zlib
from functools import cache

from reportlab.pdfbase.pdfdoc import (
    PDFArray,
    PDFDictionary,
    PDFName,
    PDFStream,
    PDFString,
)
from reportlab.pdfbase.ttfonts import TTFontFile
from reportlab.pdfgen.canvas import Canvas

from vipdesk.resources import resources_dir

FIELD_FONT = "VipF"  # its name in /DR, as /DA refers to it
_FILE = "DejaVuSans.ttf"
_BASE_FONT = "DejaVuSans"
_CMAP_BLOCK = 100  # a ToUnicode bfchar section holds at most 100 entries


@cache
def _face() -> tuple[TTFontFile, bytes, int]:
    """The parsed face, its file compressed once per process, and the file's length."""
    data = (resources_dir() / "fonts" / _FILE).read_bytes()
    return TTFontFile(str(resources_dir() / "fonts" / _FILE)), zlib.compress(data, 6), len(data)


def _stream(data: bytes, extra: dict[str, object] | None = None) -> PDFStream:
    """A stream already deflated: with its /Filter set, reportlab writes the bytes as given."""
    return PDFStream(PDFDictionary({"Filter": PDFName("FlateDecode"), **(extra or {})}), data)


def _widths(face: TTFontFile) -> PDFArray:
    """The advance of every glyph, in thousandths of the em, from glyph 0 on."""
    scale = 1000 / face.unitsPerEm
    return PDFArray([0, PDFArray([round(advance * scale) for advance, _ in face.hmetrics])])


@cache
def _to_unicode() -> bytes:
    """A CMap from each glyph id to the character it draws, deflated."""
    face = _face()[0]
    pairs = sorted((glyph, min(chars)) for glyph, chars in face.glyphToChar.items() if glyph)
    lines = [
        "/CIDInit /ProcSet findresource begin 12 dict begin begincmap",
        "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def",
        "/CMapName /Adobe-Identity-UCS def /CMapType 2 def",
        "1 begincodespacerange <0000> <FFFF> endcodespacerange",
    ]
    for start in range(0, len(pairs), _CMAP_BLOCK):
        block = pairs[start : start + _CMAP_BLOCK]
        lines.append(f"{len(block)} beginbfchar")
        lines += [f"<{g:04X}> <{chr(c).encode('utf-16-be').hex().upper()}>" for g, c in block]
        lines.append("endbfchar")
    lines.append("endcmap CMapName currentdict /CMap defineresource pop end end")
    return zlib.compress("\n".join(lines).encode("ascii"), 6)


def add_field_font(canvas: Canvas) -> str:
    """Put the field font in this document's form resources (once); its /DR name."""
    form = canvas.acroForm
    if FIELD_FONT in form.fonts:
        return FIELD_FONT
    face, compressed, length = _face()
    doc = canvas._doc
    x0, y0, x1, y1 = (round(v) for v in face.bbox)
    descriptor = PDFDictionary(
        {
            "Type": PDFName("FontDescriptor"),
            "FontName": PDFName(_BASE_FONT),
            "Flags": face.flags,
            "FontBBox": PDFArray([x0, y0, x1, y1]),
            "ItalicAngle": face.italicAngle,
            "Ascent": round(face.ascent),
            "Descent": round(face.descent),
            "CapHeight": round(face.capHeight),
            "StemV": face.stemV,
            "FontFile2": doc.Reference(_stream(compressed, {"Length1": length})),
        }
    )
    descendant = PDFDictionary(
        {
            "Type": PDFName("Font"),
            "Subtype": PDFName("CIDFontType2"),
            "BaseFont": PDFName(_BASE_FONT),
            "CIDSystemInfo": PDFDictionary(
                {"Registry": PDFString("Adobe"), "Ordering": PDFString("Identity"), "Supplement": 0}
            ),
            "FontDescriptor": doc.Reference(descriptor),
            "W": _widths(face),
            "CIDToGIDMap": PDFName("Identity"),
        }
    )
    font = PDFDictionary(
        {
            "Type": PDFName("Font"),
            "Subtype": PDFName("Type0"),
            "BaseFont": PDFName(_BASE_FONT),
            "Encoding": PDFName("Identity-H"),
            "DescendantFonts": PDFArray([doc.Reference(descendant)]),
            "ToUnicode": doc.Reference(_stream(_to_unicode())),
        }
    )
    form.fonts[FIELD_FONT] = form.getRefStr(font)
    return FIELD_FONT
