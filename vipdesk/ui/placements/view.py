"""The placements tab: status list with counts, search and filters, the grid, an empty state."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QLocale, QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from vipdesk.models import Mode, Status
from vipdesk.services.placements.attention import NextSteps
from vipdesk.services.placements.catalogue import Column, PlacementCatalogue
from vipdesk.ui.i18n import tr, with_counts
from vipdesk.ui.labels import shown
from vipdesk.ui.placements.table_model import PlacementTableModel
from vipdesk.ui.tables import ChipDelegate, ProportionalColumns
from vipdesk.ui.widgets import name_for_screen_readers

_ALL = "all"


class EmptyState(QWidget):
    """What a first start shows instead of an empty grid: what to do next."""

    new_requested = Signal()
    demo_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        title = QLabel(tr("<h2>No placements yet</h2>"))
        text = QLabel(
            tr(
                "Start by recording a placement: the student, the host organisation, the dates and "
                "the mode (virtual, blended or physical).<br>"
                "Or open the demo database to look around "
                "with sample records first."
            )
        )
        text.setWordWrap(True)
        # A fixed width: a wrapping label centred in a layout otherwise shrinks to a sliver.
        text.setFixedWidth(520)
        text.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        self.new_button = QPushButton(tr("New placement (Ctrl+N)"))
        self.new_button.setDefault(True)
        self.demo_button = QPushButton(tr("Open the demo database"))
        self.new_button.clicked.connect(self.new_requested)
        self.demo_button.clicked.connect(self.demo_requested)
        buttons = QHBoxLayout()
        buttons.addStretch()
        buttons.addWidget(self.new_button)
        buttons.addWidget(self.demo_button)
        buttons.addStretch()
        layout = QVBoxLayout(self)
        layout.addStretch()
        layout.addWidget(title, 0, Qt.AlignmentFlag.AlignHCenter)
        row = QHBoxLayout()  # not an alignment flag: that would ignore the wrapped height
        row.addStretch()
        row.addWidget(text)
        row.addStretch()
        layout.addLayout(row)
        layout.addLayout(buttons)
        layout.addStretch()


class PlacementsView(QWidget):
    """Finding placements: everything here filters prepared rows in memory."""

    open_requested = Signal(int)
    new_requested = Signal()
    delete_requested = Signal(int)
    demo_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = PlacementTableModel()

        self.search_box = QLineEdit()
        self.search_box.setAccessibleName(tr("Search placements"))
        self.search_box.setPlaceholderText(
            tr("Search reference, student, organisation, title or country  (Ctrl+F)")
        )
        self.search_box.setClearButtonEnabled(True)
        # Filter on every keystroke, but let fast typing finish first.
        self._search_timer = QTimer(self, singleShot=True, interval=60)
        self._search_timer.timeout.connect(self._apply_search)
        self.search_box.textChanged.connect(lambda _t: self._search_timer.start())
        self._prepare_search_timer = QTimer(self, singleShot=True, interval=0)
        self._prepare_search_timer.timeout.connect(self._prepare_search_step)

        self.mode_filter = QComboBox()
        self.mode_filter.addItem(tr("All modes"), _ALL)
        for mode in Mode:
            self.mode_filter.addItem(shown(mode.label), mode.value)
        self.mode_filter.currentIndexChanged.connect(self._on_mode_changed)
        self.year_filter = QComboBox()
        self.year_filter.addItem(tr("All years"), _ALL)
        self.year_filter.currentIndexChanged.connect(self._on_year_changed)
        self.country_filter = QComboBox()
        self.country_filter.addItem(tr("All countries"), _ALL)
        self.country_filter.setAccessibleName(tr("Host country"))
        self.country_filter.setToolTip(tr("Show the placements hosted in one country"))
        self.country_filter.currentIndexChanged.connect(self._on_country_changed)
        self.attention_filter = QCheckBox(tr("Needs attention"))
        self.attention_filter.setToolTip(
            tr("Show only placements with something due on the work list (the Today tab)")
        )
        self.attention_filter.toggled.connect(self._on_attention_toggled)
        self.shown_label = QLabel()

        bar = QHBoxLayout()
        bar.addWidget(self.search_box, 1)
        bar.addWidget(self.mode_filter)
        bar.addWidget(self.year_filter)
        bar.addWidget(self.country_filter)
        bar.addWidget(self.attention_filter)
        bar.addWidget(self.shown_label)

        self.status_list = QListWidget()
        name_for_screen_readers(
            self.status_list, tr("Status"), tr("Show the placements of one status")
        )
        self.status_list.setMinimumWidth(150)
        self.status_list.currentRowChanged.connect(self._on_status_changed)
        self._status_keys: list[Status | None] = [None, *Status]
        for _ in self._status_keys:
            self.status_list.addItem(QListWidgetItem())

        self.table = QTableView()
        name_for_screen_readers(
            self.table, tr("Placements"), tr("One placement per row; Enter opens it")
        )
        self.table.setModel(self.model)
        self.table.setSortingEnabled(True)
        # What needs attention first, most urgent first; then what starts soonest.
        self.table.sortByColumn(Column.NEXT_STEP, Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(24)
        # Fixed row heights: the view never asks 100,000 rows for their size.
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        header = self.table.horizontalHeader()
        # Codes and dates whole; the rest shares the width (the next step the widest part),
        # until the user drags a column.
        samples: dict[int, str] = {
            Column.REFERENCE: tr("VIP-2026-00000"),
            Column.MODE: tr("Blended"),
            Column.STATUS: f"{shown(Status.AGREEMENT_SENT.label)}    ",  # the chip's margins
            Column.START: "2026-12-31",
            Column.END: "2026-12-31",
        }
        shares: dict[int, int] = {
            Column.STUDENT: 19,
            Column.HOST: 22,
            Column.COUNTRY: 11,
            Column.MENTOR: 15,
            Column.NEXT_STEP: 33,
        }
        self.columns = ProportionalColumns(self.table, shares, samples)
        self.table.setItemDelegateForColumn(Column.STATUS, ChipDelegate(self.table))
        self.table.setWordWrap(False)  # a long name is cut at the width, not at a word
        header.moveSection(Column.NEXT_STEP, Column.START)  # shown after the status
        self.table.doubleClicked.connect(self._on_double_clicked)
        for key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            QShortcut(
                QKeySequence(key),
                self.table,
                self._open_current,
                context=Qt.ShortcutContext.WidgetShortcut,
            )
        QShortcut(
            QKeySequence(QKeySequence.StandardKey.Delete),
            self.table,
            self._delete_current,
            context=Qt.ShortcutContext.WidgetShortcut,
        )
        self.table.setFocusPolicy(Qt.FocusPolicy.StrongFocus)

        self.splitter = QSplitter()
        self.splitter.addWidget(self.status_list)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addLayout(bar)
        right_layout.addWidget(self.table)
        self.splitter.addWidget(right)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([180, 1100])

        self.empty_state = EmptyState()
        self.empty_state.new_requested.connect(self.new_requested)
        self.empty_state.demo_requested.connect(self.demo_requested)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.splitter)
        self.stack.addWidget(self.empty_state)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.stack)
        self.status_list.setCurrentRow(0)
        self._update_labels()
        # Tab goes search, mode, year, country, then the grid (once all share one window).
        QWidget.setTabOrder(self.search_box, self.mode_filter)
        QWidget.setTabOrder(self.mode_filter, self.year_filter)
        QWidget.setTabOrder(self.year_filter, self.country_filter)
        QWidget.setTabOrder(self.country_filter, self.attention_filter)
        QWidget.setTabOrder(self.attention_filter, self.table)

    # --- data ------------------------------------------------------------------------------

    def set_catalogue(self, catalogue: PlacementCatalogue) -> None:
        self.model.set_catalogue(catalogue)
        self._refresh_years()
        self._refresh_countries()
        self._update_labels()
        self._prepare_search_timer.start()

    def set_next_steps(self, steps: NextSteps) -> None:
        self.model.set_next_steps(steps)
        self._update_labels()

    def _prepare_search_step(self) -> None:
        """Fold the search text a slice at a time while the user looks at the list."""
        if not self.model.catalogue.prepare_search(rows=10_000):
            self._prepare_search_timer.start()

    def after_change(self) -> None:
        """Call when the model's rows changed (a save or delete)."""
        self._refresh_years()
        self._refresh_countries()
        self._update_labels()

    def _refresh_years(self) -> None:
        current = self.year_filter.currentData()
        self.year_filter.blockSignals(True)
        self.year_filter.clear()
        self.year_filter.addItem(tr("All years"), _ALL)
        for year in self.model.catalogue.years():
            self.year_filter.addItem(str(year), year)
        index = self.year_filter.findData(current)
        self.year_filter.setCurrentIndex(max(index, 0))
        self.year_filter.blockSignals(False)

    def _refresh_countries(self) -> None:
        """The hosts' countries present, by name; the chosen one stays chosen while present."""
        current = self.country_filter.currentData()
        self.country_filter.blockSignals(True)
        self.country_filter.clear()
        self.country_filter.addItem(tr("All countries"), _ALL)
        for code, name in self.model.catalogue.countries():
            self.country_filter.addItem(name, code)
        index = max(self.country_filter.findData(current), 0)
        self.country_filter.setCurrentIndex(index)
        self.country_filter.blockSignals(False)
        if index == 0 and self.model.current_filter.country is not None:
            self._on_country_changed(0)  # its last placement went: show every country again

    def _update_labels(self) -> None:
        counts = self.model.status_counts
        total = sum(counts.values())
        for row, key in enumerate(self._status_keys):
            item = self.status_list.item(row)
            label = tr("All placements") if key is None else shown(key.label)
            item.setText(
                f"{label}  ({QLocale().toString(total if key is None else counts.get(key, 0))})"
            )
        self.shown_label.setText(tr("%Ln shown", "", self.model.rowCount()))
        waiting = len(self.model.catalogue.next_steps.items)
        self.attention_filter.setText(
            with_counts(tr("Needs attention ({waiting:,})"), waiting=waiting)
        )
        self.stack.setCurrentWidget(
            self.empty_state if len(self.model.catalogue) == 0 else self.splitter
        )

    # --- filters ---------------------------------------------------------------------------

    def _apply_search(self) -> None:
        self.model.set_filter(replace(self.model.current_filter, text=self.search_box.text()))
        self._update_labels()

    def _on_mode_changed(self, _index: int) -> None:
        value = self.mode_filter.currentData()
        self.model.set_filter(
            replace(self.model.current_filter, mode=None if value == _ALL else Mode(value))
        )
        self._update_labels()

    def _on_year_changed(self, _index: int) -> None:
        value = self.year_filter.currentData()
        self.model.set_filter(
            replace(self.model.current_filter, year=None if value in (_ALL, None) else int(value))
        )
        self._update_labels()

    def _on_country_changed(self, _index: int) -> None:
        value = self.country_filter.currentData()
        self.model.set_filter(
            replace(self.model.current_filter, country=None if value in (_ALL, None) else value)
        )
        self._update_labels()

    def _on_attention_toggled(self, checked: bool) -> None:
        self.model.set_filter(replace(self.model.current_filter, attention=checked))
        self._update_labels()

    def _on_status_changed(self, row: int) -> None:
        status = self._status_keys[row] if 0 <= row < len(self._status_keys) else None
        self.model.set_filter(replace(self.model.current_filter, status=status))
        self._update_labels()

    def focus_search(self) -> None:
        self.search_box.setFocus()
        self.search_box.selectAll()

    # --- opening and deleting --------------------------------------------------------------

    def current_placement_id(self) -> int | None:
        index = self.table.currentIndex()
        return self.model.placement_id(index.row()) if index.isValid() else None

    def select_placement(self, placement_id: int) -> None:
        row = self.model.row_of(placement_id)
        if row is not None:
            self.table.selectRow(row)
            self.table.scrollTo(self.model.index(row, 0))

    def _on_double_clicked(self, index: QModelIndex) -> None:
        placement_id = self.model.placement_id(index.row())
        if placement_id is not None:
            self.open_requested.emit(placement_id)

    def _open_current(self) -> None:
        placement_id = self.current_placement_id()
        if placement_id is not None:
            self.open_requested.emit(placement_id)

    def _delete_current(self) -> None:
        placement_id = self.current_placement_id()
        if placement_id is not None:
            self.delete_requested.emit(placement_id)
