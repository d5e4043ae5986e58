"""The placements tab's filters: the host country combo beside mode and year."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from tests.helpers.catalogue import row
from vipdesk.models import Status
from vipdesk.services.placements.catalogue import PlacementCatalogue
from vipdesk.ui.placements.view import PlacementsView


def make_view(qtbot: QtBot) -> PlacementsView:
    view = PlacementsView()
    qtbot.addWidget(view)
    view.set_catalogue(
        PlacementCatalogue(
            [
                row(1, country="Germany", country_code="DE", status=Status.ONGOING),
                row(2, country="Ghana", country_code="GH"),
                row(3, country="Germany", country_code="DE"),
                row(4, country="Austria", country_code="AT"),
            ]
        )
    )
    return view


def items(view: PlacementsView) -> list[tuple[str, object]]:
    combo = view.country_filter
    return [(combo.itemText(i), combo.itemData(i)) for i in range(combo.count())]


def test_the_countries_present_filter_the_list(qtbot: QtBot) -> None:
    view = make_view(qtbot)
    assert items(view) == [
        ("All countries", "all"),
        ("Austria", "AT"),
        ("Germany", "DE"),
        ("Ghana", "GH"),
    ]
    view.country_filter.setCurrentIndex(view.country_filter.findData("DE"))
    assert view.model.current_filter.country == "DE"
    assert view.model.rowCount() == 2
    assert view.shown_label.text() == "2 shown"
    assert view.status_list.item(0).text() == "All placements  (2)"
    view.country_filter.setCurrentIndex(0)
    assert view.model.current_filter.country is None
    assert view.model.rowCount() == 4


def test_the_country_is_reached_with_the_keyboard(qtbot: QtBot) -> None:
    view = make_view(qtbot)
    view.show()
    view.activateWindow()
    qtbot.waitActive(view)
    view.year_filter.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is view.year_filter)
    qtbot.keyClick(view.year_filter, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is view.country_filter
    qtbot.keyClick(view.country_filter, Qt.Key.Key_Down)  # Austria
    assert view.model.current_filter.country == "AT"
    assert view.model.rowCount() == 1


def test_a_chosen_country_stays_while_present_and_goes_with_its_last_row(qtbot: QtBot) -> None:
    view = make_view(qtbot)
    view.country_filter.setCurrentIndex(view.country_filter.findData("AT"))
    view.model.refresh_row(row(5, country="France", country_code="FR"), 5)
    view.after_change()
    assert view.country_filter.currentData() == "AT"
    assert "FR" in [data for _text, data in items(view)]
    view.model.refresh_row(None, 4)  # the only Austrian placement is deleted
    view.after_change()
    assert view.country_filter.currentData() == "all"
    assert view.model.current_filter.country is None
    assert view.model.rowCount() == 4
