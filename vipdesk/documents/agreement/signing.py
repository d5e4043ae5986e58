"""Digital signatures on agreements: sign into a party's field, verify every signature.

The same functions sign and verify the documents that follow the agreement (amendments,
the traineeship certificate): they carry the same signature fields (`Party.field_name`).

Signing is PAdES (ETSI.CAdES.detached, SHA-256) as an incremental update, so the signatures
made before stay valid. The passphrase of the PKCS#12 file is used in memory only.

Verification answers the coordinator's question: is this the document each party signed?
For each signature: who signed (certificate subject), when (the signing time the signer
states), whether the signed bytes are intact, and whether anything was changed after it
(later revisions may only add further signatures). Whether the certificate chains to a
trusted authority is reported beside that, not mixed into it: a self-signed certificate
on an intact document is "intact, certificate not trusted", never "altered".
"""

from __future__ import annotations

import io
import logging
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from pyhanko.keys import load_certs_from_pemder_data
from pyhanko.pdf_utils import content, layout
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign import fields, signers
from pyhanko.sign.diff_analysis import ModificationLevel, SuspiciousModification
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko.sign.validation.status import SignatureCoverageLevel
from pyhanko.stamp import StaticStampStyle
from pyhanko_certvalidator import ValidationContext
from reportlab.pdfgen.canvas import Canvas

from vipdesk.documents.agreement.form import form_values, one_line, open_pdf
from vipdesk.documents.agreement.signature_block import Party
from vipdesk.documents.pdf.fonts import FONT, FONT_BOLD, draw_text, register_fonts, text_width
from vipdesk.errors import VipdeskError


@dataclass(frozen=True)
class Signed:
    """A freshly signed PDF, and who signed it."""

    pdf: bytes
    signer: str


@dataclass(frozen=True)
class SignatureCheck:
    """The verdict on one signature of a PDF."""

    field: str
    party: Party | None
    signer: str  # the certificate's subject common name (or the whole subject)
    signed_at: datetime | None
    intact: bool  # the signed bytes are unchanged and the signature matches the certificate
    trusted: bool  # the certificate chains to a trusted authority
    changes_after: tuple[str, ...]  # what was changed after this signature, in words
    problem: str = ""  # why the signature could not be checked at all

    @property
    def holds(self) -> bool:
        """Intact, and nothing but further signatures added after it."""
        return self.intact and not self.changes_after

    @property
    def verdict(self) -> str:
        if self.problem:
            return f"CANNOT BE CHECKED: {self.problem}"
        if not self.intact:
            return "ALTERED: the signed content does not match the signature"
        if self.changes_after:
            return "ALTERED after signing: " + "; ".join(self.changes_after)
        trust = "" if self.trusted else " (certificate not from a trusted authority)"
        return f"intact{trust}"


# --- signing -------------------------------------------------------------------------------


def load_signer(pkcs12: bytes, passphrase: bytes | None, name: str) -> Any:
    """The key and certificate of a PKCS#12 file, or a VipdeskError naming the problem."""
    try:
        return signers.SimpleSigner.load_pkcs12_data(pkcs12, (), passphrase=passphrase)
    except ValueError as exc:
        raise VipdeskError(
            f"Cannot open {name}: the passphrase is wrong, or it is not a PKCS#12 key file."
        ) from exc


def common_name(certificate: Any) -> str:
    """The subject's common name, else the whole subject in readable form."""
    subject = certificate.subject
    name = subject.native.get("common_name")
    return str(name) if name else str(subject.human_friendly)


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
    reader = open_pdf(pdf, name)
    width, height = _field_size(reader, party, name)
    signer = load_signer(pkcs12, passphrase, key_name)
    who = common_name(signer.signing_cert)
    appearance = _appearance(who, party, datetime.now(UTC), width, height)
    style = StaticStampStyle(
        background=_PdfPage(appearance),
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
        raise VipdeskError(f"Cannot sign {name}: {one_line(exc)}") from exc
    return Signed(out.getvalue(), who)


def _field_size(reader: Any, party: Party, name: str) -> tuple[float, float]:
    """Width and height of the party's empty signature field."""
    for field_name, value, ref in fields.enumerate_sig_fields(reader):
        if field_name != party.field_name:
            continue
        if value is not None:
            raise VipdeskError(f"{name} is already signed for {party.label}.")
        x0, y0, x1, y1 = (float(v) for v in ref.get_object()["/Rect"])
        return abs(x1 - x0), abs(y1 - y0)
    raise VipdeskError(
        f"{name} has no signature field for {party.label}: export the document from vipdesk."
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


class _PdfPage(content.PdfContent):
    """pyHanko content: the first page of a PDF held in memory, as a form XObject."""

    def __init__(self, data: bytes) -> None:
        super().__init__()
        self.data = data

    def render(self) -> bytes:
        xobject = self._ensure_writer.import_page_as_xobject(PdfFileReader(io.BytesIO(self.data)))
        self.resources.xobject["/Appearance"] = xobject
        x0, y0, x1, y1 = xobject.get_object()["/BBox"]
        self.box = layout.BoxConstraints(width=abs(x1 - x0), height=abs(y1 - y0))
        return b"/Appearance Do"


# --- verification --------------------------------------------------------------------------


@contextmanager
def _quiet_validation() -> Iterator[None]:
    """pyHanko logs every untrusted certificate with a traceback; the verdict says it."""
    logger = logging.getLogger("pyhanko")
    level = logger.level
    logger.setLevel(logging.CRITICAL)
    try:
        yield
    finally:
        logger.setLevel(level)


def verify_signatures(
    pdf: bytes, name: str = "the PDF", trust_roots: Sequence[bytes] = ()
) -> list[SignatureCheck]:
    """A verdict for each signature in `pdf`, in signing order (empty: not signed).

    `trust_roots` are certificates (DER or PEM) of the authorities to trust; none by default,
    and nothing is fetched from the network.

    Raises:
        VipdeskError: the file is not a PDF or is damaged.
    """
    reader = open_pdf(pdf, name)
    try:
        roots = [cert for root in trust_roots for cert in load_certs_from_pemder_data(root)]
    except Exception as exc:
        raise VipdeskError(f"A trusted certificate cannot be read: {one_line(exc)}") from exc
    context = ValidationContext(trust_roots=roots, allow_fetching=False)
    latest = _field_values(reader)
    checks = []
    with _quiet_validation():
        for signature in reader.embedded_signatures:
            try:
                status = validate_pdf_signature(signature, context)
            except Exception as exc:  # a malformed or unsupported signature: not our bug
                checks.append(_unreadable(signature, exc))
                continue
            checks.append(_check(reader, signature, status, latest))
    return checks


def _unreadable(signature: Any, exc: Exception) -> SignatureCheck:
    field_name = str(signature.field_name)
    try:
        who = common_name(signature.signer_cert)
    except Exception:  # the certificate itself may be what is broken
        who = "unknown"
    return SignatureCheck(
        field=field_name,
        party=Party.of_field(field_name),
        signer=who,
        signed_at=None,
        intact=False,
        trusted=False,
        changes_after=(),
        problem=one_line(exc),
    )


def _field_values(resolver: Any) -> dict[str, str]:
    values, _signed = form_values(resolver)
    return values


def _check(reader: Any, signature: Any, status: Any, latest: dict[str, str]) -> SignatureCheck:
    changes: list[str] = []
    intact = bool(status.intact and status.valid)
    coverage = status.coverage
    if coverage is None or coverage < SignatureCoverageLevel.ENTIRE_REVISION:
        intact = False
    elif coverage == SignatureCoverageLevel.ENTIRE_REVISION:
        diff = status.diff_result
        if isinstance(diff, SuspiciousModification):
            changes.append(f"changes that are not allowed after signing ({diff})")
        elif diff is None or diff.modification_level > ModificationLevel.FORM_FILLING:
            changes.append("changes beyond filling in forms and adding signatures")
        # pyHanko allows filling in form fields after a signature; for an agreement that is a
        # change of content, so the values are compared as they were when it was signed.
        signed_values = _field_values(reader.get_historical_resolver(signature.signed_revision))
        changed = sorted(
            k for k in latest.keys() | signed_values.keys() if latest.get(k) != signed_values.get(k)
        )
        changes += [f"field {field_name} changed" for field_name in changed]
    when = status.signer_reported_dt
    return SignatureCheck(
        field=str(signature.field_name),
        party=Party.of_field(str(signature.field_name)),
        signer=common_name(status.signing_cert),
        signed_at=when.astimezone(UTC) if when else None,
        intact=intact,
        trusted=bool(status.trusted),
        changes_after=tuple(changes),
    )
