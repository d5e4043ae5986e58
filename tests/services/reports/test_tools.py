"""The tools report's reading in bulk: the test plan of each selected placement."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from tests.helpers.funding_world import make_funding_world
from tests.helpers.report_world import only
from vipdesk.db import Database
from vipdesk.models import (
    ProtocolActor,
    ToolTestResult,
)
from vipdesk.services.preparation.tools import (
    ToolTestState,
    load_test_plan,
    record_test,
    save_choices,
)
from vipdesk.services.reports.filters import load_placement_details
from vipdesk.services.reports.tools import tools_data

D = Decimal


def test_tools_in_bulk_equal_the_test_plan(any_db: Database) -> None:
    w = make_funding_world(any_db)
    save_choices(any_db, w.virtual, {"social": "teams", "meetings": "teams", "fallback": "phone"})
    record_test(
        any_db,
        w.virtual,
        ToolTestState("teams", ProtocolActor.MENTOR, ToolTestResult.PASSED, date(2027, 1, 12)),
    )
    record_test(
        any_db,
        w.virtual,
        ToolTestState("teams", ProtocolActor.STUDENT, ToolTestResult.PASSED, date(2027, 1, 14)),
    )
    record_test(
        any_db,
        w.virtual,
        ToolTestState(
            "phone", ProtocolActor.TUTOR, ToolTestResult.FAILED, date(2027, 1, 9), "No signal"
        ),
    )
    save_choices(any_db, w.physical, {"meetings": "zoom"})  # not selected
    details = only(load_placement_details(any_db), w.virtual, w.blended)
    bulk = dict((d.id, uses) for d, uses in tools_data(any_db, details))
    assert list(bulk) == [w.virtual, w.blended] and bulk[w.blended] == []
    teams, phone = bulk[w.virtual]
    assert (teams.name, teams.purposes) == (
        "Microsoft Teams",
        ("Meetings face to face", "Non-task talk"),
    )
    assert (teams.open, teams.last_tested) == (1, date(2027, 1, 14))  # the tutor is still open
    # Failed with a reason: not open.
    assert (phone.open, phone.last_tested) == (2, date(2027, 1, 9))
    plan = {(s.tool_key, s.actor): s for s in load_test_plan(any_db, w.virtual)}
    for use in bulk[w.virtual]:
        for state in use.tests:
            expected = plan[(use.tool_key, state.actor)]
            assert (state.result, state.tested_on, state.note, state.open) == (
                expected.result,
                expected.tested_on,
                expected.note,
                expected.open,
            )
