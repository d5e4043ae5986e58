"""The work-list grid on its own: headings per urgency, items under them, Qt's model tester."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from pytestqt.modeltest import ModelTester

from tests.helpers.worklist import make_work_list, work_item
from vipdesk.ui.today.table_model import (
    PLACEMENT_ID_ROLE,
    WORK_ITEM_ROLE,
    Column,
    WorkTableModel,
)


def make_model() -> WorkTableModel:
    model = WorkTableModel()
    model.set_work_list(
        make_work_list(
            work_item(1, date(2027, 1, 10)),  # overdue
            work_item(2, date(2027, 1, 12)),  # overdue
            work_item(3, date(2027, 2, 15), "start_blocked"),  # later
        )
    )
    return model


def test_model_passes_qt_model_tester(qtmodeltester: ModelTester) -> None:
    qtmodeltester.check(make_model())
    qtmodeltester.check(WorkTableModel())  # before any list


def test_a_heading_per_urgency_then_its_items() -> None:
    model = make_model()
    assert model.rowCount() == 5
    assert model.heading_rows() == [0, 3]
    assert model.data(model.index(0, 0)) == "Overdue (2)"
    assert model.data(model.index(3, 0)) == "Later (1)"
    assert model.flags(model.index(0, 0)) == Qt.ItemFlag.NoItemFlags  # the keyboard skips it
    assert model.item(0) is None
    assert model.data(model.index(0, 0), WORK_ITEM_ROLE) is None


def test_item_rows_say_what_for_whom_and_when() -> None:
    model = make_model()
    assert model.data(model.index(1, Column.WHEN)) == "10 days overdue"
    assert model.data(model.index(1, Column.WHAT)) == "Agreement waiting for signatures"
    assert model.data(model.index(1, Column.PLACEMENT)) == "VIP-2027-00001"
    assert model.data(model.index(1, Column.STUDENT)) == "Łukasz Żółć"
    assert model.data(model.index(1, Column.HOST)) == "Acme Analytics GmbH"
    assert model.data(model.index(1, Column.ACTION)) == "Remind who has not signed"
    assert model.data(model.index(1, Column.SINCE)) == "04 Jan 2027"
    assert model.data(model.index(4, Column.WHEN)) == "Due in 26 days"
    tip = model.data(model.index(1, Column.DETAILS), Qt.ItemDataRole.ToolTipRole)
    assert tip.endswith("What to do: Remind who has not signed.")
    assert model.data(model.index(2, 0), PLACEMENT_ID_ROLE) == 2
    assert model.row_of(3, "start_blocked") == 4
    assert model.row_of(3, "agreement_unsigned") is None
