"""The verdict on a PDF someone sent back: is each signature intact, is each signer the person
on record, and is this the archived final PDF of the document?

Altered or damaged files are said to be so first and in red; an intact file whose signer is
not confirmed comes next, in amber, with the reason. Each signature shows its certificate
(name, organisation, issuer, SHA-256 fingerprint, validity); pyHanko's technical reasons stay
in small print under the plain words.
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
from vipdesk.ui import labels, theme, when
from vipdesk.ui.i18n import tr
from vipdesk.ui.phrases import phrase_text, sentence_text

if TYPE_CHECKING:  # pyHanko loads slowly: only when a PDF is verified
    from vipdesk.documents.signatures.verification import CertificateInfo, SignatureCheck
    from vipdesk.services.signatures.trust import SignerCheck


@dataclass(frozen=True)
class Verification:
    """What the coordinator learns about a PDF: each signature, and whether it is the archive."""

    name: str
    sha256: str
    checks: tuple[SignerCheck, ...]
    archived_sha256: str  # of the selected document's final PDF; "" when it has none
    archived_title: str

    @property
    def altered(self) -> bool:
        return any(not c.check.holds for c in self.checks)

    @property
    def unconfirmed(self) -> bool:
        return any(c.check.holds and not c.confirmed for c in self.checks)

    @property
    def is_archive(self) -> bool:
        return bool(self.archived_sha256) and self.sha256 == self.archived_sha256


def verification(
    name: str, data: bytes, checks: Sequence[SignerCheck], archived: str, title: str
) -> Verification:
    return Verification(name, hashlib.sha256(data).hexdigest(), tuple(checks), archived, title)


def short_verdict(check: SignatureCheck) -> str:
    """The verdict in a coordinator's words; pyHanko's technical detail only in small print."""
    if check.problem:
        text, technical = tr("<b>DAMAGED signature</b>"), check.problem
    elif not check.intact or not check.changes_after:
        text, technical = escape(sentence_text(check.verdict_phrase)), ""
    else:
        changes = dict.fromkeys(phrase_text(change) for change in check.changes_after)
        text = tr("<b>ALTERED after signing by {signer}</b>: ").format(
            signer=escape(check.signer)
        ) + escape("; ".join(changes))
        technical = check.detail
    if technical:
        text += f"<br><small style='color:{theme.hex_of('muted')}'>{escape(technical)}</small>"
    return text


def certificate_html(certificate: CertificateInfo | None) -> str:
    """The signer's certificate in small print: organisation, issuer, validity, fingerprint."""
    if certificate is None:
        return ""
    organisation = f"{escape(certificate.organisation)}<br>" if certificate.organisation else ""
    return tr(
        "<br><small>{organisation}issued by {issuer}<br>valid {valid_from} to "
        "{valid_until}<br>SHA-256 {value}<br>{value2}</small>"
    ).format(
        organisation=organisation,
        issuer=escape(certificate.issuer),
        valid_from=when.day(certificate.valid_from),
        valid_until=when.day(certificate.valid_until),
        value=certificate.fingerprint[:32],
        value2=certificate.fingerprint[32:],
    )


def _verdict_html(signer: SignerCheck) -> tuple[str, str]:
    """The colour and the words of one signature's verdict."""
    if not signer.check.holds:
        return theme.hex_of("error"), short_verdict(signer.check)
    if signer.reasons:
        reasons = escape("; ".join(phrase_text(reason) for reason in signer.reasons))
        return theme.hex_of("warning"), tr(
            "intact, but <b>signer NOT CONFIRMED</b>: {reasons}"
        ).format(reasons=reasons)
    return theme.hex_of("success"), tr("intact; signer confirmed")


def verification_html(result: Verification) -> str:
    """The verdict in words: altered first and in red, unconfirmed signers in amber, then each
    signature with its certificate, then the hash."""
    parts = [f"<h3>{escape(result.name)}</h3>"]
    if not result.checks:
        parts.append(tr("<p>This PDF carries <b>no digital signatures</b>.</p>"))
    elif result.altered:
        parts.append(
            tr(
                "<p style='color:{hex_of}'><b>ALTERED or DAMAGED: this file was changed "
                "after it was signed, or a signature is broken.</b></p>"
            ).format(hex_of=theme.hex_of("error"))
        )
    elif result.unconfirmed:
        parts.append(
            tr(
                "<p style='color:{hex_of}'><b>Every signature is intact, but a signer is "
                "not confirmed</b> as the person on record: see the reason below.</p>"
            ).format(hex_of=theme.hex_of("warning"))
        )
    else:
        parts.append(
            tr(
                "<p style='color:{hex_of}'><b>Every signature is intact</b> and every "
                "signer confirmed: nothing was changed after signing.</p>"
            ).format(hex_of=theme.hex_of("success"))
        )
    rows = []
    for signer in result.checks:
        check = signer.check
        party = PARTY_LABELS.get(check.party.value, "") if check.party else ""
        who = labels.shown(party) if party else check.field
        signed = when.moment(check.signed_at).replace(" ", "&nbsp;") if check.signed_at else "—"
        colour, verdict = _verdict_html(signer)
        expected = tr("<br><small>on record: {expected}</small>").format(
            expected=escape(signer.expected)
        ) * bool(signer.expected)
        rows.append(
            f"<tr><td>{escape(who)}{expected}</td><td>{escape(check.signer)}"
            f"{certificate_html(check.certificate)}</td><td>{signed}</td>"
            f"<td style='color:{colour}'>{verdict}</td></tr>"
        )
    if rows:
        parts.append(
            tr(
                "<table cellspacing='0' cellpadding='3' border='1' "
                "style='border-collapse:collapse'>"
                "<tr><th>Party</th><th>Signed by</th><th>When</th><th>Verdict</th></tr>"
            )
            + "".join(rows)
            + "</table>"
        )
    if not result.archived_sha256:
        archive = tr("{archived_title} has no archived final PDF to compare with.").format(
            archived_title=escape(result.archived_title)
        )
    elif result.is_archive:
        archive = tr(
            "<span style='color:{hex_of}'><b>This is the archived final PDF</b> of "
            "{archived_title}.</span>"
        ).format(hex_of=theme.hex_of("success"), archived_title=escape(result.archived_title))
    else:
        archive = tr(
            "<span style='color:{hex_of}'><b>This file differs from the archived "
            "final PDF</b> of {archived_title}.</span>"
        ).format(hex_of=theme.hex_of("error"), archived_title=escape(result.archived_title))
    parts.append(
        tr("<p>{archive}<br><small>SHA-256 of this file: {sha256}</small></p>").format(
            archive=archive, sha256=result.sha256
        )
    )
    return "".join(parts)


class VerificationDialog(QDialog):
    """Shows a `Verification`; nothing to change, only to read."""

    def __init__(self, result: Verification, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.verification = result
        self.setWindowTitle(tr("Verify — {name}").format(name=result.name))
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
