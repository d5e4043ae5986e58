"""Signatures on a document out for signature: record, sign digitally, decline, lock.

Each party signs in its turn (the document's order, by default trainee → sending
institution → host) by one of three methods:

- digital: the PDF came back with the party's PAdES signature, added to the very file we sent
  (or the coordinator signs here with the institution's PKCS#12 key). The file must pass the
  validator (nothing but signatures added after each), and a signer who is not confirmed as
  the person on record is recorded only on the coordinator's explicit confirmation;
- scanned: the party signed a printed copy; the scan (PDF, PNG or JPEG) is attached;
- typed: the party approved by e-mail or in writing; name, function, e-mail and date.

A decline records its reason and resets every other signature, digital ones included. When
the last party signs, the document is locked: its final PDF and that PDF's SHA-256 are
archived, and a signed agreement moves its placement to "Signed".
"""

from __future__ import annotations

import contextlib
import hashlib
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date

from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from vipdesk.db import Database
from vipdesk.documents.agreement.signature_block import Party
from vipdesk.documents.signatures.signing import sign_agreement
from vipdesk.errors import (
    ConflictError,
    FieldProblem,
    TransitionError,
    UnconfirmedSignerError,
    ValidationError,
    VipdeskError,
)
from vipdesk.models import (
    AgreementDocument,
    AgreementSignature,
    DocumentKind,
    DocumentState,
    Placement,
    SignatureMethod,
    SignatureState,
    Status,
)
from vipdesk.models.base import utcnow
from vipdesk.phrase import Day, Joined, Phrase, phrase_json
from vipdesk.services.agreements.queries import load_row, reference_of
from vipdesk.services.agreements.render import executed_copy
from vipdesk.services.agreements.views import (
    DocumentView,
    document_name,
    document_view,
    party_name,
)
from vipdesk.services.placements.lifecycle import move_status
from vipdesk.services.signatures.scans import scan_problems
from vipdesk.services.signatures.trust import check_signed_file, pin

_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


@dataclass(frozen=True)
class Approval:
    """Who signed, as written on a typed approval or under a paper signature."""

    name: str
    function: str = ""
    email: str = ""
    signed_on: date | None = None


@contextlib.contextmanager
def _writing(db: Database, user: str | None) -> Iterator[Session]:
    """A session for one signature step; a concurrent step on the same document is refused.

    Every step marks the document changed, so its version counter turns a second coordinator
    recording on the same document at the same moment into a clear message, not a mix.
    """
    try:
        with db.session(user) as session:
            yield session
    except StaleDataError as exc:
        raise ConflictError("agreement") from exc  # another coordinator, at the same moment


def _touch(row: AgreementDocument) -> None:
    row.updated_at = utcnow()


def _open_signature(row: AgreementDocument, party: str) -> AgreementSignature:
    if row.state is not DocumentState.SENT:
        if row.state is DocumentState.SIGNED:
            raise VipdeskError.said(
                "The {document} is already signed by every party and locked.",
                document=document_name(row),
            )
        raise VipdeskError.said(
            "The {document} is not out for signature.", document=document_name(row)
        )
    signature = next((s for s in row.signatures if s.party == party), None)
    if signature is None:
        raise VipdeskError.said(
            "The {party} does not sign the {document}.",
            party=party_name(party),
            document=document_name(row),
        )
    if signature.state is SignatureState.SIGNED:
        raise VipdeskError.said(
            "The {party} has signed the {document} already.",
            party=party_name(party),
            document=document_name(row),
        )
    waiting = [
        s
        for s in row.signatures
        if s.position < signature.position and s.state is not SignatureState.SIGNED
    ]
    if waiting:
        order = Joined(tuple(party_name(s.party) for s in row.signatures), " → ")
        raise VipdeskError.said(
            "The {party} signs first (order: {order}).",
            party=party_name(waiting[0].party),
            order=order,
        )
    return signature


def _approval_problems(
    approval: Approval, row: AgreementDocument, today: date
) -> list[FieldProblem]:
    problems: list[FieldProblem] = []
    if not approval.name.strip():
        problems.append(FieldProblem.said("name", "Enter the name of the person who signed."))
    if approval.email.strip() and not _EMAIL.match(approval.email.strip()):
        problems.append(
            FieldProblem.said("email", "'{email}' is not an e-mail address.", email=approval.email)
        )
    when = approval.signed_on
    if when is None:
        problems.append(FieldProblem.said("signed_on", "Enter the date of the signature."))
    elif when > today:
        problems.append(
            FieldProblem.said("signed_on", "The date of the signature is in the future.")
        )
    elif row.sent_at is not None and when < row.sent_at.date():
        problems.append(
            FieldProblem.said(
                "signed_on",
                "The date is before the document was sent ({sent}).",
                sent=Day(row.sent_at.date(), long=True),
            )
        )
    return problems


def _fill(
    signature: AgreementSignature, method: SignatureMethod, approval: Approval, user: str | None
) -> None:
    signature.state = SignatureState.SIGNED
    signature.method = method
    signature.signer_name = approval.name.strip()
    signature.signer_function = approval.function.strip() or None
    signature.signer_email = approval.email.strip() or None
    signature.signed_on = approval.signed_on
    signature.reason = signature.reason_phrase = None
    signature.recorded_by = user
    signature.recorded_at = utcnow()


def record_approval(
    db: Database,
    document_id: int,
    party: str,
    approval: Approval,
    *,
    scan: bytes | None = None,
    scan_name: str = "",
    user: str | None = None,
    today: date | None = None,
) -> DocumentView:
    """Record a typed approval, or with `scan` a paper signature, for `party`.

    Raises:
        ValidationError: a field is missing or wrong, or the scan is not a PDF/PNG/JPEG.
        VipdeskError: not out for signature, not this party's turn, or signed already.
    """
    today = today or date.today()
    with _writing(db, user) as session:
        row = load_row(session, document_id)
        signature = _open_signature(row, party)
        _touch(row)
        problems = _approval_problems(approval, row, today)
        if scan is not None:
            problems += scan_problems(scan, scan_name)
        if problems:
            raise ValidationError(problems)
        method = SignatureMethod.SCANNED if scan is not None else SignatureMethod.TYPED
        _fill(signature, method, approval, user)
        if scan is not None:
            signature.scan = scan
            signature.scan_name = scan_name or f"scan-{party}"
        _lock_if_complete(session, row, user)
        session.flush()
        return document_view(row, reference_of(session, row.placement_id))


def record_digital(
    db: Database,
    document_id: int,
    party: str,
    signed_pdf: bytes,
    *,
    name: str = "the PDF",
    user: str | None = None,
    confirm_signer: bool = False,
) -> DocumentView:
    """Record the party's digital signature from the PDF that came back signed.

    The file must be the one sent (or signed so far) with signatures added to it, and every
    signature in it must hold (`trust.check_signed_file`: nothing but the parties' signatures
    added after each). A signer who is not confirmed (untrusted certificate, another name, a
    different certificate than before) is recorded only with `confirm_signer`, and the
    reason is kept in the signature's history; the accepted certificate is remembered.

    Raises:
        UnconfirmedSignerError: the signer is not confirmed and `confirm_signer` is not set.
        VipdeskError: another file, the party's signature missing, altered or damaged.
    """
    with db.session() as session:
        row = load_row(session, document_id)
        _open_signature(row, party)
        base = row.signed_pdf or row.pdf
        title = document_name(row)
    assert base is not None  # sent documents have their PDF
    if not signed_pdf.startswith(base) or len(signed_pdf) == len(base):
        raise VipdeskError.said(
            "{file} is not the {document} as sent for signature with a signature added; ask "
            "the party to sign the file they received, without saving it as a new PDF.",
            file=name,
            document=title,
        )
    checked = check_signed_file(db, signed_pdf, name, document_id=document_id)
    if checked.failing:
        first = checked.failing[0].check
        raise VipdeskError.said(
            "{file}: the signature in {field} does not hold: {verdict}. Nothing was recorded.",
            file=name,
            field=first.field,
            verdict=first.verdict_phrase,
        )
    own = checked.of_party(party)
    if not own:
        raise VipdeskError.said(
            "{file} carries no signature for the {party}.", file=name, party=party_name(party)
        )
    signer = own[-1]
    if signer.reasons and not confirm_signer:
        raise UnconfirmedSignerError.said(
            "{file}: the signature for the {party} is intact, but its signer {signer} is not "
            "confirmed: {reasons}.",
            file=name,
            party=party_name(party),
            signer=signer.check.signer,
            reasons=Joined(signer.reasons, "; "),
        )
    assert signer.check.certificate is not None  # an intact signature has its certificate
    with _writing(db, user) as session:
        row = load_row(session, document_id)
        signature = _open_signature(row, party)
        _touch(row)
        if not signed_pdf.startswith(row.signed_pdf or row.pdf or b"\0"):
            raise ConflictError("agreement")  # another coordinator recorded one at the same moment
        when = signer.check.signed_at.date() if signer.check.signed_at else date.today()
        _fill(
            signature, SignatureMethod.DIGITAL, Approval(signer.check.signer, signed_on=when), user
        )
        if signer.reasons:  # kept as the record of why, in English and as a phrase
            of = {
                "because": Joined(signer.reasons, "; "),
                "user": user or "",
                "certificate": signer.check.certificate.describe(),
            }
            why = (
                Phrase(
                    "Signer not confirmed ({because}); recorded on the explicit confirmation "
                    "of {user}. Certificate: {certificate}",
                    of,
                )
                if user
                else Phrase(
                    "Signer not confirmed ({because}); recorded on the explicit confirmation "
                    "of the coordinator. Certificate: {certificate}",
                    of,
                )
            )
            signature.reason = why.english()
            signature.reason_phrase = phrase_json(why)
        pin(session, signer.scope, signer.check.certificate.fingerprint)
        row.signed_pdf = signed_pdf
        _lock_if_complete(session, row, user)
        session.flush()
        return document_view(row, reference_of(session, row.placement_id))


def sign_here(
    db: Database,
    document_id: int,
    party: str,
    pkcs12: bytes,
    passphrase: bytes | None,
    *,
    key_name: str = "the key file",
    user: str | None = None,
    confirm_signer: bool = False,
) -> DocumentView:
    """Sign the document digitally in vipdesk, for `party`, with a PKCS#12 key, and record it
    as `record_digital` does (an unconfirmed signer needs `confirm_signer`).

    The passphrase is used once and not kept.
    """

    with db.session() as session:
        row = load_row(session, document_id)
        _open_signature(row, party)
        base = row.signed_pdf or row.pdf
        label = str(row)
    assert base is not None
    signed = sign_agreement(
        base,
        party=Party(party),
        pkcs12=pkcs12,
        passphrase=passphrase,
        name=label,
        key_name=key_name,
    )
    return record_digital(
        db, document_id, party, signed.pdf, name=label, user=user, confirm_signer=confirm_signer
    )


def decline(
    db: Database, document_id: int, party: str, reason: str, *, user: str | None = None
) -> DocumentView:
    """The party declines: its reason is recorded and every other signature is reset.

    Raises:
        ValidationError: no reason given.
        VipdeskError: the document is not out for signature.
    """
    if not reason.strip():
        raise ValidationError.on("reason", "Say why the party declines.")
    with _writing(db, user) as session:
        row = load_row(session, document_id)
        if row.state is not DocumentState.SENT:
            raise VipdeskError.said(
                "The {document} is not out for signature.", document=document_name(row)
            )
        declining = next((s for s in row.signatures if s.party == party), None)
        if declining is None:
            raise VipdeskError.said(
                "The {party} does not sign the {document}.",
                party=party_name(party),
                document=document_name(row),
            )
        _touch(row)
        for signature in row.signatures:
            _reset(signature)
        declining.state = SignatureState.DECLINED
        declining.reason = reason.strip()
        declining.recorded_by = user
        declining.recorded_at = utcnow()
        row.signed_pdf = None  # the digital signatures go with the others
        session.flush()
        return document_view(row, reference_of(session, row.placement_id))


def _reset(signature: AgreementSignature) -> None:
    signature.state = SignatureState.PENDING
    signature.method = None
    signature.signer_name = None
    signature.signer_function = None
    signature.signer_email = None
    signature.signed_on = None
    signature.reason = signature.reason_phrase = None
    signature.scan = None
    signature.scan_name = None
    signature.recorded_by = None
    signature.recorded_at = None


def scan_of(db: Database, document_id: int, party: str) -> tuple[str, bytes]:
    """The attached scan of a paper signature: its file name and bytes."""
    with db.session() as session:
        row = load_row(session, document_id)
        signature = next((s for s in row.signatures if s.party == party), None)
        if signature is None or signature.scan is None:
            raise VipdeskError.said("No scan is attached for the {party}.", party=party_name(party))
        return signature.scan_name or f"scan-{party}", signature.scan


# --- locking -------------------------------------------------------------------------------


def _lock_if_complete(session: Session, row: AgreementDocument, user: str | None) -> None:
    if any(s.state is not SignatureState.SIGNED for s in row.signatures):
        return
    session.flush()
    if all(s.method is SignatureMethod.DIGITAL for s in row.signatures):
        final = row.signed_pdf
    else:
        final = executed_copy(session, row)
    assert final is not None
    row.final_pdf = final
    row.final_sha256 = hashlib.sha256(final).hexdigest()
    row.locked_at = utcnow()
    row.state = DocumentState.SIGNED
    if row.kind is not DocumentKind.AGREEMENT:
        return
    placement = session.get(Placement, row.placement_id)
    assert placement is not None
    session.flush()  # the checklist reads the lock from the records
    if placement.status is Status.AGREEMENT_SENT:
        # With checklist items still open, the coordinator moves it when they are done.
        with contextlib.suppress(TransitionError):
            move_status(session, placement, Status.SIGNED)
