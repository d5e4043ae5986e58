"""What goes wrong with a database, in words that name the cause.

`check_url` refuses a URL vipdesk cannot use before anything is opened; `database_problem`
turns a driver's error into the one line the user reads (a refused password, a missing
database, a folder or a read-only file given as the database, a file that is not a database,
a server out of reach), or says that the error is a bug.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import (
    ArgumentError,
    DataError,
    DBAPIError,
    IntegrityError,
    InternalError,
    NotSupportedError,
    ProgrammingError,
)

from vipdesk.errors import DatabaseRefusedError, DatabaseUnavailableError, VipdeskError
from vipdesk.phrase import Phrase


def describe_url(url: str) -> str:
    """The URL without its password, fit for a window title or a message."""
    try:
        return make_url(url).render_as_string(hide_password=True)
    except (ArgumentError, ValueError):
        return "the database URL given"  # not echoed: it might hold a password


_URL_FORMS = "sqlite:///PATH/TO/FILE or postgresql+psycopg://USER:PASSWORD@HOST/DATABASE"


def check_url(url: str) -> URL:
    """The URL parsed, if it names a database vipdesk can use.

    Raises:
        DatabaseRefusedError: not a URL, or a kind of database (or driver) vipdesk does not use.
    """
    try:
        parsed = make_url(url)
    except (ArgumentError, ValueError) as exc:
        raise DatabaseRefusedError.said(
            "The database URL is not understood; write it as {forms}.", forms=_URL_FORMS
        ) from exc
    scheme = parsed.drivername
    if parsed.get_backend_name() in ("postgres", "postgresql") and scheme != "postgresql+psycopg":
        raise DatabaseRefusedError.said(
            "vipdesk reaches PostgreSQL through psycopg: write the database URL as "
            "postgresql+psycopg://… instead of {scheme}://….",
            scheme=scheme,
        )
    if scheme not in ("sqlite", "sqlite+pysqlite", "postgresql+psycopg"):
        raise DatabaseRefusedError.said(
            "vipdesk works with SQLite files and PostgreSQL servers, not {scheme}://…; "
            "write the database URL as {forms}.",
            scheme=scheme,
            forms=_URL_FORMS,
        )
    return parsed


def sqlite_path(url: str) -> Path | None:
    """The file of a SQLite URL; None for a server or an in-memory database."""
    parsed = make_url(url)
    database = parsed.database
    if parsed.get_backend_name() != "sqlite" or not database or database == ":memory:":
        return None
    if parsed.query.get("uri") == "true" and database.startswith("file:"):
        return Path(database.removeprefix("file:"))  # sqlite:///file:PATH?mode=ro&uri=true
    return Path(database)


# What drivers say when the server cannot be used right now (lower case).
_CONNECTION_WORDS = (
    "could not connect",
    "connection",
    "server closed",
    "terminating",
    "timeout",
    "timed out",
    "network",
    "no route",
    "refused",
)
# Errors that are about the data or the query, never about reaching the database.
_QUERY_ERRORS = (IntegrityError, ProgrammingError, DataError, NotSupportedError, InternalError)


def database_problem(exc: DBAPIError, url: str) -> VipdeskError | None:
    """What a driver error means to the user, naming its cause; None when it is a bug in a
    query (such as "no such table"), which must not be explained away as a network problem."""
    if isinstance(exc, _QUERY_ERRORS) and not exc.connection_invalidated:
        return None
    sqlite_name = getattr(exc.orig, "sqlite_errorname", None)
    if sqlite_name is not None:
        return _sqlite_problem(str(sqlite_name), sqlite_path(url))
    text = str(exc.orig if exc.orig is not None else exc).lower()
    found = _server_problem(text, make_url(url))
    if found is None and (exc.connection_invalidated or any(w in text for w in _CONNECTION_WORDS)):
        return DatabaseUnavailableError.said(
            "The database at {url} cannot be reached. Check the network or the server, then "
            "try again; nothing you typed has been lost.",
            url=describe_url(url),
        )
    return found


def _busy() -> DatabaseUnavailableError:
    return DatabaseUnavailableError.said(
        "The database is busy: another program is writing to it. Try again in a moment."
    )


def _sqlite_problem(name: str, path: Path | None) -> VipdeskError | None:
    # The file's name, or "The database" in the reader's language.
    shown: str | Phrase = str(path) if path is not None else Phrase("The database")
    if name.startswith(("SQLITE_BUSY", "SQLITE_LOCKED")):
        return _busy()
    if name.startswith("SQLITE_NOTADB"):
        return DatabaseRefusedError.said(
            "{database} is not a vipdesk database: it is not a database file at all. "
            "It has not been changed.",
            database=shown,
        )
    if name.startswith("SQLITE_CORRUPT"):
        return DatabaseRefusedError.said(
            "{database} is damaged: it cannot be read as a database. It has not been changed; "
            "open a backup copy instead.",
            database=shown,
        )
    if name.startswith("SQLITE_READONLY"):
        return DatabaseRefusedError.saying(_read_only(path, shown))
    if name.startswith("SQLITE_CANTOPEN") and path is not None:
        return DatabaseRefusedError.saying(_cannot_open(path))
    if name == "SQLITE_FULL":
        return DatabaseUnavailableError.said(
            "The disk holding {database} is full: free some space, then try again.",
            database=Phrase("the database") if path is None else shown,
        )
    if name.startswith(("SQLITE_IOERR", "SQLITE_CANTOPEN", "SQLITE_PERM")):
        return DatabaseUnavailableError.said(
            "{database} cannot be read or written: its disk or network drive reported an error "
            "or is not available. Check it, then try again.",
            database=shown,
        )
    return None


def _read_only(path: Path | None, shown: str | Phrase) -> Phrase:
    if path is not None and path.exists() and not os.access(path, os.W_OK):
        return Phrase(
            "{path} is a read-only file: vipdesk needs to write to it. Nothing was changed.",
            {"path": str(path)},
        )
    if path is not None and not os.access(path.parent, os.W_OK):
        return Phrase(
            "The folder {folder} is read-only: vipdesk needs to write beside the database "
            "{name}. Nothing was changed.",
            {"folder": str(path.parent), "name": path.name},
        )
    return Phrase(
        "{database} is open read-only: vipdesk needs to write to it. Nothing was changed.",
        {"database": shown},
    )


def _cannot_open(path: Path) -> Phrase:
    if path.is_dir():
        return Phrase(
            "{path} is a folder, not a database file: give the path of a file, such as {example}.",
            {"path": str(path), "example": str(path / "vipdesk.sqlite3")},
        )
    if not path.exists() and not os.access(path.parent, os.W_OK):
        return Phrase(
            "Cannot create the database {name}: the folder {folder} is read-only.",
            {"name": path.name, "folder": str(path.parent)},
        )
    if path.exists() and not os.access(path, os.R_OK):
        return Phrase(
            "{path} cannot be opened: your account may not read it (file permissions).",
            {"path": str(path)},
        )
    return Phrase(
        "{path} cannot be opened: check that its folder exists and can be written to.",
        {"path": str(path)},
    )


def _server_problem(text: str, url: URL) -> VipdeskError | None:
    """A PostgreSQL server's refusal, from its message (the SQLSTATE is not kept on a failed
    connection)."""
    host, user, name = url.host or "localhost", url.username or "(none)", url.database or ""
    if "password authentication failed" in text:
        return DatabaseRefusedError.said(
            "The server {host} refused the password of user {user}: check the password in the "
            "database URL.",
            host=host,
            user=user,
        )
    if "no password supplied" in text:
        return DatabaseRefusedError.said(
            "The server {host} asks for a password for user {user}: add it to the database URL "
            "(postgresql+psycopg://USER:PASSWORD@HOST/DATABASE).",
            host=host,
            user=user,
        )
    if re.search(r'database ".*" does not exist', text):
        return DatabaseRefusedError.said(
            'There is no database "{name}" on the server {host}: check its name in the URL, or '
            "ask the administrator to create it.",
            name=name,
            host=host,
        )
    if re.search(r'role ".*" does not exist', text):
        return DatabaseRefusedError.said(
            "The server {host} has no user {user}: check the user name in the database URL.",
            host=host,
            user=user,
        )
    if "permission denied for database" in text:
        return DatabaseRefusedError.said(
            'User {user} may not connect to the database "{name}" on {host}: ask the '
            "administrator for access.",
            user=user,
            name=name,
            host=host,
        )
    if "could not translate host name" in text or "name or service not known" in text:
        return DatabaseUnavailableError.said(
            "The server name {host} is not known: check the host in the database URL and the "
            "network.",
            host=host,
        )
    if "locked" in text or "busy" in text:
        return _busy()
    return None
