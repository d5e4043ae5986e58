"""Demo history: each placement's History tab tells how it came to its status."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

from vipdesk.db import open_database
from vipdesk.models import Status
from vipdesk.services.demo.generate import generate_demo
from vipdesk.services.placements.catalogue import load_rows
from vipdesk.services.placements.history import placement_history

TODAY = date(2026, 12, 4)


def test_every_placement_has_its_story_up_to_its_status(tmp_path: Path) -> None:
    db = open_database(f"sqlite:///{tmp_path / 'demo.sqlite3'}")
    generate_demo(db, 120, seed=4, today=TODAY)
    end_of_today = datetime(2026, 12, 4, 23, 59, tzinfo=UTC)
    seen = set()
    for row in load_rows(db):
        events = [e for day in placement_history(db, row.id) for e in day.events][::-1]
        assert events[0].what == f"Placement {row.reference} created", row.reference
        moves = [e.what for e in events if e.what.startswith("Status changed")]
        if row.status is Status.DRAFT:
            assert moves == [], row.reference  # still as it was created
        else:
            assert moves[-1].endswith(f"to {row.status.label}"), (row.reference, moves)
        times = [e.at for e in events]
        assert times == sorted(times) and times[-1] <= end_of_today
        seen.add(row.status)
    assert len(seen) >= 6  # every kind of story, not only one
