"""The monitoring report, read back: meetings held against the protocol's rhythm, concerns."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from pathlib import Path

import pytest

from tests.helpers.monitoring import monitored_placement
from tests.helpers.report_world import block, check_detail_sheet, check_workbook, export, table
from vipdesk.db import Database
from vipdesk.models import Cadence, EntryKind
from vipdesk.services.monitoring.log import EntryForm, save_entry
from vipdesk.services.monitoring.summary import expected_meetings
from vipdesk.services.reports.filters import ReportFilter

SHEETS = ["Filters", "Summary", "By host", "Placements"]
TODAY = date.today()
START = TODAY - timedelta(days=70)  # eleven weekly slots begun by today


@pytest.fixture
def world(any_db: Database) -> Database:
    """Nordlicht: weekly, 3 meetings of 11, a concern open and one resolved. Dijkzicht:
    fortnightly, 6 meetings of 6. A third placement without a protocol."""
    first = monitored_placement(any_db, start=START, end=TODAY + timedelta(days=30))
    second = monitored_placement(any_db, start=START, end=TODAY + timedelta(days=30),
                                 meetings=Cadence.FORTNIGHTLY, host="Dijkzicht B.V.")  # fmt: skip
    monitored_placement(any_db, start=START, end=TODAY + timedelta(days=30), meetings=None,
                        host="Ardenne vzw")  # fmt: skip

    def log(pid: int, day: int, kind: EntryKind = EntryKind.MENTOR_MEETING, **more: object) -> None:
        form = EntryForm(pid, kind, START + timedelta(days=day), "student, mentor", **more)  # type: ignore[arg-type]
        save_entry(any_db, form)

    log(first, 0, EntryKind.KICKOFF)
    log(first, 7, concern=True, follow_up="Call the student")
    log(first, 14, concern=True, follow_up="Call", resolved_on=START + timedelta(days=16),
        resolution="Backup tool")  # fmt: skip
    log(first, 20, EntryKind.REFLECTION)  # not a meeting
    for day in range(0, 70, 14):
        log(second, day)
    log(second, 69, EntryKind.TUTOR_COACHING)
    return any_db


def test_expected_meetings_count_the_slots_begun() -> None:
    assert expected_meetings(START, TODAY + timedelta(days=30), Cadence.WEEKLY, TODAY) == 11
    assert expected_meetings(START, START + timedelta(days=13), Cadence.WEEKLY, TODAY) == 2
    assert expected_meetings(TODAY + timedelta(days=1), TODAY + timedelta(days=9),
                             Cadence.WEEKLY, TODAY) == 0  # fmt: skip
    assert expected_meetings(START, TODAY, None, TODAY) == 0


def test_sheets_title_and_a_chart(world: Database, tmp_path: Path) -> None:
    path = export(world, "monitoring", tmp_path / "m.xlsx")
    check_workbook(path, "Monitoring of placements", SHEETS)
    check_detail_sheet(path, "Placements")


def test_meetings_and_concerns_per_placement_and_host(world: Database, tmp_path: Path) -> None:
    path = export(world, "monitoring", tmp_path / "m.xlsx")
    hosts = {r["Host"]: r for r in table(path, "By host")}
    nordlicht, dijkzicht = hosts["Nordlicht Analytics GmbH"], hosts["Dijkzicht B.V."]
    assert (nordlicht["Meetings expected"], nordlicht["Meetings held"]) == (11, 3)
    assert (nordlicht["Concerns open"], nordlicht["Concerns resolved"]) == (1, 1)
    assert (dijkzicht["Meetings expected"], dijkzicht["Meetings held"]) == (6, 6)
    assert dijkzicht["Share held"] == 1
    assert hosts["Ardenne vzw"]["Meetings expected"] == 0
    rows = {r["Host"]: r for r in table(path, "Placements")}
    first = rows["Nordlicht Analytics GmbH"]
    assert first["Meeting cadence"] == "Weekly" and first["Log entries"] == 4
    last = first["Last meeting"]
    assert isinstance(last, datetime) and last.date() == START + timedelta(days=14)
    assert rows["Ardenne vzw"]["Meeting cadence"] == "no protocol"
    summary = block(path, "Hosts where meetings fall short most")
    assert next(iter(summary)) == "Nordlicht Analytics GmbH"


def test_the_filters_choose_the_placements(world: Database, tmp_path: Path) -> None:
    path = export(world, "monitoring", tmp_path / "m.xlsx",
                  filter=ReportFilter(text="Dijkzicht"))  # fmt: skip
    assert [r["Host"] for r in table(path, "By host")] == ["Dijkzicht B.V."]
