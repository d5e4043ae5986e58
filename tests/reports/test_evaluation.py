"""The evaluation report, read back: scores by host, mode, country and year, outcomes reached,
only the latest evaluation of each party and stage counted."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import select

from tests.helpers.questionnaires import best_answers, required_texts, worst_answers
from tests.helpers.report_world import (
    block,
    check_detail_sheet,
    check_workbook,
    export,
    filters,
    make_report_world,
    table,
)
from vipdesk.db import Database
from vipdesk.models import EvaluationStage, Mode, Placement, ReadinessParty
from vipdesk.services.evaluations.questionnaires import Kind, questionnaire_for
from vipdesk.services.evaluations.records import record_evaluation
from vipdesk.services.monitoring.recognition import load_recognition, save_recognition
from vipdesk.services.placements.records import load_placement
from vipdesk.services.reports.filters import ReportFilter

SHEETS = ["Filters", "Summary", "By host", "By mode", "By country", "By year", "Evaluations"]
HOST, STUDENT = ReadinessParty.COMPANY, ReadinessParty.STUDENT
FINAL, MIDTERM = EvaluationStage.FINAL, EvaluationStage.MIDTERM


def evaluate(
    db: Database, placement_id: int, stage: EvaluationStage, party: ReadinessParty,
    outcomes: tuple[str, ...], *, best: bool = True, **answers: int,
) -> int | None:  # fmt: skip
    questionnaire = questionnaire_for(Kind(stage.value), party, outcomes)
    chosen = best_answers(questionnaire) if best else worst_answers(questionnaire)
    chosen |= required_texts(questionnaire, "Thorough and reliable.") | answers
    view = record_evaluation(db, placement_id, stage, party, "Anna Berg", chosen,
                             outcomes=outcomes)  # fmt: skip
    return view.score


@dataclass
class Evaluated:
    db: Database
    first_final: int | None
    first_midterm: int | None


@pytest.fixture
def world(any_db: Database) -> Evaluated:
    """2026-00001 (virtual, DE): final by the host, two outcomes of which one reached, and a
    mid-term by the student at 0. 2026-00002 (blended, FR): a final by the host at 0, then
    one at 100 that supersedes it, its one outcome reached."""
    ids = make_report_world(any_db).ids
    first, second = ids["VIP-2026-00001"], ids["VIP-2026-00002"]
    evaluated = Evaluated(
        any_db,
        evaluate(any_db, first, FINAL, HOST, ("Analyse", "Présenter"), outcome_2=2),
        evaluate(any_db, first, MIDTERM, STUDENT, ("Analyse",), best=False),
    )
    evaluate(any_db, second, FINAL, HOST, ("数据分析",), best=False)
    evaluate(any_db, second, FINAL, HOST, ("数据分析",))
    return evaluated


def test_sheets_title_and_a_chart(world: Evaluated, tmp_path: Path) -> None:
    path = export(world.db, "evaluation", tmp_path / "e.xlsx")
    check_workbook(path, "Evaluations of placements", SHEETS)
    check_detail_sheet(path, "Evaluations")


def test_scores_and_outcomes_by_mode_host_country_and_year(
    world: Evaluated, tmp_path: Path
) -> None:
    final = world.first_final
    assert final is not None and 0 < final < 100 and world.first_midterm == 0
    path = export(world.db, "evaluation", tmp_path / "e.xlsx")
    by_mode = {r["Mode"]: r for r in table(path, "By mode")}
    assert set(by_mode) == {Mode.VIRTUAL.label, Mode.BLENDED.label}
    virtual, blended = by_mode[Mode.VIRTUAL.label], by_mode[Mode.BLENDED.label]
    assert virtual["Evaluations"] == 2 and blended["Evaluations"] == 1  # the first superseded
    assert virtual["Score: Final · host mentor"] == final
    assert virtual["Score: Mid-term · student"] == 0
    assert blended["Score: Final · host mentor"] == 100
    assert virtual["Score: Final · student"] is None
    assert (virtual["Outcomes asked (final)"], virtual["Outcomes reached (final)"]) == (2, 1)
    assert virtual["Share reached (final)"] == 0.5
    assert (blended["Outcomes asked (final)"], blended["Outcomes reached (final)"]) == (1, 1)
    countries = {r["Country"] for r in table(path, "By country")}
    assert countries == {"Germany (DE)", "France (FR)"}
    assert [r["Year of start"] for r in table(path, "By year")] == [2026]
    assert len(table(path, "By host")) == 2

    summary = block(path, "Evaluation")
    assert summary["Final · host mentor"][:4] == (
        2, round((final + 100) / 2, 1), 3, 2)  # fmt: skip
    assert summary["Mid-term · student"][:2] == (1, 0)
    assert summary["Final · academic tutor"] == (0, 0, 0)  # no score, no share: empty cells


def test_one_row_per_placement_with_each_latest_score(world: Evaluated, tmp_path: Path) -> None:
    path = export(world.db, "evaluation", tmp_path / "e.xlsx")
    rows = {r["Reference"]: r for r in table(path, "Evaluations")}
    assert len(rows) == 5
    first, second = rows["VIP-2026-00001"], rows["VIP-2026-00002"]
    assert first["Score: Final · host mentor"] == world.first_final
    assert (first["Outcomes planned"], first["Reached: host mentor"]) == (2, 1)
    assert first["Reached: student"] is None
    assert (second["Score: Final · host mentor"], second["Reached: host mentor"]) == (100, 1)
    assert rows["VIP-2027-00001"]["Score: Mid-term · student"] is None


def test_the_filters_choose_the_placements_counted(world: Evaluated, tmp_path: Path) -> None:
    path = export(world.db, "evaluation", tmp_path / "e.xlsx",
                  filter=ReportFilter(country="FR"))  # fmt: skip
    assert filters(path)["Host country"] == "France (FR)"
    assert [r["Mode"] for r in table(path, "By mode")] == [Mode.BLENDED.label]
    path = export(world.db, "evaluation", tmp_path / "t.xlsx",
                  filter=ReportFilter(text="VIP-2026-00001"))  # fmt: skip
    assert [r["Evaluations"] for r in table(path, "By mode")] == [2]
    assert [r["Reference"] for r in table(path, "Evaluations")] == ["VIP-2026-00001"]


def test_recognised_credits_are_set_against_the_planned_ones(
    world: Evaluated, tmp_path: Path
) -> None:
    with world.db.session() as session:
        first_id = session.scalar(
            select(Placement.id).where(Placement.reference == "VIP-2026-00001")
        )
    assert first_id is not None
    first = load_placement(world.db, first_id)
    assert first.id is not None and first.planned_end is not None
    with world.db.session() as session:
        session.get(Placement, first.id).ects_credits = Decimal("10")  # type: ignore[union-attr]
    transcript = first.planned_end + timedelta(days=30)
    form = load_recognition(world.db, first.id)
    form = replace(form, credits_awarded=Decimal("8"), grading_scale="ects", grade="B",
                   transcript_on=transcript)  # fmt: skip
    save_recognition(world.db, form, today=transcript + timedelta(days=1))
    path = export(world.db, "evaluation", tmp_path / "e.xlsx")
    rows = {r["Reference"]: r for r in table(path, "Evaluations")}
    row = rows["VIP-2026-00001"]
    assert (row["Credits planned"], row["Credits recognised"]) == (10, 8)
    assert row["Days from end to recognition"] == 30
    assert rows["VIP-2026-00002"]["Credits recognised"] is None
    figures = block(path, "Key figure")
    assert figures["Recognised"] == (1,)
    assert figures["Credits planned (recognised placements)"] == (10,)
    assert figures["Credits recognised"] == (8,)
    assert figures["Average days from end to recognition"] == (30,)
