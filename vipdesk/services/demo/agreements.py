"""Demo data, part four: the agreement and certificate on file for each placement's status.

Every placement that reached "agreement sent" has version 1 of its agreement, frozen and sent
for signature: at "agreement sent" some signatures are still pending (most sent within the last
two weeks, some longer ago: the work list asks about those); from "signed" on, all three
parties signed by typed approval and the agreement is locked. A completed placement has its
traineeship certificate signed by the host, as do most evaluating ones some weeks after the end.

PDFs: rendering takes tens of milliseconds each, too slow for 100,000 placements, so the
documents are stored as content (the JSON the PDF is made from), its hash and the signature
records; `render_demo_pdfs` renders the PDFs of a bounded number of them (the first
`DEMO_AGREEMENTS`), with the archived final PDF and its SHA-256 for the locked ones. The others
have no PDF bytes and no archived fingerprint (an empty `final_sha256`): the app renders their
PDF from the stored content when someone asks for it.
"""

from __future__ import annotations

import hashlib
import json
import random
from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from vipdesk.db import Database
from vipdesk.documents.agreement.certificate_content import (
    certificate_from_agreement,
    certificate_to_dict,
)
from vipdesk.documents.agreement.content import (
    AgreementData,
    agreement_from_dict,
    agreement_to_dict,
    stored_json_and_hash,
)
from vipdesk.documents.agreement.pdf import render_agreement
from vipdesk.documents.agreement.signature_record import SignatureRecord
from vipdesk.models import (
    LIFECYCLE,
    Base,
    DocumentKind,
    DocumentState,
    SignatureMethod,
    SignatureState,
    Status,
)
from vipdesk.services.agreements.views import DEFAULT_PARTIES
from vipdesk.services.demo.parties import DEMO_USER, Row

DEMO_AGREEMENTS = 40  # agreements whose PDFs the demo renders
_SENT = LIFECYCLE.index(Status.AGREEMENT_SENT)
_SIGNED = LIFECYCLE.index(Status.SIGNED)
_LONG_UNSIGNED = 0.15  # of agreements at "agreement sent": out for more than two weeks


MENTOR_EVALUATIONS = (
    ("Reliable and curious; took ownership of the project within weeks.", "Excellent"),
    ("Worked independently across time zones and reported on time every week.", "Very good"),
    ("Good analytical skills; asked for help early when blocked.", "Very good"),
    ("Delivered every task; presentation skills grew noticeably.", "Good"),
    ("Needed guidance at first, then managed the tasks on her or his own.", "Good"),
    ("Met the agreed learning outcomes; communication in meetings could be more proactive.", ""),
)


_AMENDABLE = (Status.ONGOING, Status.EVALUATING, Status.COMPLETED)
AMENDMENT_REASONS = (
    "The trainee works {hours} hours a week during the exam period.",
    "Fewer hours ({hours} a week): the host's project was rescheduled.",
    "Part-time from now on ({hours} hours a week) for a second internship module.",
)


@dataclass(frozen=True)
class OnFile:
    """What a placement needs on file, decided before its preparation rows are drawn."""

    pid: int
    reached: Status
    start: date
    end: date
    sent_on: date
    coordinator: str


def sent_day(rng: random.Random, today: date, reached: Status, start: date, created: date) -> date:
    """When the agreement went out: recently at "agreement sent", weeks before the start later."""
    if reached is Status.AGREEMENT_SENT:
        back = rng.randint(15, 45) if rng.random() < _LONG_UNSIGNED else rng.randint(1, 12)
        day = today - timedelta(days=back)
    else:
        day = min(start - timedelta(days=rng.randint(20, 50)), today - timedelta(days=14))
    return max(day, min(created + timedelta(days=3), today - timedelta(days=1)))


def needs_agreement(reached: Status) -> bool:
    return reached in LIFECYCLE and LIFECYCLE.index(reached) >= _SENT


def _signer(data: AgreementData, party: str) -> tuple[str, str, str]:
    if party == "student":
        return data.trainee.name, "Trainee", data.trainee.email
    if party == "sending":
        contact = data.sending.contact
        return contact.name or DEMO_USER, contact.position or "Placement coordinator", contact.email
    mentor = data.receiving.mentor
    return mentor.name or data.receiving.name, mentor.position or "Company mentor", mentor.email


class DocumentRows:
    """Rows of `agreement_document` and `agreement_signature` for a batch of placements."""

    def __init__(self, rng: random.Random, today: date) -> None:
        self.rng = rng
        self.today = today
        # Amendments draw from their own generator (seeded without drawing from `rng`), so that
        # adding them left every other record of a seed as it was.
        self.amend_rng = random.Random(hash(rng.getstate()[1][:8]))

    def build(
        self, contents: Mapping[int, AgreementData], wanted: list[OnFile]
    ) -> list[tuple[Row, list[Row]]]:
        """The documents of `wanted`, from each placement's drafted agreement in `contents`."""
        out = []
        for want in wanted:
            data = replace(contents[want.pid], generated_at=want.sent_on)
            agreement = self._agreement(want, data)
            out.append(agreement)
            amendment = self._amendment(want, data, agreement[0]["locked_at"])
            if amendment is not None:
                out.append(amendment)
            certificate = self._certificate(want, data)
            if certificate is not None:
                out.append(certificate)
        return out

    def _signatures(
        self, parties: tuple[str, ...], data: AgreementData, sent_on: date, signed: int
    ) -> tuple[list[Row], date]:
        rows, day = [], sent_on
        for position, party in enumerate(parties, 1):
            row: Row = {"party": party, "position": position, "state": SignatureState.PENDING.value}
            row |= dict.fromkeys(("method", "signer_name", "signer_function", "signer_email"))
            row |= {"signed_on": None, "recorded_by": None, "recorded_at": None, "reason": None}
            if position <= signed:
                day = min(day + timedelta(days=self.rng.randint(1, 6)), self.today)
                name, function, email = _signer(data, party)
                row |= {
                    "state": SignatureState.SIGNED.value,
                    "method": SignatureMethod.TYPED.value,
                    "signer_name": name,
                    "signer_function": function,
                    "signer_email": email or None,
                    "signed_on": day,
                    "recorded_by": DEMO_USER,
                    "recorded_at": datetime.combine(day, time(10, 30), tzinfo=UTC),
                }
            rows.append(row)
        return rows, day

    def _agreement(self, want: OnFile, data: AgreementData) -> tuple[Row, list[Row]]:
        locked = LIFECYCLE.index(want.reached) >= _SIGNED
        signed = len(DEFAULT_PARTIES) if locked else self.rng.randint(0, 2)
        signatures, last = self._signatures(DEFAULT_PARTIES, data, want.sent_on, signed)
        content, digest = stored_json_and_hash(agreement_to_dict(data))
        return self._document(
            want, DocumentKind.AGREEMENT, content, digest, DEFAULT_PARTIES,
            want.sent_on, last if locked else None,
        ), signatures  # fmt: skip

    def _amendment(
        self, want: OnFile, data: AgreementData, locked_at: object
    ) -> tuple[Row, list[Row]] | None:
        """Now and then, fewer hours agreed after signing: signed, or out for signature while
        the placement is ongoing (the Today tab's "amendment out for signature")."""
        rng = self.amend_rng
        if not isinstance(locked_at, datetime) or want.reached not in _AMENDABLE:
            return None
        if rng.random() > 0.08:
            return None
        sent_on = locked_at.date() + timedelta(days=rng.randint(14, 60))
        if sent_on >= self.today:
            return None
        programme = data.programme
        hours = max(8, programme.hours_per_week - rng.choice((4, 5, 8)))
        amended = replace(data, programme=replace(programme, hours_per_week=hours))
        reason, out_for_signing = rng.choice(AMENDMENT_REASONS), False
        if want.reached is Status.ONGOING and rng.random() < 0.4:
            out_for_signing = True
        signed = rng.randint(0, 2) if out_for_signing else len(DEFAULT_PARTIES)
        signatures, last = self._signatures(DEFAULT_PARTIES, amended, sent_on, signed)
        content, digest = stored_json_and_hash(agreement_to_dict(amended))
        row = self._document(
            want, DocumentKind.AMENDMENT, content, digest, DEFAULT_PARTIES,
            sent_on, None if out_for_signing else last,
        )  # fmt: skip
        return row | {"note": reason.format(hours=hours)}, signatures

    def _certificate(self, want: OnFile, data: AgreementData) -> tuple[Row, list[Row]] | None:
        """Signed by the host for a completed placement, and for most evaluating ones."""
        since_end = (self.today - want.end).days
        if want.reached is Status.EVALUATING:
            if since_end < 7 or self.rng.random() > (0.85 if since_end > 30 else 0.5):
                return None
        elif want.reached is not Status.COMPLETED:
            return None
        issued = min(want.end + timedelta(days=self.rng.randint(3, min(30, since_end))), self.today)
        certificate = certificate_from_agreement(
            data, actual_start=want.start, actual_end=want.end, today=issued
        )
        # The mentor's word is what the host signs: a certificate is never sent without it.
        evaluation, assessment = self.rng.choice(MENTOR_EVALUATIONS)
        certificate = replace(certificate, evaluation=evaluation, assessment=assessment)
        parties = ("host",)
        signatures, last = self._signatures(parties, data, issued, 1)
        content, digest = stored_json_and_hash(certificate_to_dict(certificate))
        return self._document(
            want, DocumentKind.CERTIFICATE, content, digest, parties, issued, last,
        ), signatures  # fmt: skip

    def _document(
        self,
        want: OnFile,
        kind: DocumentKind,
        content: str,
        digest: str,
        parties: tuple[str, ...],
        sent_on: date,
        locked_on: date | None,
    ) -> Row:
        sent_at = datetime.combine(sent_on, time(9, 0), tzinfo=UTC)
        locked_at = datetime.combine(locked_on, time(11, 0), tzinfo=UTC) if locked_on else None
        return {
            "placement_id": want.pid,
            "kind": kind.value,
            "number": 1,
            "state": (DocumentState.SIGNED if locked_at else DocumentState.SENT).value,
            "content": content,
            "content_hash": digest,
            "note": None,
            "sign_order": ",".join(parties),
            "sent_at": sent_at,
            "sent_by": want.coordinator,
            "locked_at": locked_at,
            "final_sha256": "" if locked_at else None,  # no archived PDF: rendered when asked
            "version": 1,
            "created_at": sent_at - timedelta(days=2),
            "updated_at": locked_at or sent_at,
            "updated_by": want.coordinator,
        }


# --- PDFs for a bounded number ---------------------------------------------------------------


def add_demo_agreements(db: Database, *, limit: int = DEMO_AGREEMENTS) -> int:
    """Render the PDFs of up to `limit` stored demo agreements; returns how many."""
    with db.session(DEMO_USER) as session:
        return render_demo_pdfs(session, limit=limit)


def render_demo_pdfs(session: Session, *, limit: int = DEMO_AGREEMENTS) -> int:
    """`add_demo_agreements` inside a session the caller holds and commits (or rolls back).

    A third are agreements still out for signature, the others locked ones, so that both kinds
    show in a small demo: the PDF as sent, and for a locked one the executed copy archived with
    its SHA-256.
    """
    waiting = limit // 3
    documents = Base.metadata.tables["agreement_document"]
    signatures = Base.metadata.tables["agreement_signature"]
    chosen: list[Any] = []
    for state, count in ((DocumentState.SENT, waiting), (DocumentState.SIGNED, limit - waiting)):
        chosen += session.execute(
            select(documents.c.id, documents.c.state, documents.c.content)
            .where(
                documents.c.kind == DocumentKind.AGREEMENT.value,
                documents.c.state == state.value,
                documents.c.pdf.is_(None),
            )
            .order_by(documents.c.id)
            .limit(count)
        ).all()
    # Core statements, not the ORM: rendering a PDF is nobody's edit, so no audit entries.
    for document_id, state, content in chosen:
        data = agreement_from_dict(json.loads(content))
        values: dict[str, object] = {"pdf": render_agreement(data)}
        if DocumentState(state) is DocumentState.SIGNED:
            records = [
                SignatureRecord(
                    party,
                    "typed",
                    name or "",
                    function or "",
                    email or "",
                    signed_on or date.min,
                    DEMO_USER,
                )
                for party, name, function, email, signed_on in session.execute(
                    select(
                        signatures.c.party,
                        signatures.c.signer_name,
                        signatures.c.signer_function,
                        signatures.c.signer_email,
                        signatures.c.signed_on,
                    )
                    .where(signatures.c.document_id == document_id)
                    .order_by(signatures.c.position)
                )
            ]
            final = render_agreement(data, records=records)
            values |= {"final_pdf": final, "final_sha256": hashlib.sha256(final).hexdigest()}
        session.execute(update(documents).where(documents.c.id == document_id).values(values))
    return len(chosen)
