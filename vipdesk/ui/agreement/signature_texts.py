"""What stands in the way of sending a document or recording a signature, in the interface's
language.

The agreement workflow and the signature services say each refusal and problem as a phrase;
their English templates are written again here for the catalogue, and a test keeps both sides
the same.
"""

from __future__ import annotations

from typing import cast

from PySide6.QtCore import QT_TR_NOOP

TEMPLATES: tuple[str, ...] = cast(
    tuple[str, ...],
    (
        QT_TR_NOOP("'{email}' is not an e-mail address."),
        QT_TR_NOOP("All three parties sign: the trainee, the institution and the host."),
        QT_TR_NOOP("Each party may appear only once in the order."),
        QT_TR_NOOP("Enter the date of the signature."),
        QT_TR_NOOP("Enter the name of the person who signed."),
        QT_TR_NOOP("Name at least one party who signs."),
        QT_TR_NOOP(
            "No communication tool is recorded: say which tools serve {needed} (choose them in "
            "preparation, or on the Technology page) before sending."
        ),
        QT_TR_NOOP("No scan is attached for the {party}."),
        QT_TR_NOOP("Say why the party declines."),
        QT_TR_NOOP(
            "Signer not confirmed ({because}); recorded on the explicit confirmation of the "
            "coordinator. Certificate: {certificate}"
        ),
        QT_TR_NOOP(
            "Signer not confirmed ({because}); recorded on the explicit confirmation of {user}. "
            "Certificate: {certificate}"
        ),
        QT_TR_NOOP("The date is before the document was sent ({sent})."),
        QT_TR_NOOP("The date of the signature is in the future."),
        QT_TR_NOOP(
            "The placement is '{status}': move it to 'Preparing' before sending the agreement."
        ),
        QT_TR_NOOP("The {document} is already signed by every party and locked."),
        QT_TR_NOOP("The {document} is not out for signature."),
        QT_TR_NOOP(
            "The {document} is out for signature and cannot change: start a new version to "
            "change it."
        ),
        QT_TR_NOOP(
            "The {document} is signed by all parties and locked: record changes as an amendment."
        ),
        QT_TR_NOOP("The {party} does not sign the {document}."),
        QT_TR_NOOP("The {party} has signed the {document} already."),
        QT_TR_NOOP("The {party} signs first (order: {order})."),
        QT_TR_NOOP("Unknown party '{party}' in the order."),
        QT_TR_NOOP("{file} carries no signature for the {party}."),
        QT_TR_NOOP(
            "{file} is not the {document} as sent for signature with a signature added; ask "
            "the party to sign the file they received, without saving it as a new PDF."
        ),
        QT_TR_NOOP(
            "{file}: the signature for the {party} is intact, but its signer {signer} is not "
            "confirmed: {reasons}."
        ),
        QT_TR_NOOP(
            "{file}: the signature in {field} does not hold: {verdict}. Nothing was recorded."
        ),
        QT_TR_NOOP("{kind} {number}"),
    ),
)
