"""Tools: the tools chosen for each placement, what they serve, and their test with each actor.

Sheets: "Filters", "Summary" (the most used tools, the share tested, tests by actor, a chart)
and "Tools" (one row per placement and chosen tool, with the test result for the student, the
company mentor and the academic tutor; a placement without tools has one row that says so).
"""

from __future__ import annotations

from collections import Counter
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
from vipdesk.models import ProtocolActor, ToolTestResult
from vipdesk.reports.kinds import ReportOptions
from vipdesk.reports.workbook import (
    PLACEMENT_COLS,
    ReportBook,
    placement_cells,
    placements_line,
    workbook_report,
)
from vipdesk.services.jobs import ShouldCancel
from vipdesk.services.reports.filters import PlacementDetail
from vipdesk.services.reports.tools import ToolUse, tools_data

TITLE = "Tools and their tests"
DETAIL_SHEET = "Tools"
TOP = 10  # tools drawn in the chart
NONE_CHOSEN = "No tools chosen yet"
Rows = Sequence[tuple[PlacementDetail, list[ToolUse]]]


def book(rows: Rows) -> ReportBook:
    """The workbook of the selected placements' tools and their tests."""
    return ReportBook(
        title=TITLE,
        subject="Tools chosen per placement and their tests with every actor",
        counts=[("Placements in this report", len(rows))],
        sheets=t(
            "{summary}: most used tools, share tested, tests by actor, a chart. "
            "{detail}: one row per placement and chosen tool.",
            summary=t(SUMMARY_SHEET),
            detail=t(DETAIL_SHEET),
        ),
        notes=[
            (
                "Tests",
                t(
                    "Every chosen tool is tested with the student, the company mentor and the "
                    "academic tutor. Open: not tested yet, or failed without a recorded reason; "
                    "an open test keeps the agreement from being sent."
                ),
            )
        ],
        summary=lambda wb: _summary_sheet(wb, rows),
        details=lambda wb, step: write_table(wb, DETAIL_SHEET, *detail_table(rows), step),
        steps=sum(max(1, len(uses)) for _, uses in rows),  # a placement without tools has one
        what="Writing tools",
        records=len(rows),
    )


def _gather(
    db: Database, details: Sequence[PlacementDetail], options: ReportOptions, _c: ShouldCancel
) -> ReportBook:
    return book(tools_data(db, details))


REPORT = workbook_report("tools", TITLE, _gather)


def _share(part: int, whole: int) -> float | None:
    return part / whole if whole else None


def _summary_sheet(wb: Any, rows: Rows) -> None:
    names = [u.name for _, uses in rows for u in uses]
    sheet = summary_sheet(
        wb, TITLE, placements_line(len(rows)), [max([36, *map(len, names)]), 12, 12, 12, 12]
    )
    placements: Counter[str] = Counter()
    tests: Counter[str] = Counter()  # planned, then done (passed or failed), then passed
    done_by_tool: Counter[str] = Counter()
    actors: dict[ProtocolActor, Counter[ToolTestResult]] = {a: Counter() for a in ProtocolActor}
    with_tools = all_tested = 0
    for _detail, uses in rows:
        with_tools += bool(uses)
        all_tested += bool(uses) and not any(u.open for u in uses)
        for use in uses:
            placements[use.name] += 1
            for test in use.tests:
                actors[test.actor][test.result] += 1
                tests["planned"] += 1
                if test.result is not ToolTestResult.NOT_YET:
                    tests["done"] += 1
                    done_by_tool[use.name] += 1
                tests["passed"] += test.result is ToolTestResult.PASSED
    sheet.key_figures(
        [
            (t("Placements"), len(rows), WHOLE),
            (t("Placements with tools chosen"), with_tools, WHOLE),
            (t("Placements with every test done"), all_tested, WHOLE),
            (t("Tests planned (tool × actor)"), tests["planned"], WHOLE),
            (t("Share tested"), _share(tests["done"], tests["planned"]), PERCENT),
            (t("Share passed"), _share(tests["passed"], tests["planned"]), PERCENT),
        ]
    )
    sheet.append()
    ranked = sorted(placements.items(), key=lambda item: (-item[1], item[0]))
    block = sheet.table(
        ["Most used tools", "Placements", "Share", "Share tested"],
        [
            (
                name,
                count,
                _share(count, len(rows)),
                _share(done_by_tool[name], count * len(ProtocolActor)),
            )
            for name, count in ranked
        ],
        [None, WHOLE, PERCENT, PERCENT],
    )
    sheet.append()
    results = tuple(ToolTestResult)
    sheet.table(
        ["Tests by actor", *(r.label for r in results)],
        [(t(actor.label), *(actors[actor][r] for r in results)) for actor in ProtocolActor],
        [None, *(WHOLE for _ in results)],
    )
    header, last = block
    bar_chart(
        sheet.ws,
        t("Most used tools (top {count})", count=TOP)
        if last - header > TOP
        else "Placements per tool",
        (header, min(last, header + TOP)),
        [2],
        "G4",
        axis_title="Placements",
    )


def detail_table(rows: Rows) -> tuple[list[Col], list[list[Any]]]:
    """The columns and rows of the detail sheet (the benchmark writes them without styles)."""
    cols = [
        *PLACEMENT_COLS,
        Col("Tool"),
        Col("Purposes", width=40),
        *(Col(f"Test: {actor.label.lower()}") for actor in ProtocolActor),  # keys of their own
        Col("Last tested", DATE_FORMAT),
        Col("Open tests", WHOLE, width=5),
        Col("Notes", width=50),
    ]
    # Labels looked up once, not built per row.
    placement_of = placement_cells()
    actors = {a: t(a.label) for a in ProtocolActor}
    results = {r: t(r.label) for r in ToolTestResult}
    purposes: dict[str, str] = {}
    none_chosen = t(NONE_CHOSEN)
    out: list[list[Any]] = []
    for d, uses in rows:
        placement = placement_of(d)
        if not uses:
            out.append([*placement, None, none_chosen, None, None, None, None, None, None])
        for use in uses:
            tests = use.tests
            notes = "; ".join(f"{actors[test.actor]}: {test.note}" for test in tests if test.note)
            tested = [test.tested_on for test in tests if test.tested_on]
            out.append(
                [
                    *placement,
                    use.name,
                    ", ".join(
                        purposes.get(p) or purposes.setdefault(p, t(p)) for p in use.purposes
                    ),
                    *(results[test.result] for test in tests),
                    max(tested) if tested else None,
                    sum(test.open for test in tests),
                    notes or None,
                ]
            )
    return cols, out
