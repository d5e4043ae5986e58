"""Digital signatures on agreements: sign into a party's field.

The same function signs the documents that follow the agreement (amendments, the traineeship
certificate): they carry the same signature fields (`Party.field_name`). Verifying is in
`verification`.

Signing is PAdES (ETSI.CAdES.detached, SHA-256) as an incremental update, so the signatures
made before stay valid. The passphrase of the PKCS#12 file is used in memory only. pyHanko is
imported on the first signature, not with this module: it takes about half a second.
"""

from __future__ import annotations

import functools
import io
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from reportlab.pdfgen.canvas import Canvas

from vipdesk.documents.agreement.form import one_line, open_pdf
from vipdesk.documents.agreement.signature_block import Party
from vipdesk.documents.pdf.fonts import FONT, FONT_BOLD, draw_text, register_fonts, text_width
from vipdesk.documents.signatures.verification import common_name
from vipdesk.errors import VipdeskError
from vipdesk.phrase import Label

if TYPE_CHECKING:
    from pyhanko.pdf_utils.content import PdfContent


@dataclass(frozen=True)
class Signed:
    """A freshly signed PDF, and who signed it."""

    pdf: bytes
    signer: str


# --- signing -------------------------------------------------------------------------------


def load_signer(pkcs12: bytes, passphrase: bytes | None, name: str) -> Any:
    """The key and certificate of a PKCS#12 file, or a VipdeskError naming the problem."""
    from pyhanko.sign import signers  # late: pyHanko takes ~0.5 s to import

    try:
        return signers.SimpleSigner.load_pkcs12_data(pkcs12, (), passphrase=passphrase)
    except ValueError as exc:
        raise VipdeskError.said(
            "Cannot open {name}: the passphrase is wrong, or it is not a PKCS#12 key file.",
            name=name,
        ) from exc


def sign_agreement(
    pdf: bytes,
    *,
    party: Party,
    pkcs12: bytes,
    passphrase: bytes | None,
    name: str = "the PDF",
    key_name: str = "the key file",
) -> Signed:
    """`pdf` with the party's signature added to its signature field.

    Raises:
        VipdeskError: the PDF is unreadable, has no field for the party, the party has signed
            already, or the key file cannot be opened with the passphrase.
    """
    # late: pyHanko costs ~0.5 s to import; only signing needs it
    from pyhanko.pdf_utils import layout
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign import fields, signers
    from pyhanko.stamp import StaticStampStyle

    reader = open_pdf(pdf, name)
    width, height = _field_size(reader, party, name)
    signer = load_signer(pkcs12, passphrase, key_name)
    who = common_name(signer.signing_cert)
    appearance = _appearance(who, party, datetime.now(UTC), width, height)
    style = StaticStampStyle(
        background=_pdf_page()(appearance),
        border_width=0,
        background_opacity=1.0,
        background_layout=layout.SimpleBoxLayoutRule(
            x_align=layout.AxisAlignment.ALIGN_MID,
            y_align=layout.AxisAlignment.ALIGN_MID,
            margins=layout.Margins(0, 0, 0, 0),
        ),
    )
    meta = signers.PdfSignatureMetadata(
        field_name=party.field_name,
        subfilter=fields.SigSeedSubFilter.PADES,
        md_algorithm="sha256",
        reason=f"Signed for {party.label}",
    )
    writer = IncrementalPdfFileWriter(io.BytesIO(pdf), strict=False)
    try:
        out = signers.PdfSigner(meta, signer, stamp_style=style).sign_pdf(
            writer, existing_fields_only=True
        )
    except Exception as exc:  # pyHanko's SigningError and friends: the message says why
        raise VipdeskError.said(
            "Cannot sign {name}: {reason}", name=name, reason=one_line(exc)
        ) from exc
    return Signed(out.getvalue(), who)


def _field_size(reader: Any, party: Party, name: str) -> tuple[float, float]:
    """Width and height of the party's empty signature field."""
    from pyhanko.sign import fields  # late: pyHanko takes ~0.5 s to import

    for field_name, value, ref in fields.enumerate_sig_fields(reader):
        if field_name != party.field_name:
            continue
        if value is not None:
            raise VipdeskError.said(
                "{name} is already signed for the {party}.",
                name=name,
                party=Label(party.role, True),
            )
        x0, y0, x1, y1 = (float(v) for v in ref.get_object()["/Rect"])
        return abs(x1 - x0), abs(y1 - y0)
    raise VipdeskError.said(
        "{name} has no signature field for the {party}: export the document from vipdesk.",
        name=name,
        party=Label(party.role, True),
    )


def _appearance(who: str, party: Party, when: datetime, width: float, height: float) -> bytes:
    """A one-page PDF the size of the field: what the signature looks like on the page."""
    register_fonts()
    out = io.BytesIO()
    canvas = Canvas(out, pagesize=(width, height), pageCompression=1)
    lines = [
        ("Digitally signed by", FONT, 7.0),
        (who, FONT_BOLD, 9.0),
        (f"{when:%Y-%m-%d %H:%M} UTC", FONT, 6.5),
    ]
    y = height - 14
    canvas.setFillColorRGB(0.12, 0.23, 0.37)
    for text, font, size in lines:
        while size > 4 and text_width(text, font, size) > width - 8:
            size -= 0.5
        draw_text(canvas, 4, y, text, font, size)
        y -= size + 5
    canvas.showPage()
    canvas.save()
    return out.getvalue()


@functools.cache
def _pdf_page() -> Callable[[bytes], PdfContent]:
    """pyHanko content holding the first page of a PDF in memory; its class subclasses
    pyHanko's, so it is made on the first signature."""
    # late: pyHanko costs ~0.5 s to import; only signing needs it
    from pyhanko.pdf_utils import content, layout
    from pyhanko.pdf_utils.reader import PdfFileReader

    class PdfPage(content.PdfContent):
        """pyHanko content: the first page of a PDF held in memory, as a form XObject."""

        def __init__(self, data: bytes) -> None:
            super().__init__()
            self.data = data

        def render(self) -> bytes:
            reader = PdfFileReader(io.BytesIO(self.data))
            xobject = self._ensure_writer.import_page_as_xobject(reader)
            self.resources.xobject["/Appearance"] = xobject
            x0, y0, x1, y1 = xobject.get_object()["/BBox"]
            self.box = layout.BoxConstraints(width=abs(x1 - x0), height=abs(y1 - y0))
            return b"/Appearance Do"

    return PdfPage
