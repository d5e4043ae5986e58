"""Devanagari and Thai as HarfBuzz draws them: conjuncts, reordered vowel signs, stacked marks.

reportlab shapes only inside paragraph styles set up for it, and its shaped glyphs copy out as
private-use characters. Instead `glyphs` turns a run of text into a string of codes, one per
glyph, that any paragraph or canvas draws as it is: a glyph's own character where it has
one, else a private-use code the face is taught (`_Font.spoken` in `fonts`). The font's
ToUnicode map gives each private code the typed text of its cluster — the whole cluster on
the cluster's first glyph, nothing on the others — so that a reader copies out "शर्मा" although
the reph is drawn last. Mark offsets from GPOS are left out: the marks of the shipped faces
are drawn well from their default positions (a test renders them).
"""

from __future__ import annotations

import threading
from functools import cache, lru_cache
from typing import Any

import uharfbuzz  # type: ignore[import-untyped]  # no type hints
from reportlab.pdfbase import pdfmetrics

_PRIVATE_USE = range(0xE000, 0xF900)
_lock = threading.Lock()


@cache
def _harfbuzz(name: str) -> tuple[Any, float]:
    """HarfBuzz's view of the registered face `name`, and its scale to 1000 units per em."""
    face = pdfmetrics.getFont(name).face
    font = uharfbuzz.Font(uharfbuzz.Face(uharfbuzz.Blob(face._ttf_data)))
    return font, 1000 / face.unitsPerEm


@lru_cache(maxsize=4096)
def glyphs(text: str, regular: str, bold: str | None) -> str:
    """`text` as the codes of the glyphs HarfBuzz draws it with in face `regular`; each code
    draws the same glyph in face `bold`, so that a bold paragraph style can pick it."""
    font, scale = _harfbuzz(regular)
    buffer = uharfbuzz.Buffer()
    buffer.add_str(text)
    buffer.guess_segment_properties()
    buffer.cluster_level = uharfbuzz.BufferClusterLevel.MONOTONE_CHARACTERS
    uharfbuzz.shape(font, buffer, {})
    starts: list[int] = []
    clusters: list[list[tuple[int, int]]] = []
    for info, position in zip(buffer.glyph_infos, buffer.glyph_positions, strict=True):
        if not starts or info.cluster != starts[-1]:
            starts.append(info.cluster)
            clusters.append([])
        clusters[-1].append((info.codepoint, position.x_advance))
    own_glyph = pdfmetrics.getFont(regular).face.charToGlyph
    ends = [*starts[1:], len(text)]
    out = []
    for start, end, cluster in zip(starts, ends, clusters, strict=True):
        typed = text[start:end]
        if [own_glyph.get(ord(char)) for char in typed] == [gid for gid, _width in cluster]:
            out.append(typed)  # drawn letter by letter: the letters are the codes
            continue
        for number, (gid, advance) in enumerate(cluster):
            spoken = typed if number == 0 else ""
            out.append(chr(_private_code(regular, bold, gid, spoken, round(advance * scale))))
    return "".join(out)


@cache
def _private_code(regular: str, bold: str | None, gid: int, spoken: str, width: int) -> int:
    """A private-use code that draws glyph `gid` (and the bold glyph of the same name) and
    copies out as `spoken`."""
    with _lock:
        font = pdfmetrics.getFont(regular)
        code = next(c for c in _PRIVATE_USE if c not in font.face.charToGlyph)
        _teach(font, code, gid, spoken, width)
        if bold:
            name = _harfbuzz(regular)[0].glyph_to_string(gid)
            bold_font, bold_scale = _harfbuzz(bold)
            bold_gid = bold_font.glyph_from_string(name) or gid
            bold_width = round(bold_font.get_glyph_h_advance(bold_gid) * bold_scale)
            _teach(pdfmetrics.getFont(bold), code, bold_gid, spoken, bold_width if width else 0)
        return code


def _teach(font: Any, code: int, gid: int, spoken: str, width: int) -> None:
    font.face.charToGlyph[code] = gid
    font.face.charWidths[code] = width
    font.spoken[code] = spoken
