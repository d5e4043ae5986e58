"""The verdict on a PDF someone sent back: is each signature intact, and is this the archived
final PDF of the document?

Altered files are said to be altered first and in red; pyHanko's technical reasons stay in
small print under the plain words.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from html import escape
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from vipdesk.services.agreements.views import PARTY_LABELS

if TYPE_CHECKING:  # pyHanko loads slowly: only when a PDF is verified
    from vipdesk.documents.agreement.signing import SignatureCheck

GOOD, BAD = "#1e6b34", "#b3261e"


@dataclass(frozen=True)
class Verification:
    """What the coordinator learns about a PDF: each signature, and whether it is the archive."""

    name: str
    sha256: str
    checks: tuple[SignatureCheck, ...]
    archived_sha256: str  # of the selected document's final PDF; "" when it has none
    archived_title: str

    @property
    def altered(self) -> bool:
        return any(not c.holds for c in self.checks)

    @property
    def is_archive(self) -> bool:
        return bool(self.archived_sha256) and self.sha256 == self.archived_sha256


def verification(
    name: str, data: bytes, checks: Sequence[SignatureCheck], archived: str, title: str
) -> Verification:
    return Verification(name, hashlib.sha256(data).hexdigest(), tuple(checks), archived, title)


def short_verdict(check: SignatureCheck) -> str:
    """The verdict in a coordinator's words; pyHanko's technical detail only in small print."""
    if check.problem or not check.intact or not check.changes_after:
        return escape(check.verdict)
    plain, technical = [], []
    for change in check.changes_after:
        head, _, detail = change.partition(" (")
        plain.append(head)
        if detail:
            technical.append(detail.rstrip(")"))
    text = "<b>ALTERED after signing</b>: " + escape("; ".join(dict.fromkeys(plain)))
    if technical:
        text += f"<br><small style='color:#666'>{escape('; '.join(technical))}</small>"
    return text


def verification_html(result: Verification) -> str:
    """The verdict in words: altered first and in red, then each signature, then the hash."""
    parts = [f"<h3>{escape(result.name)}</h3>"]
    if not result.checks:
        parts.append("<p>This PDF carries <b>no digital signatures</b>.</p>")
    elif result.altered:
        parts.append(
            f"<p style='color:{BAD}'><b>ALTERED: this file was changed after it was signed.</b></p>"
        )
    else:
        parts.append(
            f"<p style='color:{GOOD}'><b>Every signature is intact</b>: nothing was changed "
            "after signing.</p>"
        )
    rows = []
    for check in result.checks:
        who = PARTY_LABELS.get(check.party.value, "") if check.party else check.field
        when = (
            f"{check.signed_at.astimezone():%d %b %Y %H:%M}".replace(" ", "&nbsp;")
            if check.signed_at
            else "—"
        )
        colour = GOOD if check.holds else BAD
        rows.append(
            f"<tr><td>{escape(who)}</td><td>{escape(check.signer)}</td><td>{when}</td>"
            f"<td style='color:{colour}'>{short_verdict(check)}</td></tr>"
        )
    if rows:
        parts.append(
            "<table cellspacing='0' cellpadding='3' border='1' style='border-collapse:collapse'>"
            "<tr><th>Party</th><th>Signed by</th><th>When</th><th>Verdict</th></tr>"
            + "".join(rows)
            + "</table>"
        )
    if not result.archived_sha256:
        archive = f"{escape(result.archived_title)} has no archived final PDF to compare with."
    elif result.is_archive:
        archive = (
            f"<span style='color:{GOOD}'><b>This is the archived final PDF</b> of "
            f"{escape(result.archived_title)}.</span>"
        )
    else:
        archive = (
            f"<span style='color:{BAD}'><b>This file differs from the archived final PDF</b> "
            f"of {escape(result.archived_title)}.</span>"
        )
    parts.append(f"<p>{archive}<br><small>SHA-256 of this file: {result.sha256}</small></p>")
    return "".join(parts)


class VerificationDialog(QDialog):
    """Shows a `Verification`; nothing to change, only to read."""

    def __init__(self, result: Verification, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.verification = result
        self.setWindowTitle(f"Verify — {result.name}")
        self.text = QLabel(verification_html(result))
        self.text.setTextFormat(Qt.TextFormat.RichText)
        self.text.setWordWrap(True)
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.text)
        layout.addStretch(1)
        layout.addWidget(buttons)
        self.resize(620, self.sizeHint().height())
