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
from vipdesk.services.agreements.views import PARTY_LABELS
from vipdesk.services.placements.during import DURING_ITEMS, during_evidence
from vipdesk.services.placements.evidence_types import Evidence, day
from vipdesk.services.preparation.questionnaires import (
    AnswerValue,
    QuestionnaireLibrary,
    assess,
    default_library,
)
from vipdesk.services.preparation.tool_catalogue import purposes, tool_name

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
    for pid, found in _readiness(session, ids, library or default_library()).items():
        out[pid].update(found)
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
            Evidence(True, f"protocol saved {day(saved[pid])}", saved[pid])
            if pid in saved
            else Evidence(False, "no communication protocol saved yet")
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
            found = latest.get((pid, party))
            if found is None:
                pending = (pid, party) in in_progress
                out[pid][key] = Evidence(
                    False,
                    "questionnaire started, not completed yet"
                    if pending
                    else "no questionnaire completed yet",
                )
                continue
            rid, qid, qversion, completed_at = found
            critical = assess(library.get(qid, qversion), answers[rid]).critical
            when = f"questionnaire completed {day(completed_at)}"
            if not critical:
                out[pid][key] = Evidence(True, f"{when}, no critical flag", completed_at)
                continue
            flags = "; ".join(f"“{_short(f.question)}” answered {f.answer}" for f in critical)
            count = f"{len(critical)} critical flag{'s' if len(critical) > 1 else ''} open"
            out[pid][key] = Evidence(False, f"{count}: {flags}", completed_at)
    return out


def _short(text: str, limit: int = 80) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


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
        missing = [p.label for p in required if p.key not in chosen]
        problems = [f"no tool chosen for: {', '.join(missing)}"] if missing else []
        tools = list(dict.fromkeys(chosen.values()))
        accepted, last = 0, None
        for tool_key in tools:
            open_with: list[str] = []
            for actor in ProtocolActor:
                result, note, tested_on = tests.get(
                    (pid, tool_key, actor), (ToolTestResult.NOT_YET, "", None)
                )
                who = f"the {actor.label.lower()}"
                if result is ToolTestResult.NOT_YET:
                    open_with.append(f"not tested with {who}")
                elif result is ToolTestResult.FAILED and not note:
                    open_with.append(f"failed with {who}, no reason recorded")
                else:
                    accepted += result is ToolTestResult.FAILED
                    last = max(last, tested_on) if last and tested_on else (tested_on or last)
            if open_with:
                problems.append(f"{tool_name(tool_key)}: {'; '.join(open_with)}")
        if problems:
            out[pid] = Evidence(False, "; ".join(problems))
            continue
        text = f"{len(tools)} tool{'s' if len(tools) > 1 else ''} tested with every actor"
        if accepted:
            text += f" ({accepted} failed test{'s' if accepted > 1 else ''} accepted with a reason)"
        out[pid] = Evidence(True, text + (f", last on {day(last)}" if last else ""), last)
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
            label = PARTY_LABELS.get(party, party).lower()
            if signed is SignatureState.DECLINED:
                declined[doc_id].append(label)
            elif signed is not SignatureState.SIGNED:
                waiting[doc_id].append(label)
    out: dict[int, dict[str, Evidence]] = {pid: {} for pid in ids}
    for pid in ids:
        for kind, key in _DOCUMENT_ITEMS:
            out[pid][key] = _document_evidence(kind, latest.get((pid, kind)), waiting, declined)
    return out


def _document_evidence(
    kind: DocumentKind,
    found: tuple[int, int, DocumentState, datetime | None] | None,
    waiting: dict[int, list[str]],
    declined: dict[int, list[str]],
) -> Evidence:
    name = "agreement" if kind is DocumentKind.AGREEMENT else "certificate"
    if found is None:
        return Evidence(False, f"no {name} drafted yet")
    doc_id, number, state, locked_at = found
    title = f"{name} {number}" if kind is DocumentKind.AGREEMENT else name
    if state is DocumentState.SIGNED and locked_at is not None:
        return Evidence(True, f"{title} signed and locked {day(locked_at)}", locked_at)
    if state is DocumentState.SENT:
        if declined[doc_id]:
            return Evidence(False, f"{title} declined by the {' and the '.join(declined[doc_id])}")
        who = " and the ".join(waiting[doc_id]) or "every party"
        return Evidence(False, f"{title} out for signature; not signed yet by the {who}")
    return Evidence(False, f"{title} is a draft, not sent for signature yet")


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
