"""Demo monitoring: every log entry and recognition passes the checks the Monitoring tab makes."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select

from vipdesk.db import Database
from vipdesk.models import EntryKind, Placement, Status
from vipdesk.services.demo.generate import generate_demo
from vipdesk.services.monitoring.log import monitoring_view, validate_entry
from vipdesk.services.monitoring.recognition import load_recognition, validate_recognition

TODAY = date(2026, 12, 4)
STARTED = (Status.ONGOING, Status.EVALUATING, Status.COMPLETED)


def test_started_placements_have_a_log_and_finished_ones_their_recognition(db: Database) -> None:
    generate_demo(db, 160, seed=11, today=TODAY)
    with db.session() as session:
        placements = list(session.execute(select(Placement.id, Placement.status)))
    started = [(pid, status) for pid, status in placements if status in STARTED]
    assert started and any(status is Status.COMPLETED for _, status in started)
    recognised = 0
    for pid, status in placements:
        view = monitoring_view(db, pid, as_of=TODAY)
        recognition = load_recognition(db, pid)
        if status not in STARTED:
            assert view.entries == [] and recognition.version is None, status
            continue
        assert [e.held_on for e in view.entries if e.kind is EntryKind.KICKOFF] == [view.start]
        for entry in view.entries:
            form = entry.form(pid)
            problems = validate_entry(form, view.start, view.end, view.tools, TODAY)
            assert problems == [], (pid, entry.kind, problems)
            assert entry.held_on < TODAY
        if recognition.version is None:
            # only a placement that is not complete, or does not count, may lack it
            assert status is not Status.COMPLETED or not recognition.counts_toward_degree
            continue
        recognised += 1
        assert validate_recognition(recognition, view.start, TODAY) == []
        assert recognition.missing() == []
        assert recognition.transcript_on is not None and recognition.transcript_on < TODAY
        assert recognition.transcript_on >= view.end
    assert recognised
