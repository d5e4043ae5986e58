"""File → Export agreements: the agreements of the placements shown in the list (or the
selected ones) as PDFs into a folder, written off the UI thread with progress and Cancel.

The work is `vipdesk.services.agreements.batch.export_agreements`; cancelling leaves the folder
as it was (see there). The dialog stays open at the end to say what was written.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QThreadPool, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from vipdesk.db import Database
from vipdesk.services.agreements.batch import BatchResult, export_agreements
from vipdesk.services.agreements.export import with_agreement
from vipdesk.services.jobs import Progress, ShouldCancel
from vipdesk.ui.i18n import tr, with_counts
from vipdesk.ui.jobs import JobDialog
from vipdesk.ui.spreadsheets.export_dialog import default_folder


def _count(n: int) -> str:
    return tr("%Ln placement(s)", "", n)


def _selected_text(n: int) -> str:
    if n == 0:
        return tr("No placement is selected")
    return tr("The %Ln selected placement(s)", "", n)


class AgreementBatchDialog(JobDialog):
    """Choose which placements, the folder and the variant; export; read the summary."""

    exported = Signal(str, int)  # the folder, how many files were written
    failure_title = tr("The agreements were not exported")
    cancelled_text = tr("Cancelled: no agreement was written, the folder is as it was.")

    def __init__(
        self,
        db: Database,
        shown: Sequence[int],
        selected: Sequence[int] = (),
        parent: QWidget | None = None,
        *,
        pool: QThreadPool | None = None,
        folder: Path | None = None,
    ) -> None:
        super().__init__(parent, pool)
        self._db = db
        self._shown, self._selected = list(shown), list(selected)
        # Placements without an agreement would be drafted from their records: rarely wanted,
        # so those with one on file come first (the list offered all 1,500 for 40 agreements).
        self._filed = with_agreement(db, self._shown)
        self.setWindowTitle(tr("Export agreements"))
        self.setMinimumWidth(560)
        self.batch: BatchResult | None = None

        self.filed_radio = QRadioButton(
            tr("The {count} shown with an agreement on file").format(count=_count(len(self._filed)))
        )
        self.filed_radio.setEnabled(bool(self._filed))
        missing = len(self._shown) - len(self._filed)
        self.shown_radio = QRadioButton(
            tr("The {count} shown in the list").format(count=_count(len(self._shown)))
            + (
                with_counts(tr(" ({missing:,} drafted from their records)"), missing=missing)
                if self._filed and missing
                else ""
            )
        )
        self.selected_radio = QRadioButton(_selected_text(len(self._selected)))
        self.selected_radio.setEnabled(bool(self._selected))
        self._which = QButtonGroup(self)
        for radio in (self.filed_radio, self.shown_radio, self.selected_radio):
            self._which.addButton(radio)
        if self._filed:
            self.filed_radio.setChecked(True)
        else:
            (
                self.shown_radio if self._shown or not self._selected else self.selected_radio
            ).setChecked(True)
        which = QVBoxLayout()
        which.setSpacing(2)
        which.addWidget(self.filed_radio)
        which.addWidget(self.shown_radio)
        which.addWidget(self.selected_radio)

        self.folder_edit = QLineEdit(str(folder or default_folder()))
        browse = QPushButton(tr("Choose…"))
        browse.clicked.connect(self._on_browse)
        folder_row = QHBoxLayout()
        folder_row.addWidget(self.folder_edit, 1)
        folder_row.addWidget(browse)
        self.fillable_box = QCheckBox(
            tr("Fillable: the host's part as form fields, for HR to complete")
        )

        form = QFormLayout()
        form.addRow(tr("Agreements of"), which)
        form.addRow(tr("Save into"), folder_row)
        form.addRow(tr("Variant"), self.fillable_box)

        self.open_button = self.buttons.addButton(
            tr("Open folder"), QDialogButtonBox.ButtonRole.ActionRole
        )
        self.open_button.setVisible(False)
        self.open_button.clicked.connect(self._on_open_folder)
        self.export_button = self.add_action(tr("Export"))
        self.export_button.setDefault(True)
        self.export_button.setEnabled(bool(self._shown or self._selected))
        self.export_button.clicked.connect(self.export)
        self.lay_out_form(
            tr(
                "One PDF per placement, named by its reference (e.g. VIP-2027-00042.pdf), ready to "
                "send for signature. If you cancel, the folder is left as it was."
            ),
            form,
        )

    def placement_ids(self) -> list[int]:
        if self.filed_radio.isChecked():
            return self._filed
        return self._selected if self.selected_radio.isChecked() else self._shown

    def folder(self) -> Path | None:
        text = self.folder_edit.text().strip()
        return Path(text).expanduser() if text else None

    def _on_browse(self) -> None:
        chosen = QFileDialog.getExistingDirectory(
            self, tr("Save the agreements into"), self.folder_edit.text()
        )
        if chosen:
            self.folder_edit.setText(chosen)

    def export(self) -> None:
        folder, ids = self.folder(), self.placement_ids()
        if folder is None:
            self.message.setText(tr("Choose the folder to save the agreements into."))
            return
        if not folder.is_dir():
            self.message.setText(tr("The folder {folder} does not exist.").format(folder=folder))
            return
        if not ids:
            self.message.setText(tr("There is no placement to export."))
            return
        db, fillable = self._db, self.fillable_box.isChecked()

        def work(progress: Progress, should_cancel: ShouldCancel) -> BatchResult:
            return export_agreements(
                db, ids, folder, fillable=fillable, progress=progress, should_cancel=should_cancel
            )

        self.open_button.setVisible(False)
        self.message.setText(
            tr("Writing the agreements of {count}…").format(count=_count(len(ids)))
        )
        self.run_job(tr("Exporting agreements"), work, self._on_done)

    def _on_done(self, result: BatchResult) -> None:
        self.batch = result
        count = len(result.written)
        lines = [tr("Wrote %Ln agreement(s) to {folder}.", "", count).format(folder=result.folder)]
        if result.replaced:
            lines.append(
                with_counts(
                    tr("{replaced:,} of them replaced earlier files of the same name."),
                    replaced=result.replaced,
                )
            )
        if result.missing:
            lines.append(
                tr("{count} had been deleted meanwhile and were left out.").format(
                    count=_count(result.missing).capitalize()
                )
            )
        self.message.setText(" ".join(lines))
        self.open_button.setVisible(count > 0)
        self.exported.emit(str(result.folder), count)

    def _on_open_folder(self) -> None:
        if self.batch is not None:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.batch.folder)))
