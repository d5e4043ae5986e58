"""What the Agreement tab's steps need from the tab: the protocol `AgreementPanel` provides.

The steps (`actions`, `new_documents`) act on the selected document and talk back through
these few members only, so they import nothing of the panel and the panel imports them
without a circle. A test can hand them any object that has these members.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

from PySide6.QtWidgets import QDialog, QMessageBox, QWidget

from vipdesk.db import Database
from vipdesk.documents.agreement.content import AgreementData
from vipdesk.errors import VipdeskError
from vipdesk.services.agreements.views import DocumentView, SignatureView
from vipdesk.ui.phrases import error_text


class AgreementTab(Protocol):
    """One placement's documents as the tab shows them, and its hooks for modal windows."""

    @property
    def db(self) -> Database: ...

    @property
    def placement_id(self) -> int | None: ...

    @property
    def documents(self) -> list[DocumentView]: ...

    @property
    def dialog_parent(self) -> QWidget:
        """The widget that dialogs, file choosers and message boxes belong to."""
        ...

    def selected(self) -> DocumentView | None: ...

    def selected_signature(self) -> SignatureView | None: ...

    def refresh(self, select: int | None = None) -> None:
        """Reload the documents; keep the selection, or select `select` (a document id)."""

    def emit_changed(self) -> None:
        """Tell the placement editor that the placement changed (its status may have)."""

    def run_dialog(self, dialog: QDialog) -> bool:
        """Show `dialog` modally; True when it was accepted."""
        ...

    def open_wizard(
        self,
        data: AgreementData,
        *,
        save: Callable[[AgreementData], None],
        read_only: bool,
        within_placement: bool = True,
    ) -> None:
        """Open the agreement wizard on `data`; it calls `save` with each saved state."""


def warn(tab: AgreementTab, title: str, exc: VipdeskError) -> None:
    """An error the coordinator can act on, in a message box over the tab."""
    QMessageBox.warning(tab.dialog_parent, title, error_text(exc))


def done(tab: AgreementTab, select: int | None = None) -> None:
    """After a step that changed the database: reload the tab and tell the editor."""
    tab.refresh(select=select)
    tab.emit_changed()
