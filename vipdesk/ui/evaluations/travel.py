"""Questionnaires that travel, from any tab: which one to send, the save dialog for its
fillable PDF, and a returned file read back, previewed answer by answer, then stored.

A file of another placement, a foreign PDF, an altered question set or a damaged file is
refused with one line and nothing is stored.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QLabel,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from vipdesk.db import Database
from vipdesk.documents.agreement.form import read_pdf_bytes
from vipdesk.documents.files import write_atomically
from vipdesk.errors import VipdeskError
from vipdesk.languages import ENGLISH
from vipdesk.models import ReadinessParty
from vipdesk.services.evaluations.forms import (
    AnswerLine,
    ReturnedReview,
    export_questionnaire,
    review_returned,
    store_returned,
)
from vipdesk.services.evaluations.questionnaires import NAME_OF_PARTY, RESPONDENT_LABELS, Kind
from vipdesk.services.mail.languages import PlacementLanguages
from vipdesk.ui.funding.dialogs import fit_columns, make_table
from vipdesk.ui.funding.table_model import Column, RowsTableModel
from vipdesk.ui.i18n import tr
from vipdesk.ui.labels import in_sentence, shown
from vipdesk.ui.phrases import error_text
from vipdesk.ui.widgets import language_combo

PDF_FILES = tr("PDF files (*.pdf);;All files (*)")


class ChoiceDialog(QDialog):
    """Which questionnaire: the kind (readiness, mid-term, final) and the party; for one that
    goes out (`languages`, those recorded for the placement), also the language it goes out
    in, the respondent's until the user chooses another."""

    def __init__(
        self,
        title: str,
        kinds: list[Kind],
        parent: QWidget | None = None,
        *,
        languages: PlacementLanguages | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.kind = QComboBox()
        for kind in kinds:
            self.kind.addItem(shown(kind.label), kind.value)
        self.party = QComboBox()
        for party, label in RESPONDENT_LABELS.items():
            self.party.addItem(label, party.value)
        form = QFormLayout(self)
        form.addRow(tr("&Questionnaire:"), self.kind)
        form.addRow(tr("&Answered by:"), self.party)
        self.language_combo = language_combo(
            ENGLISH,
            tr(
                "The questions and the form in this language; a questionnaire not yet translated "
                "into it goes out in English"
            ),
            tr("Language"),
        )
        if languages is not None:
            form.addRow(tr("&Language:"), self.language_combo)
            self._languages = languages
            self._follow_respondent()
            self.party.currentIndexChanged.connect(self._follow_respondent)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def _follow_respondent(self) -> None:
        respondent = ReadinessParty(self.party.currentData())
        found = self.language_combo.findData(self._languages.of_respondent(respondent))
        self.language_combo.setCurrentIndex(max(0, found))

    def chosen(self) -> tuple[Kind, ReadinessParty]:
        return Kind(self.kind.currentData()), ReadinessParty(self.party.currentData())

    @property
    def language(self) -> str:
        return str(self.language_combo.currentData())


class ReviewDialog(QDialog):
    """What a returned questionnaire holds, question by question, before it is stored."""

    def __init__(self, review: ReturnedReview, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("Returned: {title}").format(title=review.title))
        about = QLabel(
            tr(
                "{name}: answered by <b>{respondent}</b> ({value}). Check the answers, "
                "then store them."
            ).format(
                name=review.name,
                respondent=review.respondent,
                value=in_sentence(RESPONDENT_LABELS[review.party]),
            )
        )
        about.setWordWrap(True)
        self.model: RowsTableModel[AnswerLine] = RowsTableModel(
            [
                Column(tr("Question"), lambda line: line.question),
                Column(tr("Answer"), lambda line: line.answer or tr("(no answer)")),
            ],
            lambda line: None,
            self,
        )
        self.model.set_rows(list(review.lines))
        self.table = make_table(self.model, tr("Answers"), tr("Each question and the answer read"))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.store_button = buttons.addButton(
            tr("&Store these answers"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(about)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)
        self.resize(820, 560)
        fit_columns(self.table, 0)


def export_to_file(
    parent: QWidget,
    db: Database,
    placement_id: int,
    reference: str,
    kind: Kind,
    party: ReadinessParty,
    language: str = ENGLISH,
) -> None:
    """Ask where, then save `party`'s `kind` questionnaire there as a fillable PDF (in
    `language` where it is translated)."""
    name = f"{reference or 'placement'}-{kind.value}-{NAME_OF_PARTY[party]}.pdf"
    target, _filter = QFileDialog.getSaveFileName(parent, tr("Save the questionnaire"), name,
                                                  PDF_FILES)  # fmt: skip
    if not target:
        return
    try:
        exported = export_questionnaire(db, placement_id, kind, party, language)
        write_atomically(Path(target), exported.pdf)
    except (VipdeskError, OSError) as exc:
        QMessageBox.warning(parent, tr("Questionnaire not saved"), error_text(exc))


def import_returned(parent: QWidget, db: Database, placement_id: int) -> bool:
    """Ask for a returned questionnaire of this placement, show it, store it if accepted;
    whether something was stored."""
    chosen, _filter = QFileDialog.getOpenFileName(parent, tr("Returned questionnaire"), "",
                                                  PDF_FILES)  # fmt: skip
    if not chosen:
        return False
    path = Path(chosen)
    try:
        data = read_pdf_bytes(path)
    except VipdeskError as exc:
        QMessageBox.warning(parent, tr("Not a questionnaire of this placement"), error_text(exc))
        return False
    return import_returned_bytes(parent, db, data, path.name, placement_id)


def import_returned_bytes(
    parent: QWidget, db: Database, data: bytes, name: str, placement_id: int | None = None
) -> bool:
    """Show a returned questionnaire (from a file or a mail), store it if accepted; whether
    something was stored. With `placement_id`, one of another placement is refused."""
    try:
        review = review_returned(db, data, name, placement_id=placement_id)
    except VipdeskError as exc:
        QMessageBox.warning(parent, tr("Not a questionnaire of this placement"), error_text(exc))
        return False
    if ReviewDialog(review, parent).exec() != QDialog.DialogCode.Accepted:
        return False
    try:
        store_returned(db, review)
    except VipdeskError as exc:
        QMessageBox.warning(parent, tr("Answers not stored"), error_text(exc))
        return False
    return True
