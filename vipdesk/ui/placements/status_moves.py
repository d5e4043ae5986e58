"""Moving a placement's status from the editor: confirm, move, explain a refusal, override."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QDialog, QMessageBox, QWidget

from vipdesk.db import Database
from vipdesk.errors import VipdeskError
from vipdesk.models import Status
from vipdesk.services.placements import leads, lifecycle
from vipdesk.services.placements.lifecycle import MoveRefusedError
from vipdesk.services.placements.records import PlacementForm
from vipdesk.ui.i18n import tr
from vipdesk.ui.labels import shown
from vipdesk.ui.phrases import error_text
from vipdesk.ui.placements.status_dialogs import RefusalDialog, ask_reason


class StatusMover(QObject):
    """Emits `moved` with the stored form, or `fix_requested` with the FixPlace value chosen."""

    moved = Signal(object)
    fix_requested = Signal(str)

    def __init__(self, db: Database, window: QWidget) -> None:
        super().__init__(window)
        self._db = db
        self._window = window

    def request(self, form: PlacementForm, target: Status) -> None:
        if form.id is None or form.version is None:
            return
        if (
            target is Status.CANCELLED
            and QMessageBox.question(
                self._window,
                tr("Cancel placement"),
                tr("Cancel {reference}? You can reopen it later.").format(reference=form.reference),
            )
            != QMessageBox.StandardButton.Yes
        ):
            return
        try:
            moved = lifecycle.change_status(self._db, form.id, target, form.version)
        except MoveRefusedError as exc:
            self._refused(form, exc)
            return
        except VipdeskError as exc:
            QMessageBox.warning(self._window, tr("Status not changed"), error_text(exc))
            return
        self.moved.emit(moved)

    def _refused(self, form: PlacementForm, error: MoveRefusedError) -> None:
        try:
            may_override = leads.current_user_is_lead(self._db)
        except VipdeskError:
            may_override = False
        dialog = RefusalDialog(error, may_override, self._window)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        if dialog.place is not None:
            self.fix_requested.emit(dialog.place.value)
            return
        reason = ask_reason(
            self._window,
            tr("Move anyway"),
            tr(
                "Why does {reference} move to “{label}” although the records do not back "
                "it yet? The reason is kept in the placement's history."
            ).format(reference=form.reference, label=shown(error.target.label)),
        )
        if not reason or form.id is None or form.version is None:
            return
        try:
            moved = lifecycle.change_status(
                self._db, form.id, error.target, form.version, override=reason
            )
        except VipdeskError as exc:
            QMessageBox.warning(self._window, tr("Status not changed"), error_text(exc))
            return
        self.moved.emit(moved)
