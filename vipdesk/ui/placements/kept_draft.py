"""Unsaved edits of the open placement kept on disk: written a moment after each change, so a
crash or a power cut loses nothing, and offered back the next time the placement opens."""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QMessageBox, QWidget

from vipdesk.db import Database, data_dir, describe_url
from vipdesk.errors import VipdeskError
from vipdesk.services.placements import drafts
from vipdesk.services.placements.records import PlacementForm, changed_fields
from vipdesk.ui import when
from vipdesk.ui.i18n import tr

log = logging.getLogger(__name__)
WRITE_AFTER_MS = 1500  # after the last change: typing is not slowed by a write per key


class KeptDraft:
    """`unsaved()` gives the form as typed when it differs from the saved one, else None."""

    def __init__(
        self, parent: QWidget, db: Database, unsaved: Callable[[], PlacementForm | None]
    ) -> None:
        self._parent = parent
        self._key = describe_url(db.url)  # drafts of one database apart from another's
        self._unsaved = unsaved
        self._timer = QTimer(parent, singleShot=True, interval=WRITE_AFTER_MS)
        self._timer.timeout.connect(self.write)

    def edited(self) -> None:
        self._timer.start()

    def stop(self) -> None:
        self._timer.stop()

    def write(self) -> None:
        form = self._unsaved()
        if form is None:
            return
        try:
            drafts.save_draft(data_dir(), self._key, form)
        except (OSError, VipdeskError):
            log.warning("Could not keep a draft of the open placement", exc_info=True)

    def drop(self, placement_id: int | None) -> None:
        """Saved, deleted or discarded: no draft to offer any more."""
        self._timer.stop()
        try:
            drafts.discard_draft(data_dir(), self._key, placement_id)
        except OSError:
            log.warning("Could not remove a draft", exc_info=True)

    def offer(self, saved: PlacementForm) -> PlacementForm | None:
        """The draft left by a crash, if the user wants it back; a declined one is removed."""
        draft = drafts.load_draft(data_dir(), self._key, saved.id)
        if draft is None or not changed_fields(saved, draft.form):
            return None
        saved_at = draft.saved_at.astimezone()
        answer = QMessageBox.question(
            self._parent,
            tr("Restore unsaved changes?"),
            tr(
                "vipdesk closed on {day} at {time} before changes to this "
                "placement were saved. Restore them? (They are not saved until you press "
                "Save.)"
            ).format(day=when.day(saved_at), time=when.clock(saved_at)),
        )
        if answer != QMessageBox.StandardButton.Yes:
            self.drop(saved.id)
            return None
        return draft.form
