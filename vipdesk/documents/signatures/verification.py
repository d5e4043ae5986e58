"""Verifying the signatures of a returned document: is this what each party signed, and who?

For each signature: the certificate (name, organisation, issuer, SHA-256 fingerprint,
validity), when it was signed, whether the signed bytes are intact, and what changed after it.
After a signature only the later signatures of the other parties in their own fields are
allowed (`diff_policy.agreement_policy`); anything else — a field redrawn, a new field or
annotation, page content, document properties, bytes appended — makes the file "altered after
signing", with what changed in words. A signature whose dictionary is damaged (a byte range
missing or wrong, its contents zeroed) is reported as damaged, never as an exception.

Whether the certificate chains to a trusted authority is reported beside that: a self-signed
certificate on an intact document is "intact, certificate not trusted", never "altered". Who
the signer should be is for the caller to compare (`services.agreements.trust`).
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from vipdesk.documents.agreement.form import one_line, open_pdf
from vipdesk.documents.agreement.signature_block import Party
from vipdesk.documents.signatures.alterations import describe_changes
from vipdesk.documents.signatures.diff_policy import agreement_policy, allowed_level
from vipdesk.errors import VipdeskError
from vipdesk.phrase import Joined, Phrase

if TYPE_CHECKING:
    from pyhanko.sign.validation.pdf_embedded import EmbeddedPdfSignature


@dataclass(frozen=True)
class CertificateInfo:
    """What a signer's certificate says about them, and the fingerprint that names it."""

    name: str  # the subject's common name (else the whole subject)
    organisation: str
    issuer: str
    fingerprint: str  # SHA-256 of the certificate, hex
    valid_from: datetime
    valid_until: datetime
    other_names: tuple[str, ...] = ()  # given name and surname, when the subject has them
    der: bytes = field(default=b"", repr=False)

    def describe(self) -> str:
        """One line: name, organisation, issuer, validity, fingerprint."""
        organisation = f", {self.organisation}" if self.organisation else ""
        return (
            f"{self.name}{organisation}; issued by {self.issuer}; valid "
            f"{self.valid_from:%Y-%m-%d} to {self.valid_until:%Y-%m-%d}; "
            f"SHA-256 {self.fingerprint}"
        )


@dataclass(frozen=True)
class SignatureCheck:
    """The verdict on one signature of a PDF."""

    field: str
    party: Party | None
    signer: str  # the certificate's subject common name (or the whole subject)
    signed_at: datetime | None
    intact: bool  # the signed bytes are unchanged and the signature matches the certificate
    trusted: bool  # the certificate chains to a trusted authority
    changes_after: tuple[Phrase, ...]  # what was changed after this signature, in words
    problem: str = ""  # why the signature is damaged and cannot be checked (technical)
    certificate: CertificateInfo | None = None
    detail: str = ""  # pyHanko's words on a change it refuses or cannot read (technical)

    @property
    def holds(self) -> bool:
        """Intact, and nothing but the other parties' signatures added after it."""
        return self.intact and not self.changes_after and not self.problem

    @property
    def verdict(self) -> str:
        return self.verdict_phrase.english()

    @property
    def verdict_phrase(self) -> Phrase:
        """The verdict as a sentence, for each reader in their language."""
        if self.problem:
            return Phrase("DAMAGED signature: {problem}", {"problem": self.problem})
        if not self.intact:
            return Phrase("ALTERED: the signed content does not match the signature")
        if self.changes_after:
            said = {
                "signer": self.signer,
                "changes": Joined(self.changes_after, "; "),
                "detail": self.detail,
            }
            if self.detail:
                return Phrase("ALTERED after signing by {signer}: {changes} ({detail})", said)
            return Phrase("ALTERED after signing by {signer}: {changes}", said)
        if self.trusted:
            return Phrase("intact")
        return Phrase("intact (certificate not from a trusted authority)")


def certificate_info(certificate: Any) -> CertificateInfo:
    """The readable parts of an asn1crypto certificate."""
    subject = certificate.subject.native
    issuer = certificate.issuer.native
    validity = certificate["tbs_certificate"]["validity"]
    given, surname = subject.get("given_name"), subject.get("surname")
    return CertificateInfo(
        name=common_name(certificate),
        organisation=str(subject.get("organization_name") or ""),
        issuer=str(issuer.get("common_name") or certificate.issuer.human_friendly),
        fingerprint=hashlib.sha256(certificate.dump()).hexdigest(),
        valid_from=validity["not_before"].native,
        valid_until=validity["not_after"].native,
        other_names=(f"{given} {surname}",) if given and surname else (),
        der=certificate.dump(),
    )


def common_name(certificate: Any) -> str:
    """The subject's common name, else the whole subject in readable form."""
    subject = certificate.subject
    name = subject.native.get("common_name")
    return str(name) if name else str(subject.human_friendly)


def read_certificates(data: bytes, name: str = "the certificate file") -> list[CertificateInfo]:
    """The certificates of a PEM or DER file.

    Raises:
        VipdeskError: the file holds no certificate that can be read.
    """
    from pyhanko.keys import load_certs_from_pemder_data  # late: pyHanko takes ~0.5 s to import

    try:
        found = [certificate_info(cert) for cert in load_certs_from_pemder_data(data)]
    except Exception as exc:  # asn1crypto and the PEM reader fail in many ways on bad input
        raise VipdeskError.said(
            "{name} cannot be read as a certificate: {reason}", name=name, reason=one_line(exc)
        ) from exc
    if not found:
        raise VipdeskError.said("{name} holds no certificate.", name=name)
    return found


@contextmanager
def _quiet_validation() -> Iterator[None]:
    """pyHanko logs every untrusted certificate and refused change with a traceback; the
    verdict says it."""
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
    """A verdict for each signature in `pdf`, damaged ones first, then in signing order
    (empty: not signed).

    `trust_roots` are certificates (DER or PEM) of the authorities to trust; none by default,
    and nothing is fetched from the network.

    Raises:
        VipdeskError: the file is not a PDF, is damaged, or a trusted certificate is unreadable.
    """
    # late: pyHanko costs ~0.5 s to import; only checking a signature needs it
    from pyhanko.sign import fields
    from pyhanko.sign.validation import validate_pdf_signature
    from pyhanko_certvalidator import ValidationContext

    reader = open_pdf(pdf, name)
    roots = [cert for root in trust_roots for cert in _roots(root)]
    context = ValidationContext(trust_roots=roots, allow_fetching=False)
    try:
        signed = list(fields.enumerate_sig_fields(reader, filled_status=True))
    except Exception as exc:  # a damaged form tree
        raise VipdeskError.said(
            "{name} is damaged: its signature fields cannot be read ({reason}).",
            name=name,
            reason=one_line(exc),
        ) from exc
    damaged: list[SignatureCheck] = []
    embedded: list[tuple[int, EmbeddedPdfSignature]] = []
    with _quiet_validation():
        for field_name, value, field_ref in signed:
            try:
                signature = _embedded(reader, str(field_name), value, field_ref)
                embedded.append((signature.signed_revision, signature))
            except Exception as exc:  # any failure here is a damaged signature
                damaged.append(_damaged(str(field_name), None, exc))
        checks = []
        for _revision, signature in sorted(embedded, key=lambda pair: pair[0]):
            try:
                status = validate_pdf_signature(signature, context, diff_policy=agreement_policy())
                checks.append(_check(reader, signature, status))
            except Exception as exc:  # a malformed signature: not our bug
                damaged.append(_damaged(str(signature.field_name), signature, exc))
    return damaged + checks


def _roots(data: bytes) -> list[Any]:
    from pyhanko.keys import load_certs_from_pemder_data  # late: pyHanko takes ~0.5 s to import

    try:
        return list(load_certs_from_pemder_data(data))
    except Exception as exc:
        raise VipdeskError.said(
            "A trusted certificate cannot be read: {reason}", reason=one_line(exc)
        ) from exc


def _embedded(reader: Any, field_name: str, value: Any, field_ref: Any) -> EmbeddedPdfSignature:
    """pyHanko's view of one signature; raises when its dictionary is damaged."""
    # late: pyHanko costs ~0.5 s to import; only checking a signature needs it
    from pyhanko.sign.fields import SigSeedSubFilter
    from pyhanko.sign.validation.pdf_embedded import EmbeddedPdfSignature

    subfilter = str(value.get_object().get("/SubFilter", ""))
    if subfilter not in {str(kind.value) for kind in SigSeedSubFilter}:
        raise ValueError(f"an unknown kind of signature ({subfilter or 'no /SubFilter'})")
    signature = EmbeddedPdfSignature(reader, field_ref.get_object(), field_name)
    byte_range = signature.byte_range
    if len(byte_range) != 4 or any(not isinstance(n, int) or n < 0 for n in byte_range):
        raise ValueError("its byte range is not four offsets")
    return signature


def _damaged(field_name: str, signature: Any, exc: Exception) -> SignatureCheck:
    certificate = None
    if signature is not None:
        try:
            certificate = certificate_info(signature.signer_cert)
        except Exception:  # the certificate itself may be what is broken
            certificate = None
    return SignatureCheck(
        field=field_name,
        party=Party.of_field(field_name),
        signer=certificate.name if certificate else "unknown",
        signed_at=None,
        intact=False,
        trusted=False,
        changes_after=(),
        problem=one_line(exc),
        certificate=certificate,
    )


def _check(reader: Any, signature: Any, status: Any) -> SignatureCheck:
    # late: pyHanko takes ~0.5 s to import
    from pyhanko.sign.validation.status import SignatureCoverageLevel

    certificate = certificate_info(status.signing_cert)
    coverage = status.coverage
    problem, changes, detail = "", [], ""
    if coverage is None or coverage < SignatureCoverageLevel.ENTIRE_REVISION:
        problem = "its byte range does not cover the document as it was signed"
    elif coverage == SignatureCoverageLevel.ENTIRE_REVISION:
        last = reader.xrefs.total_revisions - 1
        if signature.signed_revision >= last:
            changes.append(Phrase("bytes were appended after the signature"))
        else:
            changes, detail = _changes_after(reader, signature, status.diff_result)
    when = status.signer_reported_dt
    return SignatureCheck(
        field=str(signature.field_name),
        party=Party.of_field(str(signature.field_name)),
        signer=certificate.name,
        signed_at=when.astimezone(UTC) if when else None,
        intact=bool(status.intact and status.valid),
        trusted=bool(status.trusted),
        changes_after=tuple(changes),
        problem=problem,
        certificate=certificate,
        detail=detail,
    )


def _changes_after(reader: Any, signature: Any, diff: Any) -> tuple[list[Phrase], str]:
    """What changed, and pyHanko's words where the description cannot name it. pyHanko
    judges; the description says what changed. A change pyHanko refuses that the description
    cannot name is given in pyHanko's words."""
    # late: pyHanko takes ~0.5 s to import
    from pyhanko.sign.diff_analysis import SuspiciousModification

    try:
        described = describe_changes(reader, signature.signed_revision)
    except Exception as exc:  # a later revision too damaged to describe
        return [Phrase("later changes that cannot be read")], one_line(exc)
    refused = (
        isinstance(diff, SuspiciousModification)
        or diff is None
        or diff.modification_level > allowed_level()
    )
    if refused and not described:
        detail = one_line(diff) if isinstance(diff, Exception) else ""
        return [Phrase("changes that are not allowed after signing")], detail[:300]
    return described, ""
