"""The spreadsheet world (`tests.helpers.sheet_world`) with costs, funding, readiness and tools,
so that every report kind has known figures to be checked against."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from pathlib import Path

from openpyxl import load_workbook
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet
from sqlalchemy import select

from tests.helpers.questionnaires import best_answers
from tests.helpers.sheet_world import add_parties, add_placements
from vipdesk.db import Database
from vipdesk.models import (
    AllocationRule,
    CostCategory,
    FundingKind,
    Placement,
    ProtocolActor,
    ReadinessParty,
    ToolTestResult,
)
from vipdesk.reports.kinds import ReportOptions, export_report
from vipdesk.services.funding.sources import CostForm, SourceForm, save_cost, save_source
from vipdesk.services.preparation.questionnaires import default_library
from vipdesk.services.preparation.readiness import complete_response, save_progress, start_response
from vipdesk.services.preparation.tools import ToolTestState, record_test, save_choices
from vipdesk.services.reports.filters import PlacementDetail

D = Decimal
# Planned starts: 2026-00001 (virtual, ongoing, DE), 2026-00002 (blended, signed, FR),
# 2027-00001 (physical, draft, AT), 2027-00002 (virtual, cancelled, DE), 2027-00003 (virtual,
# preparing, FR).


@dataclass
class ReportWorld:
    db: Database
    ids: dict[str, int]  # reference → id
    erasmus: int
    city: int


def make_report_world(db: Database) -> ReportWorld:
    add_placements(db, add_parties(db))
    with db.session() as s:
        ids = {ref: pid for ref, pid in s.execute(select(Placement.reference, Placement.id))}
    world = ReportWorld(db, ids, _source(db, "Erasmus+ KA131 2026", "EUR", "5000.00"), 0)
    world.city = _source(db, "=City of Leuven grant", "EUR", "1000.00", FundingKind.GOVERNMENT)
    _costs(world)
    _readiness(world)
    _tools(world)
    return world


def _source(
    db: Database,
    name: str,
    currency: str,
    awarded: str,
    kind: FundingKind = FundingKind.PROGRAMME,
) -> int:
    saved = save_source(
        db,
        SourceForm(
            name=name,
            kind=kind,
            currency=currency,
            amount_awarded=D(awarded),
            period_start=date(2026, 1, 1),
            period_end=date(2028, 12, 31),
            reference="KA131-HED-000042" if kind is FundingKind.PROGRAMME else "",
            budget={CostCategory.EQUIPMENT: D("1000.00"), CostCategory.TRAVEL: D("3000.00")},
        ),
        "tester",
    )
    assert saved.id is not None
    return saved.id


def _cost(db: Database, **changes: object) -> None:
    form = CostForm(
        category=CostCategory.EQUIPMENT,
        description="Laptop",
        amount=D("900.00"),
        currency="EUR",
        spent_on=date(2026, 3, 2),
    )
    for name, value in changes.items():
        setattr(form, name, value)
    save_cost(db, form, "tester")


def _costs(w: ReportWorld) -> None:
    """2026-00001: 900 direct (Erasmus); 2026-00002: 1,200 travel (Erasmus) and 300 (city);
    2027: 300 shared equally among the participants of 2027 (the cancelled one is not)."""
    _cost(w.db, placement_id=w.ids["VIP-2026-00001"], source_id=w.erasmus)
    _cost(
        w.db,
        placement_id=w.ids["VIP-2026-00002"],
        category=CostCategory.TRAVEL,
        description="=Train to Paris",
        amount=D("1200.00"),
        source_id=w.erasmus,
    )
    _cost(
        w.db,
        placement_id=w.ids["VIP-2026-00002"],
        category=CostCategory.TRAINING,
        description="French course",
        amount=D("300.00"),
        source_id=w.city,
    )
    _cost(
        w.db,
        category=CostCategory.SOFTWARE,
        description="Licences 2027",
        amount=D("300.00"),
        spent_on=date(2027, 1, 10),
        share_year=2027,
        rule=AllocationRule.EQUALLY,
    )


def _assess(db: Database, placement_id: int, party: ReadinessParty, **answers: str) -> None:
    """Complete a questionnaire with the best answers but those given (a risky respondent
    name when some are given)."""
    state = start_response(db, placement_id, party, "=Respondent" if answers else "Anna Berg")
    best = best_answers(default_library().for_party(party))
    complete_response(db, state.id, state.version, {**best, **answers})


def _readiness(w: ReportWorld) -> None:
    """2026-00001: all three ready. 2026-00002: student blocked (no reliable internet), host
    ready, institution in progress. Every other placement: not assessed."""
    first, second = w.ids["VIP-2026-00001"], w.ids["VIP-2026-00002"]
    for party in ReadinessParty:
        _assess(w.db, first, party)
    _assess(w.db, second, ReadinessParty.STUDENT, reliable_internet="no")
    _assess(w.db, second, ReadinessParty.COMPANY)
    started = start_response(w.db, second, ReadinessParty.INSTITUTION, "Maria Gruber")
    save_progress(w.db, started.id, started.version, {"outcomes_defined": "yes"})


def _tools(w: ReportWorld) -> None:
    """2026-00001: Teams (meetings, social) and e-mail (reporting), every test passed but one
    failed with a reason. 2026-00002: Zoom, tested with the student only."""
    first, second = w.ids["VIP-2026-00001"], w.ids["VIP-2026-00002"]
    save_choices(w.db, first, {"meetings": "teams", "social": "teams", "reporting": "email"})
    for key in ("teams", "email"):
        for actor in ProtocolActor:
            failed = key == "email" and actor is ProtocolActor.TUTOR
            record_test(
                w.db,
                first,
                ToolTestState(
                    key,
                    actor,
                    ToolTestResult.FAILED if failed else ToolTestResult.PASSED,
                    date(2026, 1, 20 + (actor is ProtocolActor.TUTOR)),
                    "=SUM(A1) blocked by the university" if failed else "",
                ),
            )
    save_choices(w.db, second, {"meetings": "zoom"})
    record_test(
        w.db,
        second,
        ToolTestState("zoom", ProtocolActor.STUDENT, ToolTestResult.PASSED, date(2026, 8, 3)),
    )


# --- reading a report back -------------------------------------------------------------------


def export(db: Database, kind: str, path: Path, **options: object) -> Path:
    export_report(db, kind, path, ReportOptions(**options))  # type: ignore[arg-type]
    return path


def filters(path: Path) -> dict[object, object]:
    """The Filters sheet as label → value."""
    ws = load_workbook(path)["Filters"]
    return {row[0]: row[1] for row in ws.iter_rows(values_only=True) if row and row[0]}


def table(path: Path, sheet: str) -> list[dict[object, object]]:
    """A detail sheet as one dict per row, keyed by the header."""
    rows = list(load_workbook(path)[sheet].iter_rows(values_only=True))
    return [dict(zip(rows[0], row, strict=True)) for row in rows[1:]]


def block(path: Path, header: str) -> dict[object, tuple[object, ...]]:
    """A table of the Summary sheet, found by the title of its first column: label → values."""
    rows = list(load_workbook(path)["Summary"].iter_rows(values_only=True))
    start = next(i for i, row in enumerate(rows) if row[0] == header)
    out: dict[object, tuple[object, ...]] = {}
    for row in rows[start + 1 :]:
        if row[0] is None:
            break
        out[row[0]] = tuple(v for v in row[1:] if v is not None)
    return out


def check_detail_sheet(path: Path, sheet: str) -> Worksheet:
    """What every detail sheet has: frozen header, autofilter over it all, fitted widths, and
    printed landscape on A4 one page wide with the header row on every page (issue 16)."""
    ws = load_workbook(path)[sheet]
    setup = ws.page_setup
    assert (setup.orientation, setup.paperSize) == ("landscape", 9)  # 9: A4
    assert (setup.fitToWidth, setup.fitToHeight) == (1, 0)
    assert ws.sheet_properties.pageSetUpPr.fitToPage
    assert ws.print_title_rows == "$1:$1"
    assert ws.freeze_panes == "A2"
    assert ws.auto_filter.ref == f"A1:{get_column_letter(ws.max_column)}{ws.max_row}"
    for column in range(1, ws.max_column + 1):
        letter = get_column_letter(column)
        width = ws.column_dimensions[letter].width
        title = str(ws.cell(1, column).value)
        assert width >= len(title), (letter, title, width)
        texts = [c.value for c in ws[letter][1:] if isinstance(c.value, str)]
        assert width >= min(max(map(len, texts), default=0), 60), (letter, width)
    return ws


def check_workbook(path: Path, title: str, sheets: list[str]) -> None:
    wb = load_workbook(path)
    assert wb.sheetnames == sheets
    assert wb.properties.title == title
    assert wb.properties.creator == "vipdesk"
    assert len(wb["Summary"]._charts) >= 1
    for ws in wb:  # nothing anywhere is a formula, no number shows as ###
        assert all(c.data_type != "f" for row in ws.iter_rows() for c in row)
        assert numbers_too_wide(ws) == []


def numbers_too_wide(ws: Worksheet) -> list[tuple[str, str, float]]:
    """Cells whose number, as its format shows it, is wider than the column: Excel shows ###."""
    out = []
    for row in ws.iter_rows():
        for cell in row:
            value = cell.value
            if isinstance(value, bool) or not isinstance(value, int | float | Decimal):
                continue
            fmt = str(cell.number_format)
            if "%" in fmt:
                shown = f"{float(value) * 100:,.0f}%"
            elif "0.00" in fmt:
                code = fmt.split('"')[1] if '"' in fmt else ""
                shown = f"{float(value):,.2f} {code}".strip()
            else:
                shown = f"{float(value):,.0f}"
            width = ws.column_dimensions[cell.column_letter].width or 8.43
            if len(shown) + 1 > width:
                out.append((cell.coordinate, shown, width))
    return out


def add_large_cost(w: ReportWorld) -> None:
    """A cost in the tens of millions: totals wider than the columns' usual widths."""
    _cost(
        w.db,
        placement_id=w.ids["VIP-2026-00001"],
        category=CostCategory.TRAVEL,
        description="Charter flights",
        amount=D("12345678.90"),
        source_id=w.erasmus,
    )


def only(details: list[PlacementDetail], *ids: int) -> list[PlacementDetail]:
    """The placements of `details` whose ids are given, in their order."""
    return [d for d in details if d.id in ids]
