"""Records the work list reads, written straight through the ORM at fixed dates."""

from __future__ import annotations

from collections import Counter
from datetime import UTC, date, datetime, time

from sqlalchemy import select

from vipdesk.db import Database
from vipdesk.models import (
    AgreementDocument,
    AgreementSignature,
    Cadence,
    ChecklistTick,
    CommunicationProtocol,
    DocumentKind,
    DocumentState,
    Phase,
    Placement,
    ProtocolActor,
    ReadinessAnswer,
    ReadinessParty,
    ReadinessResponse,
    ResponseStatus,
    SignatureMethod,
    SignatureState,
    Status,
    ToolChoice,
    ToolTest,
    ToolTestResult,
)
from vipdesk.services.worklist.due import WorkItem, WorkList, urgency
from vipdesk.services.worklist.rules import shipped_rules

PARTIES = ("student", "sending", "host")
# One tool per required purpose in resources/tools.json.
REQUIRED_TOOLS = {
    "meetings": "zoom",
    "questions": "slack",
    "reporting": "email",
    "documents": "sharepoint",
}
# A critical item of each party's questionnaire and its weak answer.
CRITICAL_NO = {
    ReadinessParty.STUDENT: "reliable_internet",
    ReadinessParty.COMPANY: "real_tasks",
    ReadinessParty.INSTITUTION: "outcomes_defined",
}


def at(day: date) -> datetime:
    return datetime.combine(day, time(9, 0), tzinfo=UTC)


def set_record(db: Database, placement_id: int, **values: object) -> None:
    """Set columns of a placement (status, planned dates) as if it had got there."""
    with db.session("tester") as s:
        placement = s.get(Placement, placement_id)
        assert placement is not None
        for name, value in values.items():
            setattr(placement, name, value)


def tick(db: Database, placement_id: int, key: str, note: str | None = None) -> None:
    with db.session("tester") as s:
        s.add(
            ChecklistTick(
                placement_id=placement_id,
                item_key=key,
                phase=Phase.BEFORE,
                done_by="tester",
                note=note,
            )
        )


def assess(
    db: Database,
    placement_id: int,
    party: ReadinessParty,
    on: date,
    *,
    critical_weak: bool = False,
) -> None:
    """A completed readiness response; its critical item answered "no" when `critical_weak`."""
    with db.session("tester") as s:
        response = ReadinessResponse(
            placement_id=placement_id,
            party=party,
            questionnaire_id=party.value,
            questionnaire_version=1,
            respondent="Respondent",
            status=ResponseStatus.COMPLETED,
            started_at=at(on),
            completed_at=at(on),
        )
        response.answers = [
            ReadinessAnswer(
                item_key=CRITICAL_NO[party], value_text="no" if critical_weak else "yes"
            )
        ]
        s.add(response)


def add_protocol(db: Database, placement_id: int) -> None:
    with db.session("tester") as s:
        s.add(
            CommunicationProtocol(
                placement_id=placement_id,
                reporting=Cadence.WEEKLY,
                reply_hours=24,
                meetings=Cadence.WEEKLY,
                meeting_minutes=30,
            )
        )


def choose_tools(db: Database, placement_id: int, choices: dict[str, str] | None = None) -> None:
    with db.session("tester") as s:
        for purpose, tool_key in (choices or REQUIRED_TOOLS).items():
            s.add(ToolChoice(placement_id=placement_id, purpose=purpose, tool_key=tool_key))


def record_tool_test(
    db: Database,
    placement_id: int,
    tool_key: str,
    actor: ProtocolActor,
    result: ToolTestResult,
    on: date,
    note: str | None = None,
) -> None:
    with db.session("tester") as s:
        row = s.scalar(
            select(ToolTest).where(
                ToolTest.placement_id == placement_id,
                ToolTest.tool_key == tool_key,
                ToolTest.actor == actor,
            )
        )
        if row is None:
            row = ToolTest(placement_id=placement_id, tool_key=tool_key, actor=actor)
            s.add(row)
        row.result, row.tested_on, row.note = result, on, note


def pass_all_tests(db: Database, placement_id: int, on: date) -> None:
    for tool_key in dict.fromkeys(REQUIRED_TOOLS.values()):
        for actor in ProtocolActor:
            record_tool_test(db, placement_id, tool_key, actor, ToolTestResult.PASSED, on)


def prepare_fully(db: Database, placement_id: int, on: date) -> None:
    """Everything a start needs but the signed agreement."""
    for party in ReadinessParty:
        assess(db, placement_id, party, on)
    add_protocol(db, placement_id)
    choose_tools(db, placement_id)
    pass_all_tests(db, placement_id, on)


def add_document(
    db: Database,
    placement_id: int,
    kind: DocumentKind,
    sent_on: date,
    signed: tuple[str, ...] = (),
    declined: tuple[str, ...] = (),
    number: int = 1,
) -> int:
    """A document out for signature (locked when all three parties signed)."""
    locked = len(signed) == len(PARTIES)
    with db.session("tester") as s:
        doc = AgreementDocument(
            placement_id=placement_id,
            kind=kind,
            number=number,
            state=DocumentState.SIGNED if locked else DocumentState.SENT,
            content="{}",
            content_hash="0" * 64,
            sign_order=",".join(PARTIES),
            sent_at=at(sent_on),
            sent_by="tester",
            locked_at=at(sent_on) if locked else None,
            final_sha256="1" * 64 if locked else None,
        )
        for position, party in enumerate(PARTIES, 1):
            if party in signed:
                signature = AgreementSignature(
                    party=party,
                    position=position,
                    state=SignatureState.SIGNED,
                    method=SignatureMethod.TYPED,
                    signer_name=f"Signer for {party}",
                    signed_on=sent_on,
                )
            elif party in declined:
                signature = AgreementSignature(
                    party=party, position=position, state=SignatureState.DECLINED, reason="No"
                )
            else:
                signature = AgreementSignature(
                    party=party, position=position, state=SignatureState.PENDING
                )
            doc.signatures.append(signature)
        s.add(doc)
        s.flush()
        return doc.id


def sign(db: Database, document_id: int, party: str, on: date) -> None:
    """One more party signs; the document locks when it was the last one."""
    with db.session("tester") as s:
        doc = s.get(AgreementDocument, document_id)
        assert doc is not None
        for signature in doc.signatures:
            if signature.party == party:
                signature.state, signature.method = SignatureState.SIGNED, SignatureMethod.TYPED
                signature.signer_name, signature.signed_on = f"Signer for {party}", on
        if all(sig.state is SignatureState.SIGNED for sig in doc.signatures):
            doc.state, doc.locked_at, doc.final_sha256 = DocumentState.SIGNED, at(on), "1" * 64


# --- work items without a database, for models and the placements list ----------------------

AS_OF = date(2027, 1, 20)


def work_item(placement_id: int, due: date, rule_key: str = "agreement_unsigned") -> WorkItem:
    return WorkItem(
        rule_key=rule_key,
        placement_id=placement_id,
        reference=f"VIP-2027-{placement_id:05d}",
        student="Łukasz Żółć",
        host="Acme Analytics GmbH",
        status=Status.AGREEMENT_SENT,
        what=next(r.what for r in shipped_rules() if r.key == rule_key),
        details="Sent 4 Jan 2027; not signed yet by the host (Acme Analytics GmbH).",
        action="Remind who has not signed",
        since=date(2027, 1, 4),
        due=due,
        urgency=urgency(due, AS_OF),
        tab="agreement",
    )


def make_work_list(*items: WorkItem, as_of: date = AS_OF) -> WorkList:
    ordered = sorted(items, key=lambda i: (i.urgency, i.due, i.reference))
    return WorkList(as_of, 0, ordered, counts=Counter(i.urgency for i in ordered))
