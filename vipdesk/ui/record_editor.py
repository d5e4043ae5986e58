"""What every record editor does alike: field errors, saving, conflicts, the unsaved-changes guard.

A subclass builds its fields with `add_field` and implements `show_form`, `read_form`,
`validate` and `store`; this class turns the outcomes of a save into what the user sees.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping, Sequence
from typing import Generic, TypeVar

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from vipdesk.db import Database
from vipdesk.errors import ConflictError, FieldProblem, ValidationError, VipdeskError
from vipdesk.ui.i18n import tr
from vipdesk.ui.phrases import error_text, problem_text
from vipdesk.ui.widgets import ErrorLabel, SearchableCombo, add_field, keep_contents_width

F = TypeVar("F")


class ConflictChoice(enum.Enum):
    RELOAD = "reload"  # discard mine, show theirs
    KEEP_MINE = "keep"  # save mine over theirs
    CANCEL = "cancel"  # keep editing


def ask_conflict(
    parent: QWidget, error: ConflictError, labels: Mapping[str, str]
) -> ConflictChoice:
    """Explain who changed the record and let the user choose what happens to their edits."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle(tr("Changed by someone else"))
    box.setText(error_text(error))
    changed = [labels.get(name, name) for name in error.changed_fields]
    details = (
        tr("Their version differs in: {join}.\n\n").format(join=", ".join(changed))
        if changed
        else ""
    )
    box.setInformativeText(
        tr(
            "{details}Reload shows their version and drops your edits; Keep mine "
            "saves your version over theirs."
        ).format(details=details)
    )
    box.setStandardButtons(
        QMessageBox.StandardButton.Yes
        | QMessageBox.StandardButton.No
        | QMessageBox.StandardButton.Cancel
    )
    box.button(QMessageBox.StandardButton.Yes).setText(tr("Reload (discard mine)"))
    box.button(QMessageBox.StandardButton.No).setText(tr("Keep mine"))
    box.setDefaultButton(QMessageBox.StandardButton.Cancel)
    answer = QMessageBox.StandardButton(box.exec())
    if answer == QMessageBox.StandardButton.Yes:
        return ConflictChoice.RELOAD
    if answer == QMessageBox.StandardButton.No:
        return ConflictChoice.KEEP_MINE
    return ConflictChoice.CANCEL


def combo_problem(name: str, combo: SearchableCombo, what: str) -> list[FieldProblem]:
    """Text typed into a picker that names nothing in its list: say so rather than drop it."""
    text = combo.currentText().strip()
    if text and combo.current_data() is None:
        return [
            FieldProblem(
                name,
                tr("'{text}' is not in the list; choose {what} from it.").format(
                    text=text, what=what
                ),
            )
        ]
    return []


class RecordEditor(QDialog, Generic[F]):
    """A dialog that edits one record; `saved_id` holds its id after a successful save."""

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.saved_id: int | None = None
        self._baseline: F | None = None
        self._errors: dict[str, ErrorLabel] = {}
        self._labels: dict[str, str] = {}
        self._widgets: dict[str, QWidget] = {}
        self.form_layout = QFormLayout()
        self.form_layout.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.buttons.accepted.connect(self._on_save)
        self.buttons.rejected.connect(self.reject)
        self.body = QVBoxLayout(self)
        self.body.addLayout(self.form_layout)
        self.setMinimumWidth(520)

    # --- for subclasses ------------------------------------------------------------------

    def add_field(self, name: str, label: str, widget: QWidget, *, required: bool = False) -> None:
        """A labelled row with its error text under it; `name` is the form field it edits."""
        self._errors[name] = add_field(self.form_layout, label, widget, required=required)
        self._labels[name] = label
        self._widgets[name] = widget

    def finish_layout(self) -> None:
        """Call last in the subclass constructor: the buttons go under everything else."""
        self.body.addStretch(1)
        self.body.addWidget(self.buttons)
        keep_contents_width(self)

    def show_form(self, form: F) -> None:
        raise NotImplementedError

    def read_form(self, base: F) -> tuple[F, list[FieldProblem]]:
        """The form as the widgets now show it (identity taken from `base`), and the problems
        met reading the widgets (a date that is not one, a country not in the list)."""
        raise NotImplementedError

    def validate(self, form: F) -> list[FieldProblem]:
        raise NotImplementedError

    def store(self, form: F, *, overwrite: bool) -> F:
        raise NotImplementedError

    def title_for(self, form: F) -> str:
        raise NotImplementedError

    def has_other_changes(self) -> bool:
        """Edits outside the form that the guard must not lose."""
        return False

    def discard_other_changes(self) -> None:
        """After "Reload" in a conflict: show the stored state of the edits outside the form."""

    # --- state ---------------------------------------------------------------------------

    def start(self, form: F) -> None:
        """Show a record as loaded (or a new one): what 'unsaved changes' are measured from."""
        self._baseline = form
        self.show_form(form)
        self.setWindowTitle(self.title_for(form))
        self.clear_problems()

    @property
    def baseline(self) -> F:
        assert self._baseline is not None, "start() was not called"
        return self._baseline

    def is_dirty(self) -> bool:
        form, problems = self.read_form(self.baseline)
        return bool(problems) or form != self.baseline or self.has_other_changes()

    def clear_problems(self) -> None:
        for label in self._errors.values():
            label.clear_message()

    def show_problems(self, problems: Sequence[FieldProblem]) -> None:
        by_field: dict[str, list[str]] = {}
        for problem in problems:
            by_field.setdefault(problem.field, []).append(problem_text(problem))
        unplaced = [m for name, ms in by_field.items() if name not in self._errors for m in ms]
        for name, messages in by_field.items():
            if name in self._errors:
                self._errors[name].show_message("\n".join(messages))
        first = next((name for name in by_field if name in self._widgets), None)
        if first is not None:
            self._widgets[first].setFocus()
        if unplaced:
            self.show_error("\n".join(unplaced))

    def not_saved_title(self) -> str:
        """The title of the message saying why nothing was saved: "Student not saved" (a whole
        sentence per kind of record: a noun put into one would not decline)."""
        return tr("Not saved")

    def show_error(self, message: str) -> None:
        QMessageBox.warning(self, self.not_saved_title(), message)

    # --- slots ---------------------------------------------------------------------------

    def _on_save(self) -> None:
        self.clear_problems()
        form, problems = self.read_form(self.baseline)
        problems = [*problems, *self.validate(form)]
        if problems:
            self.show_problems(problems)
            return
        self._store(form, overwrite=False)

    def _store(self, form: F, *, overwrite: bool) -> None:
        try:
            stored = self.store(form, overwrite=overwrite)
        except ValidationError as exc:
            self.show_problems(exc.problems)
            return
        except ConflictError as exc:
            self._on_conflict(form, exc)
            return
        except VipdeskError as exc:  # database unavailable, deleted meanwhile, ...
            self.show_error(error_text(exc))
            return
        self.saved_id = getattr(stored, "id", None)
        self.start(stored)  # from here on, what is stored is what "unsaved" is measured from
        self.accept()

    def _on_conflict(self, form: F, error: ConflictError) -> None:
        choice = ask_conflict(self, error, self._labels)
        if choice is ConflictChoice.RELOAD and error.theirs is not None:
            self.start(error.theirs)  # type: ignore[arg-type]
            self.discard_other_changes()
        elif choice is ConflictChoice.KEEP_MINE:
            self._store(form, overwrite=True)

    def reject(self) -> None:
        """Cancel, Escape and the window's close button all come here."""
        if self.is_dirty():
            answer = QMessageBox.question(
                self,
                tr("Unsaved changes"),
                tr("Discard your changes?"),
                QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
                QMessageBox.StandardButton.Cancel,
            )
            if answer != QMessageBox.StandardButton.Discard:
                return
        super().reject()
