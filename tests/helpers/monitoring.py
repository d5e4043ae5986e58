"""Placements with a communication protocol and chosen tools, ready for a monitoring log."""

from __future__ import annotations

import io
import zipfile
from datetime import date
from decimal import Decimal

from PIL import Image

from tests.helpers.factories import make_placement, make_world
from vipdesk.db import Database
from vipdesk.models import Cadence, CommunicationProtocol, EntryKind, MonitoringEntry, ToolChoice

START, END = date(2026, 9, 7), date(2026, 12, 18)


def monitored_placement(
    db: Database,
    *,
    start: date = START,
    end: date = END,
    meetings: Cadence | None = Cadence.WEEKLY,
    reporting: Cadence = Cadence.FORTNIGHTLY,
    credits: Decimal | None = Decimal("10"),
    host: str = "Nordlicht Analytics GmbH",
) -> int:
    """A placement from `start` to `end` with Zoom chosen and, unless `meetings` is None, a
    protocol agreeing meetings at that cadence."""
    form = make_placement(
        db, make_world(db, host), planned_start=start, planned_end=end, ects_credits=credits
    )
    assert form.id is not None
    with db.session("tester") as s:
        s.add(ToolChoice(placement_id=form.id, purpose="meetings", tool_key="zoom"))
        if meetings is not None:
            s.add(
                CommunicationProtocol(
                    placement_id=form.id,
                    reporting=reporting,
                    reply_hours=24,
                    meetings=meetings,
                    meeting_minutes=45,
                )
            )
    return form.id


def log(
    db: Database, placement_id: int, kind: EntryKind, *days: date, concern: bool = False
) -> None:
    """Entries written straight to the database (no checks), one per day."""
    with db.session("tester") as s:
        for day in days:
            s.add(
                MonitoringEntry(
                    placement_id=placement_id,
                    kind=kind,
                    held_on=day,
                    participants="student, mentor",
                    concern=concern,
                    follow_up="Call the student" if concern else None,
                )
            )


def picture(kind: str = "PNG") -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (40, 20), "white").save(out, kind)
    return out.getvalue()


def docx() -> bytes:
    """The smallest file Word would call a document: a zip with word/document.xml."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
    return out.getvalue()
