"""Readiness of student, host and institution: responses saved as they are filled, then scored.

A response is filled in steps (`save_progress`, one page at a time) and closed with
`complete_response`. Re-assessing starts a new response, so the history stays. The readiness
of a placement is read from each party's latest completed response, scored against the
questionnaire version that response answered.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, selectinload
from sqlalchemy.orm.exc import StaleDataError

from vipdesk.db import Database
from vipdesk.errors import ConflictError, NotFoundError, ValidationError, VipdeskError
from vipdesk.models import (
    Placement,
    ReadinessAnswer,
    ReadinessParty,
    ReadinessResponse,
    ResponseStatus,
)
from vipdesk.models.base import utcnow
from vipdesk.phrase import Count
from vipdesk.services.preparation.questionnaires import (
    AnswerValue,
    Assessment,
    QuestionnaireLibrary,
    ReadinessLevel,
    assess,
    default_library,
    validate_answers,
)
from vipdesk.services.preparation.scores import score_columns


class ResponseClosedError(VipdeskError):
    """A completed response is a record of its day: it is not changed, it is re-assessed."""


@dataclass(frozen=True)
class ResponseState:
    """A response as stored: who answered which questionnaire version, and the answers."""

    id: int
    version: int
    placement_id: int
    party: ReadinessParty
    questionnaire_id: str
    questionnaire_version: int
    respondent: str
    status: ResponseStatus
    started_at: datetime
    completed_at: datetime | None
    updated_by: str | None
    answers: dict[str, AnswerValue] = field(default_factory=dict)

    @property
    def completed(self) -> bool:
        return self.status is ResponseStatus.COMPLETED


def _state(response: ReadinessResponse) -> ResponseState:
    return ResponseState(
        id=response.id,
        version=response.version,
        placement_id=response.placement_id,
        party=response.party,
        questionnaire_id=response.questionnaire_id,
        questionnaire_version=response.questionnaire_version,
        respondent=response.respondent,
        status=response.status,
        started_at=response.started_at,
        completed_at=response.completed_at,
        updated_by=response.updated_by,
        answers={
            a.item_key: a.value_number if a.value_number is not None else (a.value_text or "")
            for a in response.answers
        },
    )


def _open_response(
    session: Session, placement_id: int, party: ReadinessParty
) -> ReadinessResponse | None:
    return session.scalar(
        select(ReadinessResponse)
        .options(selectinload(ReadinessResponse.answers))
        .where(
            ReadinessResponse.placement_id == placement_id,
            ReadinessResponse.party == party,
            ReadinessResponse.status == ResponseStatus.IN_PROGRESS,
        )
    )


def check_respondent(respondent: str) -> str:
    name = respondent.strip()
    if not name:
        raise ValidationError.on("respondent", "Enter the name of the person who answers.")
    if len(name) > 200:
        raise ValidationError.on("respondent", "The name is longer than 200 characters.")
    return name


# --- reading -------------------------------------------------------------------------------


def load_response(db: Database, response_id: int) -> ResponseState:
    with db.session() as session:
        response = session.get(
            ReadinessResponse, response_id, options=[selectinload(ReadinessResponse.answers)]
        )
        if response is None:
            raise NotFoundError.said("This questionnaire response no longer exists.")
        return _state(response)


def open_response(db: Database, placement_id: int, party: ReadinessParty) -> ResponseState | None:
    """The half-filled response about a party, to resume; None when there is none."""
    with db.session() as session:
        response = _open_response(session, placement_id, party)
        return _state(response) if response is not None else None


def response_history(
    db: Database, placement_id: int, party: ReadinessParty | None = None
) -> list[ResponseState]:
    """Every response of a placement (of one party), newest first."""
    query = (
        select(ReadinessResponse)
        .options(selectinload(ReadinessResponse.answers))
        .where(ReadinessResponse.placement_id == placement_id)
        .order_by(ReadinessResponse.started_at.desc(), ReadinessResponse.id.desc())
    )
    if party is not None:
        query = query.where(ReadinessResponse.party == party)
    with db.session() as session:
        return [_state(r) for r in session.scalars(query)]


# --- writing -------------------------------------------------------------------------------


def start_response(
    db: Database,
    placement_id: int,
    party: ReadinessParty,
    respondent: str,
    user: str | None = None,
    *,
    library: QuestionnaireLibrary | None = None,
) -> ResponseState:
    """A new response on the newest questionnaire, or the half-filled one if there is one.

    Raises:
        ValidationError: no respondent name.
        NotFoundError: the placement was deleted.
    """
    name = check_respondent(respondent)
    questionnaire = (library or default_library()).for_party(party)
    try:
        with db.session(user) as session:
            if session.get(Placement, placement_id) is None:
                raise NotFoundError.said("This placement no longer exists.")
            existing = _open_response(session, placement_id, party)
            if existing is not None:
                return _state(existing)
            response = ReadinessResponse(
                placement_id=placement_id,
                party=party,
                questionnaire_id=questionnaire.id,
                questionnaire_version=questionnaire.version,
                respondent=name,
                status=ResponseStatus.IN_PROGRESS,
                started_at=utcnow(),
            )
            session.add(response)
            session.flush()
            return _state(response)
    except IntegrityError:
        # Another coordinator started the same questionnaire a moment ago: resume theirs.
        started = open_response(db, placement_id, party)
        if started is None:
            raise
        return started


def _write(
    db: Database,
    response_id: int,
    expected_version: int,
    answers: Mapping[str, AnswerValue | None],
    respondent: str | None,
    user: str | None,
    library: QuestionnaireLibrary | None,
    *,
    complete: bool,
) -> ResponseState:
    given = {k: v for k, v in answers.items() if v is not None and v != ""}
    name = check_respondent(respondent) if respondent is not None else None
    try:
        with db.session(user) as session:
            response = session.get(
                ReadinessResponse, response_id, options=[selectinload(ReadinessResponse.answers)]
            )
            if response is None:
                raise NotFoundError.said("This questionnaire response no longer exists.")
            if response.status is ResponseStatus.COMPLETED:
                raise ResponseClosedError.said(
                    "This questionnaire was completed; re-assess to record new answers."
                )
            if response.version != expected_version:
                raise ConflictError(
                    "questionnaire", theirs=_state(response), changed_by=response.updated_by
                )
            questionnaire = (library or default_library()).get(
                response.questionnaire_id, response.questionnaire_version
            )
            problems = validate_answers(questionnaire, given)
            if problems:
                raise ValidationError(problems)
            stored = {a.item_key: a for a in response.answers}
            for key, value in answers.items():
                answer = stored.get(key)
                if key not in given:
                    if answer is not None:
                        session.delete(answer)  # cleared by the respondent
                        response.answers.remove(answer)
                    continue
                value = given[key]
                number = value if isinstance(value, int) else None
                text = value if isinstance(value, str) else None
                if answer is None:
                    response.answers.append(
                        ReadinessAnswer(item_key=key, value_number=number, value_text=text)
                    )
                elif (answer.value_number, answer.value_text) != (number, text):
                    answer.value_number, answer.value_text = number, text
            if name is not None:
                response.respondent = name
            if complete:
                final = _state(response).answers
                missing = questionnaire.missing(final)
                if missing:
                    raise ValidationError.on(
                        missing[0].key,
                        "{count} question(s) still need an answer, the first: “{question}”",
                        count=Count(len(missing)),
                        question=missing[0].text,
                    )
                response.status = ResponseStatus.COMPLETED
                response.completed_at = utcnow()
                for column, value in score_columns(questionnaire, final).items():
                    setattr(response, column, value)
            response.updated_at = utcnow()  # every save moves the version on
            session.flush()
            return _state(response)
    except StaleDataError as exc:
        theirs = load_response(db, response_id)
        raise ConflictError("questionnaire", theirs=theirs, changed_by=theirs.updated_by) from exc


def save_progress(
    db: Database,
    response_id: int,
    expected_version: int,
    answers: Mapping[str, AnswerValue | None],
    *,
    respondent: str | None = None,
    user: str | None = None,
    library: QuestionnaireLibrary | None = None,
) -> ResponseState:
    """Store some answers (None or "" clears one); the others stay as they were.

    Raises:
        ValidationError: an answer that the questionnaire does not offer.
        ConflictError: someone saved this response after `expected_version` was read.
        ResponseClosedError: the response is already completed.
    """
    return _write(
        db, response_id, expected_version, answers, respondent, user, library, complete=False
    )


def complete_response(
    db: Database,
    response_id: int,
    expected_version: int,
    answers: Mapping[str, AnswerValue | None] | None = None,
    *,
    respondent: str | None = None,
    user: str | None = None,
    library: QuestionnaireLibrary | None = None,
) -> ResponseState:
    """Store the last answers and close the response; every required item must be answered."""
    return _write(
        db, response_id, expected_version, answers or {}, respondent, user, library, complete=True
    )


def discard_response(db: Database, response_id: int, user: str | None = None) -> None:
    """Throw away a half-filled response; completed ones are history and stay."""
    with db.session(user) as session:
        response = session.get(ReadinessResponse, response_id)
        if response is None:
            return
        if response.status is ResponseStatus.COMPLETED:
            raise ResponseClosedError.said("A completed questionnaire is kept as history.")
        session.delete(response)


# --- readiness of a placement --------------------------------------------------------------


def assess_response(
    state: ResponseState, library: QuestionnaireLibrary | None = None
) -> Assessment:
    """Score a response against the questionnaire version it answered."""
    questionnaire = (library or default_library()).get(
        state.questionnaire_id, state.questionnaire_version
    )
    return assess(questionnaire, state.answers)


@dataclass(frozen=True)
class PartyReadiness:
    """One line of the preparation overview: a party's status and why."""

    party: ReadinessParty
    level: ReadinessLevel
    latest: ResponseState | None  # the latest completed response
    assessment: Assessment | None
    open: ResponseState | None  # a half-filled response, to resume
    earlier: int  # completed responses before the latest
    reasons: tuple[str, ...]

    @property
    def score(self) -> int | None:
        return self.assessment.overall if self.assessment else None


def _party_readiness(
    party: ReadinessParty, states: list[ResponseState], library: QuestionnaireLibrary
) -> PartyReadiness:
    completed = [s for s in states if s.completed]
    completed.sort(key=lambda s: (s.completed_at or s.started_at, s.id), reverse=True)
    open_ = next((s for s in states if not s.completed), None)
    if not completed:
        reason = "Not assessed yet" + (" — a questionnaire is in progress." if open_ else ".")
        return PartyReadiness(
            party, ReadinessLevel.NEEDS_ATTENTION, None, None, open_, 0, (reason,)
        )
    latest = completed[0]
    assessment = assess_response(latest, library)
    reasons = [f"Critical: “{f.question}” — {f.answer}" for f in assessment.critical]
    reasons += [f"Low score: {t.label} ({t.score})" for t in assessment.low_themes]
    if open_ is not None:
        reasons.append("A re-assessment is in progress.")
    earlier = len(completed) - 1
    return PartyReadiness(party, assessment.level, latest, assessment, open_, earlier, (*reasons,))


def placement_readiness(
    db: Database, placement_id: int, library: QuestionnaireLibrary | None = None
) -> list[PartyReadiness]:
    """Student, host and institution, in that order, each from its latest completed response."""
    history = response_history(db, placement_id)
    lib = library or default_library()
    return [
        _party_readiness(party, [s for s in history if s.party is party], lib)
        for party in ReadinessParty
    ]


@dataclass(frozen=True)
class Respondents:
    """What a questionnaire opens with: the placement it is about, who usually answers."""

    placement: str
    names: dict[ReadinessParty, str]


def suggested_respondents(db: Database, placement_id: int) -> Respondents:
    """The student, the company mentor and the academic tutor answer, unless told otherwise."""
    with db.session() as session:
        placement = session.get(Placement, placement_id)
        if placement is None:
            raise NotFoundError.said("This placement no longer exists.")
        return Respondents(
            placement=f"{placement.reference} · {placement.title}",
            names={
                ReadinessParty.STUDENT: placement.student.full_name,
                ReadinessParty.COMPANY: placement.mentor.name if placement.mentor else "",
                ReadinessParty.INSTITUTION: placement.tutor.name if placement.tutor else "",
            },
        )
