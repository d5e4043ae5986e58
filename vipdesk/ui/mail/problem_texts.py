"""Why mail could not be sent, in the interface's language.

The mail services say each failure as a phrase (`MailError.said`); their English templates are
written again here for the catalogue, and a test keeps both sides the same. (A failure already
stored with a message in the outbox stays as it was written.)
"""

from __future__ import annotations

from typing import cast

from PySide6.QtCore import QT_TR_NOOP

TEMPLATES: tuple[str, ...] = cast(
    tuple[str, ...],
    (
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
    ),
)
