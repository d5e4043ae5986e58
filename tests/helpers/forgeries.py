"""Signed PDFs changed the way a forger changes them: incremental updates a reader shows, and
signature dictionaries damaged byte by byte."""

from __future__ import annotations

import io
import re

from pyhanko.pdf_utils import generic
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.sign import fields, signers


def _written(writer: IncrementalPdfFileWriter) -> bytes:
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _appearance(writer: IncrementalPdfFileWriter, width: float, height: float, text: str) -> object:
    """A form XObject that shows `text` in Helvetica, the size of a widget."""
    font = generic.DictionaryObject(
        {
            generic.NameObject("/Type"): generic.NameObject("/Font"),
            generic.NameObject("/Subtype"): generic.NameObject("/Type1"),
            generic.NameObject("/BaseFont"): generic.NameObject("/Helvetica"),
        }
    )
    resources = generic.DictionaryObject(
        {
            generic.NameObject("/Font"): generic.DictionaryObject(
                {generic.NameObject("/Helv"): writer.add_object(font)}
            )
        }
    )
    stream = generic.StreamObject(
        {
            generic.NameObject("/Type"): generic.NameObject("/XObject"),
            generic.NameObject("/Subtype"): generic.NameObject("/Form"),
            generic.NameObject("/BBox"): generic.ArrayObject(
                [generic.FloatObject(v) for v in (0, 0, width, height)]
            ),
            generic.NameObject("/Resources"): resources,
        },
        stream_data=f"BT /Helv 10 Tf 2 4 Td ({text}) Tj ET".encode("latin-1"),
    )
    return writer.add_object(stream)


def _field(writer: IncrementalPdfFileWriter, name: str) -> generic.DictionaryObject:
    for ref in writer.root["/AcroForm"]["/Fields"]:
        field = ref.get_object()
        if isinstance(field, generic.DictionaryObject) and str(field.get("/T")) == name:
            return field
    raise KeyError(name)


def redraw_field(pdf: bytes, name: str, text: str) -> bytes:
    """A new appearance for an existing field, its value kept: readers show `text`."""
    writer = IncrementalPdfFileWriter(io.BytesIO(pdf))
    field = _field(writer, name)
    x0, y0, x1, y1 = (float(v) for v in field["/Rect"])
    field["/AP"] = generic.DictionaryObject(
        {generic.NameObject("/N"): _appearance(writer, abs(x1 - x0), abs(y1 - y0), text)}
    )
    writer.update_container(field)
    return _written(writer)


def add_signature_field(pdf: bytes, name: str, text: str) -> bytes:
    """A new, unsigned signature field whose appearance covers the top half of page 1."""
    writer = IncrementalPdfFileWriter(io.BytesIO(pdf))
    box = (0, 421, 595, 842)
    fields.append_signature_field(writer, fields.SigFieldSpec(name, on_page=0, box=box))
    widget = _field(writer, name)
    widget["/AP"] = generic.DictionaryObject(
        {generic.NameObject("/N"): _appearance(writer, 595, 421, text)}
    )
    writer.update_container(widget)
    return _written(writer)


def sign_field(pdf: bytes, name: str, pkcs12: bytes, passphrase: bytes | None) -> bytes:
    """Sign the field `name` (any field, a party's or not) with a PKCS#12 key."""
    signer = signers.SimpleSigner.load_pkcs12_data(pkcs12, (), passphrase=passphrase)
    meta = signers.PdfSignatureMetadata(field_name=name, md_algorithm="sha256")
    writer = IncrementalPdfFileWriter(io.BytesIO(pdf))
    out = signers.PdfSigner(meta, signer).sign_pdf(writer, existing_fields_only=True)
    return bytes(out.getvalue())


def set_properties(pdf: bytes, values: dict[str, str]) -> bytes:
    """Change document properties (vipdesk's private keys among them) in an update."""
    writer = IncrementalPdfFileWriter(io.BytesIO(pdf))
    info = writer.trailer["/Info"]
    for key, value in values.items():
        info[generic.NameObject(f"/{key}")] = generic.TextStringObject(value)
    writer.update_container(info)
    return _written(writer)


def _last_signature_dictionary(pdf: bytes) -> int:
    return pdf.rindex(b"/ByteRange")


def rename_byte_range(pdf: bytes) -> bytes:
    """The last signature's /ByteRange key renamed (same length)."""
    at = _last_signature_dictionary(pdf)
    return pdf[:at] + b"/ByteRangX" + pdf[at + len(b"/ByteRange") :]


def shift_byte_range(pdf: bytes) -> bytes:
    """The last signature's byte range changed: its first part ends one byte earlier."""
    at = _last_signature_dictionary(pdf)
    match = re.compile(rb"/ByteRange\s*\[\s*(\d+)\s+(\d+)").match(pdf, at)
    assert match is not None
    start, end = match.span(2)
    number = int(match.group(2)) - 1
    digits = str(number).encode().rjust(end - start, b"0")
    return pdf[:start] + digits + pdf[end:]


def zero_contents(pdf: bytes) -> bytes:
    """The last signature's /Contents (the CMS signature) overwritten with zeros."""
    at = pdf.rindex(b"/Contents <")  # page contents are references, never hex strings
    start = at + len(b"/Contents <")
    end = pdf.index(b">", start)
    return pdf[:start] + b"0" * (end - start) + pdf[end:]


def remove_field(pdf: bytes, name: str) -> bytes:
    """Take the field `name` out of the form in an update (its widget stays on the page)."""
    writer = IncrementalPdfFileWriter(io.BytesIO(pdf))
    fields = writer.root["/AcroForm"]["/Fields"]
    kept = [ref for ref in fields if str(ref.get_object().get("/T")) != name]
    writer.root["/AcroForm"]["/Fields"] = generic.ArrayObject(kept)
    writer.update_container(writer.root["/AcroForm"])
    return _written(writer)
