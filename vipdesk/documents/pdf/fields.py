"""Form fields as platypus flowables: text fields, a check box, radio groups, and empty signature
fields.

reportlab's own text fields can only show the 14 standard fonts, so a pre-filled "Ελένη" or
"Łukasz" would show as garbage. Here a text field's appearance is a form XObject drawn with
the embedded DejaVu subset, so the value shows correctly in every reader; /DA names DejaVu Sans
embedded whole (`field_font`), which readers type in once someone edits the field.

Signature fields (/FT /Sig) are plain widgets without a value: pyHanko signs into them, and
its appearance then replaces the empty box drawn on the page.

These reach into a few reportlab internals (`_addAnnotation`, `acroForm.fields`, the document's
page reference), which have been stable across reportlab 3 to 5.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from reportlab.lib import colors
from reportlab.pdfbase.pdfdoc import (
    PDFArray,
    PDFDictionary,
    PDFName,
    PDFObjectReference,
    PDFString,
    xObjectName,
)
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable

from vipdesk.documents.pdf.field_font import add_field_font
from vipdesk.documents.pdf.fonts import FONT, draw_text, wrap

FIELD_BACKGROUND = colors.Color(0.90, 0.94, 1.0)
FIELD_BORDER = colors.Color(0.55, 0.62, 0.75)
FIELD_FONT_SIZE = 8.5
PADDING = 2.5
_PRINT = 4  # annotation flag: print the field with the page
_MULTILINE = 4096  # field flag


@dataclass(frozen=True)
class FieldSpec:
    """A text field: its name in the form, the value it starts with, and what it is."""

    name: str
    value: str
    label: str
    multiline: bool = False


def _rgb(color: colors.Color) -> PDFArray:
    return PDFArray([round(color.red, 3), round(color.green, 3), round(color.blue, 3)])


def _rect(canvas: Canvas, width: float, height: float) -> PDFArray:
    x0, y0 = canvas.absolutePosition(0, 0)
    x1, y1 = canvas.absolutePosition(width, height)
    return PDFArray([round(x0, 2), round(y0, 2), round(x1, 2), round(y1, 2)])


def _add_widget(canvas: Canvas, entries: dict[str, object]) -> None:
    widget = PDFDictionary(
        {
            "Type": PDFName("Annot"),
            "Subtype": PDFName("Widget"),
            "F": _PRINT,
            "P": canvas._doc.thisPageRef(),
            **entries,
        }
    )
    canvas._addAnnotation(widget)
    form = canvas.acroForm
    form.fields.append(form.getRef(widget))


class TextField(Flowable):  # type: ignore[misc]
    """A fillable text box of a given size, showing its current value."""

    def __init__(self, spec: FieldSpec, width: float, lines: int = 1) -> None:
        super().__init__()
        self.spec = spec
        self.width = width
        self.height = lines * FIELD_FONT_SIZE * 1.25 + 2 * PADDING + 1

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return self.width, self.height

    def draw(self) -> None:
        canvas: Canvas = self.canv
        spec = self.spec
        appearance = f"vipdesk_ap_{spec.name}"
        canvas.beginForm(appearance, 0, 0, self.width, self.height)
        self._draw_appearance(canvas)
        canvas.endForm()
        # Readers regenerate the appearance with /DA when the value is edited.
        font = add_field_font(canvas)
        value = PDFString(spec.value, enc="utf_16_be")  # UTF-16 even for Latin: line breaks
        _add_widget(
            canvas,
            {
                "FT": PDFName("Tx"),
                "T": PDFString(spec.name),
                "TU": PDFString(spec.label),
                "V": value,
                "DV": value,
                "Ff": _MULTILINE if spec.multiline else 0,
                "Rect": _rect(canvas, self.width, self.height),
                "DA": PDFString(f"/{font} {FIELD_FONT_SIZE:g} Tf 0 g"),
                "MK": PDFDictionary({"BG": _rgb(FIELD_BACKGROUND), "BC": _rgb(FIELD_BORDER)}),
                "BS": PDFDictionary({"W": 0.75, "S": PDFName("S")}),
                "AP": PDFDictionary({"N": PDFObjectReference(xObjectName(appearance))}),
            },
        )

    def _draw_appearance(self, canvas: Canvas) -> None:
        canvas.setFillColor(FIELD_BACKGROUND)
        canvas.setStrokeColor(FIELD_BORDER)
        canvas.setLineWidth(0.75)
        canvas.rect(0.375, 0.375, self.width - 0.75, self.height - 0.75, stroke=1, fill=1)
        canvas._code.append("/Tx BMC")  # marks the variable text for the reader
        canvas.setFillColor(colors.black)
        leading = FIELD_FONT_SIZE * 1.25
        y = self.height - PADDING - FIELD_FONT_SIZE
        lines = (
            wrap(self.spec.value, FONT, FIELD_FONT_SIZE, self.width - 2 * PADDING)
            if self.spec.multiline
            else [self.spec.value.replace("\n", " ")]
        )
        for line in lines:
            if y < PADDING - 1:
                break  # more text than the box shows: the reader scrolls the field
            draw_text(canvas, PADDING, y, line, FONT, FIELD_FONT_SIZE)
            y -= leading
        canvas._code.append("EMC")


class CheckBox(Flowable):  # type: ignore[misc]
    """A tick box; its value reads back as /Yes or /Off."""

    SIZE = 10.0

    def __init__(self, name: str, checked: bool, label: str) -> None:
        super().__init__()
        self.name = name
        self.checked = checked
        self.label = label
        self.width = self.height = self.SIZE

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return self.width, self.height

    def draw(self) -> None:
        self.canv.acroForm.checkbox(
            name=self.name,
            tooltip=self.label,
            checked=self.checked,
            buttonStyle="check",
            size=self.SIZE,
            x=0,
            y=0,
            relative=True,
            borderWidth=0.75,
            borderColor=FIELD_BORDER,
            fillColor=FIELD_BACKGROUND,
            textColor=colors.black,
        )


class SignatureBox(Flowable):  # type: ignore[misc]
    """A framed box to sign in, on paper or digitally (an empty /Sig field named `name`)."""

    def __init__(self, name: str, label: str, width: float, height: float) -> None:
        super().__init__()
        self.name = name
        self.label = label
        self.width = width
        self.height = height

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return self.width, self.height

    def draw(self) -> None:
        canvas: Canvas = self.canv
        canvas.saveState()
        canvas.setStrokeColor(colors.Color(0.6, 0.6, 0.6))
        canvas.setLineWidth(0.5)
        canvas.setDash(2, 2)
        canvas.rect(0, 0, self.width, self.height, stroke=1, fill=0)
        canvas.restoreState()
        _add_widget(
            canvas,
            {
                "FT": PDFName("Sig"),
                "T": PDFString(self.name),
                "TU": PDFString(self.label),
                "Rect": _rect(canvas, self.width, self.height),
            },
        )


class RadioChoice(Flowable):  # type: ignore[misc]
    """One question's answers as a radio group: the chosen option reads back as its key.

    Options sit side by side in equal columns (a label wraps to two lines), or one under the
    other when `stacked` (long option texts)."""

    SIZE = 9.0
    GAP = 4.0

    def __init__(
        self, name: str, options: Sequence[tuple[str, str]], label: str, width: float, *,
        stacked: bool = False,
    ) -> None:  # fmt: skip
        super().__init__()
        self.name = name
        self.options = tuple(options)
        self.label = label
        self.width = width
        self.stacked = stacked
        leading = FIELD_FONT_SIZE * 1.2
        if stacked:
            self._lines = [wrap(text, FONT, FIELD_FONT_SIZE, width - self.SIZE - self.GAP)
                           for _, text in self.options]  # fmt: skip
            self.height = sum(max(len(lines), 1) * leading + 2 for lines in self._lines)
        else:
            column = width / max(len(self.options), 1)
            self._lines = [wrap(text, FONT, FIELD_FONT_SIZE, column - self.SIZE - self.GAP)[:2]
                           for _, text in self.options]  # fmt: skip
            self.height = max((len(lines) for lines in self._lines), default=1) * leading + 2

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return self.width, self.height

    def draw(self) -> None:
        canvas: Canvas = self.canv
        leading = FIELD_FONT_SIZE * 1.2
        column = self.width / max(len(self.options), 1)
        top = self.height
        for n, ((key, _text), lines) in enumerate(zip(self.options, self._lines, strict=True)):
            x = 0.0 if self.stacked else n * column
            canvas.acroForm.radio(
                name=self.name,
                value=key,
                selected=False,
                tooltip=self.label,
                buttonStyle="circle",
                shape="circle",
                size=self.SIZE,
                x=x,
                y=top - self.SIZE - 0.5,
                relative=True,
                borderWidth=0.75,
                borderColor=FIELD_BORDER,
                fillColor=FIELD_BACKGROUND,
                textColor=colors.black,
                fieldFlags="noToggleToOff radio",  # not "required": readers nag on save
            )
            y = top - FIELD_FONT_SIZE
            for line in lines:
                draw_text(canvas, x + self.SIZE + self.GAP, y, line, FONT, FIELD_FONT_SIZE)
                y -= leading
            if self.stacked:
                top -= max(len(lines), 1) * leading + 2
