"""What a returned PDF's signatures show, in the interface's language.

The signature checks say what changed after a signature, why a signer is not confirmed, and
why a file, a key or a scan cannot be used as phrases; their English templates are written
again here for the catalogue, and a test keeps both sides the same.
"""

from __future__ import annotations

from typing import cast

from PySide6.QtCore import QT_TR_NOOP

TEMPLATES: tuple[str, ...] = cast(
    tuple[str, ...],
    (
        QT_TR_NOOP("A trusted certificate cannot be read: {reason}"),
        QT_TR_NOOP("ALTERED after signing by {signer}: {changes}"),
        QT_TR_NOOP("ALTERED after signing by {signer}: {changes} ({detail})"),
        QT_TR_NOOP("ALTERED: the signed content does not match the signature"),
        QT_TR_NOOP("Cannot make a temporary file beside {path}."),
        QT_TR_NOOP("Cannot open {name}: the passphrase is wrong, or it is not a PKCS#12 key file."),
        QT_TR_NOOP("Cannot sign {name}: {reason}"),
        QT_TR_NOOP("Cannot write to {folder}: the folder does not exist; {name} was not saved."),
        QT_TR_NOOP(
            "Cannot write {name}: it may be open in another program (close it there), or the "
            "folder {folder} is read-only. Nothing was saved."
        ),
        QT_TR_NOOP("Cannot write {name}: {reason}. Nothing was saved."),
        QT_TR_NOOP("DAMAGED signature: {problem}"),
        QT_TR_NOOP("No trusted certificate has the fingerprint {fingerprint}."),
        QT_TR_NOOP("The disk holding {folder} is full; {name} was not saved."),
        QT_TR_NOOP("The scan"),
        QT_TR_NOOP("The scan {name}"),
        QT_TR_NOOP(
            "a different certificate than the one accepted before for {expected} (SHA-256 "
            "{fingerprint}…)"
        ),
        QT_TR_NOOP("an annotation on page {number} changed"),
        QT_TR_NOOP("annotations added on page {number}: {count}"),
        QT_TR_NOOP("annotations removed from page {number}"),
        QT_TR_NOOP("bytes were appended after the signature"),
        QT_TR_NOOP("changes that are not allowed after signing"),
        QT_TR_NOOP("content of page {number} changed"),
        QT_TR_NOOP("document properties (XMP metadata) changed: {names}"),
        QT_TR_NOOP("document properties changed: {names}"),
        QT_TR_NOOP("document settings changed: {names}"),
        QT_TR_NOOP("field {name} changed"),
        QT_TR_NOOP("fonts or images of page {number} changed"),
        QT_TR_NOOP("form field {name} changed its type"),
        QT_TR_NOOP("form field {name} removed"),
        QT_TR_NOOP("form settings changed: {names}"),
        QT_TR_NOOP("intact"),
        QT_TR_NOOP("intact (certificate not from a trusted authority)"),
        QT_TR_NOOP("intact, signer NOT CONFIRMED: {reasons}"),
        QT_TR_NOOP("intact, signer confirmed"),
        QT_TR_NOOP("later changes that cannot be read"),
        QT_TR_NOOP("layout of page {number} changed"),
        QT_TR_NOOP("new appearance for field {name}, its value unchanged"),
        QT_TR_NOOP("new appearance for the empty signature field {name}"),
        QT_TR_NOOP("new form field {name} added"),
        QT_TR_NOOP("new signature field {name} added"),
        QT_TR_NOOP("new signature field {name} added and signed"),
        QT_TR_NOOP("nobody on record signs for the {party}"),
        QT_TR_NOOP("pages added or removed ({then} pages when signed, {now} now)"),
        QT_TR_NOOP("signature added in {name}, a field of no party"),
        QT_TR_NOOP("signed in {field}, which is no party's field"),
        QT_TR_NOOP(
            "the certificate is not from an authority this office trusts, and none was accepted "
            "before for {expected}"
        ),
        QT_TR_NOOP(
            "the certificate names {name}, but the {party} is to be signed for by {expected}"
        ),
        QT_TR_NOOP(
            "the file is not a document stored in this database, so its signers cannot be compared "
            "with the records"
        ),
        QT_TR_NOOP("the signature in {name} was replaced or redrawn"),
        QT_TR_NOOP("{name} cannot be read as a certificate: {reason}"),
        QT_TR_NOOP(
            "{name} has no signature field for the {party}: export the document from vipdesk."
        ),
        QT_TR_NOOP("{name} holds no certificate."),
        QT_TR_NOOP("{name} is already signed for the {party}."),
        QT_TR_NOOP("{name} is damaged: its signature fields cannot be read ({reason})."),
        QT_TR_NOOP("{scan} is damaged: it cannot be read."),
        QT_TR_NOOP("{scan} is empty."),
        QT_TR_NOOP("{scan} is not a PDF, PNG or JPEG file."),
        QT_TR_NOOP("{scan} is over 25 MB."),
    ),
)
