"""Demo data, part three: the preparation records that back a placement's status.

From "agreement sent" on, a placement has what the lifecycle asks for: each party's readiness
questionnaire completed with no critical flag open, a communication protocol saved, a tool
chosen for every required purpose and each tool tested with every actor. A placement still
being prepared has some of it, as work in progress does; a few have a failed test with no
reason yet (the work list asks about those). Rows are plain dicts for bulk inserts; the
builder gives them ids.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta

from vipdesk.models import (
    LIFECYCLE,
    Cadence,
    ProtocolActor,
    ReadinessParty,
    ResponseStatus,
    Status,
    ToolTestResult,
)
from vipdesk.services.demo.answers import AnswerSets, Pool
from vipdesk.services.demo.parties import Row, office_time
from vipdesk.services.preparation.questionnaires import (
    ItemType,
    Questionnaire,
    QuestionnaireLibrary,
)
from vipdesk.services.preparation.scores import COLUMNS as SCORE_COLUMNS
from vipdesk.services.preparation.scores import score_columns
from vipdesk.services.preparation.tool_catalogue import Purpose, Tool, purposes, tools

_SENT = LIFECYCLE.index(Status.AGREEMENT_SENT)
_FAILED_WITHOUT_REASON = 0.02  # of placements in preparation: a failed test nobody explained
_ACCEPTED_FAILURE = "Works in the browser instead; agreed with the mentor"
# An office's usual hours: few of them, as in life (and a batch of agreements then words the
# shared hours of the same pairs again and again, which `day_kinds` remembers).
_OFFICE_HOURS = ((9, 17), (9, 17), (8, 16), (10, 18))
# How far a response got: completed, completed with a critical flag open, in progress.
_DONE, _FLAGGED, _OPEN = "done", "flagged", "open"
_ZONES = {
    ProtocolActor.STUDENT: "student",
    ProtocolActor.MENTOR: "host",
    ProtocolActor.TUTOR: "sending",
}


@dataclass
class Preparation:
    """The preparation rows of one placement; responses carry their answer set's number (see
    `answers`) until ids exist."""

    responses: list[tuple[Row, int]] = field(default_factory=list)
    protocol: tuple[Row, list[Row]] | None = None
    choices: list[Row] = field(default_factory=list)
    tests: list[Row] = field(default_factory=list)
    ready_by: date | None = None  # when the last of it was done (the agreement goes out after)


@dataclass(frozen=True)
class People:
    """Who answers and where each actor works, for one placement."""

    student: str
    mentor: str
    coordinator: str
    zones: dict[str, str]  # 'student', 'host', 'sending' -> IANA time zone


class PreparationFactory:
    def __init__(
        self, rng: random.Random, today: date, library: QuestionnaireLibrary, answers: AnswerSets
    ) -> None:
        self.rng = rng
        self.answers: Pool[Row] = Pool(answers)
        self.today = today
        self.questionnaires = {party: library.for_party(party) for party in ReadinessParty}
        self.good = {party: _good_options(q) for party, q in self.questionnaires.items()}
        self.critical = {party: _critical_options(q) for party, q in self.questionnaires.items()}
        # Critical answers draw from their own generator (seeded without drawing from `rng`),
        # so that adding them left every other record of a seed as it was.
        self.flag_rng = random.Random(hash(rng.getstate()[1][:8]))
        self.required = [p for p in purposes() if p.required]
        self.fitting = {p.key: [t for t in tools() if t.suits(p)] for p in purposes()}

    def build(
        self, pid: int, reached: Status, created: date, last: date, people: People
    ) -> Preparation:
        """What a placement that got as far as `reached` has on record, done by `last`."""
        out = Preparation()
        rank = LIFECYCLE.index(reached) if reached in LIFECYCLE else 0
        if rank < LIFECYCLE.index(Status.PREPARING):
            return out
        rng = self.rng
        complete = rank >= _SENT
        first = min(created, last)
        span = max(0, (last - first).days)
        days: list[date] = []

        def when() -> date:
            day = first + timedelta(days=int(rng.random() * (span + 1)))
            days.append(day)
            return day

        respondents = {
            ReadinessParty.STUDENT: people.student,
            ReadinessParty.COMPANY: people.mentor,
            ReadinessParty.INSTITUTION: people.coordinator,
        }
        for party, respondent in respondents.items():
            draw = rng.random()
            if complete or draw < 0.55:
                # Work in progress: now and then a critical answer still to be dealt with.
                flagged = not complete and self.flag_rng.random() < 0.3
                state = _FLAGGED if flagged else _DONE
                out.responses.append(self._response(pid, party, respondent, when(), state))
            elif draw < 0.75:
                out.responses.append(self._response(pid, party, respondent, when(), _OPEN))
        if complete or rng.random() < 0.4:
            out.protocol = self._protocol(pid, when(), people)
        if complete or rng.random() < 0.5:
            self._tools(out, pid, complete, when)
        out.ready_by = max(days) if days else None
        return out

    # --- readiness -------------------------------------------------------------------------

    def _response(
        self, pid: int, party: ReadinessParty, respondent: str, day: date, state: str
    ) -> tuple[Row, int]:
        rng = self.rng
        questionnaire = self.questionnaires[party]
        started = office_time(rng, day)
        finished = started + timedelta(minutes=rng.randint(8, 40))
        answer_set, scores = self.answers.draw(
            rng, (party, state), lambda: self._answers(party, state)
        )
        completed = state != _OPEN
        row = {
            "placement_id": pid,
            "party": party.value,
            "questionnaire_id": questionnaire.id,
            "questionnaire_version": questionnaire.version,
            "respondent": respondent,
            "status": (ResponseStatus.COMPLETED if completed else ResponseStatus.IN_PROGRESS).value,
            "started_at": started,
            "completed_at": finished if completed else None,
            "version": 1,
            "created_at": started,
            "updated_at": finished,
            "updated_by": "demo",
            **scores,
        }
        return row, answer_set

    def _answers(self, party: ReadinessParty, state: str) -> tuple[list[Row], Row]:
        """One set of answers for a response in `state`, with the assessment it stores (as
        completing it does; none while in progress)."""
        rng = self.rng
        answers: list[Row] = []
        for key, kind, options in self.good[party]:
            if state == _OPEN and rng.random() < 0.4:
                continue  # not answered yet
            value = rng.choice(options)
            number = int(value) if kind is ItemType.SCALE else None
            answers.append(
                {
                    "item_key": key,
                    "value_number": number,
                    "value_text": None if number is not None else value,
                }
            )
        if state == _OPEN:
            return answers, dict.fromkeys(SCORE_COLUMNS)
        if state == _FLAGGED:
            self._flag(party, answers)
        given = {
            a["item_key"]: a["value_number"] if a["value_number"] is not None else a["value_text"]
            for a in answers
        }
        return answers, score_columns(self.questionnaires[party], given)

    def _flag(self, party: ReadinessParty, answers: list[Row]) -> None:
        """Turn one answer of a critical item into a weak one (a critical flag)."""
        choices = self.critical[party]
        if not choices:
            return
        key, kind, weak = self.flag_rng.choice(choices)
        value = self.flag_rng.choice(weak)
        number = int(value) if kind is ItemType.SCALE else None
        for answer in answers:
            if answer["item_key"] == key:
                answer["value_number"] = number
                answer["value_text"] = None if number is not None else value

    # --- protocol --------------------------------------------------------------------------

    def _protocol(self, pid: int, day: date, people: People) -> tuple[Row, list[Row]]:
        rng = self.rng
        saved = office_time(rng, day)
        row = {
            "placement_id": pid,
            "reporting": rng.choice((Cadence.WEEKLY, Cadence.WEEKLY, Cadence.FORTNIGHTLY)).value,
            "reply_hours": rng.choice((24, 24, 48, 72)),
            "meetings": rng.choice(
                (Cadence.WEEKLY, Cadence.TWICE_WEEKLY, Cadence.FORTNIGHTLY)
            ).value,
            "meeting_minutes": rng.choice((30, 45, 60)),
            "tools_note": None,
            "student_helpdesk": None,
            "staff_helpdesk": None,
            "notes": None,
            "version": 1,
            "created_at": saved,
            "updated_at": saved,
            "updated_by": "demo",
        }
        availability = [
            {
                "actor": actor.value,
                "timezone": people.zones[_ZONES[actor]],
                "weekdays": "12345",
                "start_time": time(start, 0),
                "end_time": time(end, 0),
            }
            for actor, (start, end) in zip(
                ProtocolActor, (rng.choice(_OFFICE_HOURS) for _ in ProtocolActor), strict=True
            )
        ]
        return row, availability

    # --- tools -----------------------------------------------------------------------------

    def _tools(self, out: Preparation, pid: int, complete: bool, when: Callable[[], date]) -> None:
        rng = self.rng
        chosen: dict[str, Tool] = {}
        for purpose in self.required:
            if not complete and rng.random() < 0.2:
                continue  # not chosen yet
            chosen[purpose.key] = self._pick(purpose, chosen)
        out.choices = [
            {"placement_id": pid, "purpose": key, "tool_key": tool.key}
            for key, tool in chosen.items()
        ]
        fail_open = not complete and rng.random() < _FAILED_WITHOUT_REASON
        for tool in dict.fromkeys(t.key for t in chosen.values()):
            for actor in ProtocolActor:
                if not complete and rng.random() < 0.3:
                    continue  # not tested yet
                day = when()
                result, note = ToolTestResult.PASSED, None
                if fail_open:
                    result, fail_open = ToolTestResult.FAILED, False
                elif rng.random() < 0.03:
                    result, note = ToolTestResult.FAILED, _ACCEPTED_FAILURE
                stamp = datetime.combine(day, time(12, 0), tzinfo=UTC)
                out.tests.append(
                    {
                        "placement_id": pid,
                        "tool_key": tool,
                        "actor": actor.value,
                        "result": result.value,
                        "tested_on": day,
                        "note": note,
                        "version": 1,
                        "created_at": stamp,
                        "updated_at": stamp,
                        "updated_by": "demo",
                    }
                )

    def _pick(self, purpose: Purpose, chosen: dict[str, Tool]) -> Tool:
        """Reuse a tool already chosen when it suits (fewer tools), else a fitting one."""
        fitting = self.fitting[purpose.key]
        for tool in chosen.values():
            if tool.suits(purpose) and self.rng.random() < 0.6:
                return tool
        return fitting[int(self.rng.random() * len(fitting))]


def _good_options(questionnaire: Questionnaire) -> list[tuple[str, ItemType, list[str]]]:
    """Each answerable item with the answers that raise no flag (text items left out)."""
    out: list[tuple[str, ItemType, list[str]]] = []
    for item in questionnaire.items:
        if item.type is ItemType.TEXT:
            continue
        good = [o.key for o in item.options if not item.is_weak(o.key)]
        out.append((item.key, item.type, good or [o.key for o in item.options][-1:]))
    return out


def _critical_options(questionnaire: Questionnaire) -> list[tuple[str, ItemType, list[str]]]:
    """Each critical item with the answers that raise its flag."""
    out: list[tuple[str, ItemType, list[str]]] = []
    for item in questionnaire.items:
        weak = [o.key for o in item.options if item.is_weak(o.key)]
        if item.critical and weak and item.type is not ItemType.TEXT:
            out.append((item.key, item.type, weak))
    return out
