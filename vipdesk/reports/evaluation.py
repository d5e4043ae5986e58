"""Evaluation: scores by host, mode, country and year, planned outcomes against reached, and
planned credits against recognised.

Sheets: "Filters", "Summary" (evaluations, average score and outcomes reached per party and
stage), "By host", "By mode", "By country", "By year" (the same, per group) and "Evaluations"
(one row per placement: the latest score of each party at each stage). Every figure counts
the latest evaluation of a placement by a party at a stage; the grouping is done in the
database (`services.evaluations.summary`).
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from vipdesk.db import Database
from vipdesk.documents.report_language import current_language, t
from vipdesk.documents.report_sheets import (
    SUMMARY_SHEET,
    Col,
    bar_chart,
    summary_sheet,
    write_table,
)
from vipdesk.documents.spreadsheets import ONE_DECIMAL, PERCENT, WHOLE
from vipdesk.models import EvaluationStage, Mode, ReadinessParty
from vipdesk.reports.kinds import ReportOptions
from vipdesk.reports.workbook import (
    PLACEMENT_COLS,
    ReportBook,
    placement_cells,
    placements_line,
    workbook_report,
)
from vipdesk.services.evaluations.questionnaires import RESPONDENT_LABELS
from vipdesk.services.evaluations.summary import (
    GroupBy,
    GroupFigures,
    LatestEvaluation,
    grouped,
    latest_by_placement,
)
from vipdesk.services.jobs import ShouldCancel
from vipdesk.services.monitoring.summary import Recognised, recognition_by_placement
from vipdesk.services.refdata import country_name
from vipdesk.services.reports.filters import PlacementDetail

TITLE = "Evaluations of placements"
DETAIL_SHEET = "Evaluations"
GROUP_SHEETS = {
    GroupBy.HOST: ("By host", "Host"),
    GroupBy.MODE: ("By mode", "Mode"),
    GroupBy.COUNTRY: ("By country", "Country"),
    GroupBy.YEAR: ("By year", "Year of start"),
}
# Each party at each stage: a column of average scores on every sheet.
VIEWS = [(stage, party) for stage in EvaluationStage for party in ReadinessParty]


def view_title(stage: EvaluationStage, party: ReadinessParty) -> str:
    return t(f"{stage.label} · {RESPONDENT_LABELS[party].lower()}")


def _share(reached: int, planned: int) -> float | None:
    return reached / planned if planned else None


def _group_label(by: GroupBy, value: Any) -> Any:
    if by is GroupBy.MODE and isinstance(value, Mode):
        return t(value.label)
    if by is GroupBy.COUNTRY:
        return f"{country_name(value, current_language())} ({value})"
    return value


def group_table(by: GroupBy, figures: Sequence[GroupFigures]) -> tuple[list[Col], list[list[Any]]]:
    """One row per group: evaluations, the average score of each view, final outcomes."""
    cols = [
        Col(GROUP_SHEETS[by][1]),
        Col("Evaluations", WHOLE),
        *(Col(t("Score: {view}", view=view_title(*v)), ONE_DECIMAL) for v in VIEWS),
        Col("Outcomes asked (final)", WHOLE),
        Col("Outcomes reached (final)", WHOLE),
        Col("Share reached (final)", PERCENT),
    ]
    by_group: dict[Any, list[GroupFigures]] = {}
    for figure in figures:
        by_group.setdefault(figure.group, []).append(figure)
    rows = []
    for group, found in by_group.items():
        scores = {(f.stage, f.party): f.average_score for f in found}
        final = [f for f in found if f.stage is EvaluationStage.FINAL]
        planned = sum(f.outcomes_planned for f in final)
        reached = sum(f.outcomes_reached for f in final)
        rows.append(
            [
                _group_label(by, group),
                sum(f.evaluations for f in found),
                *(scores.get(v) for v in VIEWS),
                planned,
                reached,
                _share(reached, planned),
            ]
        )
    return cols, rows


def detail_table(
    details: Sequence[PlacementDetail],
    latest: dict[int, list[LatestEvaluation]],
    recognised: dict[int, Recognised] | None = None,
) -> tuple[list[Col], list[list[Any]]]:
    """One row per placement: the latest score of each view, its final outcomes, and the
    credits recognised against those planned."""
    recognised = recognised or {}
    cols = [
        *PLACEMENT_COLS,
        *(Col(t("Score: {view}", view=view_title(*v)), "0", width=9) for v in VIEWS),
        Col("Outcomes planned", WHOLE, width=9),
        *(
            Col(t(f"Reached: {RESPONDENT_LABELS[p].lower()}"), WHOLE, width=9)
            for p in ReadinessParty
        ),
        Col("Credits planned", ONE_DECIMAL, width=9),
        Col("Credits recognised", ONE_DECIMAL, width=10),
        Col("Days from end to recognition", WHOLE, width=12),
    ]
    placement_of = placement_cells()
    rows = []
    for d in details:
        found = {(e.stage, e.party): e for e in latest.get(d.id, ())}
        final = [found.get((EvaluationStage.FINAL, p)) for p in ReadinessParty]
        planned = max((e.outcomes_planned for e in final if e is not None), default=None)
        done = recognised.get(d.id)
        rows.append(
            [
                *placement_of(d),
                *(found[v].score if v in found else None for v in VIEWS),
                planned,
                *(e.outcomes_reached if e is not None else None for e in final),
                d.ects,
                done.credits_awarded if done else None,
                done.days_to_recognition if done else None,
            ]
        )
    return cols, rows


def _summary(wb: Any, details: Sequence[PlacementDetail], figures: Sequence[GroupFigures],
             latest: dict[int, list[LatestEvaluation]],
             recognised: dict[int, Recognised]) -> None:  # fmt: skip
    sheet = summary_sheet(wb, TITLE, placements_line(len(details)), [34, 12, 14, 14, 14, 14])
    chosen = {d.id for d in details}
    stages = {stage: sum(1 for pid, found in latest.items() if pid in chosen
                         and any(e.stage is stage for e in found))
              for stage in EvaluationStage}  # fmt: skip
    sheet.key_figures(
        [
            (t("Placements"), len(details), WHOLE),
            (t("With a mid-term evaluation"), stages[EvaluationStage.MIDTERM], WHOLE),
            (t("With a final evaluation"), stages[EvaluationStage.FINAL], WHOLE),
            (t("Evaluations counted"), sum(f.evaluations for f in figures), WHOLE),
            *_recognition_figures(details, recognised),
        ]
    )
    sheet.append()
    rows = []
    for stage, party in VIEWS:
        found = [f for f in figures if (f.stage, f.party) == (stage, party)]
        count = sum(f.evaluations for f in found)
        scored = [(f.average_score, f.evaluations) for f in found if f.average_score is not None]
        weight = sum(n for _, n in scored)
        average = round(sum(s * n for s, n in scored) / weight, 1) if weight else None
        planned = sum(f.outcomes_planned for f in found)
        reached = sum(f.outcomes_reached for f in found)
        rows.append([view_title(stage, party), count, average, planned, reached,
                     _share(reached, planned)])  # fmt: skip
    block = sheet.table(
        ["Evaluation", "Evaluations", "Average score", "Outcomes asked", "Outcomes reached",
         "Share reached"],
        rows,
        [None, WHOLE, ONE_DECIMAL, WHOLE, WHOLE, PERCENT],
    )  # fmt: skip
    bar_chart(sheet.ws, "Average score by evaluation", block, [3], "H4", axis_title="Score")


def _recognition_figures(
    details: Sequence[PlacementDetail], recognised: dict[int, Recognised]
) -> list[tuple[str, Any, str]]:
    """Credits planned against recognised, and the days from the end to the transcript."""
    counting = [d for d in details if d.ects]
    done = [recognised[d.id] for d in counting if d.id in recognised]
    planned = sum((d.ects for d in counting if d.id in recognised and d.ects), Decimal(0))
    awarded = sum((r.credits_awarded for r in done if r.credits_awarded), Decimal(0))
    days = [r.days_to_recognition for r in done if r.days_to_recognition is not None]
    return [
        (t("Counting toward the degree"), len(counting), WHOLE),
        (t("Recognised"), len(done), WHOLE),
        (t("Credits planned (recognised placements)"), float(planned), ONE_DECIMAL),
        (t("Credits recognised"), float(awarded), ONE_DECIMAL),
        (t("Average days from end to recognition"),
         round(sum(days) / len(days), 1) if days else None, ONE_DECIMAL),
    ]  # fmt: skip


def _gather(
    db: Database, details: Sequence[PlacementDetail], options: ReportOptions, cancel: ShouldCancel
) -> ReportBook:
    flt = options.filter
    ids = [d.id for d in details] if flt.text.strip() else None  # the search is not in SQL
    groups = {by: grouped(db, by, flt, ids) for by in GroupBy}
    latest = latest_by_placement(db, flt, ids)
    recognised = recognition_by_placement(db, flt, ids)

    def details_sheets(wb: Any, step: Any) -> None:
        for by, (name, _title) in GROUP_SHEETS.items():
            write_table(wb, name, *group_table(by, groups[by]))
        write_table(wb, DETAIL_SHEET, *detail_table(details, latest, recognised), step)

    return ReportBook(
        title=TITLE,
        subject="Evaluation scores by host, mode, country and year; outcomes reached",
        counts=[("Placements in this report", len(details))],
        sheets=t(
            "{summary}: evaluations and average scores per party and stage. "
            "{groups}: the same per group. {detail}: one row per placement.",
            summary=t(SUMMARY_SHEET),
            groups=", ".join(t(name) for name, _ in GROUP_SHEETS.values()),
            detail=t(DETAIL_SHEET),
        ),
        notes=[
            (
                "Scores",
                t(
                    "0 to 100, from the latest evaluation of each placement by the student, "
                    "the host mentor and the academic tutor, mid-term and final."
                ),
            ),
            (
                "Outcomes",
                t(
                    "Each evaluation asks about every learning outcome the agreement planned; "
                    "an outcome answered 'mostly' or 'fully reached' counts as reached."
                ),
            ),
        ],
        summary=lambda wb: _summary(wb, details, groups[GroupBy.MODE], latest, recognised),
        details=details_sheets,
        steps=len(details),
        what="Writing evaluations",
        records=len(details),
    )


REPORT = workbook_report("evaluation", TITLE, _gather)
