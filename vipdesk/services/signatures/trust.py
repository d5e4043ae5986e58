"""Who signed: the authorities the office trusts, certificates accepted before, names on record.

A digital signature proves that a key signed these bytes; whose key it was is the
certificate's claim. vipdesk confirms a party's signer only when
- the certificate names the person the document names for that party (the trainee, the
  sending institution's contact, the company mentor), and
- the certificate chains to an authority the office trusts (its own CA, eIDAS qualified
  issuers it imports), or is the certificate accepted before for that signer (pinned), and
- it is not a different certificate than the one accepted before for that signer.

Otherwise the signer is "unconfirmed", with the reason; recording it then needs the
coordinator's explicit confirmation (`signatures.record_digital(confirm_signer=True)`).

Trusted certificates and pins are rows of the shared settings table. A certificate is longer
than one setting's value, so it is kept in base64, in numbered chunks of one key prefix.
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from vipdesk.db import Database
from vipdesk.documents.agreement.certificate_content import certificate_from_dict
from vipdesk.documents.agreement.content import agreement_from_dict
from vipdesk.documents.agreement.form import (
    AMENDMENT_KIND,
    CERTIFICATE_KIND,
    DOCUMENT_KIND,
    read_returned_bytes,
)
from vipdesk.documents.agreement.signature_block import Party, signer
from vipdesk.documents.signatures.verification import (
    CertificateInfo,
    SignatureCheck,
    read_certificates,
    verify_signatures,
)
from vipdesk.errors import NotFoundError, VipdeskError
from vipdesk.models import AgreementDocument, DocumentKind, Placement, Setting
from vipdesk.phrase import Joined, Phrase
from vipdesk.services.agreements.views import party_name

TRUST_PREFIX = "trusted_certificate."
PIN_PREFIX = "signer_pin."
_CHUNK = 200  # the length of a setting's value


@dataclass(frozen=True)
class SignerCheck:
    """One signature of a file, and whether its signer is the person on record."""

    check: SignatureCheck
    expected: str  # who the document names for the party; "" when that is not known
    reasons: tuple[Phrase, ...]  # why the signer is not confirmed; empty when confirmed
    scope: str = ""  # the signer the certificate is pinned for

    @property
    def confirmed(self) -> bool:
        return self.check.holds and not self.reasons

    @property
    def verdict(self) -> str:
        return self.verdict_phrase.english()

    @property
    def verdict_phrase(self) -> Phrase:
        if not self.check.holds:
            return self.check.verdict_phrase
        if self.reasons:
            return Phrase(
                "intact, signer NOT CONFIRMED: {reasons}", {"reasons": Joined(self.reasons, "; ")}
            )
        return Phrase("intact, signer confirmed")


@dataclass(frozen=True)
class SignedFile:
    """Every signature of a file, checked against the records."""

    name: str
    document: str  # the stored document the file is, e.g. "learning agreement 1"; "" if none
    signers: tuple[SignerCheck, ...]

    @property
    def failing(self) -> list[SignerCheck]:
        """Altered or damaged signatures."""
        return [s for s in self.signers if not s.check.holds]

    @property
    def unconfirmed(self) -> list[SignerCheck]:
        """Intact signatures whose signer is not confirmed."""
        return [s for s in self.signers if s.check.holds and s.reasons]

    def of_party(self, party: str) -> list[SignerCheck]:
        return [s for s in self.signers if s.check.party and s.check.party.value == party]


# --- trusted authorities -------------------------------------------------------------------


def trusted_certificates(db: Database) -> list[CertificateInfo]:
    """The certificates the office trusts, oldest first."""

    with db.session() as session:
        rows = session.scalars(
            select(Setting).where(Setting.key.startswith(TRUST_PREFIX)).order_by(Setting.id)
        ).all()
        chunks: dict[str, list[tuple[str, str]]] = {}
        for row in rows:
            prefix, _, number = row.key.rpartition(".")
            chunks.setdefault(prefix, []).append((number, row.value))
    found = []
    for parts in chunks.values():
        der = base64.b64decode("".join(value for _n, value in sorted(parts)))
        found += read_certificates(der)
    return found


def trust_certificates(
    db: Database, data: bytes, name: str = "the certificate file", user: str | None = None
) -> list[CertificateInfo]:
    """Trust the certificates of a PEM or DER file (the office's CA, a qualified issuer).

    Raises:
        VipdeskError: the file holds no readable certificate; nothing is stored then.
    """

    certificates = read_certificates(data, name)
    with db.session(user) as session:
        for certificate in certificates:
            prefix = f"{TRUST_PREFIX}{certificate.fingerprint[:16]}"
            if session.scalar(select(Setting.id).where(Setting.key.startswith(prefix + "."))):
                continue  # trusted already
            text = base64.b64encode(certificate.der).decode("ascii")
            for number, start in enumerate(range(0, len(text), _CHUNK)):
                value = text[start : start + _CHUNK]
                session.add(Setting(key=f"{prefix}.{number:02d}", value=value))
    return certificates


def forget_certificate(db: Database, fingerprint: str, user: str | None = None) -> None:
    """Trust the certificate with this SHA-256 fingerprint no longer.

    Raises:
        NotFoundError: no trusted certificate has this fingerprint.
    """
    prefix = f"{TRUST_PREFIX}{fingerprint.strip().lower()[:16]}."
    with db.session(user) as session:
        rows = session.scalars(select(Setting).where(Setting.key.startswith(prefix))).all()
        if len(fingerprint.strip()) < 16 or not rows:
            raise NotFoundError.said(
                "No trusted certificate has the fingerprint {fingerprint}.",
                fingerprint=fingerprint,
            )
        for row in rows:
            session.delete(row)


# --- who is expected to sign ---------------------------------------------------------------


def name_key(text: str) -> tuple[str, ...]:
    """A name's words, case and order aside ("WEIß Jürgen" is "Jürgen Weiß")."""
    folded = unicodedata.normalize("NFKC", text).casefold()
    return tuple(sorted(re.findall(r"\w+", folded)))


def names_match(certificate: CertificateInfo, expected: str) -> bool:
    wanted = name_key(expected)
    return bool(wanted) and any(
        name_key(name) == wanted for name in (certificate.name, *certificate.other_names)
    )


def _expected_people(row: AgreementDocument) -> dict[str, str]:
    """Party → the name the document gives the person who signs for it."""
    content = json.loads(row.content)
    if row.kind is DocumentKind.CERTIFICATE:
        data = certificate_from_dict(content)
        return {"host": data.mentor.name, "sending": data.sending_contact.name}
    agreement = agreement_from_dict(content)
    return {party.value: signer(agreement, party)[1].name for party in Party}


def _scope(placement: Placement, party: str, person: str) -> str:
    """The signer a certificate is pinned for: the organisation (or the student) and the
    person, so that a new mentor's first certificate is not taken for a changed one."""
    owner = {"student": placement.student_id, "sending": placement.institution_id}.get(
        party, placement.host_id
    )
    person_key = hashlib.sha256(" ".join(name_key(person)).encode()).hexdigest()[:12]
    return f"{party}.{owner}.{person_key}"


def _pins(session: Session, scope: str) -> set[str]:
    rows = session.scalars(select(Setting.value).where(Setting.key.startswith(PIN_PREFIX + scope)))
    return set(rows)


def pin(session: Session, scope: str, fingerprint: str) -> None:
    """Remember `fingerprint` as accepted for the signer `scope` (once)."""
    if scope and fingerprint not in _pins(session, scope):
        session.add(Setting(key=f"{PIN_PREFIX}{scope}.{fingerprint[:8]}", value=fingerprint))


def _stored_document(session: Session, pdf: bytes, name: str) -> AgreementDocument | None:
    """The stored document `pdf` is a copy of, by its identifiers and content hash."""
    kinds = frozenset({DOCUMENT_KIND, AMENDMENT_KIND, CERTIFICATE_KIND})
    try:
        returned = read_returned_bytes(pdf, name, kinds)
    except VipdeskError:
        return None
    placement = session.get(Placement, returned.placement_id or 0)
    if placement is None or placement.reference != returned.reference:
        return None
    return session.scalars(
        select(AgreementDocument)
        .where(
            AgreementDocument.placement_id == placement.id,
            AgreementDocument.content_hash == returned.content_hash,
        )
        .order_by(AgreementDocument.id.desc())
        .limit(1)
    ).first()


# --- checking a file -----------------------------------------------------------------------


def check_signed_file(
    db: Database,
    pdf: bytes,
    name: str,
    *,
    extra_roots: Sequence[bytes] = (),
    document_id: int | None = None,
) -> SignedFile:
    """Every signature of `pdf`: intact or altered (`verification`), and whether the signer
    is the person on record for the stored document (`document_id`, else the one the file's
    identifiers name), by a trusted or pinned certificate.

    Raises:
        VipdeskError: the file is not a PDF, or is damaged beyond reading its signatures.
    """

    roots = [c.der for c in trusted_certificates(db)] + list(extra_roots)
    checks = verify_signatures(pdf, name, roots)
    with db.session() as session:
        if document_id is not None:
            row = session.get(AgreementDocument, document_id)
        else:
            row = _stored_document(session, pdf, name)
        placement = session.get(Placement, row.placement_id) if row is not None else None
        if row is None or placement is None:
            unknown = (
                Phrase(
                    "the file is not a document stored in this database, so its signers cannot "
                    "be compared with the records"
                ),
            )
            return SignedFile(name, "", tuple(SignerCheck(c, "", unknown) for c in checks))
        people = _expected_people(row)
        signers = tuple(_judge(session, placement, people, check) for check in checks)
        return SignedFile(name, str(row), signers)


def _judge(
    session: Session, placement: Placement, people: dict[str, str], check: SignatureCheck
) -> SignerCheck:
    if check.party is None:
        return SignerCheck(
            check,
            "",
            (Phrase("signed in {field}, which is no party's field", {"field": check.field}),),
        )
    party = check.party.value
    expected = people.get(party, "")
    certificate = check.certificate
    if not expected or certificate is None:
        return SignerCheck(
            check,
            expected,
            (Phrase("nobody on record signs for the {party}", {"party": party_name(party)}),),
        )
    scope = _scope(placement, party, expected)
    pins = _pins(session, scope)
    reasons = []
    if not names_match(certificate, expected):
        reasons.append(
            Phrase(
                "the certificate names {name}, but the {party} is to be signed for by {expected}",
                {"name": certificate.name, "party": party_name(party), "expected": expected},
            )
        )
    if pins and certificate.fingerprint not in pins:
        reasons.append(
            Phrase(
                "a different certificate than the one accepted before for {expected} "
                "(SHA-256 {fingerprint}…)",
                {"expected": expected, "fingerprint": certificate.fingerprint[:16]},
            )
        )
    elif not pins and not check.trusted:
        reasons.append(
            Phrase(
                "the certificate is not from an authority this office trusts, and none was "
                "accepted before for {expected}",
                {"expected": expected},
            )
        )
    return SignerCheck(check, expected, tuple(reasons), scope)
