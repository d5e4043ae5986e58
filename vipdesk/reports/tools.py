"""Tools: the tools chosen for each placement, what they serve, and their test with each actor.

Sheets: "Filters", "Summary" (the most used tools, the share tested, tests by actor, a chart)
and "Tools" (one row per placement and chosen tool, with the test result for the student, the
company mentor and the academic tutor; a placement without tools has one row that says so).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path
from typing import Any

from vipdesk.db import Database
from vipdesk.documents.spreadsheets import (
    DATE_FORMAT,
    NO_SENSITIVE_DATA,
    PERCENT,
    TITLE_FONT,
    WHOLE,
    Col,
    SheetRows,
    bar_chart,
    discard,
    fit_widths,
    header_cells,
    new_workbook,
    print_fitting_width,
    save_workbook,
    styled,
    write_filters_sheet,
    write_table,
)
from vipdesk.models import Mode, ProtocolActor, Status, ToolTestResult
from vipdesk.reports.kinds import ReportKind, ReportOptions
from vipdesk.services.jobs import Progress, ShouldCancel, Steps, paused_gc
from vipdesk.services.reports.data import ToolUse, tools_data
from vipdesk.services.reports.filters import PlacementDetail, ReportFilter, load_placement_details

TITLE = "Tools and their tests"
SUMMARY_SHEET, DETAIL_SHEET = "Summary", "Tools"
TOP = 10  # tools drawn in the chart
NONE_CHOSEN = "No tools chosen yet"
Rows = Sequence[tuple[PlacementDetail, list[ToolUse]]]


def build(
    db: Database, path: Path, options: ReportOptions, progress: Progress, cancel: ShouldCancel
) -> int:
    details = load_placement_details(db, options.filter, should_cancel=cancel)
    rows = tools_data(db, details)
    write_tools_report(path, rows, options.filter, progress=progress, should_cancel=cancel)
    return len(rows)


REPORT = ReportKind("tools", TITLE, build)


def write_tools_report(
    path: Path,
    rows: Rows,
    flt: ReportFilter = ReportFilter(),  # noqa: B008 - frozen, so a shared default is safe
    *,
    made_at: datetime | None = None,
    progress: Progress | None = None,
    should_cancel: ShouldCancel | None = None,
) -> None:
    """Write the report to `path` atomically.

    Raises:
        CancelledError: `should_cancel` said stop; no file was written.
        VipdeskError: the file cannot be written.
    """
    lines = sum(max(1, len(uses)) for _, uses in rows)  # a placement without tools has one
    steps = Steps(lines, "Writing tools", progress, should_cancel, every=2000)
    wb = new_workbook(TITLE, "Tools chosen per placement and their tests with every actor")
    try:
        write_filters_sheet(
            wb,
            TITLE,
            flt.described(),
            [("Placements in this report", len(rows))],
            NO_SENSITIVE_DATA,
            f"{SUMMARY_SHEET}: most used tools, share tested, tests by actor, a chart. "
            f"{DETAIL_SHEET}: one row per placement and chosen tool.",
            made_at or datetime.now(),
            [
                (
                    "Tests",
                    "Every chosen tool is tested with the student, the company mentor and the "
                    "academic tutor. Open: not tested yet, or failed without a recorded reason; "
                    "an open test keeps the agreement from being sent.",
                )
            ],
        )
        _summary_sheet(wb, rows)
        with paused_gc():
            _detail_sheet(wb, rows, steps)
            steps.check()
            save_workbook(wb, path)
    except BaseException:
        discard(wb)
        raise
    steps.finish()


def _share(part: int, whole: int) -> float | None:
    return part / whole if whole else None


def _summary_sheet(wb: Any, rows: Rows) -> None:
    ws = wb.create_sheet(SUMMARY_SHEET)
    names = [u.name for _, uses in rows for u in uses]
    fit_widths(ws, [max([36, *map(len, names)]), 12, 12, 12, 12])
    print_fitting_width(ws, landscape=True)
    sheet = SheetRows(ws)
    sheet.append([styled(ws, f"{TITLE}: key figures", font=TITLE_FONT)])
    sheet.append([f"{len(rows):,} placements; the filters that chose them are on the Filters "
                  "sheet."])  # fmt: skip
    sheet.append()
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
    sheet.append(header_cells(ws, ["Key figure", "Value"]))
    for label, value, fmt in (
        ("Placements", len(rows), WHOLE),
        ("Placements with tools chosen", with_tools, WHOLE),
        ("Placements with every test done", all_tested, WHOLE),
        ("Tests planned (tool × actor)", tests["planned"], WHOLE),
        ("Share tested", _share(tests["done"], tests["planned"]), PERCENT),
        ("Share passed", _share(tests["passed"], tests["planned"]), PERCENT),
    ):
        sheet.append([label, None if value is None else styled(ws, value, number_format=fmt)])
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
        [(actor.label, *(actors[actor][r] for r in results)) for actor in ProtocolActor],
        [None, *(WHOLE for _ in results)],
    )
    header, last = block
    bar_chart(
        ws,
        f"Most used tools (top {TOP})" if last - header > TOP else "Placements per tool",
        (header, min(last, header + TOP)),
        [2],
        "G4",
        axis_title="Placements",
    )


def _detail_sheet(wb: Any, rows: Rows, steps: Steps) -> None:
    write_table(wb, DETAIL_SHEET, *detail_table(rows), steps.step)


def detail_table(rows: Rows) -> tuple[list[Col], list[list[Any]]]:
    """The columns and rows of the detail sheet (the benchmark writes them without styles)."""
    cols = [
        Col("Reference"),
        Col("Student"),
        Col("Host"),
        Col("Country"),
        Col("Mode"),
        Col("Status"),
        Col("Tool"),
        Col("Purposes", width=40),
        *(Col(f"Test: {actor.label.lower()}") for actor in ProtocolActor),
        Col("Last tested", DATE_FORMAT),
        Col("Open tests", WHOLE, width=5),
        Col("Notes", width=50),
    ]
    # Labels looked up once, not built per row.
    modes, statuses = {m: m.label for m in Mode}, {s: s.label for s in Status}
    actors, results = {a: a.label for a in ProtocolActor}, {r: r.label for r in ToolTestResult}
    out: list[list[Any]] = []
    for d, uses in rows:
        placement = [d.reference, d.student, d.host, d.country, modes[d.mode], statuses[d.status]]
        if not uses:
            out.append([*placement, None, NONE_CHOSEN, None, None, None, None, None, None])
        for use in uses:
            tests = use.tests
            notes = "; ".join(f"{actors[t.actor]}: {t.note}" for t in tests if t.note)
            tested = [t.tested_on for t in tests if t.tested_on]
            out.append(
                [
                    *placement,
                    use.name,
                    ", ".join(use.purposes),
                    *(results[t.result] for t in tests),
                    max(tested) if tested else None,
                    sum(t.open for t in tests),
                    notes or None,
                ]
            )
    return cols, out
