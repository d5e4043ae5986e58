"""What every vipdesk PDF shares: document properties with private keys, "page x of y".

Private keys in the document information dictionary (/VipdeskReference, …) are how vipdesk
recognises its own PDFs when they come back; readers show them as custom properties and keep
them when they save or sign the file (an incremental update carries the dictionary along).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from reportlab.pdfbase.pdfdoc import PDFDate, PDFDictionary, PDFInfo, PDFName, PDFString
from reportlab.pdfgen.canvas import Canvas

from vipdesk.documents.pdf.fonts import FONT

PAGE_COUNT_FORM = "vipdeskPageCount"


@dataclass(frozen=True)
class DocumentInfo:
    title: str
    author: str
    subject: str
    keywords: str = ""
    creator: str = "vipdesk"
    custom: dict[str, str] = field(default_factory=dict)  # private keys, without the slash


class _Info(PDFInfo):  # type: ignore[misc]
    """reportlab's document information, plus private keys."""

    custom: dict[str, str]

    def format(self, document: Any) -> bytes:
        entries: dict[str, Any] = {
            "Title": PDFString(self.title),
            "Author": PDFString(self.author),
            "Subject": PDFString(self.subject),
            "Keywords": PDFString(self.keywords),
            "Creator": PDFString(self.creator),
            "Producer": PDFString(self.producer),
            "CreationDate": PDFDate(ts=document._timeStamp, dateFormatter=self._dateFormatter),
            "ModDate": PDFDate(ts=document._timeStamp, dateFormatter=self._dateFormatter),
            "Trapped": PDFName("False"),
        }
        entries.update({key: PDFString(value) for key, value in self.custom.items()})
        formatted: bytes = PDFDictionary(entries).format(document)
        return formatted


def canvas_class(info: DocumentInfo, page_count_size: float = 7.5) -> type[Canvas]:
    """A canvas that writes `info` and knows the page count when it saves.

    Pages call `draw_page_count` where the total belongs; the total is a form XObject
    defined only at the end, so the document is laid out once, not twice.
    """

    class DocumentCanvas(Canvas):  # type: ignore[misc]
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            details = _Info()
            details.custom = dict(info.custom)
            self._doc.info = details
            self.setViewerPreference("DisplayDocTitle", "true")

        def save(self) -> None:
            pages = self.getPageNumber() - 1  # the page after the last shown one
            self.beginForm(PAGE_COUNT_FORM)
            self.setFont(FONT, page_count_size)
            self.setFillGray(0.35)
            self.drawString(0, 0, str(max(pages, 1)))
            self.endForm()
            super().save()

    return DocumentCanvas


def draw_page_count(canvas: Canvas, x: float, y: float) -> None:
    """Draw the total number of pages with its baseline starting at (x, y)."""
    canvas.saveState()
    canvas.translate(x, y)
    canvas.doForm(PAGE_COUNT_FORM)
    canvas.restoreState()


def info_kwargs(info: DocumentInfo) -> dict[str, str]:
    """The standard properties as SimpleDocTemplate takes them."""
    return {
        "title": info.title,
        "author": info.author,
        "subject": info.subject,
        "keywords": info.keywords,
        "creator": info.creator,
    }
