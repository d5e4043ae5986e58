"""The History tab: sentences grouped by day, the stored entry on demand, and an empty history."""

from __future__ import annotations

from datetime import UTC, date, datetime

from pytestqt.qtbot import QtBot

from tests.helpers.factories import make_placement, make_world
from vipdesk.db import Database
from vipdesk.services.placements.history import HistoryDay, HistoryLine, tell
from vipdesk.services.placements.history_values import Names
from vipdesk.ui.placements.editor import PlacementEditor
from vipdesk.ui.placements.history import EMPTY, UNSAVED, HistoryPanel


def _days() -> list[HistoryDay]:
    lines = [
        HistoryLine(
            datetime(2026, 12, 4, 20, 47, tzinfo=UTC),
            "ana",
            "update",
            "changed placement VIP-2026-00001",
            {"status": ["preparing", "agreement_sent"]},
        ),
        HistoryLine(
            datetime(2026, 12, 1, 9, 5, tzinfo=UTC),
            "ben",
            "create",
            "added checklist item readiness_student",
            {"item_key": [None, "readiness_student"], "note": [None, "done outside vipdesk"]},
        ),
    ]
    return tell(lines, Names({}, UTC), today=date(2026, 12, 4))


def test_days_and_sentences_newest_first_with_the_stored_entry_on_demand(qtbot: QtBot) -> None:
    panel = HistoryPanel()
    qtbot.addWidget(panel)
    panel.show()
    panel.show_days(_days())
    assert panel.lines() == [
        "Today · Friday 4 December 2026",
        "20:47  Status changed from Preparing to Agreement sent by ana",
        "Tuesday 1 December 2026",
        "09:05  “Student readiness checked” ticked by ben: done outside vipdesk",
    ]
    assert not panel.empty.isVisible()
    row = panel.list.item(1)
    assert row.toolTip().startswith(
        "Status changed from Preparing to Agreement sent by ana, 04 Dec 2026 20:47"
    )
    assert "status: preparing → agreement_sent" in row.toolTip()
    assert not panel.details.isVisible()
    panel.details_button.click()
    panel.list.setCurrentRow(3)
    assert panel.details.isVisible()
    assert "item_key: — → readiness_student" in panel.details.toPlainText()
    assert "2026-12-01T09:05:00+00:00" in panel.details.toPlainText()
    panel.list.setCurrentRow(0)  # a day heading has no entry behind it
    assert panel.details.toPlainText() == ""


def test_an_empty_history_says_so(qtbot: QtBot) -> None:
    panel = HistoryPanel()
    qtbot.addWidget(panel)
    panel.show()
    panel.show_days([])
    assert panel.empty.isVisible() and panel.empty.text() == EMPTY
    assert panel.lines() == []
    panel.show_unsaved()
    assert panel.empty.text() == UNSAVED


def test_the_editor_shows_the_placements_history_when_the_tab_is_opened(
    qtbot: QtBot, db: Database
) -> None:
    new = PlacementEditor(db)
    qtbot.addWidget(new)
    new.side.setCurrentWidget(new.history)
    assert new.history.empty.text() == UNSAVED

    saved = make_placement(db, make_world(db))
    editor = PlacementEditor(db, saved.id)
    qtbot.addWidget(editor)
    assert editor.history.lines() == []  # read when looked at
    editor.side.setCurrentWidget(editor.history)
    [day, created] = editor.history.lines()
    assert day.startswith("Today · ")
    assert "Placement VIP-" in created and "Łukasz Żółć at Nordlicht Analytics GmbH" in created
