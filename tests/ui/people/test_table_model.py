"""The list table model, without a view: columns, sorting, filtering, ids."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt

from vipdesk.services.people.lists import (
    ContactRow,
    InstitutionRow,
    OrganisationRow,
    StudentRow,
)
from vipdesk.ui.people.table_model import (
    CONTACT_COLUMNS,
    ID_ROLE,
    INSTITUTION_COLUMNS,
    ORGANISATION_COLUMNS,
    STUDENT_COLUMNS,
    ContactColumn,
    InstitutionColumn,
    OrganisationColumn,
    RecordTableModel,
    StudentColumn,
)

ROWS = [
    StudentRow(1, "Łukasz Żółć", "lz@uw.edu.pl", "S1", "Poland", "Uniwersytet Warszawski", 2),
    StudentRow(2, "Ελένη Παπαδοπούλου", "eleni@uoa.gr", "S2", "Greece", "University of Athens", 0),
    StudentRow(3, "Олена Коваленко", "olena@knu.ua", "", "Ukraine", "", 11),
    StudentRow(4, "李娜", "li.na@pku.cn", "S4", "China", "Peking University", 1),
    StudentRow(5, "anna nowak", "anna@uw.edu.pl", "S5", "Poland", "Uniwersytet Warszawski", 0),
]


@pytest.fixture
def model(qapp: Any) -> RecordTableModel:
    model = RecordTableModel(STUDENT_COLUMNS)
    model.set_rows(ROWS)
    return model


def shown_ids(model: RecordTableModel) -> list[int]:
    return [model.record_id(row) for row in range(model.rowCount())]


@pytest.mark.parametrize(
    ("columns", "constants", "row_type"),
    [
        (STUDENT_COLUMNS, StudentColumn, StudentRow),
        (ORGANISATION_COLUMNS, OrganisationColumn, OrganisationRow),
        (CONTACT_COLUMNS, ContactColumn, ContactRow),
        (INSTITUTION_COLUMNS, InstitutionColumn, InstitutionRow),
    ],
)
def test_column_specs_match_constants_and_rows(columns: Any, constants: Any, row_type: Any) -> None:
    assert len(columns) == len(constants)
    for constant in constants:
        assert constant.name.lower() in columns[constant].field
        assert columns[constant].field in row_type._fields


def test_shows_texts_headers_and_ids(model: RecordTableModel) -> None:
    assert (model.rowCount(), model.columnCount()) == (5, len(StudentColumn))
    assert model.rowCount(model.index(0, 0)) == 0  # a flat table: no children
    index = model.index(0, StudentColumn.NAME)
    assert model.data(index) == "Łukasz Żółć"
    assert model.data(index, ID_ROLE) == 1
    placements = model.index(0, StudentColumn.PLACEMENTS)
    assert model.data(placements) == "2"
    assert model.data(placements, Qt.ItemDataRole.TextAlignmentRole) & int(
        Qt.AlignmentFlag.AlignRight
    )
    assert model.headerData(StudentColumn.EMAIL, Qt.Orientation.Horizontal) == "E-mail"
    assert model.headerData(0, Qt.Orientation.Vertical) is None
    assert model.data(QModelIndex()) is None


def test_sorts_text_case_insensitively_and_numbers_as_numbers(model: RecordTableModel) -> None:
    model.sort(StudentColumn.PLACEMENTS, Qt.SortOrder.DescendingOrder)
    assert shown_ids(model)[:3] == [3, 1, 4]
    model.sort(StudentColumn.NAME, Qt.SortOrder.AscendingOrder)
    assert shown_ids(model)[0] == 5  # "anna nowak" first although lower-case
    model.sort(StudentColumn.NUMBER, Qt.SortOrder.AscendingOrder)
    assert shown_ids(model)[-1] == 3  # the empty student number last


def test_filter_matches_every_word_anywhere_in_any_case(model: RecordTableModel) -> None:
    model.filter("ŻÓŁĆ")
    assert shown_ids(model) == [1]
    model.filter("uw.edu poland")
    assert shown_ids(model) == [1, 5]
    model.filter("παπαδ")
    assert shown_ids(model) == [2]
    model.filter("李")
    assert shown_ids(model) == [4]
    model.filter("nobody")
    assert shown_ids(model) == []
    assert model.total_count() == 5
    model.filter("  ")
    assert model.rowCount() == 5


def test_filter_does_not_match_across_columns(model: RecordTableModel) -> None:
    model.filter("pl s1")  # two words may match two columns...
    assert shown_ids(model) == [1]
    model.filter("pls1")  # ...but one word never spans the end of one and start of another
    assert shown_ids(model) == []


def test_reload_keeps_sort_and_filter(model: RecordTableModel) -> None:
    model.sort(StudentColumn.PLACEMENTS, Qt.SortOrder.AscendingOrder)
    model.filter("poland")
    model.set_rows([*ROWS, StudentRow(6, "Piotr Zieliński", "pz@uw.edu.pl", "", "Poland", "", 1)])
    assert shown_ids(model) == [5, 6, 1]
    assert model.row_of(6) == 1
    assert model.row_of(2) is None
    assert model.record(0).name == "anna nowak"


def test_sort_keeps_persistent_indexes_on_their_records(model: RecordTableModel) -> None:
    persistent = QPersistentModelIndex(model.index(model.row_of(4) or 0, 1))
    model.sort(StudentColumn.EMAIL, Qt.SortOrder.DescendingOrder)
    assert model.data(model.index(persistent.row(), 0)) == "李娜"


def test_qt_model_tester(qtmodeltester: Any) -> None:
    model = RecordTableModel(STUDENT_COLUMNS)
    model.set_rows(ROWS)
    qtmodeltester.check(model)
    model.filter("poland")
    model.sort(StudentColumn.NAME, Qt.SortOrder.DescendingOrder)
    qtmodeltester.check(model)
