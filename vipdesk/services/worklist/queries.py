"""The work list's facts, found in SQL: one query per rule over every placement at once.

Each query returns the placements a rule applies to with what the list shows about them (who,
the dates, what blocks), never the placements themselves: at 100,000 placements the whole list
takes a few aggregate queries, not a load per placement. A rule is satisfied by its evidence
(a completed questionnaire, a saved protocol, a locked document) or by the matching checklist
tick, which after the evidence checks is a tick "done outside vipdesk" with its reason.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from functools import cache
from typing import Any

from sqlalchemy import ColumnElement, and_, exists, false, func, literal_column, or_, select
from sqlalchemy.orm import Session, aliased

from vipdesk.models import (
    AgreementDocument,
    AgreementSignature,
    ChecklistTick,
    CommunicationProtocol,
    DocumentKind,
    DocumentState,
    EvaluationResponse,
    EvaluationStage,
    Institution,
    MonitoringEntry,
    Organisation,
    Placement,
    ProtocolActor,
    ReadinessAnswer,
    ReadinessParty,
    ReadinessResponse,
    Recognition,
    ResponseStatus,
    SignatureState,
    Status,
    Student,
    ToolChoice,
    ToolTest,
    ToolTestResult,
)
from vipdesk.services.monitoring.cadence import INTERVAL_DAYS, MEETING_KINDS, next_due
from vipdesk.services.preparation.questionnaires import ItemType, default_library
from vipdesk.services.preparation.tool_catalogue import purposes

BEFORE_START = (Status.DRAFT, Status.PREPARING, Status.AGREEMENT_SENT, Status.SIGNED)
# Neither completed nor cancelled.
OPEN = (*BEFORE_START, Status.ONGOING, Status.EVALUATING)

# What can block a start, in the order the list names it.
BLOCKERS = (
    "readiness_student",
    "readiness_company",
    "readiness_institution",
    "protocol",
    "tools_chosen",
    "tools_tested",
    "agreement_signed",
)


@dataclass(frozen=True)
class Who:
    """The placement an item is about, as the list names it."""

    placement_id: int
    reference: str
    student: str
    host: str
    institution: str
    status: Status
    start: date
    end: date


@dataclass(frozen=True)
class Fact:
    """A rule applies to a placement: since when, by when, and its particulars."""

    rule_key: str
    who: Who
    since: date
    due: date
    particulars: tuple[str, ...] = ()  # blocker keys, parties not signed, "tool|actor"


def _who_columns() -> tuple[Any, ...]:
    return (
        Placement.id,
        Placement.reference,
        Student.given_name + literal_column("' '") + Student.family_name,
        Organisation.name,
        Institution.name,
        Placement.status,
        Placement.planned_start,
        Placement.planned_end,
    )


def _with_who(*columns: Any) -> Any:
    return (
        select(*_who_columns(), *columns)
        .join(Student, Student.id == Placement.student_id)
        .join(Organisation, Organisation.id == Placement.host_id)
        .join(Institution, Institution.id == Placement.institution_id)
    )


def _who(row: Any) -> Who:
    return Who(*row[:8])


def _ticked(key: str) -> ColumnElement[bool]:
    return exists().where(ChecklistTick.placement_id == Placement.id, ChecklistTick.item_key == key)


def _start_of(day: date) -> datetime:
    return datetime.combine(day, time(0), tzinfo=UTC)


# --- readiness: the latest completed response of a party, without a critical weak answer ----


@cache
def _critical_weak_answers() -> tuple[tuple[str, int, str, tuple[str, ...], tuple[int, ...]], ...]:
    """(questionnaire, version, item, weak texts, weak numbers) of every critical item."""
    library = default_library()
    out: list[tuple[str, int, str, tuple[str, ...], tuple[int, ...]]] = []
    for questionnaire_id in library.ids():
        for version in library.versions(questionnaire_id):
            questionnaire = library.get(questionnaire_id, version)
            for item in questionnaire.items:
                if not item.critical:
                    continue
                weak = tuple(o.key for o in item.options if item.is_weak(o.key))
                if item.type is ItemType.SCALE:
                    numbers = tuple(int(o.key) for o in item.options if item.is_weak(int(o.key)))
                    out.append((questionnaire_id, version, item.key, (), numbers))
                else:
                    out.append((questionnaire_id, version, item.key, weak, ()))
    return tuple(out)


def _ready(party: ReadinessParty) -> ColumnElement[bool]:
    response, newer = ReadinessResponse, aliased(ReadinessResponse)
    critical = []
    for questionnaire_id, version, item_key, texts, numbers in _critical_weak_answers():
        value = (
            ReadinessAnswer.value_number.in_(numbers)
            if numbers
            else ReadinessAnswer.value_text.in_(texts)
        )
        critical.append(
            and_(
                response.questionnaire_id == questionnaire_id,
                response.questionnaire_version == version,
                ReadinessAnswer.item_key == item_key,
                value,
            )
        )
    flagged = exists().where(ReadinessAnswer.response_id == response.id, or_(false(), *critical))
    superseded = exists().where(
        newer.placement_id == response.placement_id,
        newer.party == response.party,
        newer.status == ResponseStatus.COMPLETED,
        or_(
            newer.completed_at > response.completed_at,
            and_(newer.completed_at == response.completed_at, newer.id > response.id),
        ),
    )
    assessed = exists().where(
        response.placement_id == Placement.id,
        response.party == party,
        response.status == ResponseStatus.COMPLETED,
        ~superseded,
        ~flagged,
    )
    return or_(assessed, _ticked(f"readiness_{party.value}"))


# --- tools: every required purpose served, every chosen tool tested with every actor ---------


def _tools_chosen() -> ColumnElement[bool]:
    required = [p.key for p in purposes() if p.required]
    served = (
        select(func.count())
        .where(ToolChoice.placement_id == Placement.id, ToolChoice.purpose.in_(required))
        .scalar_subquery()
    )
    return or_(served == len(required), _ticked("tools_tested"))


def _tools_tested() -> ColumnElement[bool]:
    untested = [
        exists().where(
            ToolChoice.placement_id == Placement.id,
            ~exists().where(
                ToolTest.placement_id == Placement.id,
                ToolTest.tool_key == ToolChoice.tool_key,
                ToolTest.actor == actor,
                or_(
                    ToolTest.result == ToolTestResult.PASSED,
                    and_(
                        ToolTest.result == ToolTestResult.FAILED,
                        func.trim(func.coalesce(ToolTest.note, "")) != "",
                    ),
                ),
            ),
        )
        for actor in ProtocolActor
    ]
    return or_(~or_(*untested), _ticked("tools_tested"))


def _agreement_signed() -> ColumnElement[bool]:
    locked = exists().where(
        AgreementDocument.placement_id == Placement.id,
        AgreementDocument.kind == DocumentKind.AGREEMENT,
        AgreementDocument.state == DocumentState.SIGNED,
    )
    return or_(locked, _ticked("agreement_signed"))


def starts_blocked(session: Session, horizon: date, as_of: date, days: int) -> Iterator[Fact]:
    """Placements not started yet whose start is within `days` of `horizon`, with blockers."""
    checks = (
        *(_ready(party) for party in ReadinessParty),
        or_(
            exists().where(CommunicationProtocol.placement_id == Placement.id),
            _ticked("protocol"),
        ),
        _tools_chosen(),
        _tools_tested(),
        _agreement_signed(),
    )
    query = _with_who(*checks).where(
        Placement.status.in_(BEFORE_START),
        Placement.planned_start <= horizon + timedelta(days=days),
        Placement.planned_end >= as_of,
    )
    for row in session.execute(query):
        open_ = tuple(key for key, ok in zip(BLOCKERS, row[8:], strict=True) if not ok)
        if open_:
            who = _who(row)
            yield Fact("start_blocked", who, who.start - timedelta(days=days), who.start, open_)


# --- signatures: documents out for signature too long --------------------------------------


def unsigned(
    session: Session, kind: DocumentKind, rule_key: str, horizon: date, days: int
) -> Iterator[Fact]:
    """Documents of `kind` out for signature since `days` before `horizon` or longer."""
    query = (
        _with_who(AgreementDocument.sent_at, AgreementSignature.party, AgreementSignature.state)
        .join(AgreementDocument, AgreementDocument.placement_id == Placement.id)
        .join(AgreementSignature, AgreementSignature.document_id == AgreementDocument.id)
        .where(
            Placement.status != Status.CANCELLED,
            AgreementDocument.kind == kind,
            AgreementDocument.state == DocumentState.SENT,
            AgreementDocument.sent_at < _start_of(horizon - timedelta(days=days - 1)),
            AgreementSignature.state != SignatureState.SIGNED,
        )
        .order_by(AgreementDocument.id, AgreementSignature.position)
    )
    found: dict[int, tuple[Who, date, list[str]]] = {}
    for row in session.execute(query):
        sent_at, party, state = row[8:]
        who, sent_on, parties = found.setdefault(row[0], (_who(row), sent_at.date(), []))
        parties.append(f"{party}:{state.value}")
    for who, sent_on, parties in found.values():
        yield Fact(rule_key, who, sent_on, sent_on + timedelta(days=days), tuple(parties))


# --- after the end -------------------------------------------------------------------------


def past_end(session: Session, horizon: date, days: int) -> Iterator[Fact]:
    """Placements still "ongoing" more than `days` after their planned end."""
    query = _with_who().where(
        Placement.status == Status.ONGOING,
        Placement.planned_end < horizon - timedelta(days=days),
    )
    for row in session.execute(query):
        who = _who(row)
        yield Fact("past_end", who, who.end, who.end + timedelta(days=days + 1))


def _evaluated() -> ColumnElement[bool]:
    """The student and the host mentor have both given their final evaluation."""
    r = EvaluationResponse

    def given(party: ReadinessParty) -> ColumnElement[bool]:
        return exists().where(
            r.placement_id == Placement.id, r.stage == EvaluationStage.FINAL, r.party == party
        )

    return and_(given(ReadinessParty.STUDENT), given(ReadinessParty.COMPANY))


def missing_after_end(session: Session, rule_key: str, horizon: date, days: int) -> Iterator[Fact]:
    """Placements evaluating `days` after their end without a certificate, an evaluation or
    credits (one still "ongoing" has the `past_end` item: move it on first)."""
    if rule_key == "certificate_missing":
        done = or_(
            exists().where(
                AgreementDocument.placement_id == Placement.id,
                AgreementDocument.kind == DocumentKind.CERTIFICATE,
                AgreementDocument.state == DocumentState.SIGNED,
            ),
            _ticked("certificate"),
        )
    elif rule_key == "recognition_missing":
        done = or_(_recognised(), _ticked("recognition"))
    elif rule_key == "evaluation_missing":
        done = or_(_evaluated(), _ticked("evaluation"))
    else:
        done = _ticked(rule_key.removesuffix("_missing"))
    query = _with_who().where(
        Placement.status == Status.EVALUATING,
        Placement.planned_end <= horizon - timedelta(days=days),
        ~done,
    )
    for row in session.execute(query):
        who = _who(row)
        yield Fact(rule_key, who, who.end, who.end + timedelta(days=days))


def _recognised() -> ColumnElement[bool]:
    """No credits planned (nothing to recognise), or a complete recognition on record."""
    complete = exists().where(
        Recognition.placement_id == Placement.id,
        Recognition.credits_awarded.is_not(None),
        Recognition.grade.is_not(None),
        Recognition.transcript_on.is_not(None),
        Recognition.certificate_received_on.is_not(None),
        func.trim(func.coalesce(Recognition.outcomes_achieved, "")) != "",
    )
    return or_(func.coalesce(Placement.ects_credits, 0) == 0, complete)


# --- meetings: the protocol's cadence against the monitoring log ---------------------------


def meetings_overdue(session: Session, horizon: date, days: int) -> Iterator[Fact]:
    """Ongoing placements whose next meeting, a cadence after the last one logged (or at the
    start), is `days` late by `horizon`."""
    last = (
        select(func.max(MonitoringEntry.held_on))
        .where(
            MonitoringEntry.placement_id == Placement.id,
            MonitoringEntry.kind.in_(MEETING_KINDS),
        )
        .scalar_subquery()
    )
    late = horizon - timedelta(days=days)
    by_cadence = [
        and_(
            CommunicationProtocol.meetings == cadence,
            or_(
                and_(last.is_(None), Placement.planned_start <= late),
                last <= late - timedelta(days=step),
            ),
        )
        for cadence, step in INTERVAL_DAYS.items()
    ]
    query = (
        _with_who(CommunicationProtocol.meetings, last)
        .join(CommunicationProtocol, CommunicationProtocol.placement_id == Placement.id)
        .where(Placement.status == Status.ONGOING, or_(*by_cadence))
    )
    for row in session.execute(query):
        who = _who(row)
        cadence, held = row[8:]
        expected = next_due(held, who.start, cadence)
        if expected <= who.end:  # none expected after the end: `past_end` speaks then
            yield Fact("meeting_overdue", who, expected, expected + timedelta(days=days))


# --- tool tests ----------------------------------------------------------------------------


def failed_tests(session: Session, horizon: date, days: int) -> Iterator[Fact]:
    """Failed tests of chosen tools with no reason recorded, `days` after the test."""
    unexplained = and_(
        ToolTest.result == ToolTestResult.FAILED,
        func.trim(func.coalesce(ToolTest.note, "")) == "",
        ToolTest.tested_on <= horizon - timedelta(days=days),
    )
    query = (
        _with_who(ToolTest.tested_on, ToolTest.tool_key, ToolTest.actor)
        .join(ToolTest, ToolTest.placement_id == Placement.id)
        .where(
            # From the few failed tests to their placements, not through every placement.
            Placement.id.in_(select(ToolTest.placement_id).where(unexplained)),
            Placement.status.in_(OPEN),
            unexplained,
            exists().where(
                ToolChoice.placement_id == Placement.id,
                ToolChoice.tool_key == ToolTest.tool_key,
            ),
        )
        .order_by(Placement.id, ToolTest.tested_on, ToolTest.id)
    )
    found: dict[int, tuple[Who, date, list[str]]] = {}
    for row in session.execute(query):
        tested_on, tool_key, actor = row[8:]
        who, first, tests = found.setdefault(row[0], (_who(row), tested_on, []))
        tests.append(f"{tool_key}|{actor.value}")
    for who, first, tests in found.values():
        yield Fact("tool_test_failed", who, first, first + timedelta(days=days), tuple(tests))
