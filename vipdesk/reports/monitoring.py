"""Monitoring: meetings held against the protocol's rhythm, concerns open and resolved.

Sheets: "Filters", "Summary" (key figures, and the hosts where meetings fall short most),
"By host" (placements, meetings expected and held, concerns) and "Placements" (one row per
placement: its cadence, meetings expected and held, the last one, concerns, entries). The
figures come from one grouped query (`services.monitoring.summary`).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from vipdesk.db import Database
from vipdesk.documents.report_language import t
from vipdesk.documents.report_sheets import (
    SUMMARY_SHEET,
    Col,
    bar_chart,
    summary_sheet,
    write_table,
)
from vipdesk.documents.spreadsheets import DATE_FORMAT, PERCENT, WHOLE
from vipdesk.models import Cadence
from vipdesk.reports.kinds import ReportOptions
from vipdesk.reports.workbook import (
    PLACEMENT_COLS,
    ReportBook,
    placement_cells,
    placements_line,
    workbook_report,
)
from vipdesk.services.jobs import ShouldCancel
from vipdesk.services.monitoring.summary import (
    HostMonitoring,
    PlacementMonitoring,
    by_host,
    by_placement,
)
from vipdesk.services.reports.filters import PlacementDetail

TITLE = "Monitoring of placements"
HOST_SHEET = "By host"
DETAIL_SHEET = "Placements"
SHORTEST = 10  # hosts on the summary's chart


def host_table(hosts: Sequence[HostMonitoring]) -> tuple[list[Col], list[list[Any]]]:
    cols = [
        Col("Host"),
        Col("Placements", WHOLE),
        Col("Meetings expected", WHOLE),
        Col("Meetings held", WHOLE),
        Col("Share held", PERCENT),
        Col("Concerns open", WHOLE),
        Col("Concerns resolved", WHOLE),
    ]
    rows = [
        [h.host, h.placements, h.expected, h.held, h.share_met, h.concerns_open,
         h.concerns_resolved]
        for h in hosts
    ]  # fmt: skip
    return cols, rows


def detail_table(
    details: Sequence[PlacementDetail], figures: dict[int, PlacementMonitoring]
) -> tuple[list[Col], list[list[Any]]]:
    cols = [
        *PLACEMENT_COLS,
        Col("Meeting cadence"),
        Col("Meetings expected", WHOLE, width=10),
        Col("Meetings held", WHOLE, width=10),
        Col("Share held", PERCENT, width=10),
        Col("Last meeting", DATE_FORMAT),
        Col("Concerns open", WHOLE, width=10),
        Col("Concerns resolved", WHOLE, width=10),
        Col("Log entries", WHOLE, width=10),
    ]
    placement_of = placement_cells()
    cadences = {c: t(c.label) for c in Cadence}
    no_protocol = t("no protocol")
    rows = []
    for d in details:
        f = figures.get(d.id)
        if f is None:
            rows.append([*placement_of(d), None, None, None, None, None, None, None, None])
            continue
        rows.append(
            [
                *placement_of(d),
                cadences[f.cadence] if f.cadence else no_protocol,
                f.expected,
                f.held,
                f.share_met,
                f.last_meeting,
                f.concerns_open,
                f.concerns_resolved,
                f.entries,
            ]
        )
    return cols, rows


def _summary(wb: Any, details: Sequence[PlacementDetail], figures: Sequence[PlacementMonitoring],
             hosts: Sequence[HostMonitoring]) -> None:  # fmt: skip
    sheet = summary_sheet(wb, TITLE, placements_line(len(details)), [38, 14, 14, 14, 14])
    expected = sum(f.expected for f in figures)
    held = sum(min(f.held, f.expected) for f in figures if f.expected)
    sheet.key_figures(
        [
            (t("Placements"), len(details), WHOLE),
            (t("With a monitoring log"), sum(1 for f in figures if f.entries), WHOLE),
            (t("Meetings expected so far"), expected, WHOLE),
            (t("Meetings held (of those expected)"), held, WHOLE),
            (t("Share held"), held / expected if expected else None, PERCENT),
            (t("Concerns open"), sum(f.concerns_open for f in figures), WHOLE),
            (t("Concerns resolved"), sum(f.concerns_resolved for f in figures), WHOLE),
        ]
    )
    sheet.append()
    shortest = sorted((h for h in hosts if h.expected), key=lambda h: (h.share_met or 0, h.host))
    block = sheet.table(
        ["Hosts where meetings fall short most", "Expected", "Held", "Share held"],
        [[h.host, h.expected, h.held, h.share_met] for h in shortest[:SHORTEST]],
        [None, WHOLE, WHOLE, PERCENT],
    )
    bar_chart(sheet.ws, "Share of expected meetings held", block, [4], "G4",
              axis_title="Share held")  # fmt: skip


def _gather(
    db: Database, details: Sequence[PlacementDetail], options: ReportOptions, cancel: ShouldCancel
) -> ReportBook:
    flt = options.filter
    ids = [d.id for d in details] if flt.text.strip() else None  # the search is not in SQL
    figures = by_placement(db, flt, ids)
    chosen = {d.id for d in details}
    figures = [f for f in figures if f.placement_id in chosen]
    hosts = by_host(figures)
    by_id = {f.placement_id: f for f in figures}

    def details_sheets(wb: Any, step: Any) -> None:
        write_table(wb, HOST_SHEET, *host_table(hosts))
        write_table(wb, DETAIL_SHEET, *detail_table(details, by_id), step)

    return ReportBook(
        title=TITLE,
        subject="Meetings held against the communication protocol; concerns",
        counts=[("Placements in this report", len(details))],
        sheets=t(
            "{summary}: key figures and the hosts where meetings fall short most. "
            "{hosts}: meetings and concerns per host. {detail}: one row per placement.",
            summary=t(SUMMARY_SHEET),
            hosts=t(HOST_SHEET),
            detail=t(DETAIL_SHEET),
        ),
        notes=[
            (
                "Meetings expected",
                t(
                    "One per slot of the communication protocol's meeting cadence (weekly, "
                    "every two weeks, …) from the placement's start to its end or today."
                ),
            ),
            (
                "Meetings held",
                t(
                    "Kick-off, mentor meetings and tutor coaching logged within the placement's "
                    "period; a host's figure counts at most the expected ones of each placement."
                ),
            ),
        ],
        summary=lambda wb: _summary(wb, details, figures, hosts),
        details=details_sheets,
        steps=len(details),
        what="Writing the monitoring figures",
        records=len(details),
    )


REPORT = workbook_report("monitoring", TITLE, _gather)
