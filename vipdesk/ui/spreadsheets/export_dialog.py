"""File → Export report: which report, the list's filters (search, status, mode, year, host
country), whether sensitive data may go in, where to save; written off the UI thread."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from pathlib import Path

from PySide6.QtCore import QStandardPaths, QThreadPool, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QWidget,
)

from vipdesk.db import Database
from vipdesk.documents.report_language import catalogue
from vipdesk.languages import ENGLISH
from vipdesk.models import Mode, Status
from vipdesk.reports.kinds import AVAILABLE, TITLES, ReportOptions, ReportResult, export_report
from vipdesk.services.jobs import Progress, ShouldCancel
from vipdesk.services.placements.catalogue import Filter
from vipdesk.services.reports.filters import ReportFilter
from vipdesk.ui import theme
from vipdesk.ui.i18n import tr, with_counts
from vipdesk.ui.jobs import JobDialog
from vipdesk.ui.labels import NAMES, shown
from vipdesk.ui.widgets import countries_named, language_combo

_SENSITIVE_WARNING = tr(
    "Equity flags are special-category personal data (GDPR art. 9). Include them only when "
    "the recipient needs them, e.g. for a grant's inclusion support; keep and send the file "
    "securely."
)


def default_folder() -> Path:
    documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return Path(documents) if documents else Path.home()


class ExportReportDialog(JobDialog):
    """Set the filters, choose the file, export; the dialog closes when the file is written."""

    exported = Signal(str)  # the path written
    email_requested = Signal(str, str)  # the path written and the report's title, to send
    failure_title = tr("The report was not saved")
    cancelled_text = tr("Cancelled: no file was written.")

    def __init__(
        self,
        db: Database,
        current: Filter | None = None,
        years: Sequence[int] = (),
        parent: QWidget | None = None,
        *,
        pool: QThreadPool | None = None,
        folder: Path | None = None,
        language: str = ENGLISH,
    ) -> None:
        super().__init__(parent, pool)
        self._db = db
        self.setWindowTitle(tr("Export report"))
        self.setMinimumWidth(560)
        current = current or Filter()
        self.outcome: ReportResult | None = None

        self.kind_combo = QComboBox()
        for kind in AVAILABLE:
            self.kind_combo.addItem(shown(TITLES[kind]), kind)  # as the report names itself
        self.kind_combo.currentIndexChanged.connect(self._on_kind_changed)
        self.search_edit = QLineEdit(current.text)
        self.search_edit.setPlaceholderText(tr("Every placement"))
        self.status_combo = QComboBox()
        self.status_combo.addItem(tr("All statuses"), None)
        for status in Status:
            self.status_combo.addItem(shown(status.label), status.value)
        self.status_combo.setCurrentIndex(
            max(0, self.status_combo.findData(current.status.value if current.status else None))
        )
        self.mode_combo = QComboBox()
        self.mode_combo.addItem(tr("All modes"), None)
        for mode in Mode:
            self.mode_combo.addItem(shown(mode.label), mode.value)
        self.mode_combo.setCurrentIndex(
            max(0, self.mode_combo.findData(current.mode.value if current.mode else None))
        )
        self.year_combo = QComboBox()
        self.year_combo.addItem(tr("All years"), None)
        for year in sorted({*years, *([current.year] if current.year else [])}, reverse=True):
            self.year_combo.addItem(str(year), year)
        self.year_combo.setCurrentIndex(max(0, self.year_combo.findData(current.year)))
        self.country_combo = QComboBox()
        self.country_combo.addItem(tr("All countries"), None)
        for name, code in countries_named():
            self.country_combo.addItem(f"{name} ({code})", code)
        self.country_combo.setCurrentIndex(max(0, self.country_combo.findData(current.country)))
        self.language_combo = language_combo(
            language,
            tr("Sheet names, headers, summaries and charts in this language; the data as recorded"),
            tr("Language of the report"),
        )
        self.sensitive_box = QCheckBox(tr("Include the students' equity flags"))
        self.sensitive_warning = QLabel(_SENSITIVE_WARNING)
        self.sensitive_warning.setWordWrap(True)
        self.sensitive_warning.setStyleSheet(theme.text_style("warning"))
        self.sensitive_warning.setVisible(False)
        self.sensitive_box.toggled.connect(self._on_sensitive_toggled)

        self._stamp = date.today().isoformat()
        self._default_name = f"{self.kind}-{self._stamp}.xlsx"
        self.path_edit = QLineEdit(str((folder or default_folder()) / self._default_name))
        self.path_edit.setAccessibleName(tr("Save as"))
        browse = QPushButton(tr("Choose…"))
        browse.clicked.connect(self._on_browse)
        path_row = QHBoxLayout()
        path_row.addWidget(self.path_edit, 1)
        path_row.addWidget(browse)
        self._confirmed: str | None = None  # a path whose overwriting the user already agreed to

        form = QFormLayout()
        form.addRow(tr("Report"), self.kind_combo)
        form.addRow(tr("Search text"), self.search_edit)
        form.addRow(tr("Status"), self.status_combo)
        form.addRow(tr("Mode"), self.mode_combo)
        form.addRow(tr("Year (planned start)"), self.year_combo)
        form.addRow(tr("Host country"), self.country_combo)
        form.addRow(tr("Language"), self.language_combo)
        form.addRow(tr("Sensitive data"), self.sensitive_box)
        form.addRow("", self.sensitive_warning)
        form.addRow(tr("Save to"), path_row)
        self.email_box = QCheckBox(tr("Then e-mail it (to a funder or a manager)"))
        form.addRow("", self.email_box)

        self.export_button = self.add_action(tr("Export"))
        self.export_button.setDefault(True)
        self.export_button.clicked.connect(self.export)
        self.lay_out_form(
            tr(
                "An Excel workbook with the filters below, key figures with a chart, and the "
                "detail. The filters start as they are set in the placements list."
            ),
            form,
        )

    @property
    def kind(self) -> str:
        return str(self.kind_combo.currentData())

    def _on_kind_changed(self, _index: int) -> None:
        """Name the file after the report, unless the user named it."""
        path = Path(self.path_edit.text())
        if path.name == self._default_name:
            self._default_name = f"{self.kind}-{self._stamp}.xlsx"
            self.path_edit.setText(str(path.with_name(self._default_name)))

    def _on_sensitive_toggled(self, checked: bool) -> None:
        self.sensitive_warning.setVisible(checked)
        self.adjustSize()

    def options(self) -> ReportOptions:
        status, mode = self.status_combo.currentData(), self.mode_combo.currentData()
        return ReportOptions(
            ReportFilter(
                text=self.search_edit.text().strip(),
                status=Status(status) if status else None,
                mode=Mode(mode) if mode else None,
                year=self.year_combo.currentData(),
                country=self.country_combo.currentData(),
                names=NAMES,
            ),
            include_sensitive=self.sensitive_box.isChecked(),
            language=self.language,
        )

    @property
    def language(self) -> str:
        return str(self.language_combo.currentData())

    def target(self) -> Path | None:
        text = self.path_edit.text().strip()
        if not text:
            return None
        path = Path(text).expanduser()
        return path if path.suffix.lower() == ".xlsx" else path.with_name(f"{path.name}.xlsx")

    def _on_browse(self) -> None:
        chosen, _ = QFileDialog.getSaveFileName(
            self, tr("Save the report as"), self.path_edit.text(), tr("Excel workbook (*.xlsx)")
        )
        if chosen:
            self.path_edit.setText(chosen)
            self._confirmed = chosen  # the file dialog asked about overwriting

    def export(self) -> None:
        path = self.target()
        if path is None:
            self.message.setText(tr("Choose where to save the report."))
            return
        if not path.parent.is_dir():
            self.message.setText(
                tr("The folder {parent} does not exist.").format(parent=path.parent)
            )
            return
        if path.exists() and self._confirmed != str(path):
            answer = QMessageBox.question(
                self,
                tr("Replace the file?"),
                tr("{name} exists already. Replace it?").format(name=path.name),
            )
            if answer != QMessageBox.StandardButton.Yes:
                return
        options, db, kind = self.options(), self._db, self.kind

        def work(progress: Progress, should_cancel: ShouldCancel) -> ReportResult:
            return export_report(db, kind, path, options, progress, should_cancel)

        self.message.setText(tr("Writing the report…"))
        title = shown(TITLES.get(kind, kind))
        self.run_job(tr("Exporting the report “{title}”").format(title=title), work, self._on_done)

    def _on_done(self, result: ReportResult) -> None:
        self.outcome = result
        what = tr("funding sources") if result.kind == "funding" else tr("placements")
        self.message.setText(
            with_counts(
                tr("Saved {records:,} {what} to {path}."),
                what=what,
                records=result.records,
                path=result.path,
            )
        )
        self.exported.emit(str(result.path))
        self.accept()
        if self.email_box.isChecked():
            # the message goes with the file: its subject names the report as the file does
            title = TITLES.get(result.kind, result.kind)
            self.email_requested.emit(str(result.path), catalogue(self.language).get(title, title))
