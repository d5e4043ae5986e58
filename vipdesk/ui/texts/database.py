"""What is wrong with the database, in the interface's language.

The database layer says why a database cannot be opened or reached (a refused password, a
locked or damaged file, a database of a newer vipdesk) as phrases; their English templates are
written again here for the catalogue, and a test keeps both sides the same.
"""

from __future__ import annotations

from typing import cast

from PySide6.QtCore import QT_TR_NOOP

TEMPLATES: tuple[str, ...] = cast(
    tuple[str, ...],
    (
        QT_TR_NOOP("Cannot create the database {name}: the folder {folder} is read-only."),
        QT_TR_NOOP("Cannot make the folder {folder} for the database: {reason}."),
        QT_TR_NOOP("The database"),
        QT_TR_NOOP("The database URL is not understood; write it as {forms}."),
        QT_TR_NOOP(
            "The database at {url} cannot be reached. Check the network or the server, then try "
            "again; nothing you typed has been lost."
        ),
        QT_TR_NOOP(
            "The database is busy: another program is writing to it. Try again in a moment."
        ),
        QT_TR_NOOP("The disk holding {database} is full: free some space, then try again."),
        QT_TR_NOOP(
            "The folder {folder} is read-only: vipdesk needs to write beside the database {name}. "
            "Nothing was changed."
        ),
        QT_TR_NOOP(
            "The server name {host} is not known: check the host in the database URL and the "
            "network."
        ),
        QT_TR_NOOP(
            "The server {host} asks for a password for user {user}: add it to the database URL "
            "(postgresql+psycopg://USER:PASSWORD@HOST/DATABASE)."
        ),
        QT_TR_NOOP(
            "The server {host} has no user {user}: check the user name in the database URL."
        ),
        QT_TR_NOOP(
            "The server {host} refused the password of user {user}: check the password in the "
            "database URL."
        ),
        QT_TR_NOOP(
            'There is no database "{name}" on the server {host}: check its name in the URL, or '
            "ask the administrator to create it."
        ),
        QT_TR_NOOP(
            "This database was made by a newer version of vipdesk (schema {schema}). Install the "
            "newer vipdesk to open it; it has not been changed."
        ),
        QT_TR_NOOP(
            'User {user} may not connect to the database "{name}" on {host}: ask the '
            "administrator for access."
        ),
        QT_TR_NOOP("the database"),
        QT_TR_NOOP(
            "vipdesk reaches PostgreSQL through psycopg: write the database URL as "
            "postgresql+psycopg://… instead of {scheme}://…."
        ),
        QT_TR_NOOP(
            "vipdesk works with SQLite files and PostgreSQL servers, not {scheme}://…; write the "
            "database URL as {forms}."
        ),
        QT_TR_NOOP(
            "{database} cannot be read or written: its disk or network drive reported an error or "
            "is not available. Check it, then try again."
        ),
        QT_TR_NOOP(
            "{database} holds other data and is not a vipdesk database; it has not been changed."
        ),
        QT_TR_NOOP(
            "{database} is damaged: it cannot be read as a database. It has not been changed; open "
            "a backup copy instead."
        ),
        QT_TR_NOOP(
            "{database} is not a vipdesk database: it is not a database file at all. It has not "
            "been changed."
        ),
        QT_TR_NOOP(
            "{database} is open read-only: vipdesk needs to write to it. Nothing was changed."
        ),
        QT_TR_NOOP("{path} cannot be opened: check that its folder exists and can be written to."),
        QT_TR_NOOP("{path} cannot be opened: your account may not read it (file permissions)."),
        QT_TR_NOOP(
            "{path} is a folder, not a database file: give the path of a file, such as {example}."
        ),
        QT_TR_NOOP(
            "{path} is a read-only file: vipdesk needs to write to it. Nothing was changed."
        ),
    ),
)
