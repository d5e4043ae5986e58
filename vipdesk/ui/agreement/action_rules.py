"""The Agreement tab's actions and when each applies: for every action, why it cannot be done
on the selected document now ("" when it can). The panel disables a button with that reason
as its tooltip; the rules read only the documents, so they stand apart from the widget."""

from __future__ import annotations

from vipdesk.models import DocumentKind, DocumentState, SignatureMethod
from vipdesk.services.agreements.views import DocumentView, SignatureView
from vipdesk.ui.i18n import tr

# (key, button text with its mnemonic); the grid fills row by row, three to a row.
ACTIONS: tuple[tuple[str, str], ...] = (
    ("edit", tr("&Draft agreement…")),
    ("view", tr("&View…")),
    ("send", tr("Se&nd for signature…")),
    ("record", tr("&Record signature…")),
    ("decline", tr("Dec&line…")),
    ("scan", tr("Save sc&an…")),
    ("pdf", tr("Save &PDF…")),
    ("fillable", tr("&Fillable PDF for HR…")),
    ("email", tr("Send &by e-mail…")),
    ("returned", tr("&Import returned PDF…")),
    ("new_version", tr("Ne&w version")),
    ("amend", tr("A&mend…")),
    ("certificate", tr("&Certificate…")),
    ("verify", tr("V&erify a PDF…")),
)


def _email_state(selected: DocumentView) -> str:
    """Why the selected document cannot be e-mailed now ("" when it can)."""
    if selected.kind is DocumentKind.CERTIFICATE:
        return ""  # the request to the host, with the certificate's form once it is sent
    if selected.state is DocumentState.DRAFT:
        return tr("Send it for signature first; then e-mail it to each party.")
    if selected.state is DocumentState.SUPERSEDED:
        return tr("A later version replaced it.")
    return ""


def action_states(
    selected: DocumentView | None,
    documents: list[DocumentView],
    signature: SignatureView | None,
) -> dict[str, str]:
    """For each action, why it cannot be done now ("" when it can)."""
    locked = any(
        d.kind is DocumentKind.AGREEMENT and d.state is DocumentState.SIGNED for d in documents
    )
    pick = tr("Select a document in the list first.")
    states = dict.fromkeys((key for key, _text in ACTIONS), "")
    if not documents:
        states.update(
            dict.fromkeys(("view", "send", "record", "decline", "scan", "pdf", "email"), pick)
        )
        states["fillable"] = states["returned"] = tr("Draft the agreement first.")
    open_agreement = [
        d
        for d in documents
        if d.kind is DocumentKind.AGREEMENT and d.state in (DocumentState.DRAFT, DocumentState.SENT)
    ]
    if documents and not open_agreement:
        states["returned"] = tr(
            "No agreement version is open: a returned PDF has nothing to change."
        )
    not_locked = tr("Only once the agreement is signed by every party and locked.")
    states["amend"] = "" if locked else not_locked
    states["certificate"] = "" if locked else not_locked
    if selected is None:
        if documents:
            for key in (
                "edit",
                "view",
                "send",
                "record",
                "decline",
                "scan",
                "pdf",
                "fillable",
                "email",
            ):
                states[key] = pick
            states["new_version"] = pick
        else:
            states["new_version"] = tr("There is no version to replace yet.")
        return states
    state = selected.state
    frozen = {
        DocumentState.SENT: tr("It is out for signature: start a new version to change it."),
        DocumentState.SIGNED: tr("It is signed and locked: changes are amendments."),
        DocumentState.SUPERSEDED: tr("A later version replaced it."),
    }
    states["edit"] = frozen.get(state, "")
    states["send"] = frozen.get(state, "")
    not_out = tr("It is not out for signature.") if state is not DocumentState.SENT else ""
    states["record"] = not_out
    states["decline"] = not_out
    if selected.sent_at is None:
        states["pdf"] = tr("It has no PDF until it is sent for signature.")
    if selected.kind is not DocumentKind.AGREEMENT:
        states["fillable"] = tr("Only agreement versions go to HR as a fillable PDF.")
    elif state not in (DocumentState.DRAFT, DocumentState.SENT):
        states["fillable"] = tr("Only a draft or a version out for signature goes to HR.")
    states["email"] = _email_state(selected)
    if signature is None or signature.method is not SignatureMethod.SCANNED:
        states["scan"] = tr("Select a paper signature (scan attached) in the signatures table.")
    if selected.kind is not DocumentKind.AGREEMENT or state is not DocumentState.SENT:
        states["new_version"] = tr("Only an agreement version out for signature is replaced.")
    return states
