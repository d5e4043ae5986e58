"""Tools of a placement: the choice per purpose and the test plan.

Every chosen tool is tested with every actor before the agreement is sent (EU-VIP: "test tools
beforehand"). A failed test may stand if its reason is recorded (say, the company blocks the
app and the agreement names another one); an untested tool blocks. The check itself is the
checklist item `tools_tested` (`services.placements.evidence`), which the lifecycle reads.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from vipdesk.db import Database
from vipdesk.documents.agreement import limits
from vipdesk.errors import (
    ConflictError,
    NotFoundError,
    ValidationError,
)
from vipdesk.models import (
    Placement,
    ProtocolActor,
    ToolChoice,
    ToolTest,
    ToolTestResult,
)
from vipdesk.phrase import Count, Joined
from vipdesk.services.preparation.readiness import placement_readiness
from vipdesk.services.preparation.tool_catalogue import (
    purposes,
    selection_warnings,
    tool,
    tool_name,
)


@dataclass(frozen=True)
class ToolTestState:
    """One cell of the test plan; `version` is None while nothing was recorded."""

    tool_key: str
    actor: ProtocolActor
    result: ToolTestResult = ToolTestResult.NOT_YET
    tested_on: date | None = None
    note: str = ""
    version: int | None = None
    updated_by: str | None = None

    @property
    def open(self) -> bool:
        """Blocks the agreement: not tested, or failed without a reason written down."""
        return self.result is ToolTestResult.NOT_YET or (
            self.result is ToolTestResult.FAILED and not self.note.strip()
        )


def _placement(session: Session, placement_id: int) -> None:
    if session.get(Placement, placement_id) is None:
        raise NotFoundError.said("This placement no longer exists.")


def _choices(session: Session, placement_id: int) -> dict[str, str]:
    order = [p.key for p in purposes()]
    rows = session.scalars(select(ToolChoice).where(ToolChoice.placement_id == placement_id))
    found = {r.purpose: r.tool_key for r in rows}
    return dict(sorted(found.items(), key=lambda kv: order.index(kv[0]) if kv[0] in order else 99))


def load_choices(db: Database, placement_id: int) -> dict[str, str]:
    """Purpose key → tool key, in the catalogue's order of purposes."""
    with db.session() as session:
        return _choices(session, placement_id)


def save_choices(
    db: Database,
    placement_id: int,
    choices: Mapping[str, str | None],
    user: str | None = None,
    *,
    seen: Mapping[str, str] | None = None,
) -> dict[str, str]:
    """Set the tool of each purpose given (None removes it); other purposes stay.

    `seen` is what the user was shown (`load_choices`). The choices have no version of their
    own, so they are checked against it: a purpose someone else changed meanwhile, to another
    tool than the one wanted here, is a conflict. None skips the check (scripts, the demo).

    Raises:
        ValidationError: an unknown purpose or tool.
        ConflictError: someone else chose differently after `seen` was read; nothing is saved.
    """
    known = {p.key for p in purposes()}
    problems = [k for k in choices if k not in known]
    problems += [v for v in choices.values() if v is not None and tool(v) is None]
    if problems:
        raise ValidationError.on(
            "tools", "Unknown purpose or tool: {keys}.", keys=Joined(tuple(problems), ", ")
        )
    try:
        with db.session(user) as session:
            _placement(session, placement_id)
            rows = {
                r.purpose: r
                for r in session.scalars(
                    select(ToolChoice).where(ToolChoice.placement_id == placement_id)
                )
            }
            if seen is not None:
                _check_seen(choices, seen, {p: r.tool_key for p, r in rows.items()})
            for purpose, tool_key in choices.items():
                row = rows.get(purpose)
                if tool_key is None:
                    if row is not None:
                        session.delete(row)
                elif row is None:
                    session.add(
                        ToolChoice(placement_id=placement_id, purpose=purpose, tool_key=tool_key)
                    )
                elif row.tool_key != tool_key:
                    row.tool_key = tool_key
            session.flush()
            return _choices(session, placement_id)
    except (IntegrityError, StaleDataError) as exc:
        # Someone chose a tool for the same purpose between our read and our write.
        now = load_choices(db, placement_id)
        if any(now.get(purpose) != key for purpose, key in choices.items()):
            raise ConflictError("choice of tools", theirs=now) from exc
        return now  # they chose exactly what was wanted here


def _check_seen(
    wanted: Mapping[str, str | None], seen: Mapping[str, str], stored: Mapping[str, str]
) -> None:
    changed = [
        purpose
        for purpose, tool_key in wanted.items()
        if stored.get(purpose) != seen.get(purpose) and stored.get(purpose) != tool_key
    ]
    if changed:
        raise ConflictError("choice of tools", theirs=dict(stored), changed_fields=changed)


def _plan(session: Session, placement_id: int) -> list[ToolTestState]:
    chosen = list(dict.fromkeys(_choices(session, placement_id).values()))
    stored = {
        (t.tool_key, t.actor): t
        for t in session.scalars(select(ToolTest).where(ToolTest.placement_id == placement_id))
    }
    out: list[ToolTestState] = []
    for key in chosen:
        for actor in ProtocolActor:
            row = stored.get((key, actor))
            out.append(
                ToolTestState(key, actor)
                if row is None
                else ToolTestState(
                    key,
                    actor,
                    row.result,
                    row.tested_on,
                    row.note or "",
                    row.version,
                    row.updated_by,
                )
            )
    return out


def load_test_plan(db: Database, placement_id: int) -> list[ToolTestState]:
    """Every chosen tool with every actor (student, mentor, tutor), tested or not."""
    with db.session() as session:
        return _plan(session, placement_id)


def record_test(
    db: Database, placement_id: int, state: ToolTestState, user: str | None = None
) -> ToolTestState:
    """Store one test result; `state.version` is the one the user saw (None: none yet).

    Raises:
        ValidationError: a result without a date.
        ConflictError: someone recorded this test meanwhile.
    """
    if state.result is not ToolTestResult.NOT_YET and state.tested_on is None:
        raise ValidationError.on("tested_on", "Enter the date of the test.")
    if len(state.note.strip()) > limits.NOTE:
        raise ValidationError.on(
            "note", "The note is longer than {limit} characters.", limit=Count(limits.NOTE)
        )
    try:
        with db.session(user) as session:
            _placement(session, placement_id)
            row = session.scalar(
                select(ToolTest).where(
                    ToolTest.placement_id == placement_id,
                    ToolTest.tool_key == state.tool_key,
                    ToolTest.actor == state.actor,
                )
            )
            if row is not None and row.version != state.version:
                raise ConflictError("tool test", changed_by=row.updated_by)
            if row is None:
                if state.version is not None:
                    raise ConflictError("tool test")
                row = ToolTest(
                    placement_id=placement_id, tool_key=state.tool_key, actor=state.actor
                )
                session.add(row)
            row.result, row.tested_on = state.result, state.tested_on
            row.note = state.note.strip() or None
            session.flush()
            return ToolTestState(
                row.tool_key, row.actor, row.result, row.tested_on, row.note or "", row.version,
                row.updated_by,
            )  # fmt: skip
    except (StaleDataError, IntegrityError) as exc:
        raise ConflictError("tool test") from exc


def describe_open(states: list[ToolTestState]) -> list[str]:
    """'Zoom: not tested with the student; failed with the company mentor, no reason recorded'."""
    lines: dict[str, list[str]] = {}
    for state in states:
        who = f"the {state.actor.label.lower()}"
        lines.setdefault(tool_name(state.tool_key), []).append(
            f"not tested with {who}"
            if state.result is ToolTestResult.NOT_YET
            else f"failed with {who}, no reason recorded"
        )
    return [f"{name}: {'; '.join(parts)}" for name, parts in lines.items()]


@dataclass(frozen=True)
class ToolsSummary:
    choices: dict[str, str]
    plan: list[ToolTestState]
    blocking: list[str]  # describe_open() of the open tests
    warnings: list[str]  # the guide's advice on the choice


def weak_connection(db: Database, placement_id: int) -> bool:
    """The student's latest readiness answers say the connection or the device is a worry."""
    assessment = placement_readiness(db, placement_id)[0].assessment
    if assessment is None:
        return False
    return any(t.key == "connectivity" for t in assessment.low_themes) or any(
        f.item_key in {"reliable_internet", "fallback_connection"} for f in assessment.flags
    )


def tools_summary(db: Database, placement_id: int) -> ToolsSummary:
    with db.session() as session:
        choices = _choices(session, placement_id)
        plan = _plan(session, placement_id)
    warnings = selection_warnings(choices, weak_connection=weak_connection(db, placement_id))
    return ToolsSummary(choices, plan, describe_open([s for s in plan if s.open]), warnings)
