"""Readiness: the questionnaire score, critical flags and status of every placement and party.

Sheets: "Filters", "Summary" (counts by band per party and per placement, average scores, a
chart) and "Readiness" (one row per placement and party: student, host organisation, sending
institution). Scores and bands are those of the Preparation tab (`services.readiness`): each
party's latest completed questionnaire, scored against the version it answered.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path
from typing import Any

from vipdesk.db import Database
from vipdesk.documents.reports import ReportKind, ReportOptions
from vipdesk.documents.spreadsheets import (
    DATE_FORMAT,
    NO_SENSITIVE_DATA,
    ONE_DECIMAL,
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
from vipdesk.models import ReadinessParty
from vipdesk.services.jobs import Progress, ShouldCancel, Steps, paused_gc
from vipdesk.services.questionnaires import ReadinessLevel
from vipdesk.services.readiness import PartyReadiness
from vipdesk.services.report_data import readiness_data
from vipdesk.services.reporting import PlacementDetail, ReportFilter, load_placement_details

TITLE = "Readiness of placements"
SUMMARY_SHEET, DETAIL_SHEET = "Summary", "Readiness"
NOT_ASSESSED = "Not assessed"
BANDS = (*(level.label for level in ReadinessLevel), NOT_ASSESSED)
BAND_COLOURS = ("2E7D32", "F9A825", "C62828", "9E9E9E")  # ready, attention, blocked, not yet
Rows = Sequence[tuple[PlacementDetail, list[PartyReadiness]]]


def build(
    db: Database, path: Path, options: ReportOptions, progress: Progress, cancel: ShouldCancel
) -> int:
    details = load_placement_details(db, options.filter, should_cancel=cancel)
    rows = readiness_data(db, details, should_cancel=cancel)
    write_readiness_report(path, rows, options.filter, progress=progress, should_cancel=cancel)
    return len(rows)


REPORT = ReportKind("readiness", TITLE, build)


def band(party: PartyReadiness) -> str:
    """Ready, Needs attention, Blocked — or Not assessed while no questionnaire is complete."""
    return NOT_ASSESSED if party.latest is None else party.level.label


def placement_band(parties: Sequence[PartyReadiness]) -> str:
    """A placement is as ready as its least ready party."""
    bands = {band(p) for p in parties}
    for worst in (ReadinessLevel.BLOCKED.label, NOT_ASSESSED, ReadinessLevel.NEEDS_ATTENTION.label):
        if worst in bands:
            return worst
    return ReadinessLevel.READY.label


def write_readiness_report(
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
    steps = Steps(len(rows) * 3, "Writing readiness", progress, should_cancel, every=3000)
    wb = new_workbook(TITLE, "Readiness questionnaires: score, critical flags, status")
    try:
        write_filters_sheet(
            wb,
            TITLE,
            flt.described(),
            [("Placements in this report", len(rows))],
            NO_SENSITIVE_DATA,
            f"{SUMMARY_SHEET}: counts by band and average scores, a chart. "
            f"{DETAIL_SHEET}: one row per placement and party.",
            made_at or datetime.now(),
            [
                (
                    "Scores",
                    "0 to 100, from each party's latest completed readiness questionnaire. "
                    "Blocked: a critical answer. Needs attention: a low theme or an unanswered "
                    "question. A placement is as ready as its least ready party.",
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


def _summary_sheet(wb: Any, rows: Rows) -> None:
    ws = wb.create_sheet(SUMMARY_SHEET)
    fit_widths(ws, [32, 9, 17, 9, 14, 15])
    print_fitting_width(ws, landscape=True)
    sheet = SheetRows(ws)
    sheet.append([styled(ws, f"{TITLE}: key figures", font=TITLE_FONT)])
    sheet.append([f"{len(rows):,} placements; the filters that chose them are on the Filters "
                  "sheet."])  # fmt: skip
    sheet.append()
    counts: dict[ReadinessParty, Counter[str]] = {p: Counter() for p in ReadinessParty}
    scores: dict[ReadinessParty, list[int]] = {p: [] for p in ReadinessParty}
    placements: Counter[str] = Counter()
    for _detail, parties in rows:
        placements[placement_band(parties)] += 1
        for party in parties:
            counts[party.party][band(party)] += 1
            if party.score is not None:
                scores[party.party].append(party.score)
    sheet.append(header_cells(ws, ["Key figure", "Value"]))
    for label, value in (
        ("Placements", len(rows)),
        *((f"Placements: {b.lower()}", placements[b]) for b in BANDS),
    ):
        sheet.append([label, styled(ws, value, number_format=WHOLE)])
    sheet.append()
    block = sheet.table(
        ["Party", *BANDS, "Average score"],
        [
            (
                party.label,
                *(counts[party][b] for b in BANDS),
                round(sum(scores[party]) / len(scores[party]), 1) if scores[party] else None,
            )
            for party in ReadinessParty
        ],
        [None, *(WHOLE for _ in BANDS), ONE_DECIMAL],
    )
    bar_chart(
        ws,
        "Parties by readiness band",
        block,
        list(range(2, 2 + len(BANDS))),
        "H4",
        axis_title="Placements",
        stacked=True,
        colours=BAND_COLOURS,
    )


def _detail_sheet(wb: Any, rows: Rows, steps: Steps) -> None:
    cols = [
        Col("Reference"),
        Col("Student"),
        Col("Host"),
        Col("Country"),
        Col("Mode"),
        Col("Status"),
        Col("Party"),
        Col("Respondent"),
        Col("Assessed on", DATE_FORMAT),
        Col("Score", "0", width=5),
        Col("Band"),
        Col("Critical flags", WHOLE, width=5),
        Col("Critical answers", width=60),
        Col("Low themes", width=40),
        Col("Questionnaire in progress"),
    ]
    out: list[list[Any]] = []
    for d, parties in rows:
        for p in parties:
            assessment, latest = p.assessment, p.latest
            out.append(
                [
                    d.reference,
                    d.student,
                    d.host,
                    d.country,
                    d.mode.label,
                    d.status.label,
                    p.party.label,
                    latest.respondent if latest else None,
                    latest.completed_at.date() if latest and latest.completed_at else None,
                    p.score,
                    band(p),
                    len(assessment.critical) if assessment else None,
                    "; ".join(f"{f.question} — {f.answer}" for f in assessment.critical)
                    if assessment and assessment.critical
                    else None,
                    "; ".join(f"{t.label} ({t.score})" for t in assessment.low_themes)
                    if assessment and assessment.low_themes
                    else None,
                    "Yes" if p.open else "No",
                ]
            )
    write_table(wb, DETAIL_SHEET, cols, out, steps.step)
