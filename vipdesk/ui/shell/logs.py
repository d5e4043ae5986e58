"""The log file, `vipdesk.log` in the data folder: what went wrong and where, for whoever fixes
it, without the data it went wrong on.

The text of an exception often quotes that data: a cell ("Invalid datetime value Kowalska Anna
31.02.1999"), a row of a failed save (PostgreSQL's "DETAIL: Key (email)=(…)"), a file name. So
tracebacks are written with each exception reduced to its kind: the class, and for a database
error the driver's class, SQLSTATE and constraint name. The frames (file, line, function, the
line of code) stay: they are code, not data.
"""

from __future__ import annotations

import errno
import logging
import traceback
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from types import TracebackType

LOG_NAME = "vipdesk.log"
_LOG_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"

ExcInfo = tuple[type[BaseException], BaseException, TracebackType | None] | tuple[None, None, None]


def _class_name(value: object) -> str:
    kind = type(value)
    return (
        kind.__qualname__
        if kind.__module__ == "builtins"
        else f"{kind.__module__}.{kind.__qualname__}"
    )


def error_kind(exc: BaseException) -> str:
    """What went wrong, without the words that came with it.

    >>> error_kind(ValueError("Invalid datetime value Kowalska Anna 31.02.1999"))
    'ValueError'
    """
    details: list[str] = []
    orig = getattr(exc, "orig", None)  # SQLAlchemy's wrapper of a driver error
    driver = orig if isinstance(orig, BaseException) else exc
    if driver is not exc:
        details.append(_class_name(driver))
    sqlstate = getattr(driver, "sqlstate", None)  # psycopg
    if sqlstate:
        details.append(f"SQLSTATE {sqlstate}")
    diag = getattr(driver, "diag", None)  # psycopg: names from the schema, never values
    for label in ("constraint", "table", "column"):
        name = getattr(diag, f"{label}_name", None)
        if name:
            details.append(f"{label} {name}")
    sqlite_name = getattr(driver, "sqlite_errorname", None)
    if sqlite_name:
        details.append(str(sqlite_name))
    code = exc.errno if isinstance(exc, OSError) else None
    if code is not None and code in errno.errorcode:
        details.append(errno.errorcode[code])
    return _class_name(exc) + (f" ({', '.join(details)})" if details else "")


def private_traceback(exc: BaseException) -> str:
    """A traceback of `exc` and the exceptions that led to it, each reduced to its kind."""
    chain: list[BaseException] = []
    current: BaseException | None = exc
    while current is not None and all(current is not seen for seen in chain):
        chain.append(current)
        current = current.__cause__ or (
            None if current.__suppress_context__ else current.__context__
        )
    parts: list[str] = []
    for position, link in enumerate(reversed(chain)):
        if position:
            parts.append("\nwhich led to:\n\n")
        parts.append("Traceback (most recent call last):\n")
        parts.extend(traceback.format_tb(link.__traceback__))
        parts.append(f"{error_kind(link)}: (message left out: it may hold personal data)\n")
    return "".join(parts).rstrip("\n")


class PrivateFormatter(logging.Formatter):
    """Formats records as usual, and their exceptions with `private_traceback`."""

    def format(self, record: logging.LogRecord) -> str:
        # Another handler may have cached the full traceback on the record: never reuse it.
        cached = record.exc_text
        record.exc_text = None
        try:
            return super().format(record)
        finally:
            record.exc_text = cached

    def formatException(self, ei: ExcInfo) -> str:  # logging's name for it
        return private_traceback(ei[1]) if ei[1] is not None else ""


@contextmanager
def log_file(folder: Path) -> Iterator[Path]:
    """Log INFO and above to `folder/vipdesk.log` while the block runs."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / LOG_NAME
    handler = logging.FileHandler(path, encoding="utf-8")
    handler.setFormatter(PrivateFormatter(_LOG_FORMAT))
    root = logging.getLogger()
    level = root.level
    root.addHandler(handler)
    root.setLevel(min(level, logging.INFO) if level else logging.INFO)
    try:
        yield path
    finally:
        root.removeHandler(handler)
        root.setLevel(level)
        handler.close()
