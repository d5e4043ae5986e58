"""The host's part of an agreement as form fields, and reading a returned PDF back.

Company HR receives the fillable PDF, corrects the fields with a blue background in any PDF
reader, signs and sends it back. `read_returned_pdf` recognises the file as one of ours (the
private document properties), reads the fields as they are now, and `differences` lists what
HR changed against the agreement as vipdesk has it.
"""

from __future__ import annotations

import codecs
import io
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from vipdesk.documents.agreement.content import AgreementData
from vipdesk.documents.agreement.task_lines import task_line
from vipdesk.documents.agreement.texts import agreement_language
from vipdesk.errors import VipdeskError
from vipdesk.phrase import Phrase

# Private keys of the document information dictionary (see pdf_document.py).
KEY_DOCUMENT = "VipdeskDocument"
KEY_REFERENCE = "VipdeskReference"
KEY_VERSION = "VipdeskVersion"
KEY_PLACEMENT = "VipdeskPlacementId"
KEY_HASH = "VipdeskContentHash"
IDENTITY_KEYS = (KEY_DOCUMENT, KEY_REFERENCE, KEY_VERSION, KEY_PLACEMENT, KEY_HASH)
DOCUMENT_KIND = "learning-agreement/1"
# The documents that follow the agreement carry the same keys with their own kind.
AMENDMENT_KIND = "agreement-amendment/1"
CERTIFICATE_KIND = "traineeship-certificate/1"
# A questionnaire sent to a party (documents/questionnaire): its hash is the question set's.
QUESTIONNAIRE_KIND = "questionnaire/1"
_KIND_NAMES = {
    DOCUMENT_KIND: Phrase("an agreement"),
    AMENDMENT_KIND: Phrase("an amendment to an agreement"),
    CERTIFICATE_KIND: Phrase("a traineeship certificate"),
    QUESTIONNAIRE_KIND: Phrase("a questionnaire"),
}

# The fields HR may change, with the label a user reads in the differences.
FIELD_LABELS: dict[str, str] = {
    "host_department": "Department",
    "mentor_name": "Mentor: name",
    "mentor_position": "Mentor: position",
    "mentor_email": "Mentor: e-mail",
    "financial_support": "Financial support",
    "financial_amount": "Financial support: amount per month",
    "in_kind": "Contribution in kind",
    "host_insurance": "Insurance by the receiving organisation",
    "tasks": "Tasks, deliverables and deadlines",
}
_RADIO = 1 << 15  # field flag of a radio group: its value is the chosen option
CHECKBOXES = frozenset({"financial_support"})
MULTILINE = frozenset({"in_kind", "host_insurance", "tasks"})


def host_field_values(data: AgreementData) -> dict[str, str]:
    """The current value of each host field, as text ('yes'/'no' for the check box), the
    tasks in the agreement's language (as the fillable PDF wrote them)."""
    host, organisation = data.host, data.receiving
    amount = f"{host.amount} {host.currency}" if host.amount is not None else ""
    with agreement_language(data.document_language):
        tasks = "\n".join(task_line(n, t) for n, t in enumerate(data.programme.tasks, 1))
    return {
        "host_department": organisation.department,
        "mentor_name": organisation.mentor.name,
        "mentor_position": organisation.mentor.position,
        "mentor_email": organisation.mentor.email,
        "financial_support": "yes" if host.financial_support else "no",
        "financial_amount": amount,
        "in_kind": host.in_kind,
        "host_insurance": host.insurance,
        "tasks": tasks,
    }


@dataclass(frozen=True)
class ReturnedAgreement:
    """What a returned agreement PDF says about itself, and its fields as they are now."""

    reference: str
    version: int
    placement_id: int | None
    content_hash: str
    fields: dict[str, str]  # host fields present in the file, as text
    signed: tuple[str, ...]  # names of the signature fields that hold a signature
    revisions: int  # 1 for a file as exported; every save or signature adds one
    kind: str = DOCUMENT_KIND  # which vipdesk document: agreement, amendment, certificate


@dataclass(frozen=True)
class FieldChange:
    field: str
    label: str
    ours: str
    theirs: str


def _normal(value: str) -> str:
    lines = [re.sub(r"\s+", " ", line).strip() for line in value.replace("\r", "\n").split("\n")]
    return "\n".join(line for line in lines if line)


def differences(returned: ReturnedAgreement, data: AgreementData) -> list[FieldChange]:
    """Field by field, what the returned file says that `data` does not (whitespace aside)."""
    ours = host_field_values(data)
    return [
        FieldChange(name, FIELD_LABELS[name], ours[name], returned.fields[name])
        for name in FIELD_LABELS
        if name in returned.fields and _normal(returned.fields[name]) != _normal(ours[name])
    ]


# --- reading -------------------------------------------------------------------------------


def one_line(exc: BaseException) -> str:
    """An exception's message on one line (the command line prints one line per error)."""
    return " ".join(str(exc).split()) or type(exc).__name__


def open_pdf(data: bytes, name: str) -> Any:
    """A pyHanko reader over `data`, or a VipdeskError that says what is wrong with the file."""
    from pyhanko.pdf_utils.reader import PdfFileReader  # late: pyHanko takes ~0.5 s to import

    if b"%PDF-" not in data[:1024]:
        raise VipdeskError.said("{file} is not a PDF file.", file=name)
    try:
        reader = PdfFileReader(io.BytesIO(data), strict=False)
        reader.root  # noqa: B018 - parses the catalog: a damaged file fails here, not later
    except Exception as exc:  # the parser fails in many ways on damaged input; none is our bug
        raise VipdeskError.said(
            "{file} is damaged and cannot be read as a PDF ({reason}).",
            file=name,
            reason=one_line(exc),
        ) from exc
    if reader.encrypted:
        raise VipdeskError.said(
            "{file} is protected with a password; ask the sender for an unprotected copy.",
            file=name,
        )
    return reader


def read_pdf_bytes(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as exc:
        raise VipdeskError.said(
            "Cannot read {path}: {reason}.", path=str(path), reason=exc.strerror or str(exc)
        ) from exc


def text_value(value: Any) -> str:
    """A PDF string as text, also when a reader wrote it as bytes in PDFDocEncoding."""
    if isinstance(value, str):
        return str(value)
    raw = bytes(value)
    if raw.startswith((codecs.BOM_UTF16_BE, codecs.BOM_UTF16_LE)):
        return raw.decode("utf-16", "replace")
    if raw.startswith(codecs.BOM_UTF8):
        return raw[3:].decode("utf-8", "replace")
    # late: pyHanko takes ~0.5 s to import
    from pyhanko.pdf_utils.generic import decode_pdfdocencoding

    decode: Any = decode_pdfdocencoding  # untyped in pyHanko
    # pyHanko's table leaves out tab and line breaks, which PDFDocEncoding has.
    pieces = re.split(rb"([\t\n\r]+)", raw)
    try:
        return "".join(
            piece.decode("ascii") if odd % 2 else str(decode(piece))
            for odd, piece in enumerate(pieces)
        )
    except UnicodeDecodeError:
        return raw.decode("latin-1")


def document_properties(reader: Any) -> dict[str, str]:
    """The document information dictionary as text, keys without their slash."""
    try:
        info = reader.trailer["/Info"]
    except KeyError:
        return {}
    return {str(key).lstrip("/"): text_value(value) for key, value in info.items()}


def revision_properties(resolver: Any) -> dict[str, str]:
    """The document information dictionary of the revision `resolver` shows, as text.

    The trailer's /Info reference is resolved in that revision (a plain lookup would give the
    newest version of the object); values that are not strings (dates as names) as written."""
    from pyhanko.pdf_utils import generic  # late: pyHanko takes ~0.5 s to import

    try:
        raw = resolver.trailer_view.raw_get("/Info")
    except KeyError:
        return {}
    info = resolver.get_object(raw.reference) if isinstance(raw, generic.IndirectObject) else raw
    if not isinstance(info, generic.DictionaryObject):
        return {}
    found = {}
    for key in info:
        value = info.raw_get(key)
        if isinstance(value, generic.IndirectObject):
            value = value.get_object()
        plain = isinstance(value, generic.TextStringObject | generic.ByteStringObject)
        found[str(key).lstrip("/")] = text_value(value) if plain else str(value)
    return found


def _moved(reader: Any, props: dict[str, str], name: str) -> None:
    """Refuse a file whose identifiers were changed after export (in a later revision)."""
    if reader.xrefs.total_revisions < 2:
        return
    exported = revision_properties(reader.get_historical_resolver(0))
    changed = [key for key in IDENTITY_KEYS if exported.get(key, "") != props.get(key, "")]
    if changed:
        was = (
            _identifiers(exported.get(KEY_REFERENCE, ""), exported.get(KEY_PLACEMENT))
            if exported.get(KEY_REFERENCE)
            else Phrase("nothing of vipdesk")
        )
        now = _identifiers(props.get(KEY_REFERENCE, ""), props.get(KEY_PLACEMENT))
        raise VipdeskError.said(
            "{file} was changed after vipdesk exported it: its vipdesk identifiers say {now}, "
            "but the file as exported says {was}. It is refused.",
            file=name,
            now=now,
            was=was,
        )


def _identifiers(reference: str, placement: str | None) -> Phrase:
    """A file's vipdesk identifiers: 'VIP-2027-00042 (placement 42)'."""
    return Phrase("{reference} (placement {id})", {"reference": reference, "id": placement or "?"})


def form_values(resolver: Any) -> tuple[dict[str, str], tuple[str, ...]]:
    """All terminal form fields of `resolver`'s catalog: text values, and signed sig fields."""
    values: dict[str, str] = {}
    signed: list[str] = []
    try:
        fields = resolver.root["/AcroForm"]["/Fields"]
    except KeyError:
        return values, ()

    def walk(field: Any, prefix: str) -> None:
        field = field.get_object()
        name = text_value(field.get("/T", ""))
        full = f"{prefix}.{name}" if prefix and name else name or prefix
        kids = field.get("/Kids")
        if kids is not None and any("/T" in kid.get_object() for kid in kids):
            for kid in kids:
                walk(kid, full)
            return
        kind = field.get("/FT")
        value = field.get("/V")
        if kind == "/Sig":
            if value is not None:
                signed.append(full)
        elif kind == "/Btn" and int(field.get("/Ff", 0)) & _RADIO:
            values[full] = "" if value in (None, "/Off") else str(value).lstrip("/")
        elif kind == "/Btn":
            values[full] = "no" if value in (None, "/Off") else "yes"
        else:
            values[full] = "" if value is None else text_value(value)

    for field in fields:
        walk(field, "")
    return values, tuple(signed)


def read_returned_pdf(path: Path) -> ReturnedAgreement:
    """Read an agreement PDF that came back (filled, signed, or both).

    Raises:
        VipdeskError: the file cannot be read, is not a PDF, is damaged, or is not an
            agreement that vipdesk exported.
    """
    return read_returned_bytes(read_pdf_bytes(path), path.name)


def read_returned_bytes(
    data: bytes,
    name: str,
    kinds: frozenset[str] = frozenset({DOCUMENT_KIND}),
    *,
    all_fields: bool = False,
) -> ReturnedAgreement:
    """Read a returned vipdesk PDF of one of `kinds` (by default: agreements only); its
    `fields` are the host's fields of an agreement, or every field with `all_fields`."""
    reader = open_pdf(data, name)
    props = document_properties(reader)
    _moved(reader, props, name)
    reference = props.get(KEY_REFERENCE, "").strip()
    kind = props.get(KEY_DOCUMENT, "")
    if kind not in kinds or not reference:
        names = sorted((_KIND_NAMES[k] for k in kinds), key=Phrase.english)
        wanted = names[0]
        for other in names[1:]:
            wanted = Phrase("{one} or {other}", {"one": wanted, "other": other})
        if kind in _KIND_NAMES and reference:
            raise VipdeskError.said(
                "{file} is {found}, not {wanted} exported by vipdesk.",
                file=name,
                found=_KIND_NAMES[kind],
                wanted=wanted,
            )
        raise VipdeskError.said(
            "{file} is not {wanted} exported by vipdesk.", file=name, wanted=wanted
        )
    try:
        version = int(props.get(KEY_VERSION, ""))
        placement = props.get(KEY_PLACEMENT, "").strip()
        placement_id = int(placement) if placement else None
    except ValueError as exc:
        raise VipdeskError.said("{file} carries a damaged vipdesk reference.", file=name) from exc
    try:
        values, signed = form_values(reader)
    except Exception as exc:  # a damaged form tree
        raise VipdeskError.said(
            "{file} is damaged: its form fields cannot be read ({reason}).",
            file=name,
            reason=one_line(exc),
        ) from exc
    return ReturnedAgreement(
        reference=reference,
        version=version,
        placement_id=placement_id,
        content_hash=props.get(KEY_HASH, ""),
        fields={k: v for k, v in values.items() if all_fields or k in FIELD_LABELS},
        signed=signed,
        revisions=reader.xrefs.total_revisions,
        kind=kind,
    )
