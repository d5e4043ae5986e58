"""What keeps an agreement's documents from being read, exported or written, in the interface's
language.

The agreement services (`services.agreements`: returned files, exports, the batch, a
certificate's checks) and the reader of returned PDFs (`documents.agreement.form`) say each
refusal and problem as a phrase; their English templates are written again here for the
catalogue, and a test keeps both sides the same.
"""

from __future__ import annotations

from typing import cast

from PySide6.QtCore import QT_TR_NOOP

TEMPLATES: tuple[str, ...] = cast(
    tuple[str, ...],
    (
        QT_TR_NOOP("'{text}' is not an amount of money."),
        QT_TR_NOOP(
            "Agreement {reference} is signed by every party and locked: changes are amendments, so "
            "there is no fillable version to send."
        ),
        QT_TR_NOOP("Cannot read {path}: {reason}."),
        QT_TR_NOOP(
            "Cannot write to the folder {folder}: {reason}. Choose another folder; no agreement "
            "was written."
        ),
        QT_TR_NOOP(
            "Cannot write {file} into {folder} ({reason}): it may be open in another program. "
            "{written} of {count} agreements were written."
        ),
        QT_TR_NOOP("Choose at least one change to accept."),
        QT_TR_NOOP("The actual end is before the actual start."),
        QT_TR_NOOP("The agreement is not signed by all parties yet."),
        QT_TR_NOOP("The deadline in the task '{task}' is not a date."),
        QT_TR_NOOP("The folder {folder} does not exist; no agreement was written."),
        QT_TR_NOOP("The returned {field} is longer than {limit} characters (it has {length})."),
        QT_TR_NOOP("The {document} has not been sent for signature yet: no PDF to send."),
        QT_TR_NOOP("The {document} is not signed by every party yet."),
        QT_TR_NOOP("There is no placement '{text}' in this database."),
        QT_TR_NOOP("There is no placement with id {id}."),
        QT_TR_NOOP("This agreement document no longer exists."),
        QT_TR_NOOP(
            "This agreement version is no longer the current one: a later version replaced it, or "
            "it was deleted."
        ),
        QT_TR_NOOP("This placement no longer exists."),
        QT_TR_NOOP("This placement no longer exists: someone may have deleted it."),
        QT_TR_NOOP("Write the mentor's evaluation of the trainee: Table D certifies it."),
        QT_TR_NOOP("a questionnaire"),
        QT_TR_NOOP("a traineeship certificate"),
        QT_TR_NOOP("an agreement"),
        QT_TR_NOOP("an amendment to an agreement"),
        QT_TR_NOOP("financial amount"),
        QT_TR_NOOP("financial support"),
        QT_TR_NOOP("host department"),
        QT_TR_NOOP("host insurance"),
        QT_TR_NOOP("in kind"),
        QT_TR_NOOP("mentor email"),
        QT_TR_NOOP("mentor name"),
        QT_TR_NOOP("mentor position"),
        QT_TR_NOOP("nothing of vipdesk"),
        QT_TR_NOOP("tasks"),
        QT_TR_NOOP("{file} carries a damaged vipdesk reference."),
        QT_TR_NOOP(
            "{file} carries the reference {reference} with the placement id {theirs}, but "
            "{reference} here is placement {ours}: the file comes from another database, or its "
            "properties were changed."
        ),
        QT_TR_NOOP(
            "{file} does not match version {version} of agreement {reference} as it was sent: it "
            "was made from other content."
        ),
        QT_TR_NOOP("{file} is damaged and cannot be read as a PDF ({reason})."),
        QT_TR_NOOP("{file} is damaged: its form fields cannot be read ({reason})."),
        QT_TR_NOOP("{file} is not a PDF file."),
        QT_TR_NOOP("{file} is not {wanted} exported by vipdesk."),
        QT_TR_NOOP("{file} is protected with a password; ask the sender for an unprotected copy."),
        QT_TR_NOOP("{file} is the agreement of placement {theirs}, not of {ours}."),
        QT_TR_NOOP(
            "{file} is version {version} of agreement {reference}, which is not stored here: "
            "export the current version and send that."
        ),
        QT_TR_NOOP("{file} is {found}, not {wanted} exported by vipdesk."),
        QT_TR_NOOP(
            "{file} was changed after vipdesk exported it: its vipdesk identifiers say {now}, but "
            "the file as exported says {was}. It is refused."
        ),
        QT_TR_NOOP(
            "{file}: the signature in {field} does not hold: {verdict}. The file is not reviewed; "
            "ask for the file as it was signed."
        ),
        QT_TR_NOOP("{one} or {other}"),
        QT_TR_NOOP("{reference} (placement {id})"),
    ),
)
