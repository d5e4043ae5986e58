"""A fillable agreement that came back from company HR: what changed, and taking it over.

`returned_changes` recognises the file (ours, this placement, a stored version), lists field
by field what HR wrote differently, and which parties signed it digitally. `accept_changes`
turns the changes the coordinator accepts into a new draft version; nothing is stored before.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, replace
from decimal import Decimal, InvalidOperation

from sqlalchemy import select

from vipdesk.db import Database
from vipdesk.documents.agreement.content import (
    AgreementData,
    agreement_from_dict,
    content_hash,
)
from vipdesk.documents.agreement.form import FIELD_LABELS, differences, read_returned_bytes
from vipdesk.documents.agreement.limits import RETURNED
from vipdesk.documents.agreement.task_lines import parse_tasks
from vipdesk.errors import FieldProblem, NotFoundError, ValidationError, VipdeskError
from vipdesk.models import AgreementDocument, DocumentKind, DocumentState, Placement
from vipdesk.phrase import Count, Phrase
from vipdesk.services.agreements.prefill import agreement_from_placement
from vipdesk.services.agreements.queries import get_document
from vipdesk.services.agreements.views import DocumentView
from vipdesk.services.agreements.workflow import new_version
from vipdesk.services.signatures.trust import SignerCheck, check_signed_file

_AMOUNT = re.compile(r"^\s*([0-9][0-9 .,']*)\s*([A-Za-z]{3})?\s*$")

# The host's fields HR returns, as a sentence names them ("the returned mentor name").
RETURNED_NAMES = {
    "host_department": Phrase("host department"),
    "mentor_name": Phrase("mentor name"),
    "mentor_position": Phrase("mentor position"),
    "mentor_email": Phrase("mentor email"),
    "financial_support": Phrase("financial support"),
    "financial_amount": Phrase("financial amount"),
    "in_kind": Phrase("in kind"),
    "host_insurance": Phrase("host insurance"),
    "tasks": Phrase("tasks"),
}


@dataclass(frozen=True)
class Change:
    field: str
    label: str
    ours: str
    theirs: str


@dataclass(frozen=True)
class ReturnedReview:
    """What a returned file says, against the stored version it was made from."""

    name: str
    reference: str
    version: int
    document_id: int | None  # None: exported before any version was stored
    changes: tuple[Change, ...]
    values: dict[str, str]  # every host field in the file, as text
    signed_parties: tuple[str, ...]  # parties whose digital signature the file carries
    made_from_older_draft: bool  # the draft was edited after this file was exported
    trainee_name: str = ""
    host_name: str = ""
    signers: tuple[SignerCheck, ...] = ()  # each signature, intact, and who signed
    missing_fields: tuple[str, ...] = ()  # labels of the host's fields the file lacks


def returned_changes(db: Database, placement_id: int, pdf: bytes, name: str) -> ReturnedReview:
    """Read a returned agreement PDF for this placement.

    A file carrying digital signatures is checked as `verify` checks it: one whose
    signatures do not hold (altered after signing, damaged) is refused, and each signer is
    compared with the person on record (`signers`).

    Raises:
        VipdeskError: not a vipdesk agreement, another placement's (or moved to this one after
            export), a version that is not stored, a sent version's file whose content was
            changed, or a signature that does not hold.
    """

    returned = read_returned_bytes(pdf, name)
    with db.session() as session:
        reference = session.scalar(select(Placement.reference).where(Placement.id == placement_id))
        if reference is None:
            raise NotFoundError.said("This placement no longer exists.")
        if returned.reference != reference:
            raise VipdeskError.said(
                "{file} is the agreement of placement {theirs}, not of {ours}.",
                file=name,
                theirs=returned.reference,
                ours=reference,
            )
        if returned.placement_id not in (None, placement_id):
            raise VipdeskError.said(
                "{file} carries the reference {reference} with the placement id {theirs}, but "
                "{reference} here is placement {ours}: the file comes from another database, or "
                "its properties were changed.",
                file=name,
                reference=reference,
                theirs=returned.placement_id,
                ours=placement_id,
            )
        row = session.scalar(
            select(AgreementDocument).where(
                AgreementDocument.placement_id == placement_id,
                AgreementDocument.kind == DocumentKind.AGREEMENT,
                AgreementDocument.number == returned.version,
            )
        )
        any_stored = session.scalar(
            select(AgreementDocument.id).where(AgreementDocument.placement_id == placement_id)
        )
        if row is None and any_stored is not None:
            raise VipdeskError.said(
                "{file} is version {version} of agreement {reference}, which is not stored here: "
                "export the current version and send that.",
                file=name,
                version=returned.version,
                reference=reference,
            )
        if row is None:
            document_id, state = None, DocumentState.DRAFT
        else:
            data = agreement_from_dict(json.loads(row.content))
            document_id, state = row.id, row.state
    if document_id is None:
        # Exported before any version was stored: compare with the records as they are now.

        data = agreement_from_placement(db, placement_id, version=returned.version)
    stale = returned.content_hash != content_hash(data)
    if stale and state is not DocumentState.DRAFT:
        raise VipdeskError.said(
            "{file} does not match version {version} of agreement {reference} as it was sent: it "
            "was made from other content.",
            file=name,
            version=returned.version,
            reference=reference,
        )
    signers: tuple[SignerCheck, ...] = ()
    if returned.signed:
        signers = check_signed_file(db, pdf, name, document_id=document_id).signers
        broken = next((s.check for s in signers if not s.check.holds), None)
        if broken is not None:
            raise VipdeskError.said(
                "{file}: the signature in {field} does not hold: {verdict}. The file is not "
                "reviewed; ask for the file as it was signed.",
                file=name,
                field=broken.field,
                verdict=broken.verdict_phrase,
            )
    signed = tuple(dict.fromkeys(s.check.party.value for s in signers if s.check.party))
    return ReturnedReview(
        name=name,
        reference=reference,
        version=returned.version,
        document_id=document_id,
        changes=tuple(
            Change(c.field, c.label, c.ours, c.theirs) for c in differences(returned, data)
        ),
        values=dict(returned.fields),
        signed_parties=signed,
        made_from_older_draft=stale,
        trainee_name=data.trainee.name,
        host_name=data.receiving.name,
        signers=signers,
        missing_fields=tuple(
            label for key, label in FIELD_LABELS.items() if key not in returned.fields
        ),
    )


def accept_changes(
    db: Database,
    placement_id: int,
    review: ReturnedReview,
    accepted: list[str],
    user: str | None = None,
) -> DocumentView:
    """The accepted fields of the returned file, as a new draft version of the agreement.

    Raises:
        ValidationError: nothing accepted, or an accepted value cannot be read (an amount,
            a task's deadline); nothing is stored then.
        DocumentFrozenError: the agreement is signed and locked.
    """

    if not accepted:
        raise ValidationError.on("changes", "Choose at least one change to accept.")
    if review.document_id is None:
        base = agreement_from_placement(db, placement_id)
    else:
        base = get_document(db, review.document_id).agreement
    data = apply_host_fields(base, {name: review.values[name] for name in accepted})
    labels = ", ".join(c.label for c in review.changes if c.field in accepted)
    note = f"Changes returned by the host in {review.name} accepted: {labels}."
    return new_version(db, placement_id, user, data=data, note=note)


# --- reading the host's fields back into the agreement -------------------------------------


def parse_amount(text: str) -> tuple[Decimal | None, str | None]:
    """'350.00 EUR' → (350.00, 'EUR'); '' → (None, None).

    Raises:
        ValueError: the text is not an amount.
    """
    if not text.strip():
        return None, None
    match = _AMOUNT.match(text)
    if match is None:
        raise ValueError(text)
    digits = match.group(1).replace(" ", "").replace("'", "")
    if "," in digits and "." not in digits:
        digits = digits.replace(",", ".")  # 350,50
    digits = digits.replace(",", "")  # 1,250.00
    try:
        amount = Decimal(digits)
    except InvalidOperation as exc:
        raise ValueError(text) from exc
    currency = match.group(2).upper() if match.group(2) else None
    return amount, currency


def too_long_values(values: dict[str, str]) -> list[FieldProblem]:
    """Values HR returned longer than their field may hold (a doctored or pasted-over form)."""
    return [
        FieldProblem.said(
            name,
            "The returned {field} is longer than {limit} characters (it has {length}).",
            field=RETURNED_NAMES[name],
            limit=Count(RETURNED[name]),
            length=Count(len(value.strip())),
        )
        for name, value in values.items()
        if name in RETURNED and len(value.strip()) > RETURNED[name]
    ]


def apply_host_fields(data: AgreementData, values: dict[str, str]) -> AgreementData:
    """`data` with the given host fields (text, as in the fillable PDF) taken over.

    Raises:
        ValidationError: an amount or a task's deadline cannot be read.
    """
    receiving, host, programme = data.receiving, data.host, data.programme
    mentor = receiving.mentor
    problems = too_long_values(values)
    if problems:
        raise ValidationError(problems)
    for name, value in values.items():
        text = value.strip()
        if name == "host_department":
            receiving = replace(receiving, department=text)
        elif name in ("mentor_name", "mentor_position", "mentor_email"):
            mentor = replace(mentor, **{name.removeprefix("mentor_"): text})
        elif name == "financial_support":
            host = replace(host, financial_support=text.lower() in ("yes", "on", "true", "1"))
        elif name == "financial_amount":
            try:
                amount, currency = parse_amount(text)
            except ValueError:
                problems.append(
                    FieldProblem.said(name, "'{text}' is not an amount of money.", text=text)
                )
                continue
            host = replace(host, amount=amount, currency=currency or host.currency)
        elif name == "in_kind":
            host = replace(host, in_kind=value.strip())
        elif name == "host_insurance":
            host = replace(host, insurance=value.strip())
        elif name == "tasks":
            try:
                programme = replace(programme, tasks=parse_tasks(value))
            except ValueError as exc:
                problems.append(
                    FieldProblem.said(
                        name, "The deadline in the task '{task}' is not a date.", task=str(exc)
                    )
                )
    if problems:
        raise ValidationError(problems)
    receiving = replace(receiving, mentor=mentor)
    return replace(data, receiving=receiving, host=host, programme=programme)
