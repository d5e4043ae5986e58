"""The look of the agreement: styles, tables of labels and values, page header and footer.

A sober A4 layout a legal department recognises: numbered sections, ruled tables with the
labels on a grey column, the reference on every page and "page x of y" in the footer.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from functools import cache
from typing import TypeAlias

from babel.dates import format_date
from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, Paragraph, SimpleDocTemplate, Table, TableStyle
from reportlab.platypus.doctemplate import BaseDocTemplate

from vipdesk.documents.agreement.texts import current_language
from vipdesk.documents.pdf.breaks import break_addresses
from vipdesk.documents.pdf.document import (
    DocumentInfo,
    canvas_class,
    draw_page_count,
    info_kwargs,
)
from vipdesk.documents.pdf.fonts import (
    FONT,
    FONT_BOLD,
    draw_text,
    markup,
    register_fonts,
    text_width,
)
from vipdesk.languages import ENGLISH

PAGE_WIDTH, PAGE_HEIGHT = A4
MARGIN_X = 20 * mm
MARGIN_TOP = 24 * mm
MARGIN_BOTTOM = 20 * mm
CONTENT_WIDTH = PAGE_WIDTH - 2 * MARGIN_X
# A form field cannot split over pages: a taller one scrolls in the reader instead (about
# two thirds of a page), so that a long list in a field never makes the layout fail.
MAX_FIELD_LINES = 40
LABEL_WIDTH = 46 * mm
CELL_PADDING = 4

INK = colors.Color(0.11, 0.13, 0.16)
ACCENT = colors.Color(0.12, 0.23, 0.37)
MUTED = colors.Color(0.42, 0.45, 0.5)
RULE = colors.Color(0.78, 0.8, 0.84)
LABEL_BACKGROUND = colors.Color(0.95, 0.96, 0.97)
NOTE_BACKGROUND = colors.Color(0.93, 0.96, 1.0)

EMPTY = "—"
_MONTHS = (
    *("January", "February", "March", "April", "May", "June"),
    *("July", "August", "September", "October", "November", "December"),
)


def long_date(day: date | None) -> str:
    """'1 February 2027' in English whatever the machine's locale; in the agreement's language
    (`texts.agreement_language`) its own way, as babel writes it: '4. Dezember 2026'."""
    return _written(day, short=False)


def short_date(day: date | None) -> str:
    """'1 Feb 2027'; in the agreement's language babel's medium form: '01.02.2027'."""
    return _written(day, short=True)


def _written(day: date | None, *, short: bool) -> str:
    if day is None:
        return EMPTY
    language = current_language()
    if language == ENGLISH:
        month = _MONTHS[day.month - 1]
        return f"{day.day} {month[:3] if short else month} {day.year}"
    return format_date(day, format="medium" if short else "long", locale=language)


@dataclass(frozen=True)
class Styles:
    body: ParagraphStyle
    cell: ParagraphStyle
    label: ParagraphStyle
    muted: ParagraphStyle
    bullet: ParagraphStyle
    title: ParagraphStyle
    section: ParagraphStyle
    subsection: ParagraphStyle
    note: ParagraphStyle


@cache
def styles() -> Styles:
    body = ParagraphStyle(
        "body", fontName=FONT, fontSize=9, leading=12.2, textColor=INK, alignment=TA_LEFT,
        bulletFontName=FONT,  # reportlab's default is a Helvetica no reader is given
    )  # fmt: skip
    cell = ParagraphStyle("cell", parent=body, fontSize=8.5, leading=11)
    return Styles(
        body=body,
        cell=cell,
        label=ParagraphStyle("label", parent=cell, fontName=FONT_BOLD, textColor=ACCENT),
        # Grey, not italic: a third embedded font would cost a tenth of the time and size.
        muted=ParagraphStyle("muted", parent=cell, textColor=MUTED),
        bullet=ParagraphStyle("bullet", parent=cell, leftIndent=9, bulletIndent=0),
        title=ParagraphStyle(
            "title", parent=body, fontName=FONT_BOLD, fontSize=14, leading=18, textColor=ACCENT
        ),
        section=ParagraphStyle(
            "section",
            parent=body,
            fontName=FONT_BOLD,
            fontSize=11,
            leading=14,
            textColor=ACCENT,
            spaceBefore=10,
            spaceAfter=5,
            keepWithNext=True,
        ),
        subsection=ParagraphStyle(
            "subsection",
            parent=body,
            fontName=FONT_BOLD,
            fontSize=9,
            leading=12,
            textColor=ACCENT,
            spaceBefore=7,
            spaceAfter=3,
            keepWithNext=True,
        ),
        note=ParagraphStyle("note", parent=body, fontSize=8.5, leading=11.5),
    )


def para(text: str, style: ParagraphStyle | None = None, width: float = CONTENT_WIDTH) -> Paragraph:
    """A paragraph that prints `text` exactly as typed (no markup); '—' when empty.

    Set in `width` (the page's text width unless given: a table cell's is narrower), a long
    e-mail or web address wraps after '@' or '/', not wherever the line ends (see
    `break_addresses`)."""
    chosen = style or styles().cell
    if not text.strip():
        return Paragraph(EMPTY, styles().muted)
    text = break_addresses(
        text, chosen.fontName, chosen.fontSize, width - chosen.leftIndent - chosen.rightIndent
    )
    return Paragraph(markup(text), chosen)


def fitted(text: str, width: float, style: ParagraphStyle | None = None) -> Paragraph:
    """One line that fits `width`: the font shrinks (to 6.5 pt) rather than break a word,
    e.g. a long e-mail address."""
    chosen = style or styles().cell
    size = chosen.fontSize
    while size > 6.5 and text_width(text, chosen.fontName, size) > width:
        size -= 0.25
    if size != chosen.fontSize:
        chosen = ParagraphStyle(f"{chosen.name}-{size}", parent=chosen, fontSize=size)
    return para(text, chosen, width)


def bullets(
    items: Sequence[str], style: ParagraphStyle | None = None, width: float = CONTENT_WIDTH
) -> list[Flowable]:
    """A bulleted list set in `width`; addresses in it wrap as in `para`."""
    chosen = style or styles().bullet
    width -= chosen.leftIndent + chosen.rightIndent
    return [
        Paragraph(
            markup(break_addresses(item, chosen.fontName, chosen.fontSize, width)),
            chosen,
            bulletText="•",
        )
        for item in items
        if item.strip()
    ]


Cell: TypeAlias = str | Flowable | list[Flowable]


def _cell(value: Cell, column: float) -> Flowable | list[Flowable]:
    return para(value, width=column - 2 * CELL_PADDING) if isinstance(value, str) else value


_GRID = [
    ("FONT", (0, 0), (-1, -1), FONT, 8.5),
    ("VALIGN", (0, 0), (-1, -1), "TOP"),
    ("LINEABOVE", (0, 0), (-1, 0), 0.6, RULE),
    ("LINEBELOW", (0, 0), (-1, -1), 0.6, RULE),
    ("LEFTPADDING", (0, 0), (-1, -1), CELL_PADDING),
    ("RIGHTPADDING", (0, 0), (-1, -1), CELL_PADDING),
    ("TOPPADDING", (0, 0), (-1, -1), 3),
    ("BOTTOMPADDING", (0, 0), (-1, -1), 3.5),
]


def label_table(rows: Sequence[tuple[str, Cell]], heading: str | None = None) -> Table:
    """Labels in a grey column on the left, values on the right; an optional heading row."""
    data: list[list[Flowable | list[Flowable] | str]] = []
    commands = list(_GRID)
    if heading:
        data.append([Paragraph(markup(heading), styles().label), ""])
        commands += [
            ("SPAN", (0, 0), (1, 0)),
            ("BACKGROUND", (0, 0), (1, 0), LABEL_BACKGROUND),
            ("LINEBELOW", (0, 0), (1, 0), 0.9, ACCENT),
        ]
    first = len(data)
    data += [
        [Paragraph(markup(label), styles().label), _cell(value, CONTENT_WIDTH - LABEL_WIDTH)]
        for label, value in rows
    ]
    commands.append(("BACKGROUND", (0, first), (0, -1), LABEL_BACKGROUND))
    # splitInRow: a value taller than a page (a long description) flows on to the next page
    # instead of failing with reportlab's LayoutError.
    table = Table(
        data, colWidths=[LABEL_WIDTH, CONTENT_WIDTH - LABEL_WIDTH], hAlign="LEFT", splitInRow=1
    )
    table.setStyle(TableStyle(commands))
    return table


def grid_table(
    headings: Sequence[str], rows: Sequence[Sequence[Cell]], widths: Sequence[float]
) -> Table:
    """A table with a heading row that repeats on the next page when the table splits."""
    data: list[list[Flowable | list[Flowable]]] = [
        [Paragraph(markup(h), styles().label) for h in headings]
    ]
    data += [
        [_cell(value, width) for value, width in zip(row, widths, strict=True)] for row in rows
    ]
    # splitInRow: a row taller than a page (a very long task) flows on, as in `label_table`.
    table = Table(data, colWidths=list(widths), repeatRows=1, hAlign="LEFT", splitInRow=1)
    table.setStyle(
        TableStyle(
            [
                *_GRID,
                ("BACKGROUND", (0, 0), (-1, 0), LABEL_BACKGROUND),
                ("LINEBELOW", (0, 0), (-1, 0), 0.9, ACCENT),
            ]
        )
    )
    return table


def note_box(flowables: list[Flowable]) -> Table:
    """A tinted box for instructions to the reader."""
    table = Table([[flowables]], colWidths=[CONTENT_WIDTH], hAlign="LEFT")
    table.setStyle(
        TableStyle(
            [
                ("BACKGROUND", (0, 0), (-1, -1), NOTE_BACKGROUND),
                ("BOX", (0, 0), (-1, -1), 0.6, colors.Color(0.62, 0.72, 0.86)),
                ("LEFTPADDING", (0, 0), (-1, -1), 7),
                ("RIGHTPADDING", (0, 0), (-1, -1), 7),
                ("TOPPADDING", (0, 0), (-1, -1), 5),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 6),
            ]
        )
    )
    return table


def _fit(text: str, font: str, size: float, width: float) -> str:
    if text_width(text, font, size) <= width:
        return text
    while text and text_width(text + "…", font, size) > width:
        text = text[:-1]
    return text.rstrip() + "…"


def page_decorator(
    header_left: str,
    header_right: str,
    footer_left: str,
    *,
    watermark: str | None = None,
    page_words: tuple[str, str] = ("Page", "of"),
) -> Callable[..., None]:
    """Draws the running header and the footer with 'Page x of y' (`page_words` in the
    document's language) on every page, and `watermark` (such as DRAFT) large and light across
    it, under the text."""

    def decorate(canvas: Canvas, doc: BaseDocTemplate) -> None:
        canvas.saveState()
        if watermark:
            _draw_watermark(canvas, watermark)
        top = PAGE_HEIGHT - 13 * mm
        right_width = text_width(header_right, FONT, 7.5)
        canvas.setFillColor(ACCENT)
        left = _fit(header_left, FONT_BOLD, 8, CONTENT_WIDTH - right_width - 12)
        draw_text(canvas, MARGIN_X, top, left, FONT_BOLD, 8)
        canvas.setFillColor(MUTED)
        draw_text(canvas, PAGE_WIDTH - MARGIN_X - right_width, top, header_right, FONT, 7.5)
        canvas.setStrokeColor(ACCENT)
        canvas.setLineWidth(0.8)
        canvas.line(MARGIN_X, top - 4, PAGE_WIDTH - MARGIN_X, top - 4)

        bottom = 11 * mm
        canvas.setStrokeColor(RULE)
        canvas.setLineWidth(0.5)
        canvas.line(MARGIN_X, bottom + 9, PAGE_WIDTH - MARGIN_X, bottom + 9)
        canvas.setFillColor(MUTED)
        draw_text(canvas, MARGIN_X, bottom, footer_left, FONT, 7.5)
        # "Page 3 of 12": the total is drawn where the reserved space for two digits starts.
        page_text = f"{page_words[0]} {doc.page} {page_words[1]} "
        count_x = PAGE_WIDTH - MARGIN_X - text_width("00", FONT, 7.5)
        draw_text(canvas, count_x - text_width(page_text, FONT, 7.5), bottom, page_text, FONT, 7.5)
        draw_page_count(canvas, count_x, bottom)
        canvas.restoreState()

    return decorate


def build_pdf(
    story: list[Flowable],
    info: DocumentInfo,
    *,
    header: tuple[str, str],
    footer: str,
    language: str = "en",
    page_words: tuple[str, str] = ("Page", "of"),
) -> bytes:
    """An A4 PDF in the agreement's look: `header` is (institution, title) on every page,
    `footer` the reference line beside "Page x of y" (`page_words`). For the documents that
    follow the agreement (amendments, the certificate), so that all of them look alike;
    `language` is the one the PDF declares to readers and screen readers."""
    register_fonts()
    out = io.BytesIO()
    doc = SimpleDocTemplate(
        out,
        leftMargin=MARGIN_X,
        rightMargin=MARGIN_X,
        topMargin=MARGIN_TOP,
        bottomMargin=MARGIN_BOTTOM,
        lang=language,
        **info_kwargs(info),
    )
    decorate = page_decorator(header[0], header[1], footer, page_words=page_words)
    doc.build(story, onFirstPage=decorate, onLaterPages=decorate, canvasmaker=canvas_class(info))
    return out.getvalue()


WATERMARK_COLOUR = (0.93, 0.82, 0.82)  # light enough to read the text over it


def _draw_watermark(canvas: Canvas, text: str) -> None:
    canvas.saveState()
    canvas.setFillColorRGB(*WATERMARK_COLOUR)
    canvas.translate(PAGE_WIDTH / 2, PAGE_HEIGHT / 2)
    canvas.rotate(50)
    size = min(120.0, 0.9 * PAGE_HEIGHT / max(len(text), 1))
    canvas.setFont(FONT_BOLD, size)
    canvas.drawCentredString(0, -size / 3, text)
    canvas.restoreState()
