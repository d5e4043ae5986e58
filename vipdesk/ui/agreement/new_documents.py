"""The Agreement tab's steps that add a document after one went out: a new version of the
agreement, an amendment to the locked agreement, the certificate after the placement.

Split from `actions` (which keeps drafting, sending, files and signatures);
`AgreementActions.new_version`, `.amend` and `.certificate` hand over to `NewDocumentSteps`,
which reaches the panel through the `tab.AgreementTab` protocol and opens a new draft in its
editor through the `edit` callable it is given.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtWidgets import QMessageBox

from vipdesk.db import current_user
from vipdesk.errors import VipdeskError
from vipdesk.models import DocumentKind, DocumentState
from vipdesk.services.agreements import changes as agreement_changes
from vipdesk.services.agreements import workflow as agreements
from vipdesk.services.agreements.views import DocumentView
from vipdesk.ui.agreement.dialogs import AmendDialog, CertificateDatesDialog
from vipdesk.ui.agreement.tab import AgreementTab, done, warn
from vipdesk.ui.agreement.titles import title_of
from vipdesk.ui.i18n import tr


class NewDocumentSteps:
    """New version, amendment, certificate: each starts a draft, then opens it for editing."""

    def __init__(self, tab: AgreementTab, edit: Callable[[DocumentView], None]) -> None:
        """`edit` opens a draft in its editor (the agreement wizard, the certificate's)."""
        self.tab = tab
        self.db = tab.db
        self.parent = tab.dialog_parent  # of every dialog and message box
        self.edit = edit

    def new_version(self) -> None:
        """Replace the version out for signature by a new draft, after asking."""
        document = self.tab.selected()
        if document is None or self.tab.placement_id is None:
            return
        answer = QMessageBox.question(
            self.parent,
            tr("Start a new version?"),
            tr(
                "Start version {value} as a copy of {title}? Version {number} is then "
                "superseded: no more signatures are recorded on it, and the new version "
                "is sent for signature again."
            ).format(value=document.number + 1, title=title_of(document), number=document.number),
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        try:
            created = agreements.new_version(self.db, self.tab.placement_id, current_user())
        except VipdeskError as exc:
            warn(self.tab, tr("New version"), exc)
            return
        done(self.tab, created.id)

    def amend(self) -> None:
        """Start an amendment (its reason first), then edit it in the wizard."""
        placement_id = self.tab.placement_id
        assert placement_id is not None
        started: list[DocumentView] = []

        def start(reason: str) -> None:
            started.append(
                agreement_changes.start_amendment(self.db, placement_id, reason, current_user())
            )

        if not self.tab.run_dialog(AmendDialog(start, self.parent)) or not started:
            return
        done(self.tab, started[0].id)
        self.edit(started[0])
        done(self.tab, started[0].id)

    def certificate(self) -> None:
        """Edit the certificate's draft; with none yet, start one from the actual dates."""
        placement_id = self.tab.placement_id
        assert placement_id is not None
        draft = next(
            (
                d
                for d in self.tab.documents
                if d.kind is DocumentKind.CERTIFICATE and d.state is DocumentState.DRAFT
            ),
            None,
        )
        if draft is None:
            draft = self._start_certificate(placement_id)
            if draft is None:
                return
        self.tab.refresh(select=draft.id)
        self.edit(draft)
        done(self.tab, draft.id)

    def _start_certificate(self, placement_id: int) -> DocumentView | None:
        agreed = next(
            d
            for d in self.tab.documents
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

        dialog = CertificateDatesDialog(agreed.start, agreed.end, start, self.parent)
        if not self.tab.run_dialog(dialog) or not started:
            return None
        return started[0]
