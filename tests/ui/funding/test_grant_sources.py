"""One grant, three places: `vipdesk grant`, the Costs tab and the costs report show the same
lines and cite the same Programme Guide sources."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from tests.helpers.factories import make_placement, make_world
from tests.helpers.report_world import export, filters
from vipdesk.cli import main
from vipdesk.db import Database
from vipdesk.models import Mode, PeriodKind
from vipdesk.services.placements.records import PeriodForm
from vipdesk.ui.funding.costs_panel import CostsPanel


def test_the_command_the_costs_tab_and_the_report_agree(
    qtbot: QtBot, db: Database, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # A blended placement in Germany (VIP-2026-00050 of the demo is one like it): 20 physical
    # days for a participant with fewer opportunities, the first of the year, green travel.
    placement = make_placement(
        db,
        make_world(db),
        mode=Mode.BLENDED,
        planned_start=date(2026, 3, 2),
        planned_end=date(2026, 4, 15),
        periods=[
            PeriodForm(PeriodKind.VIRTUAL, date(2026, 3, 2), date(2026, 3, 26)),
            PeriodForm(PeriodKind.PHYSICAL, date(2026, 3, 27), date(2026, 4, 15)),
        ],
    )
    args = ["grant", "--country", "DE", "--start", "2026-03-02", "--end", "2026-04-15"]
    args += ["--mode", "blended", "--physical-days", "20", "--fewer-opportunities"]
    args += ["--green-travel", "--travel-days", "2", "--distance-km", "650"]
    assert main([*args, "--participant", "1", "--json"]) == 0
    printed = json.loads(capsys.readouterr().out)["lines"]

    panel = CostsPanel(db)
    qtbot.addWidget(panel)
    panel.show()
    panel.grant.fewer.setChecked(True)
    panel.grant.green.setChecked(True)
    panel.grant.travel_days.setValue(2)
    panel.grant.distance.setValue(650)
    panel.show_placement(placement.id)
    model = panel.grant.model
    shown = [
        # The tab writes thousands with a comma, the JSON for scripts without.
        [model.index(r, c).data() for c in range(model.columnCount() - 1)]
        + [model.index(r, model.columnCount() - 1).data().replace(",", "")]
        for r in range(model.rowCount())
    ]
    tooltips = [model.index(r, 0).data(Qt.ItemDataRole.ToolTipRole) for r in range(len(shown))]
    assert shown == [
        [x["label"], f"{x['quantity']} {x['unit']}", x["rate"], x["amount"]] for x in printed
    ]
    assert tooltips == [f"Source: {x['source']}" for x in printed]
    assert len(printed) == 6 and len({x["source"] for x in printed}) == 5

    notes = filters(export(db, "costs", tmp_path / "costs.xlsx"))
    for line in printed:
        assert f"Source: {line['source']}." in notes.values(), line["label"]
