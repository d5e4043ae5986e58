"""Why mail could not be written, sent or read, in the interface's language.

The mail services say each failure, refusal and problem as a phrase (`MailError.said`,
`VipdeskError.said`, `FieldProblem.said`); their English templates are written again here for
the catalogue, and a test keeps both sides the same. (A failure already stored with a message
in the outbox stays as it was written: the outbox keeps its text, in English, for the command
line and the log alike.)
"""

from __future__ import annotations

from typing import cast

from PySide6.QtCore import QT_TR_NOOP

TEMPLATES: tuple[str, ...] = cast(
    tuple[str, ...],
    (
        # why sending failed
        QT_TR_NOOP(
            "A secure connection to {where} failed: {reason} (is it the right port for the "
            "security chosen?)."
        ),
        QT_TR_NOOP(
            "Attachment too large: the message is {size} MB and the server takes at most "
            "{limit} MB."
        ),
        QT_TR_NOOP("Attachment too large: the server refused the message ({reply})."),
        QT_TR_NOOP(
            "Login refused by {where}: the user name or password is not accepted ({reply})."
        ),
        QT_TR_NOOP(
            "No mail server is set: fill in Settings → E-mail, or save the message as .eml."
        ),
        QT_TR_NOOP("No password is stored for {user}: enter it in Settings → E-mail."),
        QT_TR_NOOP("Recipient refused: {recipient} ({reply})."),
        QT_TR_NOOP("Sender refused: {sender} ({reply})."),
        QT_TR_NOOP("Server unreachable: cannot connect to {where} ({reason})."),
        QT_TR_NOOP(
            "The connection to the server was lost while sending; the message stays to be sent "
            "again."
        ),
        QT_TR_NOOP(
            "The server cannot take a user name or password with letters beyond A–Z (it offers "
            "no AUTH PLAIN)."
        ),
        QT_TR_NOOP("The server does not take addresses written in non-Latin letters (SMTPUTF8)."),
        QT_TR_NOOP("The server refused the message ({reply})."),
        QT_TR_NOOP(
            "The server {where} does not accept a login on this connection: choose STARTTLS or TLS."
        ),
        QT_TR_NOOP(
            "The server {where} does not offer STARTTLS: choose TLS or ask IT for the right port."
        ),
        # what keeps a message from being written or sent
        QT_TR_NOOP("Give at least one recipient."),
        QT_TR_NOOP("Give the message a subject."),
        QT_TR_NOOP("The subject is one line."),
        QT_TR_NOOP("The subject is over 300 characters."),
        QT_TR_NOOP("The attachments come to {size} MB; most servers take 25 MB."),
        QT_TR_NOOP("A file name may not hold a line break or a slash."),
        QT_TR_NOOP("A name or address may not hold a line break."),
        QT_TR_NOOP("An empty address is not an e-mail address."),
        QT_TR_NOOP("{address} is not an e-mail address."),
        QT_TR_NOOP("This message is no longer in the outbox."),
        # the settings
        QT_TR_NOOP("Give the server's name, like smtp.example.edu."),
        QT_TR_NOOP("The port is a number from 1 to 65535."),
        QT_TR_NOOP("Give the address messages come from."),
        QT_TR_NOOP("A setting is longer than 200 characters."),
        QT_TR_NOOP("Set the address messages come from in Settings → E-mail first."),
        QT_TR_NOOP("Give the user name the password belongs to."),
        # the office's wording of a template
        QT_TR_NOOP("A brace must enclose a placeholder, like {example}."),
        QT_TR_NOOP("Unknown placeholder {name}: use one of the list."),
        QT_TR_NOOP("The message needs a text."),
        QT_TR_NOOP("There is no mail template '{key}'."),
        # a message about a placement or its documents
        QT_TR_NOOP("This placement no longer exists."),
        QT_TR_NOOP("The placement has no academic tutor to send this to."),
        QT_TR_NOOP("A certificate is requested from the host, not signed by three."),
        QT_TR_NOOP("The certificate is kept; it is not sent to the parties."),
        QT_TR_NOOP("The fillable PDF is the agreement for the host's HR."),
        QT_TR_NOOP("The {document} is {state}: send it for signature first, then e-mail it."),
        QT_TR_NOOP("The trainee has signed the {document} already."),
        QT_TR_NOOP("The sending institution has signed the {document} already."),
        QT_TR_NOOP("The receiving organisation has signed the {document} already."),
        QT_TR_NOOP(
            "The agreement {reference} has no e-mail address for the trainee: add it to the "
            "record, or write the address in the message."
        ),
        QT_TR_NOOP(
            "The agreement {reference} has no e-mail address for the sending institution: add it "
            "to the record, or write the address in the message."
        ),
        QT_TR_NOOP(
            "The agreement {reference} has no e-mail address for the receiving organisation: add "
            "it to the record, or write the address in the message."
        ),
        # a received e-mail
        QT_TR_NOOP(
            "{name} is an Outlook .msg file, which vipdesk does not read: in Outlook, save the "
            "message as .eml (or save the attached PDF) and open that."
        ),
        QT_TR_NOOP("{name} is a PDF, not an e-mail: open it as a returned PDF."),
        QT_TR_NOOP("{name} is not an e-mail message (.eml)."),
        QT_TR_NOOP("{name} is over {limit} MB; save the PDF from it."),
        QT_TR_NOOP(
            "{name} carries no agreement or questionnaire exported by vipdesk (no attachment)."
        ),
        QT_TR_NOOP("{name} carries no agreement or questionnaire exported by vipdesk ({held})."),
        QT_TR_NOOP("Cannot read {name}: {reason}."),
    ),
)
