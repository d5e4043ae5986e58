"""What the records say about the checklist items vipdesk holds evidence for.

These items follow from records rather than a click: each party's readiness (its latest
completed questionnaire, with no critical flag open), the communication protocol (saved), the
tools (every required purpose has one, every chosen tool tested with every actor: passed, or
failed with a reason written down), the agreement (signed by all and locked), the certificate
(signed and locked), and during and after the placement (`during`) the kick-off, mentoring,
coaching, peer feedback and reflection (logged) and the recognition of the credits.
Everything here reads a batch of placements with a fixed number of queries, whatever the batch
size, so the work list can ask for many at once.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from vipdesk.models import (
    AgreementDocument,
    AgreementSignature,
    CommunicationProtocol,
    DocumentKind,
    DocumentState,
    ProtocolActor,
    ReadinessAnswer,
    ReadinessParty,
    ReadinessResponse,
    ResponseStatus,
    SignatureState,
    ToolChoice,
    ToolTest,
    ToolTestResult,
)
from vipdesk.services.placements.during import DURING_ITEMS, during_evidence
from vipdesk.services.placements.evidence_types import Evidence, day, found, local_day
from vipdesk.services.placements.evidence_words import evidence
from vipdesk.services.preparation.questionnaires import (
    AnswerValue,
    QuestionnaireLibrary,
    assess,
    default_library,
)
from vipdesk.services.preparation.tool_catalogue import purposes

READINESS_ITEMS = {
    ReadinessParty.STUDENT: "readiness_student",
    ReadinessParty.COMPANY: "readiness_company",
    ReadinessParty.INSTITUTION: "readiness_institution",
}
TOOLS_ITEM = "tools_tested"
PROTOCOL_ITEM = "protocol"
AGREEMENT_ITEM = "agreement_signed"
CERTIFICATE_ITEM = "certificate"
EVIDENCE_ITEMS = frozenset(
    (
        *READINESS_ITEMS.values(),
        TOOLS_ITEM,
        PROTOCOL_ITEM,
        AGREEMENT_ITEM,
        CERTIFICATE_ITEM,
        *DURING_ITEMS,
    )
)
__all__ = ["EVIDENCE_ITEMS", "Evidence", "day", "evidence_for"]


def evidence_for(
    session: Session, placement_ids: Sequence[int], library: QuestionnaireLibrary | None = None
) -> dict[int, dict[str, Evidence]]:
    """Placement id → item key → evidence, for every evidence-backed item (9 queries)."""
    ids = list(dict.fromkeys(placement_ids))
    out: dict[int, dict[str, Evidence]] = {pid: {} for pid in ids}
    if not ids:
        return out
    for pid, ready in _readiness(session, ids, library or default_library()).items():
        out[pid].update(ready)
    saved: dict[int, datetime] = {
        pid: at
        for pid, at in session.execute(
            select(CommunicationProtocol.placement_id, CommunicationProtocol.updated_at).where(
                CommunicationProtocol.placement_id.in_(ids)
            )
        )
    }
    for pid in ids:
        out[pid][PROTOCOL_ITEM] = (
            evidence(True, found("protocol_saved", day=local_day(saved[pid])), at=saved[pid])
            if pid in saved
            else evidence(False, found("no_protocol"))
        )
    for pid, tools in _tools(session, ids).items():
        out[pid][TOOLS_ITEM] = tools
    for pid, documents in _documents(session, ids).items():
        out[pid].update(documents)
    for pid, during in during_evidence(session, ids).items():
        out[pid].update(during)
    return out


# --- readiness -----------------------------------------------------------------------------


def _readiness(
    session: Session, ids: list[int], library: QuestionnaireLibrary
) -> dict[int, dict[str, Evidence]]:
    rows = session.execute(
        select(
            ReadinessResponse.id,
            ReadinessResponse.placement_id,
            ReadinessResponse.party,
            ReadinessResponse.status,
            ReadinessResponse.questionnaire_id,
            ReadinessResponse.questionnaire_version,
            ReadinessResponse.completed_at,
        ).where(ReadinessResponse.placement_id.in_(ids))
    ).all()
    latest: dict[tuple[int, ReadinessParty], tuple[int, str, int, datetime]] = {}
    in_progress: set[tuple[int, ReadinessParty]] = set()
    for rid, pid, party, status, qid, qversion, completed_at in rows:
        if status is not ResponseStatus.COMPLETED:
            in_progress.add((pid, party))
            continue
        known = latest.get((pid, party))
        if completed_at is None:  # a completed response is always dated (CHECK)
            continue
        if known is None or (completed_at, rid) > (known[3], known[0]):
            latest[(pid, party)] = (rid, qid, qversion, completed_at)
    answers: dict[int, dict[str, AnswerValue]] = defaultdict(dict)
    wanted = [found[0] for found in latest.values()]
    if wanted:
        for rid, key, text, number in session.execute(
            select(
                ReadinessAnswer.response_id,
                ReadinessAnswer.item_key,
                ReadinessAnswer.value_text,
                ReadinessAnswer.value_number,
            ).where(ReadinessAnswer.response_id.in_(wanted))
        ):
            answers[rid][key] = number if number is not None else (text or "")
    out: dict[int, dict[str, Evidence]] = {pid: {} for pid in ids}
    for pid in ids:
        for party, key in READINESS_ITEMS.items():
            last = latest.get((pid, party))
            if last is None:
                pending = (pid, party) in in_progress
                out[pid][key] = evidence(
                    False, found("questionnaire_started" if pending else "no_questionnaire")
                )
                continue
            rid, qid, qversion, completed_at = last
            given = answers[rid]
            critical = assess(library.get(qid, qversion), given).critical
            if not critical:
                out[pid][key] = evidence(
                    True, found("questionnaire_clear", day=local_day(completed_at)), at=completed_at
                )
                continue
            flags = tuple((qid, qversion, f.item_key, given[f.item_key]) for f in critical)
            out[pid][key] = evidence(False, found("critical_flags", flags=flags), at=completed_at)
    return out


# --- tools ---------------------------------------------------------------------------------


def _tools(session: Session, ids: list[int]) -> dict[int, Evidence]:
    choices: dict[int, dict[str, str]] = defaultdict(dict)
    for pid, purpose, tool_key in session.execute(
        select(ToolChoice.placement_id, ToolChoice.purpose, ToolChoice.tool_key).where(
            ToolChoice.placement_id.in_(ids)
        )
    ):
        choices[pid][purpose] = tool_key
    tests: dict[tuple[int, str, ProtocolActor], tuple[ToolTestResult, str, date | None]] = {}
    for pid, tool_key, actor, result, note, tested_on in session.execute(
        select(
            ToolTest.placement_id,
            ToolTest.tool_key,
            ToolTest.actor,
            ToolTest.result,
            ToolTest.note,
            ToolTest.tested_on,
        ).where(ToolTest.placement_id.in_(ids))
    ):
        tests[(pid, tool_key, actor)] = (result, (note or "").strip(), tested_on)
    required = [p for p in purposes() if p.required]
    out: dict[int, Evidence] = {}
    for pid in ids:
        chosen = choices.get(pid, {})
        missing = tuple(p.key for p in required if p.key not in chosen)
        problems = [found("no_tool_for", purposes=missing)] if missing else []
        tools = list(dict.fromkeys(chosen.values()))
        accepted, last = 0, None
        for tool_key in tools:
            open_with: list[tuple[str, str]] = []
            for actor in ProtocolActor:
                result, note, tested_on = tests.get(
                    (pid, tool_key, actor), (ToolTestResult.NOT_YET, "", None)
                )
                if result is ToolTestResult.NOT_YET:
                    open_with.append((actor.value, "not_tested"))
                elif result is ToolTestResult.FAILED and not note:
                    open_with.append((actor.value, "failed"))
                else:
                    accepted += result is ToolTestResult.FAILED
                    last = max(last, tested_on) if last and tested_on else (tested_on or last)
            if open_with:
                problems.append(found("tool_open", tool=tool_key, open=tuple(open_with)))
        if problems:
            out[pid] = evidence(False, *problems)
            continue
        tested = found("tools_tested", count=len(tools), accepted=accepted, last=last)
        out[pid] = evidence(True, tested, at=last)
    return out


# --- agreement and certificate -------------------------------------------------------------


_DOCUMENT_ITEMS = (
    (DocumentKind.AGREEMENT, AGREEMENT_ITEM),
    (DocumentKind.CERTIFICATE, CERTIFICATE_ITEM),
)


def _documents(session: Session, ids: list[int]) -> dict[int, dict[str, Evidence]]:
    rows = session.execute(
        select(
            AgreementDocument.id,
            AgreementDocument.placement_id,
            AgreementDocument.kind,
            AgreementDocument.number,
            AgreementDocument.state,
            AgreementDocument.locked_at,
        ).where(
            AgreementDocument.placement_id.in_(ids),
            AgreementDocument.kind.in_((DocumentKind.AGREEMENT, DocumentKind.CERTIFICATE)),
        )
    ).all()
    latest: dict[tuple[int, DocumentKind], tuple[int, int, DocumentState, datetime | None]] = {}
    for doc_id, pid, kind, number, state, locked_at in rows:
        known = latest.get((pid, kind))
        if (
            state is DocumentState.SIGNED
            or known is None
            or (known[2] is not DocumentState.SIGNED and number > known[1])
        ):
            latest[(pid, kind)] = (doc_id, number, state, locked_at)
    sent = [found[0] for found in latest.values() if found[2] is DocumentState.SENT]
    waiting: dict[int, list[str]] = defaultdict(list)
    declined: dict[int, list[str]] = defaultdict(list)
    if sent:
        for doc_id, party, signed in session.execute(
            select(
                AgreementSignature.document_id, AgreementSignature.party, AgreementSignature.state
            )
            .where(AgreementSignature.document_id.in_(sent))
            .order_by(AgreementSignature.position)
        ):
            if signed is SignatureState.DECLINED:
                declined[doc_id].append(party)
            elif signed is not SignatureState.SIGNED:
                waiting[doc_id].append(party)
    out: dict[int, dict[str, Evidence]] = {pid: {} for pid in ids}
    for pid in ids:
        for kind, key in _DOCUMENT_ITEMS:
            out[pid][key] = _document_evidence(kind, latest.get((pid, kind)), waiting, declined)
    return out


def _document_evidence(
    kind: DocumentKind,
    latest: tuple[int, int, DocumentState, datetime | None] | None,
    waiting: dict[int, list[str]],
    declined: dict[int, list[str]],
) -> Evidence:
    name = "agreement" if kind is DocumentKind.AGREEMENT else "certificate"
    if latest is None:
        return evidence(False, found("document_none", kind=name))
    doc_id, number, state, locked_at = latest
    if state is DocumentState.SIGNED and locked_at is not None:
        locked = found("document_locked", kind=name, number=number, day=local_day(locked_at))
        return evidence(True, locked, at=locked_at)
    if state is DocumentState.SENT:
        key = "document_declined" if declined[doc_id] else "document_waiting"
        parties = tuple(declined[doc_id] or waiting[doc_id])
        return evidence(False, found(key, kind=name, number=number, parties=parties))
    return evidence(False, found("document_draft", kind=name, number=number))


def sent_agreement(session: Session, placement_id: int) -> bool:
    """An agreement version went out for signature (and may since be signed)."""
    return (
        session.scalar(
            select(AgreementDocument.id)
            .where(
                AgreementDocument.placement_id == placement_id,
                AgreementDocument.kind == DocumentKind.AGREEMENT,
                AgreementDocument.state.in_((DocumentState.SENT, DocumentState.SIGNED)),
            )
            .limit(1)
        )
        is not None
    )
