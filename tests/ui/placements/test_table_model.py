"""The placements grid model on its own, and checked by Qt's model tester."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from pytestqt.modeltest import ModelTester

from tests.helpers.catalogue import row
from vipdesk.models import Status
from vipdesk.services.placements.catalogue import Column, Filter, PlacementCatalogue
from vipdesk.ui.placements.table_model import PLACEMENT_ID_ROLE, PlacementTableModel


def make_model() -> PlacementTableModel:
    return PlacementTableModel(
        PlacementCatalogue(
            [
                row(1, student="Łukasz Żółć", status=Status.ONGOING, mentor="Jürgen Weiß"),
                row(2, student="李娜", start=date(2027, 1, 4)),
                row(3, student="Олена Коваленко", status=Status.CANCELLED),
            ]
        )
    )


def test_model_passes_qt_model_tester(qtmodeltester: ModelTester) -> None:
    qtmodeltester.check(make_model())


def test_cells_show_text_and_ids() -> None:
    model = make_model()
    assert model.rowCount() == 3
    assert model.columnCount() == 10  # with the next step
    assert model.headerData(Column.STUDENT, Qt.Orientation.Horizontal) == "Student"
    first = model.index(0, Column.STUDENT)
    assert model.data(first) == "Łukasz Żółć"
    assert model.data(model.index(0, Column.STATUS)) == "Ongoing"
    assert model.data(model.index(0, Column.MENTOR)) == "Jürgen Weiß"
    assert model.data(model.index(1, Column.START)) == "2027-01-04"
    assert model.data(first, PLACEMENT_ID_ROLE) == 1


def test_sort_and_filter_go_through_the_catalogue() -> None:
    model = make_model()
    model.sort(Column.START, Qt.SortOrder.DescendingOrder)
    assert model.placement_id(0) == 2
    model.set_filter(Filter(text="kovalenko олена"))
    assert model.rowCount() == 0  # transliterations are not matched; words must all appear
    model.set_filter(Filter(text="олена"))
    assert [model.placement_id(r) for r in range(model.rowCount())] == [3]
    assert model.status_counts == {Status.CANCELLED: 1}


def test_refresh_row_updates_adds_and_removes() -> None:
    model = make_model()
    model.refresh_row(row(2, student="Li Na"), 2)
    model.refresh_row(row(4, student="Zoë"), 4)
    model.refresh_row(None, 1)
    names = [model.data(model.index(r, Column.STUDENT)) for r in range(model.rowCount())]
    assert names == ["Li Na", "Олена Коваленко", "Zoë"]
    assert model.row_of(1) is None
    assert model.row_of(4) == 2
