"""File → Import students / organisations / placements: choose a file, see the preview (the
first rows as understood, how many are new, already there or wrong, and every problem), then
import — all rows or none. Reading, checking and importing run off the UI thread."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, QThreadPool, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from vipdesk.db import Database
from vipdesk.errors import VipdeskError
from vipdesk.reports.import_template import save_import_template
from vipdesk.services.importing.columns import DateOrder
from vipdesk.services.importing.date_order import load_date_order, save_date_order
from vipdesk.services.importing.plan import (
    ImportPlan,
    ImportResult,
    RowState,
    plan_import,
    run_import,
)
from vipdesk.services.jobs import Progress, ShouldCancel
from vipdesk.ui import theme
from vipdesk.ui.i18n import tr, with_counts
from vipdesk.ui.jobs import JobDialog
from vipdesk.ui.labels import shown
from vipdesk.ui.phrases import error_text, part_text, problem_text
from vipdesk.ui.spreadsheets.export_dialog import default_folder
from vipdesk.ui.spreadsheets.import_table_model import TextTableModel
from vipdesk.ui.spreadsheets.kind_texts import kind_texts, plan_summary
from vipdesk.ui.tables import elide_headings
from vipdesk.ui.widgets import name_for_screen_readers

PREVIEW_ROWS = 20
_STATE_COLOURS = {RowState.NEW: None, RowState.EXISTS: "muted", RowState.INVALID: "error"}
_FILES = tr("Spreadsheets (*.xlsx *.csv *.txt);;All files (*)")


def _table(model: TextTableModel, name: str, description: str) -> QTableView:
    view = QTableView()
    name_for_screen_readers(view, name, description)
    view.setModel(model)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setAlternatingRowColors(True)
    view.verticalHeader().setVisible(False)
    view.verticalHeader().setDefaultSectionSize(22)
    view.horizontalHeader().setStretchLastSection(True)
    elide_headings(view.horizontalHeader())
    view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    return view


def save_template_as(parent: QWidget, kind: str, folder: Path | None = None) -> Path | None:
    """Ask where, then write the import template for `kind`; returns the file or None."""
    suggested = (folder or default_folder()) / f"vipdesk-{kind}-template.xlsx"
    chosen, _ = QFileDialog.getSaveFileName(
        parent,
        kind_texts(kind).save_template,
        str(suggested),
        tr("Excel workbook (*.xlsx)"),
    )
    if not chosen:
        return None
    path = Path(chosen) if chosen.lower().endswith(".xlsx") else Path(f"{chosen}.xlsx")
    try:
        save_import_template(kind, path)
    except VipdeskError as exc:
        QMessageBox.warning(parent, tr("The template was not saved"), error_text(exc))
        return None
    return path


class ImportDialog(JobDialog):
    imported = Signal(str, int)  # kind, records created
    failure_title = tr("Nothing was imported")
    failure_lead = tr("<b>Nothing was imported.</b> ")
    cancelled_text = tr("Stopped: nothing was imported.")

    def __init__(
        self,
        db: Database,
        kind: str,
        parent: QWidget | None = None,
        *,
        pool: QThreadPool | None = None,
        user: str | None = None,
    ) -> None:
        super().__init__(parent, pool)
        self._db, self.kind, self._user = db, kind, user
        self.plan: ImportPlan | None = None
        self.outcome: ImportResult | None = None
        self._path: Path | None = None
        self.setWindowTitle(kind_texts(kind).title)
        self.resize(980, 640)

        intro = QLabel(kind_texts(kind).intro)
        intro.setWordWrap(True)
        self.file_label = QLabel(tr("No file chosen."))
        self.file_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        choose = QPushButton(tr("Choose file…"))
        choose.clicked.connect(self._on_choose)
        template = QPushButton(tr("Save template…"))
        template.setToolTip(tr("An empty workbook with the right columns and a Help sheet"))
        template.clicked.connect(lambda: save_template_as(self, self.kind))
        file_row = QHBoxLayout()
        file_row.addWidget(self.file_label, 1)
        file_row.addWidget(choose)
        file_row.addWidget(template)
        # 01/02/2026: 1 February in most of Europe, January 2 in the United States. The choice
        # is stored for everyone on the database; changing it reads the file again.
        self.date_order = QComboBox()
        for order in DateOrder:
            self.date_order.addItem(shown(order.label), order.value)
        self.date_order.setCurrentIndex(self.date_order.findData(load_date_order(db).value))
        self.date_order.setToolTip(
            tr(
                "How dates written with slashes are read; "
                "31.12.2000 and 2000-12-31 are always clear"
            )
        )
        date_label = QLabel(tr("Dates such as 01/02/2026 are written &day first or month first:"))
        date_label.setBuddy(self.date_order)
        date_row = QHBoxLayout()
        date_row.addWidget(date_label)
        date_row.addWidget(self.date_order)
        date_row.addStretch(1)
        self.date_order.currentIndexChanged.connect(self._on_date_order_changed)

        self.summary = self.message  # what the file holds, then what became of the import
        self.preview_model = TextTableModel()
        self.preview = _table(
            self.preview_model, tr("Preview"), tr("The rows as they would be imported")
        )
        self.problems_label = QLabel()
        self.problems_model = TextTableModel([tr("Row"), tr("Column"), tr("Problem")])
        self.problems = _table(
            self.problems_model, tr("Problems"), tr("What to correct, row by row")
        )
        self.problems_pane = lower = QWidget()
        lower_layout = QVBoxLayout(lower)
        lower_layout.setContentsMargins(0, 0, 0, 0)
        lower_layout.addWidget(self.problems_label)
        lower_layout.addWidget(self.problems)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.preview)
        splitter.addWidget(lower)

        self.import_button = self.add_action(kind_texts(kind).title)
        self.import_button.setEnabled(False)
        self.import_button.clicked.connect(self.start_import)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(file_row)
        layout.addLayout(date_row)
        layout.addWidget(self.summary)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.buttons)
        self._show_plan(None)

    # --- reading and checking --------------------------------------------------------------

    def _on_choose(self) -> None:
        chosen, _ = QFileDialog.getOpenFileName(
            self, kind_texts(self.kind).choose, str(default_folder()), _FILES
        )
        if chosen:
            self.load(Path(chosen))

    def load(self, path: Path) -> None:
        """Read and check `path` in the background, then show the preview."""
        if self.runner.busy:
            return
        self.file_label.setText(str(path))
        self._path = path
        self.plan = None
        self.summary.setText(tr("Reading and checking the file…"))
        db, kind = self._db, self.kind

        def work(progress: Progress, should_cancel: ShouldCancel) -> ImportPlan:
            return plan_import(db, kind, path, progress, should_cancel)

        self.run_job(
            tr("Checking {name}").format(name=path.name), work, self._show_plan, self._on_unreadable
        )

    def _on_date_order_changed(self) -> None:
        try:
            save_date_order(self._db, str(self.date_order.currentData()), self._user)
        except VipdeskError as exc:
            QMessageBox.warning(self, tr("The date order was not changed"), error_text(exc))
            return
        if self._path is not None:
            self.load(self._path)

    def _on_unreadable(self, message: str) -> None:
        self._show_plan(None)
        self.summary.setText(
            tr("<b>This file cannot be imported.</b> {message}").format(message=message)
        )

    def action_allowed(self) -> bool:
        return self.plan is not None and self.plan.ok and self.plan.new > 0

    def _show_plan(self, plan: ImportPlan | None) -> None:
        self.plan = plan
        if plan is None:
            self.preview_model.set_rows([], [])
            self.problems_model.set_rows([tr("Row"), tr("Column"), tr("Problem")], [])
            self.problems_label.setText("")
            self.problems_pane.setVisible(False)
            self.summary.setText("")
            return
        titles = [title for _, title in plan.columns]
        headers = [header for header, _ in plan.columns]
        preview = plan.rows[:PREVIEW_ROWS]
        self.preview_model.set_rows(
            [tr("Row"), tr("Import as"), *titles],
            [
                [
                    str(r.number),
                    shown(r.state.label),
                    *(part_text(r.shown.get(h, "")) for h in headers),
                ]
                for r in preview
            ],
            [_STATE_COLOURS[r.state] for r in preview],
        )
        self.preview.resizeColumnsToContents()
        self.problems_model.set_rows(
            [tr("Row"), tr("Column"), tr("Problem")],
            [[str(p.row), p.column, problem_text(p)] for p in plan.problems],
        )
        self.problems.resizeColumnToContents(0)
        self.problems.resizeColumnToContents(1)
        more = (
            tr(" (first {PREVIEW_ROWS} shown)").format(PREVIEW_ROWS=PREVIEW_ROWS)
            if len(plan.rows) > PREVIEW_ROWS
            else ""
        )
        text = with_counts(
            tr("<b>{source}</b>: {count:,} rows{more} — {summary}."),
            more=more,
            source=plan.source,
            count=len(plan.rows),
            summary=plan_summary(plan),
        )
        if plan.ignored_columns:
            text += tr("<br>Columns not used: {join}.").format(join=", ".join(plan.ignored_columns))
        text += tr("<br>Dates with slashes read {label}.").format(
            label=shown(plan.date_order.label)
        )
        if plan.problems:
            text += with_counts(
                tr(
                    "<br><span style='color:{hex_of}'><b>Nothing can be imported until every "
                    "problem below is corrected in the file</b> ({count:,}).</span>"
                ),
                hex_of=theme.hex_of("error"),
                count=len(plan.problems),
            )
        elif plan.new == 0:
            text += tr("<br>There is nothing new to import.")
        self.summary.setText(text)
        self.problems_label.setText(
            with_counts(tr("Problems ({count:,})"), count=len(plan.problems))
        )
        self.problems_pane.setVisible(bool(plan.problems))
        self.import_button.setEnabled(self.action_allowed())

    # --- importing -------------------------------------------------------------------------

    def start_import(self) -> None:
        plan = self.plan
        if plan is None or not plan.ok or self.runner.busy:
            return
        db, user = self._db, self._user

        def work(progress: Progress, should_cancel: ShouldCancel) -> ImportResult:
            return run_import(db, plan, user, progress, should_cancel)

        self.run_job(kind_texts(self.kind).importing, work, self._on_imported)

    def _on_imported(self, result: ImportResult) -> None:
        self.outcome = result
        text = kind_texts(self.kind).imported(result.created)
        if result.skipped:
            text += with_counts(
                tr(" {count:,} already existed and were skipped."), count=len(result.skipped)
            )
        self.summary.setText(text)
        self.imported.emit(self.kind, result.created)
        QMessageBox.information(self, kind_texts(self.kind).title, text)
        self.accept()
