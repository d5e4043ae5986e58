"""The records that back the evidence checklist items, made through the services."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime

from sqlalchemy import update

from tests.helpers.questionnaires import best_answers
from vipdesk.db import Database
from vipdesk.models import ReadinessParty, ReadinessResponse, ToolTestResult
from vipdesk.services.preparation.protocol import load_protocol, save_protocol
from vipdesk.services.preparation.questionnaires import AnswerValue, default_library
from vipdesk.services.preparation.readiness import complete_response, start_response
from vipdesk.services.preparation.tools import load_test_plan, record_test, save_choices

COMPLETED_ON = datetime(2026, 12, 3, 12, 0, tzinfo=UTC)
TESTED_ON = date(2026, 12, 4)
# One suitable tool per required purpose.
REQUIRED_TOOLS = {
    "meetings": "teams",
    "questions": "teams",
    "reporting": "email",
    "documents": "teams",
}


def complete_readiness(
    db: Database,
    placement_id: int,
    party: ReadinessParty,
    *,
    changes: dict[str, AnswerValue] | None = None,
    on: datetime = COMPLETED_ON,
) -> int:
    """A completed questionnaire with the best answers (but `changes`), dated `on`."""
    answers = {**best_answers(default_library().for_party(party)), **(changes or {})}
    started = start_response(db, placement_id, party, "Respondent", "tester")
    done = complete_response(db, started.id, started.version, answers, user="tester")
    with db.session("tester") as session:
        session.execute(
            update(ReadinessResponse).where(ReadinessResponse.id == done.id).values(completed_at=on)
        )
    return done.id


def save_default_protocol(db: Database, placement_id: int) -> None:
    save_protocol(db, load_protocol(db, placement_id), "tester")


def pass_every_tool_test(
    db: Database, placement_id: int, tools: dict[str, str] | None = None
) -> None:
    """Choose a tool for every required purpose and pass each test with every actor."""
    save_choices(db, placement_id, tools or REQUIRED_TOOLS, "tester")
    for state in load_test_plan(db, placement_id):
        record_test(
            db,
            placement_id,
            replace(state, result=ToolTestResult.PASSED, tested_on=TESTED_ON),
            "tester",
        )


def prepare_fully(db: Database, placement_id: int) -> None:
    """Every party ready, the protocol saved, the tools tested: what "agreement sent" needs."""
    for party in ReadinessParty:
        complete_readiness(db, placement_id, party)
    save_default_protocol(db, placement_id)
    pass_every_tool_test(db, placement_id)
