"""The Agreement tab's steps that add a document after one went out: a new version of the
agreement, an amendment to the locked agreement, the certificate after the placement.

Split from `agreement_actions` (which keeps drafting, sending, files and signatures);
`AgreementActions.new_version`, `.amend` and `.certificate` hand over to `NewDocumentSteps`,
which uses the owner's helpers to warn, reload the panel and open the editors.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QMessageBox

from vipdesk.db import current_user
from vipdesk.errors import VipdeskError
from vipdesk.models import DocumentKind, DocumentState
from vipdesk.services.agreements import changes as agreement_changes
from vipdesk.services.agreements import workflow as agreements
from vipdesk.services.agreements.views import DocumentView
from vipdesk.ui.agreement.dialogs import AmendDialog, CertificateDatesDialog

if TYPE_CHECKING:
    from vipdesk.ui.agreement.actions import AgreementActions


class NewDocumentSteps:
    """New version, amendment, certificate: each starts a draft, then opens it for editing."""

    def __init__(self, steps: AgreementActions) -> None:
        self.steps = steps
        self.panel = steps.panel
        self.db = steps.db

    def new_version(self) -> None:
        """Replace the version out for signature by a new draft, after asking."""
        document = self.panel.selected()
        if document is None or self.panel.placement_id is None:
            return
        answer = QMessageBox.question(
            self.panel,
            "Start a new version?",
            f"Start version {document.number + 1} as a copy of {document.title}? Version "
            f"{document.number} is then superseded: no more signatures are recorded on it, and "
            "the new version is sent for signature again.",
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        try:
            created = agreements.new_version(self.db, self.panel.placement_id, current_user())
        except VipdeskError as exc:
            self.steps.warn("New version", exc)
            return
        self.steps.done(created.id)

    def amend(self) -> None:
        """Start an amendment (its reason first), then edit it in the wizard."""
        placement_id = self.panel.placement_id
        assert placement_id is not None
        started: list[DocumentView] = []

        def start(reason: str) -> None:
            started.append(
                agreement_changes.start_amendment(self.db, placement_id, reason, current_user())
            )

        if not self.panel.run_dialog(AmendDialog(start, self.panel)) or not started:
            return
        self.steps.done(started[0].id)
        self.steps.edit_agreement(started[0])
        self.steps.done(started[0].id)

    def certificate(self) -> None:
        """Edit the certificate's draft; with none yet, start one from the actual dates."""
        panel = self.panel
        placement_id = panel.placement_id
        assert placement_id is not None
        draft = next(
            (
                d
                for d in panel.documents
                if d.kind is DocumentKind.CERTIFICATE and d.state is DocumentState.DRAFT
            ),
            None,
        )
        if draft is None:
            draft = self._start_certificate(placement_id)
            if draft is None:
                return
        panel.refresh(select=draft.id)
        self.steps.edit_certificate(draft)
        self.steps.done(draft.id)

    def _start_certificate(self, placement_id: int) -> DocumentView | None:
        agreed = next(
            d
            for d in self.panel.documents
            if d.kind is DocumentKind.AGREEMENT and d.state is DocumentState.SIGNED
        ).agreement.programme
        started: list[DocumentView] = []

        def start(actual_start: date, actual_end: date) -> None:
            started.append(
                agreement_changes.start_certificate(
                    self.db,
                    placement_id,
                    actual_start=actual_start,
                    actual_end=actual_end,
                    user=current_user(),
                )
            )

        dialog = CertificateDatesDialog(agreed.start, agreed.end, start, self.panel)
        if not self.panel.run_dialog(dialog) or not started:
            return None
        return started[0]
